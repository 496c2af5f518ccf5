// @vitest-environment happy-dom
// The credit page (/credit; issue 7 "Enforcement, blacklist, insurance") with the API stubbed: the
// listings with their states and the actions each state offers by role, the listing form and what it
// posts, removal / repair rejection / credit repair with the listing's version, a refused action showing
// the server's message; the enforcement table and form (yuan → fen); the policies and the gaps of cover
// with the days asked.
import { describe, expect, it, vi } from 'vitest'
import { setFetch } from '../src/api/client.js'
import { useSessionStore } from '../src/stores/session.js'
import CreditView from '../src/views/credit/CreditView.vue'
import { mountPage, pageTestSetup, settle } from './mountApp.js'

vi.setConfig({ testTimeout: 30_000 })

pageTestSetup('2026-11-29T02:00:00Z') // 10:00 in Shanghai

const A = '91441521YY0000276A'
const B = '91440300MA5XXXXXX1'
const NO_REPAIR = { decision: 'none', applied_on: null, note: '', decided_on: null }
const listing = (id, over = {}) => ({
  id: String(id), version: Number(id) + 1, uscc: A, enterprise_name: '示例化工有限公司（演示）', reason: '瞒报生产安全事故（演示）', legal_basis: '应急管理部令第11号 第六条',
  decision_unit: '汕尾市应急管理局（演示）', decision_no: `汕应急失信〔2026〕${id}号`, decided_on: '2026-10-08', period_last_day: '2029-10-07', early_removal_from: '2027-10-08',
  division_code: '441521', publish: true, removal: null, repair: NO_REPAIR, updated_at: '2026-10-08T02:00:00Z', updated_by: 'officer', ...over,
})
const LISTINGS = [
  listing(1),
  listing(2, { uscc: B, enterprise_name: '另一化工公司（演示）', repair: { decision: 'pending', applied_on: '2026-11-20', note: '已完成整改（演示）', decided_on: null } }),
  listing(3, { removal: { kind: 'revoked', kind_zh: '撤销', on: '2026-11-02', note: '' } }),
]
const ENFORCEMENT = [{
  id: '5', enterprise_uscc: A, kind: 'penalty', kind_zh: '行政处罚', date: '2026-11-10', decision_no: '（汕）应急罚〔2026〕5号', violation: '未按规定设置报警装置（演示）',
  legal_basis: '安全生产法第九十九条', penalty_kind: '罚款', fine_fen: 3_000_000, finding_ids: ['12'], division_code: '441521', created_at: '', created_by: 'officer',
}]
const POLICY = { id: '7', version: 2, enterprise_uscc: A, insurer: '某财产保险公司（演示）', policy_no: 'AQZX-2026-001', valid_from: '2026-01-01', valid_to: '2026-12-20', insured_amount_fen: 500_000_000, persons_covered: 120 }
const gapsOf = (within) => ({
  on: '2026-11-29', within,
  expiring: [{ enterprise_uscc: A, enterprise_name: '示例化工有限公司（演示）', division_code: '441521', state: 'expiring', days_left: 21, policy: POLICY }],
  missing: [
    { enterprise_uscc: B, enterprise_name: '另一化工公司（演示）', division_code: '440305', state: 'never_insured', days_left: null, policy: null },
    { enterprise_uscc: '91440300MA5YYYYYY2', enterprise_name: '第三化工公司（演示）', division_code: '440305', state: 'expired', days_left: null, policy: { ...POLICY, id: '8', valid_to: '2026-10-31' } },
  ],
})

const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
// GETs from the fixtures; writes answered by `write(method, path, body)` -> [status, body].
function creditStub({ write = () => [500, { error: { code: 'internal', message: 'no' } }] } = {}) {
  const calls = []
  setFetch(async (url, init) => {
    const u = new URL(url, 'http://app')
    const path = u.pathname.replace(/^\/api\/v1/, '')
    const method = init?.method ?? 'GET'
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body
    calls.push({ method, u, path, body })
    if (method !== 'GET') return json(...write(method, path, body))
    if (path === '/credit/listings') return json(200, { items: LISTINGS })
    if (path === '/credit/enforcement') return json(200, { items: ENFORCEMENT })
    if (path === '/credit/insurance') return json(200, { items: [POLICY] })
    if (path === '/credit/insurance-gaps') return json(200, gapsOf(Number(u.searchParams.get('within'))))
    return json(404, { error: { code: 'not_found', message: `no stub for ${path}`, request_id: 't' } })
  })
  return calls
}
const gets = (calls, path) => calls.filter((c) => c.method === 'GET' && c.path === path)
const writes = (calls) => calls.filter((c) => c.method !== 'GET').map((c) => [c.method, c.path, c.body])
const asUser = (role, extra = {}) => (useSessionStore().user = { id: 1, username: 'u', name: '测试员', role, ...extra })
const mountCredit = () => mountPage(CreditView, { name: 'credit', path: '/credit' })
const rows = (wrapper, table) => wrapper.findAll(`${table} .el-table__body tr.el-table__row`)
const actions = (row) => row.findAll('.credit-actions button').map((b) => b.text())
// Types into an input of a dialog (teleported to the body).
async function fill(dialog, selector, value) {
  const el = document.querySelector(`${dialog} ${selector}`)
  el.value = value
  el.dispatchEvent(new Event('input'))
  await settle()
}
const click = async (selector) => {
  document.querySelector(selector).click()
  await settle()
}
async function openTab(wrapper, name) {
  await wrapper.find(`#tab-${name}`).trigger('click')
  await settle()
}

describe('失信名单', () => {
  it('shows each listing\'s state and, to a city officer, the actions its state offers', async () => {
    asUser('city', { division_code: '4415' })
    const calls = creditStub()
    const { wrapper } = await mountCredit()
    expect(gets(calls, '/credit/listings')).toHaveLength(1)
    expect(gets(calls, '/credit/enforcement')).toHaveLength(0) // the other tabs load when opened
    const list = rows(wrapper, '.credit-listings-table')
    expect(list.map((r) => r.find('.credit-listing-state').text())).toEqual(['管理期内', '信用修复待审', '已移出'])
    expect(list[2].find('.credit-removal').text()).toBe('撤销移出 · 2026-11-02')
    for (const t of ['示例化工有限公司（演示）', A, '瞒报生产安全事故（演示）', '汕应急失信〔2026〕1号', '2026-10-08', '2029-10-07']) expect(list[0].text()).toContain(t)
    expect(list.map(actions)).toEqual([['移出'], ['移出', '驳回修复'], []])
    expect(wrapper.find('.credit-add-listing').exists()).toBe(true)
  })

  it('the listed enterprise\'s user may apply for credit repair, and may not list', async () => {
    asUser('enterprise', { enterprise_uscc: A })
    const calls = creditStub({ write: () => [200, LISTINGS[0]] })
    const { wrapper } = await mountCredit()
    const list = rows(wrapper, '.credit-listings-table')
    expect(list.map(actions)).toEqual([['申请信用修复'], [], []])
    expect(wrapper.find('.credit-add-listing').exists()).toBe(false)
    await list[0].find('.credit-do-repair').trigger('click')
    await settle()
    expect(document.querySelector('.credit-step').textContent).toContain('2027-10-08')
    await fill('.credit-step', '.credit-repair-note textarea', '已完成整改并公开承诺（演示）')
    await click('.credit-step .credit-step-submit')
    expect(writes(calls)).toEqual([['POST', '/credit/listings/1/repair', { version: 2, note: '已完成整改并公开承诺（演示）' }]])
    expect(gets(calls, '/credit/listings')).toHaveLength(2)
  })

  it('the listing form posts its fields', async () => {
    asUser('city')
    const calls = creditStub({ write: () => [201, listing(9)] })
    const { wrapper } = await mountCredit()
    await wrapper.find('.credit-add-listing').trigger('click')
    await settle()
    const d = '.credit-step'
    expect(document.querySelector(`${d} .credit-l-decided input`).value).toBe('2026-11-29')
    await fill(d, '.credit-l-uscc input', A)
    await fill(d, '.credit-l-reason textarea', '瞒报生产安全事故（演示）')
    await fill(d, '.credit-l-basis input', '应急管理部令第11号 第六条')
    await fill(d, '.credit-l-unit input', '汕尾市应急管理局（演示）')
    await fill(d, '.credit-l-no input', '汕应急失信〔2026〕9号')
    await click(`${d} .credit-step-submit`)
    expect(writes(calls)).toEqual([['POST', '/credit/listings', {
      uscc: A, reason: '瞒报生产安全事故（演示）', legal_basis: '应急管理部令第11号 第六条', decision_unit: '汕尾市应急管理局（演示）', decision_no: '汕应急失信〔2026〕9号', decided_on: '2026-11-29', publish: true,
    }]])
    expect(gets(calls, '/credit/listings')).toHaveLength(2)
    expect(document.querySelector('.credit-step-error')).toBeNull()
  })

  it('removes with the kind chosen (early while a repair is pending) and rejects a repair, each with the version', async () => {
    asUser('province')
    const calls = creditStub({ write: () => [200, LISTINGS[1]] })
    const { wrapper } = await mountCredit()
    await rows(wrapper, '.credit-listings-table')[1].find('.credit-do-remove').trigger('click')
    await settle()
    expect(document.querySelector('.credit-r-kind .is-active').dataset.kind).toBe('early')
    await fill('.credit-step', '.credit-r-note textarea', '信用修复通过')
    await click('.credit-step .credit-step-submit')
    await rows(wrapper, '.credit-listings-table')[1].find('.credit-do-reject').trigger('click')
    await settle()
    await click('.credit-step .credit-step-submit')
    await rows(wrapper, '.credit-listings-table')[0].find('.credit-do-remove').trigger('click')
    await settle()
    await click('.credit-step .credit-r-kind [data-kind="revoked"]')
    await click('.credit-step .credit-step-submit')
    expect(writes(calls)).toEqual([
      ['POST', '/credit/listings/2/removal', { version: 3, kind: 'early', on: '2026-11-29', note: '信用修复通过' }],
      ['POST', '/credit/listings/2/repair-rejection', { version: 3 }],
      ['POST', '/credit/listings/1/removal', { version: 2, kind: 'revoked', on: '2026-11-29', note: '' }],
    ])
  })

  it('a refused action keeps the dialog open with the server\'s message', async () => {
    asUser('county')
    const msg = 'u (county) may not remove listing 1: decided by 汕尾市'
    creditStub({ write: () => [403, { error: { code: 'permission_denied', message: msg, request_id: 'r' } }] })
    const { wrapper } = await mountCredit()
    await rows(wrapper, '.credit-listings-table')[0].find('.credit-do-remove').trigger('click')
    await settle()
    await click('.credit-step .credit-step-submit')
    expect(document.querySelector('.credit-step .credit-step-error').textContent).toContain(msg)
  })
})

describe('执法记录', () => {
  it('the table, and a record posted with the fine in fen and the linked findings', async () => {
    asUser('city')
    const calls = creditStub({ write: () => [201, ENFORCEMENT[0]] })
    const { wrapper } = await mountCredit()
    await openTab(wrapper, 'enforcement')
    expect(gets(calls, '/credit/enforcement')).toHaveLength(1)
    const row = rows(wrapper, '.credit-enforcement-table')[0]
    for (const t of ['2026-11-10', '行政处罚', A, '（汕）应急罚〔2026〕5号', '未按规定设置报警装置（演示）', '罚款']) expect(row.text()).toContain(t)
    expect(row.find('.credit-fine').text()).toBe('30,000.00')
    expect(row.find('.credit-finding').attributes('href')).toBe('/inspect?finding=12')
    await wrapper.find('.credit-record-enforcement').trigger('click')
    await settle()
    const d = '.credit-enforcement-form'
    await click(`${d} .credit-e-kind [data-kind="penalty"]`)
    await fill(d, '.credit-e-uscc input', A)
    await fill(d, '.credit-e-no input', '（汕）应急罚〔2026〕6号')
    await fill(d, '.credit-e-violation textarea', '重大隐患逾期未整改（演示）')
    await fill(d, '.credit-e-basis input', '安全生产法第一百零二条')
    await fill(d, '.credit-e-penalty input', '罚款')
    await fill(d, '.credit-e-fine input', '50000.5')
    await fill(d, '.credit-e-findings input', '12, 15')
    await click(`${d} .credit-enforcement-save`)
    expect(writes(calls)).toEqual([['POST', '/credit/enforcement', {
      enterprise_uscc: A, kind: 'penalty', date: '2026-11-29', decision_no: '（汕）应急罚〔2026〕6号', violation: '重大隐患逾期未整改（演示）', legal_basis: '安全生产法第一百零二条',
      penalty_kind: '罚款', finding_ids: ['12', '15'], fine_fen: 5_000_050,
    }]])
    expect(gets(calls, '/credit/enforcement')).toHaveLength(2)
  })
})

describe('安责险', () => {
  it('the policies, the gaps within 30 days, then 60; expiring with days left, missing never insured or expired', async () => {
    asUser('city')
    const calls = creditStub()
    const { wrapper } = await mountCredit()
    await openTab(wrapper, 'insurance')
    expect(gets(calls, '/credit/insurance-gaps').map((c) => Object.fromEntries(c.u.searchParams))).toEqual([{ within: '30' }])
    const policy = rows(wrapper, '.credit-policies-table')[0]
    for (const t of ['某财产保险公司（演示）', 'AQZX-2026-001', '2026-12-20', '5,000,000.00', '120']) expect(policy.text()).toContain(t)
    const expiring = rows(wrapper, '.credit-expiring-table')
    expect(expiring).toHaveLength(1)
    expect(expiring[0].find('.credit-days-left').text()).toBe('21 天')
    expect(rows(wrapper, '.credit-missing-table').map((r) => r.find('.credit-gap-state').text())).toEqual(['从未投保', '保单已过期'])
    await wrapper.find('.credit-gaps-within [data-days="60"] input').setValue(true)
    await settle()
    expect(gets(calls, '/credit/insurance-gaps').map((c) => c.u.searchParams.get('within'))).toEqual(['30', '60'])
  })

  it('corrects a policy with its version (amount in fen)', async () => {
    asUser('enterprise', { enterprise_uscc: A })
    const calls = creditStub({ write: () => [200, POLICY] })
    const { wrapper } = await mountCredit()
    await openTab(wrapper, 'insurance')
    await rows(wrapper, '.credit-policies-table')[0].find('.credit-edit-policy').trigger('click')
    await settle()
    const d = '.credit-policy-form'
    expect(document.querySelector(`${d} .credit-p-uscc input`).disabled).toBe(true)
    await fill(d, '.credit-p-to input', '2027-12-31')
    await fill(d, '.credit-p-amount input', '6000000')
    await click(`${d} .credit-policy-save`)
    expect(writes(calls)).toEqual([['PUT', '/credit/insurance/7', {
      enterprise_uscc: A, insurer: '某财产保险公司（演示）', policy_no: 'AQZX-2026-001', valid_from: '2026-01-01', valid_to: '2027-12-31', insured_amount_fen: 600_000_000, persons_covered: 120, version: 2,
    }]])
    expect(gets(calls, '/credit/insurance-gaps')).toHaveLength(2)
  })
})
