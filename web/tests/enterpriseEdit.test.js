import { afterEach, describe, expect, it } from 'vitest'
import { setCsrfToken, setFetch } from '../src/api/client.js'
import { changesApi, enterprisesApi } from '../src/api/endpoints.js'
import {
  ACTIVITIES, BUSINESS_ROLES, SECTORS, canEditEnterprise, changedFields, fieldLabelKey, formFromEnterprise, locationOf,
  patchFromForm, seesChanges,
} from '../src/views/registry/enterpriseEdit.js'
import { ROLES } from '../src/stores/scope.js'

const ENTERPRISE = {
  id: 7,
  uscc: '91440300MA5XXXXX1A',
  name: '深圳某某化工有限公司',
  legal_representative: '张三',
  address: '深圳市南山区某路1号',
  location: [113.93, 22.53],
  activities: ['storage', 'trade'],
  sector: 'chemical',
  division_code: '440305',
}

describe('who may edit an enterprise record', () => {
  it('an enterprise user, only their own enterprise', () => {
    expect(canEditEnterprise({ role: 'enterprise', enterprise_uscc: ENTERPRISE.uscc }, ENTERPRISE)).toBe(true)
    expect(canEditEnterprise({ role: 'enterprise', enterprise_uscc: '91440300MA5YYYYY2B' }, ENTERPRISE)).toBe(false)
    expect(canEditEnterprise({ role: 'enterprise' }, ENTERPRISE)).toBe(false)
  })
  it('province, department, city and county officers; not grid officers nor the administration roles', () => {
    const may = ROLES.filter((role) => role !== 'enterprise' && canEditEnterprise({ role, division_code: '4403' }, ENTERPRISE))
    expect(may).toEqual(['province', 'department', 'city', 'county'])
  })
  it('nobody without a user or a record', () => {
    expect(canEditEnterprise(null, ENTERPRISE)).toBe(false)
    expect(canEditEnterprise({ role: 'province' }, null)).toBe(false)
  })
})

describe('the change feed is for the business roles', () => {
  it('follows the roles that see business data', () => {
    expect(ROLES.filter((role) => seesChanges({ role }))).toEqual([...BUSINESS_ROLES])
    expect(seesChanges(null)).toBe(false)
  })
})

describe('the form', () => {
  it('starts from the record, coordinates as text', () => {
    const f = formFromEnterprise(ENTERPRISE)
    expect(f).toEqual({
      name: ENTERPRISE.name, legal_representative: '张三', address: ENTERPRISE.address, lon: '113.93', lat: '22.53',
      activities: ['storage', 'trade'], sector: 'chemical',
    })
    f.activities.push('use')
    expect(ENTERPRISE.activities).toEqual(['storage', 'trade']) // a copy, not the record's own list
  })
  it('takes missing fields as empty', () => {
    expect(formFromEnterprise({ name: 'x', location: null })).toMatchObject({ legal_representative: '', address: '', lon: '', lat: '', activities: [], sector: '' })
  })
})

describe('location', () => {
  it('both numbers, both empty (no location), or a problem', () => {
    expect(locationOf({ lon: ' 113.9 ', lat: '22.5' })).toEqual({ value: [113.9, 22.5] })
    expect(locationOf({ lon: '', lat: ' ' })).toEqual({ value: null })
    expect(locationOf({ lon: '113.9', lat: '' })).toEqual({ problem: 'enterpriseEdit.locationBoth' })
    expect(locationOf({ lon: '113,9', lat: '22.5' })).toEqual({ problem: 'enterpriseEdit.locationNumber' })
    expect(locationOf({ lon: '1e2', lat: '22.5' })).toEqual({ problem: 'enterpriseEdit.locationNumber' })
    expect(locationOf({ lon: '-.5', lat: '+22.' })).toEqual({ value: [-0.5, 22] })
  })
  it('leaves the range to the server', () => {
    expect(locationOf({ lon: '200', lat: '95' })).toEqual({ value: [200, 95] })
  })
})

describe('the patch holds only what changed', () => {
  const edit = (changes) => patchFromForm({ ...formFromEnterprise(ENTERPRISE), ...changes }, ENTERPRISE)

  it('nothing when nothing changed (also after white space or reordering)', () => {
    expect(edit({})).toEqual({ patch: {}, changed: [], problems: [] })
    expect(edit({ address: ` ${ENTERPRISE.address} `, activities: ['trade', 'storage'], lon: '113.930' })).toEqual({ patch: {}, changed: [], problems: [] })
  })
  it('a changed address, trimmed', () => {
    expect(edit({ address: ' 深圳市南山区新路2号 ' })).toEqual({ patch: { address: '深圳市南山区新路2号' }, changed: ['address'], problems: [] })
  })
  it('an emptied name is sent: the server says what is wrong with it', () => {
    expect(edit({ name: '  ' }).patch).toEqual({ name: '' })
  })
  it('a moved location, and null to remove it', () => {
    expect(edit({ lon: '113.94', lat: '22.54' }).patch).toEqual({ location: [113.94, 22.54] })
    expect(edit({ lon: '', lat: '' }).patch).toEqual({ location: null })
    expect(patchFromForm({ ...formFromEnterprise({ ...ENTERPRISE, location: null }), lon: '', lat: '' }, { ...ENTERPRISE, location: null }).patch).toEqual({})
  })
  it('activities in the server order, sector by its code', () => {
    expect(edit({ activities: ['use', 'production'], sector: 'port' }).patch).toEqual({ activities: ['production', 'use'], sector: 'port' })
    expect(edit({ activities: [] }).patch).toEqual({ activities: [] })
  })
  it('a location that cannot be sent is a problem of the form', () => {
    const r = edit({ lat: '', address: '新地址' })
    expect(r.problems).toEqual([{ field: 'location', key: 'enterpriseEdit.locationBoth' }])
  })
})

describe('the fields of a change', () => {
  it('are read from the server text or a list', () => {
    expect(changedFields('address, location')).toEqual(['address', 'location'])
    expect(changedFields('name')).toEqual(['name'])
    expect(changedFields(['sector', ' activities '])).toEqual(['sector', 'activities'])
    expect(changedFields('')).toEqual([])
    expect(changedFields(null)).toEqual([])
  })
  it('have labels for the editable fields only', () => {
    expect(fieldLabelKey('legal_representative')).toBe('enterpriseEdit.field.legal_representative')
    expect(fieldLabelKey('division_code')).toBeNull()
  })
})

describe('calls', () => {
  let calls = []
  afterEach(() => setCsrfToken(null))
  function answerJson(body, status = 200) {
    calls = []
    setFetch(async (url, init) => {
      calls.push({ url, init })
      return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
    })
  }

  it('PATCHes the enterprise with the CSRF token and JSON', async () => {
    setCsrfToken('tok')
    answerJson({ ...ENTERPRISE, address: '新地址' })
    const updated = await enterprisesApi.update(7, { address: '新地址' })
    expect(updated.address).toBe('新地址')
    expect(calls[0].url).toBe('/api/v1/enterprises/7')
    expect(calls[0].init.method).toBe('PATCH')
    expect(calls[0].init.headers['X-CSRF-Token']).toBe('tok')
    expect(calls[0].init.headers['Content-Type']).toBe('application/json')
    expect(JSON.parse(calls[0].init.body)).toEqual({ address: '新地址' })
  })
  it('a 400 carries the server validation message', async () => {
    answerJson({ error: { code: 'bad_request', message: 'name: 企业名称 is missing', request_id: 'r1' } }, 400)
    await expect(enterprisesApi.update(7, { name: '' })).rejects.toMatchObject({ status: 400, code: 'bad_request', message: 'name: 企业名称 is missing', requestId: 'r1' })
  })
  it('lists the changes by page', async () => {
    answerJson({ items: [], total: 0, page: 2, page_size: 20 })
    await changesApi.list({ page: 2, page_size: 20 })
    expect(calls[0].url).toBe('/api/v1/changes?page=2&page_size=20')
  })
})

describe('codes', () => {
  it('sectors and activities are the codes the server takes', () => {
    expect(SECTORS).toContain('chemical')
    expect(ACTIVITIES).toEqual(['production', 'storage', 'use', 'trade', 'transport', 'disposal'])
  })
})
