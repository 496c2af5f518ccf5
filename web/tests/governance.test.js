// The pure helpers of the governance page (src/governance.js): state labels and colours, the tabs by role,
// the quarter's text, the timeline's geometry, the request bodies of the report forms and the notice link.
// Expected positions are computed independently (Python datetime: day differences over the span).
import { describe, expect, it } from 'vitest'
import zhCN from '../src/i18n/zh-CN.js'
import en from '../src/i18n/en.js'
import {
  FILING_STATES, LIAISON_FIELDS, MILESTONE_KINDS, MILESTONE_STATES, OBLIGATION_KINDS, TABS, TASK_PROGRESS,
  amendBody, amendForm, canRemind, defaultQuarter, emptyFiling, filingBody, groupBarOption, groupTasks, measureText,
  milestoneText, noticeHref, planMilestones, quarterEnd, quarterText, rateText, reminderBody, seesGovernance,
  stateColor, stateTagType, tabsFor, taskNumber, timelineLayout, unitNames, unitsById,
} from '../src/governance.js'

const PLAN = {
  id: 1,
  issued: '2017-01-13',
  phases: [
    { name: '部署阶段', to: '2017-02-28', text: '部署阶段（2017年2月底之前）' },
    { name: '整治阶段', from: '2017-02-01', to: '2019-10-31', text: '整治阶段' },
    { name: '总结阶段', from: '2019-11-01', to: '2019-11-30', text: '总结阶段（2019年11月）' },
  ],
  groups: [{ number: 1, label: '一', title: '全面摸排危险化学品风险点危险源' }, { number: 2, label: '二', title: '有效防范遏制危险化学品重特大事故' }],
  tasks: [
    { number: 6, group: 2, title: '深化安全专项整治', assignments: [{ milestones: [
      { kind: 'interim', date: '2018-03-31', text: '2018年3月底前取得阶段性成果' },
      { kind: 'deepening', from: '2018-04-01', to: '2019-10-31', text: '2018年4月至2019年10月深化提升' },
    ] }] },
    { number: 1, group: 1, title: '全面摸排风险点危险源', assignments: [{ milestones: [{ kind: 'complete', date: '2017-06-30', text: '2017年6月底前完成' }] }] },
    { number: 4, group: 1, title: '建立风险防控体系', assignments: [{ milestones: [{ kind: 'continuous', text: '持续推进' }] }] },
  ],
}
const SPAN = 1051 // days from 2017-01-13 to 2019-11-30

describe('states', () => {
  it('tags and colours: on time green, late orange, missing red, pending grey', () => {
    expect(FILING_STATES.map(stateTagType)).toEqual(['success', 'warning', 'danger', 'info'])
    expect(FILING_STATES.map(stateColor)).toEqual(['#67c23a', '#e6a23c', '#f56c6c', '#909399'])
    expect(stateTagType('nonsense')).toBe('info')
  })
  it('labels exist in both languages for every code the server answers', () => {
    const families = [['states', FILING_STATES], ['kinds', OBLIGATION_KINDS], ['progress', TASK_PROGRESS], ['milestoneStates', MILESTONE_STATES],
      ['milestoneKinds', MILESTONE_KINDS], ['liaison', LIAISON_FIELDS], ['tabs', TABS]]
    for (const [family, codes] of families) {
      for (const code of codes) {
        expect(zhCN.governance[family][code], `zh ${family}.${code}`).toBeTruthy()
        expect(en.governance[family][code], `en ${family}.${code}`).toBeTruthy()
      }
    }
    expect(zhCN.governance.states).toEqual({ on_time: '按时报送', late: '逾期报送', missing: '逾期未报', pending: '未到期' })
  })
  it('a reminder only for what is not filed', () => {
    expect(['pending', 'missing', 'on_time', 'late'].map((state) => canRemind({ state }))).toEqual([true, true, false, false])
  })
})

describe('tabs by role', () => {
  it('province supervises; a department reports only as a unit of the plan; cities and counties report first', () => {
    expect(tabsFor('province', null)).toEqual(['overview', 'status', 'timeline', 'overdue', 'notice'])
    expect(tabsFor('department', null)).toEqual(['overview', 'status', 'timeline', 'overdue', 'notice'])
    expect(tabsFor('department', 'gd_safety_supervision')).toEqual(['overview', 'status', 'timeline', 'overdue', 'mine', 'notice'])
    expect(tabsFor('city', '440100')).toEqual(['mine', 'status', 'timeline'])
    expect(tabsFor('county', null)).toEqual(['mine', 'status', 'timeline'])
    expect(tabsFor('enterprise')).toEqual([])
    expect(['province', 'department', 'city', 'county', 'grid', 'enterprise', 'auditor'].map((role) => seesGovernance({ role }))).toEqual([true, true, true, true, false, false, false])
  })
})

describe('quarters', () => {
  it('reads 2017Q3 as 2017年第三季度 (Q3 2017 in English)', () => {
    expect(quarterText('2017Q3')).toBe('2017年第三季度')
    expect(quarterText('2019Q1', 'zh-CN')).toBe('2019年第一季度')
    expect(quarterText('2018Q4', 'en')).toBe('Q4 2018')
    expect(quarterText('2018Q5')).toBe('2018Q5')
    expect(quarterText(null)).toBe('')
    expect(quarterEnd('2017Q1')).toBe('2017-03-31')
    expect(quarterEnd('2016Q1')).toBe('2016-03-31')
    expect(quarterEnd('2017Q2')).toBe('2017-06-30')
  })
  it('the notice defaults to the latest quarter ended by the as-of day', () => {
    const quarters = [{ quarter: '2017Q1', due: '2017-04-10' }, { quarter: '2017Q2', due: '2017-07-07' }, { quarter: '2017Q3', due: '2017-10-13' }]
    expect(defaultQuarter(quarters, '2017-09-30')).toBe('2017Q3')
    expect(defaultQuarter(quarters, '2017-09-29')).toBe('2017Q2')
    expect(defaultQuarter(quarters, '2016-12-01')).toBe('2017Q1')
    expect(defaultQuarter([], '2017-09-29')).toBe('')
  })
  it('the notice link carries the quarter, the format and the as-of day', () => {
    expect(noticeHref(1, { quarter: '2017Q3', format: 'pdf', asOf: '2017-10-20' })).toBe('/api/v1/governance/plans/1/notice?quarter=2017Q3&format=pdf&as_of=2017-10-20')
    expect(noticeHref(1, { quarter: '2017Q3', format: 'xlsx', asOf: '' })).toBe('/api/v1/governance/plans/1/notice?quarter=2017Q3&format=xlsx')
  })
})

describe('texts', () => {
  it('rates, task numbers, unit names, milestones and measures', () => {
    expect(rateText(0.756)).toBe('75.6%')
    expect(rateText(null)).toBe('—')
    expect([7, 'T7', 't34', 'x', null].map(taskNumber)).toEqual([7, 7, 34, null, null])
    const byId = unitsById([{ id: 'gd_public_security', name: '广东省公安厅' }])
    expect(unitNames(['gd_public_security', 'all_provincial_units'], byId)).toEqual(['广东省公安厅', 'all_provincial_units'])
    expect(milestoneText({ kind: 'complete', due: '2017-06-30', text: '2017年6月底前完成' })).toBe('2017-06-30 2017年6月底前完成')
    expect(milestoneText(null)).toBe('')
    expect(measureText({ task: 'T2', label: '已辨识单元', numerator: 3, denominator: 4, text: '' })).toBe('已辨识单元: 3/4')
    expect(measureText({ task: 'T27', label: '失信', numerator: 2, denominator: null })).toBe('失信: 2')
    expect(measureText({ task: 'T2', text: '已辨识 3/4 个单元' })).toBe('已辨识 3/4 个单元')
  })
  it('groups tasks by group, in number order', () => {
    expect(groupTasks(PLAN).map((g) => [g.label, g.tasks.map((t) => t.number)])).toEqual([['一', [1, 4]], ['二', [6]]])
  })
  it('the group bars leave a group without reports empty', () => {
    const option = groupBarOption([{ number: 2, percentage: 40.4 }, { number: 1, percentage: null }], { name: '完成进度', labelOf: (g) => ['', '一', '二'][g.number] })
    expect(option.xAxis.data).toEqual(['一', '二'])
    expect(option.series[0].data).toEqual([null, 40])
  })
})

describe('timeline geometry', () => {
  const at = (days) => (days / SPAN) * 100

  it('spans the issue to the last phase; phases are bands, the as-of day a line', () => {
    const layout = timelineLayout(PLAN, { asOf: '2018-11-29' })
    expect([layout.from, layout.to]).toEqual(['2017-01-13', '2019-11-30'])
    expect(layout.bands.map((b) => [b.name, b.from, b.to])).toEqual([['部署阶段', '2017-01-13', '2017-02-28'], ['整治阶段', '2017-02-01', '2019-10-31'], ['总结阶段', '2019-11-01', '2019-11-30']])
    expect(layout.bands[0].left).toBe(0)
    expect(layout.bands[0].width).toBeCloseTo(at(46), 9)
    expect(layout.bands[1].left).toBeCloseTo(at(19), 9)
    expect(layout.bands[1].width).toBeCloseTo(at(1021 - 19), 9)
    expect(layout.bands[2].left + layout.bands[2].width).toBeCloseTo(100, 9)
    expect(layout.today).toBeCloseTo(65.17602283539486, 9)
    expect(layout.ticks.map((x) => x.year)).toEqual([2018, 2019])
    expect(layout.ticks[0].left).toBeCloseTo(33.58705994291151, 9)
    expect(timelineLayout(PLAN, { asOf: '2020-01-01' }).today).toBeNull()
  })

  it('markers at their dates, deepening as bars, continuous as a full row; states from the dates alone', () => {
    const layout = timelineLayout(PLAN, { asOf: '2018-11-29' })
    expect(layout.groups.map((g) => [g.label, g.rows.map((r) => r.task)])).toEqual([['一', [1, 4]], ['二', [6]]])
    const [t1, t4] = layout.groups[0].rows
    const t6 = layout.groups[1].rows[0]
    expect(t1.marks).toHaveLength(1)
    expect(t1.marks[0]).toMatchObject({ kind: 'complete', date: '2017-06-30', state: 'past' })
    expect(t1.marks[0].left).toBeCloseTo(15.984776403425311, 9)
    expect(t4).toMatchObject({ marks: [], bars: [], continuous: { state: 'ongoing', text: '持续推进' } })
    expect(t6.marks[0]).toMatchObject({ kind: 'interim', date: '2018-03-31', state: 'past' })
    expect(t6.marks[0].left).toBeCloseTo(42.055185537583256, 9)
    expect(t6.bars).toHaveLength(1)
    expect(t6.bars[0]).toMatchObject({ from: '2018-04-01', to: '2019-10-31', state: 'ongoing' })
    expect(t6.bars[0].left).toBeCloseTo(42.150333016175075, 9)
    expect(t6.bars[0].width).toBeCloseTo(97.14557564224549 - 42.150333016175075, 9)
    expect(t1.continuous).toBeNull()
  })

  it('the dashboard\'s states win; a deepening not begun is upcoming', () => {
    expect(planMilestones(PLAN, '2017-03-01').map((m) => [m.task, m.kind, m.state])).toEqual([
      [6, 'interim', 'upcoming'], [6, 'deepening', 'upcoming'], [1, 'complete', 'upcoming'], [4, 'continuous', 'ongoing'],
    ])
    const milestones = [
      { task: 1, kind: 'complete', due: '2017-06-30', from: null, to: null, text: '完成', state: 'met' },
      { task: 'T6', kind: 'interim', due: '2018-03-31', from: null, to: null, text: '阶段性成果', state: 'overdue' },
    ]
    const layout = timelineLayout(PLAN, { milestones, asOf: '2018-11-29' })
    expect(layout.groups[0].rows[0].marks[0].state).toBe('met')
    expect(layout.groups[1].rows[0].marks[0].state).toBe('overdue')
    expect(layout.groups[1].rows[0].bars).toEqual([]) // only what the dashboard lists
  })

  it('an empty plan has no geometry', () => {
    expect(timelineLayout({}, {})).toEqual({ from: null, to: null, bands: [], ticks: [], today: null, groups: [] })
  })
})

describe('report bodies', () => {
  const mine = { unit: 'guangzhou', unit_name: '广州市人民政府', tasks: [{ task: 1, lead: false }, { task: 6, lead: true }] }

  it('a quarterly report: the quarter, the summary and one row per task of the unit', () => {
    const form = emptyFiling({ kind: 'quarterly_report', quarter: '2017Q3' }, mine, PLAN)
    expect(form.tasks.map((t) => [t.task, t.title, t.lead])).toEqual([[1, '全面摸排风险点危险源', false], [6, '深化安全专项整治', true]])
    form.summary = '  本季度推进情况 '
    form.tasks[1].progress = 'completed'
    form.tasks[1].percentage = 100.4
    form.tasks[1].text = ' 已完成 '
    expect(filingBody(form)).toEqual({
      kind: 'quarterly_report', quarter: '2017Q3', summary: '本季度推进情况',
      tasks: [{ task: 1, progress: 'in_progress', percentage: 0, text: '' }, { task: 6, progress: 'completed', percentage: 100, text: '已完成' }],
    })
  })

  it('the liaison report carries the five fields; the implementation plan the summary alone', () => {
    const liaison = emptyFiling({ kind: 'liaison', quarter: null }, mine, PLAN)
    Object.assign(liaison.liaison, { name: '张三', title: '处长', phone: '020-1', staff_name: '李四', staff_phone: '020-2' })
    expect(filingBody(liaison)).toEqual({ kind: 'liaison', summary: '', liaison: { name: '张三', title: '处长', phone: '020-1', staff_name: '李四', staff_phone: '020-2' } })
    const planForm = emptyFiling({ kind: 'implementation_plan', quarter: null }, mine, PLAN)
    planForm.summary = '实施方案'
    expect(filingBody(planForm)).toEqual({ kind: 'implementation_plan', summary: '实施方案' })
  })

  it('an amendment sends the version with the content', () => {
    const report = { id: 9, version: 3, kind: 'quarterly_report', quarter: '2017Q3', summary: '旧', tasks: [{ task: 6, title: 'x', lead: true, progress: 'in_progress', percentage: 50, text: '推进中' }] }
    const form = amendForm(report)
    form.summary = '新'
    expect(amendBody(form, report.version)).toEqual({ version: 3, summary: '新', tasks: [{ task: 6, progress: 'in_progress', percentage: 50, text: '推进中' }] })
  })

  it('a reminder names the unit, the obligation, the quarter and the note when given', () => {
    expect(reminderBody({ unit: 'shantou', kind: 'quarterly_report', quarter: '2017Q3' }, ' 请尽快报送 ')).toEqual({ unit: 'shantou', kind: 'quarterly_report', quarter: '2017Q3', note: '请尽快报送' })
    expect(reminderBody({ unit: 'shantou', kind: 'liaison', quarter: null }, '  ')).toEqual({ unit: 'shantou', kind: 'liaison' })
  })
})
