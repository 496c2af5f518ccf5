// The pure helpers of the credit pages (src/credit.js; issue 7 "Enforcement, blacklist, insurance"): a
// listing's state and the actions it offers by role, yuan → fen, the request bodies, the quarter the
// inspection plan defaults to; and that the public blacklist's call never sends the visitor to log in.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { setFetch, setUnauthenticatedHandler } from '../src/api/client.js'
import {
  creditApi, emptyListing, emptyPolicy, emptyRemoval, enforcementBody, emptyEnforcement, fenText, listingActions, listingBody,
  listingState, planStatusTagType, policyBody, policyForm, quarterOf, removalBody, yuanToFen,
} from '../src/credit.js'

const A = '91441521YY0000276A'
const listing = (over = {}) => ({ id: '1', version: 3, uscc: A, removal: null, repair: { decision: 'none', applied_on: null, note: '', decided_on: null }, ...over })
const pending = listing({ repair: { decision: 'pending', applied_on: '2026-11-01', note: '已整改', decided_on: null } })
const removed = listing({ removal: { kind: 'expired', kind_zh: '期满移出', on: '2026-11-02', note: '' } })
const city = { role: 'city', division_code: '4415' }
const own = { role: 'enterprise', enterprise_uscc: A }

describe('listings', () => {
  it('the state: removed, a repair pending, else in force (a rejected repair leaves it in force)', () => {
    expect(listingState(listing())).toBe('in_force')
    expect(listingState(listing({ repair: { decision: 'rejected' } }))).toBe('in_force')
    expect(listingState(pending)).toBe('repair_pending')
    expect(listingState(removed)).toBe('removed')
    expect(listingState({ ...pending, removal: removed.removal })).toBe('removed')
  })

  it('the actions by state and role', () => {
    expect(listingActions(listing(), city)).toEqual(['remove'])
    expect(listingActions(pending, { role: 'province' })).toEqual(['remove', 'reject'])
    expect(listingActions(removed, city)).toEqual([])
    expect(listingActions(listing(), own)).toEqual(['repair'])
    expect(listingActions(pending, own)).toEqual([])
    expect(listingActions(listing(), { role: 'enterprise', enterprise_uscc: '91440300MA5XXXXXX1' })).toEqual([])
    expect(listingActions(listing(), { role: 'grid' })).toEqual([])
    expect(listingActions(listing(), null)).toEqual([])
  })

  it('the listing body trims its fields; the removal defaults to early while a repair is pending', () => {
    expect(listingBody({ ...emptyListing('2026-11-29'), uscc: ` ${A} `, reason: ' 瞒报事故 ', legal_basis: '令第11号', decision_unit: '某市应急管理局' })).toEqual({
      uscc: A, reason: '瞒报事故', legal_basis: '令第11号', decision_unit: '某市应急管理局', decision_no: '', decided_on: '2026-11-29', publish: true,
    })
    expect(emptyRemoval(listing(), '2026-11-29')).toEqual({ kind: 'expired', on: '2026-11-29', note: '' })
    expect(emptyRemoval(pending, '2026-11-29').kind).toBe('early')
    expect(removalBody({ kind: 'revoked', on: '2026-11-29', note: ' 复议撤销 ' })).toEqual({ kind: 'revoked', on: '2026-11-29', note: '复议撤销' })
  })
})

describe('money and bodies', () => {
  it('yuan → fen, rounding to the fen; empty or not a number is null', () => {
    expect(yuanToFen('12000')).toBe(1_200_000)
    expect(yuanToFen(0.1 + 0.2)).toBe(30)
    expect(yuanToFen('19.99')).toBe(1999)
    expect(yuanToFen('')).toBeNull()
    expect(yuanToFen('abc')).toBeNull()
    expect(fenText(1_234_560)).toBe('12,345.60')
    expect(fenText(null)).toBe('—')
  })

  it('the enforcement body: the fine in fen only when given, finding ids split', () => {
    const form = { ...emptyEnforcement('2026-11-29'), enterprise_uscc: A, kind: 'penalty', decision_no: '（粤）应急罚〔2026〕1号', fine_yuan: '30000', finding_ids: '12, 15、 19' }
    expect(enforcementBody(form)).toEqual({
      enterprise_uscc: A, kind: 'penalty', date: '2026-11-29', decision_no: '（粤）应急罚〔2026〕1号', violation: '', legal_basis: '', penalty_kind: '', finding_ids: ['12', '15', '19'], fine_fen: 3_000_000,
    })
    expect('fine_fen' in enforcementBody({ ...form, fine_yuan: '' })).toBe(false)
    expect(enforcementBody({ ...form, finding_ids: '' }).finding_ids).toEqual([])
  })

  it('the policy body, new and corrected (with its version); an enterprise user records its own', () => {
    expect(emptyPolicy(own).enterprise_uscc).toBe(A)
    expect(emptyPolicy(city).enterprise_uscc).toBe('')
    const policy = { id: '7', version: 2, enterprise_uscc: A, insurer: '某财险（演示）', policy_no: 'P-1', valid_from: '2026-01-01', valid_to: '2026-12-31', insured_amount_fen: 500_000_000, persons_covered: 120 }
    const form = policyForm(policy)
    expect(form.insured_yuan).toBe(5_000_000)
    expect(policyBody(form, policy.version)).toEqual({
      enterprise_uscc: A, insurer: '某财险（演示）', policy_no: 'P-1', valid_from: '2026-01-01', valid_to: '2026-12-31', insured_amount_fen: 500_000_000, persons_covered: 120, version: 2,
    })
    expect('version' in policyBody(form)).toBe(false)
  })
})

describe('the inspection plan', () => {
  it('the quarter of a day', () => {
    expect(quarterOf('2026-11-29')).toEqual({ from: '2026-10-01', to: '2026-12-31' })
    expect(quarterOf('2026-01-01')).toEqual({ from: '2026-01-01', to: '2026-03-31' })
    expect(quarterOf('2024-05-15')).toEqual({ from: '2024-04-01', to: '2024-06-30' })
    expect(quarterOf('2026-09-30')).toEqual({ from: '2026-07-01', to: '2026-09-30' })
    expect(quarterOf('')).toEqual({ from: '', to: '' })
  })

  it('overdue is red', () => {
    expect(planStatusTagType('overdue')).toBe('danger')
    expect(planStatusTagType('none')).toBe('info')
  })
})

describe('the public blacklist call', () => {
  afterEach(() => {
    setUnauthenticatedHandler(null)
    setFetch((...args) => globalThis.fetch(...args))
  })

  it('asks without a session and a 401 does not send the visitor to log in', async () => {
    const handler = vi.fn()
    setUnauthenticatedHandler(handler)
    const urls = []
    setFetch(async (url) => {
      urls.push(url)
      return new Response(JSON.stringify({ error: { code: 'unauthenticated', message: 'no session' } }), { status: 401, headers: { 'Content-Type': 'application/json' } })
    })
    await expect(creditApi.publicBlacklist('2026-11-29')).rejects.toMatchObject({ status: 401 })
    expect(urls).toEqual(['/api/v1/public/blacklist?on=2026-11-29'])
    expect(handler).not.toHaveBeenCalled()
  })
})
