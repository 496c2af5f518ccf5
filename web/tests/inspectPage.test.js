// @vitest-environment happy-dom
// The hidden-hazard page (/inspect) with the API stubbed: the query each filter sends, the table, the
// finding's drawer with its timeline, photos and the steps its state offers, a refused step showing the
// server's message, the plan and report forms with what they post, and ?finding=ID.
import { describe, expect, it, vi } from 'vitest'
import { setFetch } from '../src/api/client.js'
import { useSessionStore } from '../src/stores/session.js'
import InspectView from '../src/views/inspect/InspectView.vue'
import FindingList from '../src/views/inspect/FindingList.vue'
import FindingForm from '../src/views/inspect/FindingForm.vue'
import { mountPage, pageTestSetup, settle } from './mountApp.js'

vi.setConfig({ testTimeout: 30_000 })

pageTestSetup('2026-11-29T02:00:00Z') // 10:00 in Shanghai

const A = '91441521YY0000276A'
const SM3 = 'ab'.repeat(32)
const CHECKLIST = {
  code: 'major_hidden_hazard_criteria', name: '化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）',
  items: [
    { code: '1', text_zh: '危险化学品生产、经营单位主要负责人和安全生产管理人员未依法经考核合格', text_en: 'Heads not examined', verified: true },
    { code: '2', text_zh: '特种作业人员未持证上岗', text_en: 'Operators without certificates', verified: false },
  ],
}
const report = (over = {}) => ({
  id: '', inspection_id: '', enterprise_uscc: A, division_code: '441521', sector: '化工', description: '液氯储罐区可燃气体报警器失效', location: '液氯罐区',
  photo_ids: [], grade: 'general', grade_zh: '一般', major_criterion: null, legal_basis: 'GB 50493', found_date: '2026-11-01', found_by: 'officer', supervision_level: null, ...over,
})
const plan = { measures: ['更换报警器'], funds_yuan: 12000, responsible_person: '张三', deadline: '2026-11-20', submitted_on: '2026-11-03', submitted_by: 'ent' }
const x = { date: '2026-11-25', by: 'ent', note: '已更换' }
const finding = (id, state, over = {}) => ({
  id: String(id), kind: 'government', state, report: report({ id: String(id) }), plan: null, progress: [], rectification: null, acceptances: [], closure: null,
  version: 1, updated_at: '2026-11-20T02:00:00Z', updated_by: 'officer', enterprise_name: '示例化工有限公司（演示）', kind_zh: '政府检查', ...over,
})
const FINDINGS = [
  finding(1, 'reported'),
  finding(2, 'planned', { plan, report: report({ id: '2', grade: 'major', grade_zh: '重大', major_criterion: 2, supervision_level: 'city', photo_ids: [SM3] }) }),
  finding(3, 'rectified', { plan, rectification: x }),
  finding(4, 'rectified', { plan, rectification: x, acceptances: [{ date: '2026-11-26', by: 'officer', outcome: 'passed', note: '', of: x }] }),
  finding(5, 'closed', { plan, rectification: x, acceptances: [{ date: '2026-11-26', by: 'officer', outcome: 'passed', note: '', of: x }], closure: { date: '2026-11-27', by: 'officer' } }),
]
const INSPECTIONS = [{ id: '4', kind: 'government', kind_zh: '政府检查', enterprise_uscc: A, enterprise_name: '示例化工有限公司（演示）', date: '2026-11-01', inspectors: ['李四', '王五'], scope: '罐区', checklist_code: CHECKLIST.code }]
const NOT_OVERDUE = { due: null, days_overdue: 0, reason: null, escalation: null, escalation_zh: null }

const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
// The API: GETs from the fixtures, writes answered by `write(method, path, body)` -> [status, body].
function inspectStub({ write = () => [500, { error: { code: 'internal', message: 'no' } }] } = {}) {
  const calls = []
  setFetch(async (url, init) => {
    const u = new URL(url, 'http://app')
    const path = u.pathname.replace(/^\/api\/v1/, '')
    const method = init?.method ?? 'GET'
    const isJson = typeof init?.body === 'string'
    const body = isJson ? JSON.parse(init.body) : init?.body
    calls.push({ method, u, path, body, headers: init?.headers ?? {} })
    if (method !== 'GET') {
      const [status, answer] = write(method, path, body)
      return json(status, answer)
    }
    if (path === '/inspect/checklist') return json(200, CHECKLIST)
    if (path === '/inspect/overdue') return json(200, { on: '2026-11-29', items: [{ ...FINDINGS[1], overdue: { due: '2026-10-20', days_overdue: 40, reason: 'past_deadline', escalation: 'city', escalation_zh: '市级' } }] })
    if (path === '/inspections') return json(200, { items: INSPECTIONS })
    if (path === '/findings') return json(200, { page: 1, page_size: 20, more: false, items: FINDINGS })
    if (path === `/findings/2/photos/${SM3}`) return new Response(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), { status: 200, headers: { 'Content-Type': 'image/png' } })
    const m = /^\/findings\/(\d+)$/.exec(path)
    const f = m && FINDINGS.find((y) => y.id === m[1])
    if (f) return json(200, { ...f, overdue: f.id === '2' ? { due: '2026-11-20', days_overdue: 9, reason: 'past_deadline', escalation: 'city', escalation_zh: '市级' } : NOT_OVERDUE })
    return json(404, { error: { code: 'not_found', message: `no stub for ${path}`, request_id: 't' } })
  })
  return calls
}
const gets = (calls, path) => calls.filter((c) => c.method === 'GET' && c.path === path)
const rows = (wrapper) => wrapper.findAll('.inspect-findings-table .el-table__body tr.el-table__row')
const asUser = (role, extra = {}) => (useSessionStore().user = { id: 1, username: 'u', name: '测试员', role, ...extra })
const mountInspect = (path = '/inspect') => mountPage(InspectView, { name: 'inspect', path })
const drawer = () => document.querySelector('.inspect-drawer')
const buttons = () => [...drawer().querySelectorAll('.inspect-actions button')].map((b) => b.textContent.trim())
// Types into an input of the step dialog (teleported to the body).
async function fill(selector, value, index = 0) {
  const el = document.querySelectorAll(`.inspect-step ${selector}`)[index]
  el.value = value
  el.dispatchEvent(new Event('input'))
  await settle()
}
const click = async (selector) => {
  document.querySelector(selector).click()
  await settle()
}
async function openRow(wrapper, i) {
  await rows(wrapper)[i].find('.inspect-open').trigger('click')
  await settle()
}

describe('the list of findings', () => {
  it('asks for the first page and the checklist; shows grade, state, deadline and days overdue in red', async () => {
    asUser('city', { division_code: '4415' })
    const calls = inspectStub()
    const { wrapper } = await mountInspect()
    expect(gets(calls, '/findings').map((c) => Object.fromEntries(c.u.searchParams))).toEqual([{ page: '1', page_size: '20' }])
    expect(gets(calls, '/inspect/checklist')).toHaveLength(1)
    const list = rows(wrapper)
    expect(list).toHaveLength(5)
    expect(list.map((r) => r.find('.inspect-grade').text())).toEqual(['一般', '重大', '一般', '一般', '一般'])
    expect(list.map((r) => r.find('.inspect-state').text())).toEqual(['待整改', '整改中', '待验收', '待验收', '已销号'])
    for (const t of ['示例化工有限公司（演示）', A, '液氯储罐区可燃气体报警器失效', '2026-11-01', '2026-11-20']) expect(list[1].text()).toContain(t)
    // Planned, deadline 2026-11-20, today 2026-11-29: 9 days; rectified and closed findings are not overdue.
    expect(list[1].find('.inspect-overdue').text()).toBe('逾期 9 天')
    expect(list.filter((r) => r.find('.inspect-overdue').exists())).toHaveLength(1)
  })

  it('filters by state, grade and overdue (overdue_on = today in Shanghai), starting at page 1', async () => {
    asUser('province')
    const calls = inspectStub()
    const { wrapper } = await mountInspect('/inspect?page=2')
    const last = () => Object.fromEntries(gets(calls, '/findings').at(-1).u.searchParams)
    expect(last()).toEqual({ page: '2', page_size: '20' })
    const list = wrapper.findComponent(FindingList)
    const select = (cls) => list.findAllComponents({ name: 'ElSelect' }).find((c) => c.classes().includes(cls))
    select('inspect-f-state').vm.$emit('update:modelValue', 'planned')
    await settle()
    expect(last()).toEqual({ state: 'planned', page: '1', page_size: '20' })
    select('inspect-f-grade').vm.$emit('update:modelValue', 'major')
    await settle()
    expect(last()).toEqual({ state: 'planned', grade: 'major', page: '1', page_size: '20' })
    await list.find('.inspect-f-overdue input').setValue(true)
    await settle()
    expect(last()).toEqual({ state: 'planned', grade: 'major', overdue_on: '2026-11-29', page: '1', page_size: '20' })
  })

  it('shows the error of a failed list', async () => {
    asUser('county')
    setFetch(async () => json(403, { error: { code: 'forbidden', message: '无权查看隐患', request_id: 'r1' } }))
    const { wrapper } = await mountInspect()
    expect(wrapper.find('.inspect-findings .error-state').text()).toContain('无权查看隐患')
  })
})

describe('the drawer of a finding', () => {
  it('offers the steps of its state', async () => {
    asUser('city')
    inspectStub()
    const { wrapper } = await mountInspect()
    const offered = []
    for (let i = 0; i < FINDINGS.length; i++) {
      await openRow(wrapper, i)
      offered.push(buttons())
    }
    expect(offered).toEqual([
      ['上传照片', '整改方案'],
      ['上传照片', '整改方案', '进展', '整改完成'],
      ['上传照片', '验收'],
      ['上传照片', '销号'],
      [],
    ])
  })

  it('shows the report, the overdue escalation, the photo as a thumbnail and the loop as a timeline', async () => {
    asUser('city')
    const calls = inspectStub()
    const { wrapper } = await mountInspect()
    await openRow(wrapper, 1)
    expect(gets(calls, '/findings/2')).toHaveLength(1)
    const d = drawer()
    expect(d.querySelector('.inspect-drawer-grade').textContent).toBe('重大')
    expect(d.querySelector('.inspect-drawer-overdue').textContent).toBe('逾期 9 天 · 市级督办')
    for (const t of ['第 2 条', '市级', 'GB 50493', '液氯罐区']) expect(d.textContent).toContain(t)
    expect(gets(calls, `/findings/2/photos/${SM3}`)).toHaveLength(1)
    const img = d.querySelector(`.inspect-photo[data-sm3="${SM3}"] img`)
    expect(img.getAttribute('src')).toMatch(/^blob:/)
    expect([...d.querySelectorAll('.inspect-timeline [data-kind]')].map((e) => e.dataset.kind)).toEqual(['reported', 'plan'])
    await openRow(wrapper, 4)
    expect([...drawer().querySelectorAll('.inspect-timeline [data-kind]')].map((e) => e.dataset.kind)).toEqual(['reported', 'plan', 'rectified', 'acceptance', 'closure'])
    expect(drawer().querySelector('.inspect-outcome').textContent).toBe('验收通过')
  })

  it('a refused step shows the server\'s message and changes nothing', async () => {
    asUser('county')
    const msg = 'u (county) may not close finding 4'
    const calls = inspectStub({ write: () => [403, { error: { code: 'permission_denied', message: msg, request_id: 'r' } }] })
    const { wrapper } = await mountInspect()
    await openRow(wrapper, 3)
    drawer().querySelector('.inspect-do-close').click()
    await settle()
    const posts = calls.filter((c) => c.method === 'POST')
    expect(posts.map((c) => c.path)).toEqual(['/findings/4/close'])
    expect(drawer().querySelector('.inspect-action-error').textContent).toContain(msg)
    expect(drawer().querySelector('.inspect-drawer-state').textContent).toBe('待验收')
  })

  it('submits a plan and shows the finding the server answers', async () => {
    asUser('enterprise', { enterprise_uscc: A })
    const planned = finding(1, 'planned', { plan: { ...plan, measures: ['更换报警器', '校验联锁'], deadline: '2026-12-31', submitted_on: '2026-11-29' } })
    const calls = inspectStub({ write: () => [200, planned] })
    const { wrapper } = await mountInspect()
    await openRow(wrapper, 0)
    drawer().querySelector('.inspect-do-plan').click()
    await settle()
    await fill('.inspect-plan-measure input', '更换报警器')
    await click('.inspect-step .inspect-plan-add')
    await fill('.inspect-plan-measure input', '校验联锁', 1)
    await fill('.inspect-plan-person input', '张三')
    await fill('.inspect-plan-deadline input', '2026-12-31')
    await click('.inspect-step .inspect-step-submit')
    const posts = calls.filter((c) => c.method === 'POST')
    expect(posts).toHaveLength(1)
    expect(posts[0].path).toBe('/findings/1/plan')
    expect(posts[0].body).toEqual({ measures: ['更换报警器', '校验联锁'], funds_yuan: 0, responsible_person: '张三', deadline: '2026-12-31' })
    expect(posts[0].headers['Content-Type']).toBe('application/json')
    expect(gets(calls, '/findings').length).toBe(2) // the list again
  })

  it('a refused acceptance keeps the dialog open with the message', async () => {
    asUser('enterprise', { enterprise_uscc: A })
    const msg = 'u (enterprise) may not accept finding 3'
    const calls = inspectStub({ write: () => [403, { error: { code: 'permission_denied', message: msg, request_id: 'r' } }] })
    const { wrapper } = await mountInspect()
    await openRow(wrapper, 2)
    drawer().querySelector('.inspect-do-accept').click()
    await settle()
    await fill('.inspect-step-note textarea', '符合要求')
    await click('.inspect-step .inspect-step-submit')
    expect(calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body])).toEqual([['/findings/3/acceptance', { outcome: 'passed', note: '符合要求' }]])
    expect(document.querySelector('.inspect-step .inspect-step-error').textContent).toContain(msg)
  })

  it('uploads the chosen file as the body with its type', async () => {
    asUser('city')
    const calls = inspectStub({ write: () => [201, finding(1, 'reported')] })
    const { wrapper } = await mountInspect()
    await openRow(wrapper, 0)
    const input = drawer().querySelector('.inspect-photo-input')
    const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'p.png', { type: 'image/png' })
    Object.defineProperty(input, 'files', { value: [file], configurable: true })
    input.dispatchEvent(new Event('change'))
    await settle()
    const posts = calls.filter((c) => c.method === 'POST')
    expect(posts.map((c) => c.path)).toEqual(['/findings/1/photos'])
    expect(posts[0].body).toBe(file)
    expect(posts[0].headers['Content-Type']).toBe('image/png')
  })

  it('?finding=ID opens that finding', async () => {
    asUser('city')
    const calls = inspectStub()
    await mountInspect('/inspect?finding=3')
    expect(gets(calls, '/findings/3')).toHaveLength(1)
    expect(drawer().querySelector('.inspect-drawer__title').textContent).toBe('隐患 #3')
  })
})

describe('reporting a finding', () => {
  it('an enterprise user reports on their own enterprise; a major finding sends its criterion and level; then a photo', async () => {
    asUser('enterprise', { enterprise_uscc: A })
    const saved = finding(9, 'reported', { kind: 'self' })
    const calls = inspectStub({ write: (method, path) => [201, path === '/findings' ? saved : { ...saved, report: { ...saved.report, photo_ids: [SM3] } }] })
    const { wrapper } = await mountInspect()
    await wrapper.find('.inspect-report').trigger('click')
    await settle()
    const form = wrapper.findComponent(FindingForm)
    expect(form.find('.inspect-f-uscc input').element.value).toBe(A)
    expect(form.find('.inspect-f-uscc input').attributes('disabled')).toBeDefined()
    expect(form.find('.inspect-f-criterion').exists()).toBe(false)
    await form.find('.inspect-f-description textarea').setValue('特种作业人员无证上岗')
    await form.find('.inspect-f-grade-radio .el-radio-button[data-grade="major"] input').setValue(true)
    await settle()
    const select = (cls) => form.findAllComponents({ name: 'ElSelect' }).find((c) => c.classes().includes(cls))
    expect(select('inspect-f-criterion').findAllComponents({ name: 'ElOption' }).map((o) => o.props('label'))).toEqual([
      `1. ${CHECKLIST.items[0].text_zh}`, `2. ${CHECKLIST.items[1].text_zh} (待核实)`,
    ])
    select('inspect-f-criterion').vm.$emit('update:modelValue', 2)
    select('inspect-f-supervision').vm.$emit('update:modelValue', 'county')
    await settle()
    await form.find('.inspect-form-save').trigger('click')
    await settle()
    const posts = calls.filter((c) => c.method === 'POST')
    expect(posts.map((c) => [c.path, c.body])).toEqual([['/findings', {
      enterprise_uscc: A, description: '特种作业人员无证上岗', location: '', grade: 'major', legal_basis: '', major_criterion: 2, supervision_level: 'county',
    }]])
    expect(document.querySelector('.inspect-form .inspect-form-done').textContent).toContain('隐患 #9 已上报')
    const input = document.querySelector('.inspect-form .inspect-report-photo')
    const file = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'p.jpg', { type: 'image/jpeg' })
    Object.defineProperty(input, 'files', { value: [file], configurable: true })
    input.dispatchEvent(new Event('change'))
    await settle()
    expect(calls.filter((c) => c.method === 'POST').at(-1).path).toBe('/findings/9/photos')
    expect(document.querySelector('.inspect-form .inspect-form-photos').textContent).toBe('已添加 1 张照片')
    await form.find('.inspect-form-finish').trigger('click')
    await settle()
    expect(gets(calls, '/findings/9')).toHaveLength(1) // the new finding's drawer
  })

  it('a refused report shows the server\'s message naming the field', async () => {
    asUser('city')
    const msg = 'supervision_level: required for a major finding'
    inspectStub({ write: () => [400, { error: { code: 'invalid_argument', message: msg, request_id: 'r' } }] })
    const { wrapper } = await mountInspect()
    await wrapper.find('.inspect-report').trigger('click')
    await settle()
    await wrapper.findComponent(FindingForm).find('.inspect-form-save').trigger('click')
    await settle()
    expect(document.querySelector('.inspect-form .inspect-form-error').textContent).toContain(msg)
  })
})

describe('the other tabs', () => {
  async function openTab(wrapper, name) {
    await wrapper.find(`#tab-${name}`).trigger('click')
    await settle()
  }

  it('逾期督办: days overdue in red and the level escalated to, asked only when the tab opens', async () => {
    asUser('province')
    const calls = inspectStub()
    const { wrapper } = await mountInspect()
    expect(gets(calls, '/inspect/overdue')).toHaveLength(0)
    await openTab(wrapper, 'overdue')
    expect(gets(calls, '/inspect/overdue')).toHaveLength(1)
    const row = wrapper.find('.inspect-overdue-table .el-table__body tr.el-table__row')
    expect(row.find('.inspect-overdue').text()).toBe('逾期 40 天')
    expect(row.find('.inspect-escalation').text()).toBe('市级')
    for (const t of ['2026-10-20', '超过整改期限', '重大', '整改中']) expect(row.text()).toContain(t)
  })

  it('检查记录: the list, and a government inspection recorded with the checklist', async () => {
    asUser('city', { name: '李四' })
    const calls = inspectStub({ write: () => [201, INSPECTIONS[0]] })
    const { wrapper } = await mountInspect()
    await openTab(wrapper, 'inspections')
    const row = wrapper.find('.inspect-inspections-table .el-table__body tr.el-table__row')
    for (const t of ['2026-11-01', '政府检查', '李四、王五', '罐区']) expect(row.text()).toContain(t)
    await wrapper.find('.inspect-record').trigger('click')
    await settle()
    const dialog = '.inspect-inspection-form'
    expect(document.querySelector(`${dialog} .inspect-i-date input`).value).toBe('2026-11-29')
    expect(document.querySelector(`${dialog} .inspect-i-inspector input`).value).toBe('李四')
    for (const [sel, value] of [['.inspect-i-uscc input', A], ['.inspect-i-scope input', '液氯罐区']]) {
      const el = document.querySelector(`${dialog} ${sel}`)
      el.value = value
      el.dispatchEvent(new Event('input'))
    }
    await settle()
    document.querySelector(`${dialog} .inspect-inspection-save`).click()
    await settle()
    expect(calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body])).toEqual([['/inspections', {
      kind: 'government', enterprise_uscc: A, date: '2026-11-29', inspectors: ['李四'], scope: '液氯罐区', checklist_code: CHECKLIST.code,
    }]])
    expect(gets(calls, '/inspections')).toHaveLength(2)
  })
})
