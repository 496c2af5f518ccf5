// @vitest-environment happy-dom
// The governance page (/governance; docs/api.md "Governance of the plan") with the API stubbed: the tabs
// each role gets; the province's status rows with their state tags, a reminder (催报) to a missing unit
// and what it posts; a filed row's report with the platform's measure beside the unit's words; a city
// officer filing a quarterly report (the body with its tasks) and the row turning on_time on the reload;
// a 409 shown as a conflict; the notice links with the quarter and the format.
import { describe, expect, it, vi } from 'vitest'
import { setFetch } from '../src/api/client.js'
import { useSessionStore } from '../src/stores/session.js'
import GovernanceView from '../src/views/governance/GovernanceView.vue'
import { mountPage, pageTestSetup, settle } from './mountApp.js'

// ECharts needs a canvas, which happy-dom has not; the chart's option is tested in governance.test.js.
vi.mock('../src/components/EChart.vue', async () => {
  const { defineComponent, h } = await import('vue')
  return { default: defineComponent({ props: { option: Object, height: String }, setup: () => () => h('div', { class: 'echart-stub' }) }) }
})

vi.setConfig({ testTimeout: 30_000 })

pageTestSetup('2026-11-29T02:00:00Z')

const UNITS = [
  { id: 'gd_safety_supervision', name: '广东省安全生产监督管理局', kind: 'provincial' },
  { id: 'guangzhou', name: '广州市人民政府', kind: 'city', division_code: '440100' },
  { id: 'shantou', name: '汕头市人民政府', kind: 'city', division_code: '440500' },
  { id: 'all_provincial_units', name: '省各有关单位', kind: 'collective' },
]
const planOf = (myUnit) => ({
  id: 1, code: '粤府办〔2017〕11号', title: '广东省危险化学品安全综合治理实施方案', issued: '2017-01-13', source_url: '',
  phases: [
    { name: '部署阶段', to: '2017-02-28', text: '部署阶段' },
    { name: '整治阶段', from: '2017-02-01', to: '2019-10-31', text: '整治阶段' },
    { name: '总结阶段', from: '2019-11-01', to: '2019-11-30', text: '总结阶段' },
  ],
  reporting: { recipient: '省安委会办公室', first_quarter: '2017Q1', last_quarter: '2017Q3', quarters: [{ quarter: '2017Q1', due: '2017-04-10' }, { quarter: '2017Q2', due: '2017-07-07' }, { quarter: '2017Q3', due: '2017-10-13' }] },
  groups: [{ number: 1, label: '一', title: '全面摸排危险化学品风险点危险源' }],
  tasks: [
    { number: 1, group: 1, title: '全面摸排风险点危险源', lead_units: [], co_units: ['all_provincial_units'], assignments: [{ milestones: [{ kind: 'complete', date: '2017-06-30', text: '2017年6月底前完成' }] }] },
    { number: 2, group: 1, title: '重点排查重大危险源', lead_units: ['gd_safety_supervision'], co_units: [], assignments: [{ milestones: [{ kind: 'continuous', text: '持续推进' }] }] },
  ],
  units: UNITS,
  my_unit: myUnit,
})
const row = (unit, unit_name, kind, quarter, due, state, over = {}) => ({ unit, unit_name, kind, quarter, due, state, filed_on: null, days_late: 0, report_id: null, reminders: 0, ...over })
const STATUS = [
  row('guangzhou', '广州市人民政府', 'liaison', null, '2017-02-20', 'on_time', { filed_on: '2017-02-18', report_id: 11 }),
  row('guangzhou', '广州市人民政府', 'quarterly_report', '2017Q3', '2017-10-13', 'late', { filed_on: '2017-10-16', days_late: 3, report_id: 12 }),
  row('shantou', '汕头市人民政府', 'quarterly_report', '2017Q3', '2017-10-13', 'missing', { days_late: 7, reminders: 1 }),
  row('shantou', '汕头市人民政府', 'summary', null, '2019-11-15', 'pending'),
]
const TOTALS = { pending: 1, on_time: 1, late: 1, missing: 1 }
const MEASURE = { task: 'T2', label: '已辨识的单元', numerator: 30, denominator: 40, value: 0.75, text: '按GB 18218-2018辨识 30/40 个单元' }
const DASHBOARD = {
  as_of: '2017-10-20', totals: TOTALS,
  tasks: [{ number: 2, group: 1, title: '重点排查重大危险源', lead_units: ['gd_safety_supervision'], percentage: 62.5, progress: 'in_progress', reported: 1, lead_count: 1, latest_quarter: '2017Q3', next_milestone: null, overdue_milestones: 1 }],
  groups: [{ number: 1, title: '全面摸排危险化学品风险点危险源', percentage: 62.5, tasks: 2, completed: 0 }],
  units: [{ unit: 'guangzhou', unit_name: '广州市人民政府', unit_kind: 'city', pending: 0, on_time: 1, late: 1, missing: 0, on_time_rate: 0.5 }],
  milestones: { items: [{ task: 1, kind: 'complete', due: '2017-06-30', from: null, to: null, text: '2017年6月底前完成', state: 'overdue' }], met: 0, overdue: 1, upcoming: 0, ongoing: 0 },
  overdue: [{ unit: 'shantou', unit_name: '汕头市人民政府', kind: 'quarterly_report', quarter: '2017Q3', due: '2017-10-13', days_late: 7, reminders: 1 }],
  measures: [MEASURE],
}
const REPORT = {
  id: 12, plan_id: 1, unit: 'guangzhou', unit_name: '广州市人民政府', kind: 'quarterly_report', quarter: '2017Q3', due: '2017-10-13', filed_on: '2017-10-16', state: 'late', days_late: 3,
  summary: '本季度完成重大危险源排查', tasks: [{ task: 2, title: '重点排查重大危险源', lead: false, progress: 'in_progress', percentage: 60, text: '已排查 30 个单元', measure: MEASURE }],
  attachments: [{ id: 'ab'.repeat(32), name: '进展报告.pdf', content_type: 'application/pdf', size: 2048 }], comments: [], amended: false, version: 1,
  filed_at: '2017-10-16T02:00:00Z', filed_by: 'gz', updated_at: '2017-10-16T02:00:00Z', updated_by: 'gz',
}

const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
// GETs from the fixtures (`mine` may change after a filing); writes answered by `write(method, path, body)`.
function governanceStub({ myUnit = null, mine = () => null, write = () => [500, { error: { code: 'internal', message: 'no' } }] } = {}) {
  const calls = []
  setFetch(async (url, init) => {
    const u = new URL(url, 'http://app')
    const path = u.pathname.replace(/^\/api\/v1/, '')
    const method = init?.method ?? 'GET'
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body
    calls.push({ method, u, path, body })
    if (method !== 'GET') return json(...write(method, path, body))
    if (path === '/governance/plans') return json(200, { items: [{ id: 1, code: '粤府办〔2017〕11号', title: '广东省危险化学品安全综合治理实施方案', issued: '2017-01-13', tasks: 2, groups: 1, first_quarter: '2017Q1', last_quarter: '2017Q3' }] })
    if (path === '/governance/plans/1') return json(200, planOf(myUnit))
    if (path === '/governance/plans/1/status') return json(200, { as_of: '2017-10-20', items: STATUS, by_unit: DASHBOARD.units, totals: TOTALS })
    if (path === '/governance/plans/1/dashboard') return json(200, DASHBOARD)
    if (path === '/governance/reports/12') return json(200, REPORT)
    if (path === '/governance/plans/1/mine' && mine()) return json(200, mine())
    if (path === '/governance/plans/1/mine') return json(403, { error: { code: 'forbidden', message: '调用者不是本方案的报送单位', request_id: 't' } })
    return json(404, { error: { code: 'not_found', message: `no stub for ${path}`, request_id: 't' } })
  })
  return calls
}
const gets = (calls, path) => calls.filter((c) => c.method === 'GET' && c.path === path)
const writes = (calls) => calls.filter((c) => c.method !== 'GET').map((c) => [c.method, c.path, c.body])
const asUser = (role, extra = {}) => (useSessionStore().user = { id: 1, username: 'u', name: '测试员', role, ...extra })
const mountGovernance = () => mountPage(GovernanceView, { name: 'governance', path: '/governance' })
const rows = (wrapper, table) => wrapper.findAll(`${table} .el-table__body tr.el-table__row`)
const tabNames = (wrapper) => wrapper.findAll('.governance-tabs .el-tabs__item').map((x) => x.text())
async function openTab(wrapper, name) {
  await wrapper.find(`#tab-${name}`).trigger('click')
  await settle()
}
async function fill(selector, value, events = ['input']) {
  const el = document.querySelector(selector)
  el.value = value
  for (const e of events) el.dispatchEvent(new Event(e))
  await settle()
}
const click = async (selector) => {
  document.querySelector(selector).click()
  await settle()
}

describe('the province office', () => {
  it('sees the supervision tabs, the totals and the tasks with their overdue milestones', async () => {
    asUser('province')
    const calls = governanceStub()
    const { wrapper } = await mountGovernance()
    expect(tabNames(wrapper)).toEqual(['总览', '报送情况', '时间轴', '逾期清单', '情况通报'])
    expect(gets(calls, '/governance/plans/1/dashboard')).toHaveLength(1)
    expect(gets(calls, '/governance/plans/1/mine')).toHaveLength(0)
    expect(wrapper.findAll('.governance-card').map((c) => c.text())).toEqual(['按时报送1', '逾期报送1', '逾期未报1', '未到期1'])
    const task = rows(wrapper, '.governance-task-table')[0]
    expect(task.classes()).toContain('has-overdue')
    for (const text of ['重点排查重大危险源', '广东省安全生产监督管理局', '推进中', '逾期节点 1 个']) expect(task.text()).toContain(text)
    expect(task.find('.el-progress').exists()).toBe(true)
    expect(rows(wrapper, '.governance-unit-table')[0].text()).toContain('50.0%')
    expect(wrapper.find('.governance-measure').text()).toContain('30 / 40')
  })

  it('sees the status rows with their states and reminds a missing unit with a note', async () => {
    asUser('province')
    const calls = governanceStub({ write: () => [201, { id: 5, unit: 'shantou', kind: 'quarterly_report', quarter: '2017Q3', note: '请于三日内报送', at: '2017-10-20T02:00:00Z', by: 'gd' }] })
    const { wrapper } = await mountGovernance()
    await openTab(wrapper, 'status')
    const list = rows(wrapper, '.governance-status-table')
    expect(list.map((r) => r.find('.governance-state').text())).toEqual(['按时报送', '逾期报送', '逾期未报', '未到期'])
    expect(list.map((r) => r.find('.governance-state').attributes('data-state'))).toEqual(['on_time', 'late', 'missing', 'pending'])
    expect(list[1].text()).toContain('2017年第三季度')
    expect(list[1].text()).toContain('2017-10-16')
    // 催报 only for what is not filed.
    expect(list.map((r) => r.find('.governance-do-remind').exists())).toEqual([false, false, true, true])
    await list[2].find('.governance-do-remind').trigger('click')
    await settle()
    expect(document.querySelector('.governance-remind').textContent).toContain('汕头市人民政府')
    await fill('.governance-remind .governance-remind-note textarea', ' 请于三日内报送 ')
    await click('.governance-remind .governance-remind-send')
    expect(writes(calls)).toEqual([['POST', '/governance/plans/1/reminders', { unit: 'shantou', kind: 'quarterly_report', quarter: '2017Q3', note: '请于三日内报送' }]])
    expect(gets(calls, '/governance/plans/1/status')).toHaveLength(2)
  })

  it('looks at the states as of another day: the status is asked again with as_of', async () => {
    asUser('province')
    const calls = governanceStub()
    const { wrapper } = await mountGovernance()
    await openTab(wrapper, 'status')
    expect(gets(calls, '/governance/plans/1/status').at(-1).u.searchParams.get('as_of')).toBe(null)
    await fill('.governance-f-as-of input', '2017-12-31')
    expect(gets(calls, '/governance/plans/1/status').at(-1).u.searchParams.get('as_of')).toBe('2017-12-31')
  })

  it('a filed row opens the report: state with days late, the unit\'s words beside the platform\'s measure, attachments; a comment posted', async () => {
    asUser('province')
    const calls = governanceStub({ write: () => [201, { id: 1, text: '请补充整改台账', at: '2017-10-21T02:00:00Z', by: 'gd' }] })
    const { wrapper } = await mountGovernance()
    await openTab(wrapper, 'status')
    await rows(wrapper, '.governance-status-table')[1].trigger('click')
    await settle()
    const drawer = document.querySelector('.governance-report')
    expect(drawer.querySelector('.governance-state').textContent).toBe('逾期报送')
    expect(drawer.querySelector('.governance-report-late').textContent).toBe('逾期3天')
    expect(drawer.querySelector('.governance-report-summary').textContent).toBe('本季度完成重大危险源排查')
    const task = drawer.querySelector('.governance-report-task')
    expect(task.textContent).toContain('已排查 30 个单元')
    expect(task.querySelector('.governance-report-measure').textContent).toBe('平台监测：按GB 18218-2018辨识 30/40 个单元')
    expect(drawer.querySelector('.governance-report-attachments a').getAttribute('href')).toBe(`/api/v1/governance/reports/12/attachments/${'ab'.repeat(32)}`)
    await fill('.governance-report .governance-comment-text textarea', '请补充整改台账')
    await click('.governance-report .governance-comment-add')
    expect(writes(calls)).toEqual([['POST', '/governance/reports/12/comments', { text: '请补充整改台账' }]])
    expect(document.querySelector('.governance-report-comments').textContent).toContain('请补充整改台账')
  })

  it('the overdue list, and the notice links with the quarter, the format and the as-of day', async () => {
    asUser('province')
    governanceStub()
    const { wrapper } = await mountGovernance()
    await openTab(wrapper, 'overdue')
    const overdue = rows(wrapper, '.governance-overdue-table')
    expect(overdue).toHaveLength(1)
    for (const text of ['汕头市人民政府', '季度进展报告', '2017年第三季度', '2017-10-13', '逾期7天']) expect(overdue[0].text()).toContain(text)
    await openTab(wrapper, 'notice')
    const href = (f) => wrapper.find(`.governance-notice-${f}`).attributes('href')
    expect(href('pdf')).toBe('/api/v1/governance/plans/1/notice?quarter=2017Q3&format=pdf&as_of=2017-10-20')
    expect(href('xlsx')).toBe('/api/v1/governance/plans/1/notice?quarter=2017Q3&format=xlsx&as_of=2017-10-20')
    expect(wrapper.find('.governance-notice-pdf').attributes('download')).toBeDefined()
    await wrapper.find('.governance-notice-as-of input').setValue('2017-12-31')
    expect(href('xlsx')).toBe('/api/v1/governance/plans/1/notice?quarter=2017Q3&format=xlsx&as_of=2017-12-31')
  })

  it('the timeline: one row per task, the dashboard\'s states, the as-of line', async () => {
    asUser('province')
    governanceStub()
    const { wrapper } = await mountGovernance()
    await openTab(wrapper, 'timeline')
    expect(wrapper.findAll('.gantt__row').map((r) => r.attributes('data-task'))).toEqual(['1', '2'])
    expect(wrapper.find('.gantt__row[data-task="1"] .gantt__mark').attributes('data-state')).toBe('overdue')
    expect(wrapper.find('.gantt__today').text()).toBe('今天 2017-10-20')
    expect(wrapper.findAll('.gantt__phase-name').map((b) => b.text())).toEqual(['部署阶段', '整治阶段', '总结阶段'])
  })
})

describe('a department officer', () => {
  it('supervises without reminders, and reports only when the department is a unit of the plan', async () => {
    asUser('department', { department: '省安全监管局' })
    governanceStub({ myUnit: 'gd_safety_supervision', mine: () => ({ unit: 'gd_safety_supervision', unit_name: '广东省安全生产监督管理局', tasks: [], items: [] }) })
    const { wrapper } = await mountGovernance()
    expect(tabNames(wrapper)).toEqual(['总览', '报送情况', '时间轴', '逾期清单', '我的报送', '情况通报'])
    await openTab(wrapper, 'status')
    expect(rows(wrapper, '.governance-status-table')).toHaveLength(4)
    expect(wrapper.find('.governance-do-remind').exists()).toBe(false)
  })
})

describe('a city officer', () => {
  const MINE_BEFORE = {
    unit: 'guangzhou', unit_name: '广州市人民政府', tasks: [{ task: 1, lead: false }, { task: 2, lead: true }],
    items: [
      row('guangzhou', '广州市人民政府', 'liaison', null, '2017-02-20', 'on_time', { filed_on: '2017-02-18', report_id: 11 }),
      row('guangzhou', '广州市人民政府', 'quarterly_report', '2017Q3', '2017-10-13', 'pending'),
    ],
  }

  it('reports first, and files a quarterly report that turns the row on_time', async () => {
    asUser('city', { division_code: '4401' })
    let filed = false
    const mine = () => (filed
      ? { ...MINE_BEFORE, items: [MINE_BEFORE.items[0], { ...MINE_BEFORE.items[1], state: 'on_time', filed_on: '2017-10-12', report_id: 13 }] }
      : MINE_BEFORE)
    const calls = governanceStub({ myUnit: 'guangzhou', mine, write: () => { filed = true; return [201, { ...REPORT, id: 13, state: 'on_time' }] } })
    const { wrapper } = await mountGovernance()
    expect(tabNames(wrapper)).toEqual(['我的报送', '报送情况', '时间轴'])
    expect(gets(calls, '/governance/plans/1/dashboard')).toHaveLength(0)
    expect(wrapper.find('.governance-mine-unit').text()).toContain('广州市人民政府')
    let list = rows(wrapper, '.governance-mine-table')
    expect(list.map((r) => r.find('.governance-state').text())).toEqual(['按时报送', '未到期'])
    expect(list[0].find('.governance-do-file').exists()).toBe(false)
    await list[1].find('.governance-do-file').trigger('click')
    await settle()
    const d = '.governance-report-form'
    expect(document.querySelector(`${d} .el-dialog__title`).textContent).toBe('填报：季度进展报告 · 2017年第三季度')
    const taskRows = [...document.querySelectorAll(`${d} .task-row`)]
    expect(taskRows.map((r) => r.dataset.task)).toEqual(['1', '2'])
    expect(taskRows[1].textContent).toContain('重点排查重大危险源')
    expect(taskRows[1].textContent).toContain('牵头')
    await fill(`${d} .governance-form-summary textarea`, '本季度完成重大危险源排查')
    await fill(`${d} .task-row[data-task="2"] .governance-task-percentage input`, '60', ['input', 'change'])
    await fill(`${d} .task-row[data-task="2"] .governance-task-text textarea`, '已排查 30 个单元')
    await click(`${d} .governance-form-submit`)
    expect(writes(calls)).toEqual([['POST', '/governance/plans/1/reports', {
      kind: 'quarterly_report', quarter: '2017Q3', summary: '本季度完成重大危险源排查',
      tasks: [{ task: 1, progress: 'in_progress', percentage: 0, text: '' }, { task: 2, progress: 'in_progress', percentage: 60, text: '已排查 30 个单元' }],
    }]])
    expect(gets(calls, '/governance/plans/1/mine')).toHaveLength(2)
    list = rows(wrapper, '.governance-mine-table')
    expect(list[1].find('.governance-state').attributes('data-state')).toBe('on_time')
    expect(list[1].find('.governance-do-file').exists()).toBe(false)
    expect(list[1].find('.governance-do-amend').exists()).toBe(true)
  })

  it('a filing refused with 409 says so and keeps the form open', async () => {
    asUser('city', { division_code: '4401' })
    const msg = '该季度报告已报送，请修改原报告'
    governanceStub({ myUnit: 'guangzhou', mine: () => MINE_BEFORE, write: () => [409, { error: { code: 'conflict', message: msg, request_id: 'r' } }] })
    const { wrapper } = await mountGovernance()
    await rows(wrapper, '.governance-mine-table')[1].find('.governance-do-file').trigger('click')
    await settle()
    await click('.governance-report-form .governance-form-submit')
    const error = document.querySelector('.governance-report-form .governance-form-error').textContent
    expect(error).toContain('该报送已填报或已被他人修改')
    expect(error).toContain(msg)
  })

  it('amends a filed report with its version and uploads an attachment as the raw body with its name', async () => {
    asUser('city', { division_code: '4401' })
    const filed = { ...MINE_BEFORE, items: [MINE_BEFORE.items[0], { ...MINE_BEFORE.items[1], state: 'late', filed_on: '2017-10-16', days_late: 3, report_id: 12 }] }
    const calls = governanceStub({ myUnit: 'guangzhou', mine: () => filed, write: (method) => (method === 'PUT' ? [200, { ...REPORT, version: 2 }] : [201, { id: 'cd'.repeat(32), name: '台账.pdf', content_type: 'application/pdf', size: 4 }]) })
    const { wrapper } = await mountGovernance()
    const list = rows(wrapper, '.governance-mine-table')
    await list[1].find('.governance-do-amend').trigger('click')
    await settle()
    const d = '.governance-report-form'
    expect(document.querySelector(`${d} .governance-form-summary textarea`).value).toBe('本季度完成重大危险源排查')
    await fill(`${d} .governance-form-summary textarea`, '补充：已完成整改台账')
    await click(`${d} .governance-form-submit`)
    await list[1].find('.governance-do-attach').trigger('click')
    const input = wrapper.find('.governance-attach-input')
    const file = new File(['%PDF'], '台账.pdf', { type: 'application/pdf' })
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
    await input.trigger('change')
    await settle()
    const w = calls.filter((c) => c.method !== 'GET')
    expect(w.map((c) => [c.method, c.path])).toEqual([['PUT', '/governance/reports/12'], ['POST', '/governance/reports/12/attachments']])
    expect(w[0].body).toEqual({ version: 1, summary: '补充：已完成整改台账', tasks: [{ task: 2, progress: 'in_progress', percentage: 60, text: '已排查 30 个单元' }] })
    expect(w[1].u.searchParams.get('name')).toBe('台账.pdf')
    expect(w[1].body).toBe(file)
    expect(wrapper.find('.governance-mine-notice').text()).toContain('已上传附件：台账.pdf')
  })
})
