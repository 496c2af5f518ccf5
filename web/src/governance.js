// 方案督办 (governance of the plan; docs/api.md "Governance of the plan", seed sections 三 and 五): the pure
// helpers of the /governance page. The codes are the server's (src/chemsafe/governance/status.h and
// obligations.h); the colours, texts, the tabs each role gets, the timeline's geometry and the request
// bodies of the report forms are worked out here so that they can be tested without a browser.

import { buildUrl } from './api/client.js'

// Filing states (governance::FilingState), in the order the totals show them.
export const FILING_STATES = Object.freeze(['on_time', 'late', 'missing', 'pending'])
// Reporting obligations (governance::ObligationKind).
export const OBLIGATION_KINDS = Object.freeze(['liaison', 'implementation_plan', 'quarterly_report', 'summary'])
// What a quarterly report says of a task (governance::TaskProgress).
export const TASK_PROGRESS = Object.freeze(['not_started', 'in_progress', 'completed', 'continuous'])
// Milestone states of the dashboard (governance::MilestoneStatus), and `past`: a dated milestone whose date
// has passed, for callers who see no dashboard (city and county officers) and so cannot tell met from overdue.
export const MILESTONE_STATES = Object.freeze(['met', 'overdue', 'upcoming', 'ongoing', 'past'])
export const MILESTONE_KINDS = Object.freeze(['complete', 'interim', 'deepening', 'continuous'])
// The five fields of the liaison report (seed section 五: 1名处级联络员和1名工作人员).
export const LIAISON_FIELDS = Object.freeze(['name', 'title', 'phone', 'staff_name', 'staff_phone'])
export const NOTICE_FORMATS = Object.freeze(['pdf', 'xlsx'])
// The tabs of the page, in the order the province sees them (我的报送 is a unit's).
export const TABS = Object.freeze(['mine', 'overview', 'status', 'timeline', 'overdue', 'notice'])

// Tag types and colours: 按时报送 green, 逾期报送 orange, 逾期未报 red, 未到期 grey.
const STATE_TAG = { on_time: 'success', late: 'warning', missing: 'danger', pending: 'info' }
const STATE_COLOR = { on_time: '#67c23a', late: '#e6a23c', missing: '#f56c6c', pending: '#909399' }
const MILESTONE_COLOR = { met: '#67c23a', overdue: '#f56c6c', upcoming: '#409eff', ongoing: '#8fa3bf', past: '#b1b3b8' }

export function stateTagType(state) {
  return STATE_TAG[state] ?? 'info'
}

export function stateColor(state) {
  return STATE_COLOR[state] ?? STATE_COLOR.pending
}

export function milestoneColor(state) {
  return MILESTONE_COLOR[state] ?? MILESTONE_COLOR.past
}

// A reminder (催报) is for an obligation not filed: pending or missing.
export function canRemind(row) {
  return row?.state === 'pending' || row?.state === 'missing'
}

export function isFiled(row) {
  return !!row && (row.state === 'on_time' || row.state === 'late')
}

// The tabs `role` gets: the province office supervises (everything but 我的报送); a department officer
// too, with 我的报送 when the department is a unit of the plan (`myUnit`); city and county officers
// report first, and see their status and the timeline.
export function tabsFor(role, myUnit = null) {
  switch (role) {
    case 'province':
      return ['overview', 'status', 'timeline', 'overdue', 'notice']
    case 'department':
      return ['overview', 'status', 'timeline', 'overdue', ...(myUnit ? ['mine'] : []), 'notice']
    case 'city':
    case 'county':
      return ['mine', 'status', 'timeline']
    default:
      return []
  }
}

// Whether `user` has the governance page: government officers (enterprises and grid officers get 403).
export function seesGovernance(user) {
  return !!user && ['province', 'department', 'city', 'county'].includes(user.role)
}

// Whether `role` supervises (reminders, comments): the province office only.
export function supervises(role) {
  return role === 'province'
}

const QUARTER_RE = /^(\d{4})Q([1-4])$/
const ZH_QUARTERS = ['一', '二', '三', '四']

// "2017Q3" -> {year: 2017, q: 3}; null when it is no quarter.
export function parseQuarter(text) {
  const m = QUARTER_RE.exec(String(text ?? ''))
  return m ? { year: Number(m[1]), q: Number(m[2]) } : null
}

// "2017Q3" -> "2017年第三季度" (zh-CN) or "Q3 2017" (en); anything else as it is.
export function quarterText(quarter, locale = 'zh-CN') {
  const p = parseQuarter(quarter)
  if (!p) return quarter === null || quarter === undefined ? '' : String(quarter)
  return locale === 'en' ? `Q${p.q} ${p.year}` : `${p.year}年第${ZH_QUARTERS[p.q - 1]}季度`
}

// The last day of a quarter, "2017Q3" -> "2017-09-30".
export function quarterEnd(quarter) {
  const p = parseQuarter(quarter)
  if (!p) return null
  const month = p.q * 3
  const day = new Date(Date.UTC(p.year, month, 0)).getUTCDate()
  return `${p.year}-${String(month).padStart(2, '0')}-${day}`
}

// The quarter a notice is asked for by default: the latest of `quarters` ([{quarter, due}]) that has
// ended by `asOf`, else the first.
export function defaultQuarter(quarters, asOf) {
  const list = (quarters ?? []).map((q) => (typeof q === 'string' ? q : q.quarter)).filter(Boolean)
  const ended = list.filter((q) => quarterEnd(q) <= String(asOf ?? ''))
  return ended.at(-1) ?? list[0] ?? ''
}

// Task numbers come as 7 or "T7" (measures name tasks "T2").
export function taskNumber(task) {
  const n = Number(String(task ?? '').replace(/^T/i, ''))
  return Number.isInteger(n) && n > 0 ? n : null
}

export function unitsById(units) {
  return new Map((units ?? []).map((u) => [u.id, u]))
}

// The names of unit ids, the id itself when the plan does not name it (a collective such as
// all_provincial_units when the plan's list leaves it out).
export function unitNames(ids, byId) {
  return (ids ?? []).map((id) => byId?.get(id)?.name ?? id)
}

// The plan's tasks grouped by their group (一…十), groups in number order, tasks in number order; tasks of
// a group the plan does not list come last under a group of their own number.
export function groupTasks(plan) {
  const groups = new Map((plan?.groups ?? []).map((g) => [g.number, { ...g, tasks: [] }]))
  for (const task of [...(plan?.tasks ?? [])].sort((a, b) => a.number - b.number)) {
    if (!groups.has(task.group)) groups.set(task.group, { number: task.group, label: String(task.group), title: '', tasks: [] })
    groups.get(task.group).tasks.push(task)
  }
  return [...groups.values()].sort((a, b) => a.number - b.number)
}

// 0.756 -> "75.6%"; null -> "—".
export function rateText(rate) {
  if (rate === null || rate === undefined || !Number.isFinite(Number(rate))) return '—'
  return `${(Number(rate) * 100).toFixed(1)}%`
}

// A percentage 0–100 as an integer for el-progress; null stays null.
export function percentValue(p) {
  if (p === null || p === undefined || !Number.isFinite(Number(p))) return null
  return Math.max(0, Math.min(100, Math.round(Number(p))))
}

// The dashboard's next milestone of a task (an object {kind, due|date|to, text}, or text): one line.
export function milestoneText(m) {
  if (m === null || m === undefined || m === '') return ''
  if (typeof m !== 'object') return String(m)
  const when = m.due ?? m.date ?? m.to ?? ''
  return [when, m.text ?? ''].filter(Boolean).join(' ')
}

// What the platform measures of a task, as one line: its own text, else "label: n/d".
export function measureText(measure) {
  if (!measure) return ''
  if (measure.text) return measure.text
  const frac = measure.denominator === null || measure.denominator === undefined ? `${measure.numerator}` : `${measure.numerator}/${measure.denominator}`
  return `${measure.label ?? measure.task}: ${frac}`
}

// Bars of the completion of each group (mean reported percentage), labelled 一…十; a group without any
// report shows no bar.
export function groupBarOption(groups, { name, labelOf = (g) => g.label ?? String(g.number) } = {}) {
  const rows = [...(groups ?? [])].sort((a, b) => a.number - b.number)
  return {
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (v === null || v === undefined ? '—' : `${v}%`) },
    xAxis: { type: 'category', data: rows.map(labelOf), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [{
      name,
      type: 'bar',
      barMaxWidth: 36,
      itemStyle: { color: '#3a7bd5' },
      label: { show: true, position: 'top', formatter: ({ value }) => (value === null || value === undefined ? '' : `${value}%`) },
      data: rows.map((g) => percentValue(g.percentage)),
    }],
  }
}

// ---- The timeline (时间轴) ----

const DAY_MS = 86_400_000
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

// "2017-06-30" -> days since 1970-01-01; null when it is no date.
export function dayNumber(date) {
  const m = DATE_RE.exec(String(date ?? ''))
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : null
}

// The milestones of the plan's tasks as the dashboard lists them ({task, kind, due, from, to, text}), with
// a state worked out from the dates alone: continuous → ongoing; a date (or a deepening's end) still to come
// → upcoming (a deepening already begun → ongoing); a date passed → past.
export function planMilestones(plan, asOf) {
  const today = dayNumber(asOf)
  const out = []
  for (const task of plan?.tasks ?? []) {
    for (const a of task.assignments ?? []) {
      for (const m of a.milestones ?? []) {
        const due = m.kind === 'continuous' ? null : (m.date ?? m.to ?? null)
        let state = 'ongoing'
        if (m.kind !== 'continuous') {
          const d = dayNumber(due)
          if (today === null || d === null || d >= today) state = m.kind === 'deepening' && dayNumber(m.from) <= today ? 'ongoing' : 'upcoming'
          else state = 'past'
        }
        out.push({ task: task.number, kind: m.kind, due, from: m.from ?? null, to: m.to ?? null, text: m.text ?? '', state })
      }
    }
  }
  return out
}

// The geometry of the Gantt-style timeline, in percent of its width (0 = the first day, 100 = the last):
// the span runs from the earliest to the latest date among the plan's issue, its phases and the
// milestones; the phases are background bands; each task (grouped by group) has markers for its complete
// and interim milestones at their dates, bars for its deepening periods, and `continuous` when it carries
// on through the plan (drawn as a faint full-width bar); `today` is the as-of line (null outside the span).
// `milestones`: the dashboard's milestone items with their states, or null to work them out from the
// plan's dates (planMilestones).
export function timelineLayout(plan, { milestones = null, asOf = null } = {}) {
  const items = milestones ?? planMilestones(plan, asOf)
  const days = []
  const push = (d) => {
    const n = dayNumber(d)
    if (n !== null) days.push(n)
  }
  push(plan?.issued)
  for (const p of plan?.phases ?? []) {
    push(p.from)
    push(p.to)
  }
  for (const m of items) {
    push(m.due)
    push(m.from)
    push(m.to)
  }
  if (!days.length) return { from: null, to: null, bands: [], ticks: [], today: null, groups: [] }
  const first = Math.min(...days)
  const last = Math.max(...days)
  const span = Math.max(1, last - first)
  const x = (n) => Math.max(0, Math.min(100, ((n - first) / span) * 100))
  const at = (date) => x(dayNumber(date))
  const iso = (n) => new Date(n * DAY_MS).toISOString().slice(0, 10)

  const bands = (plan?.phases ?? []).map((p, i) => {
    const from = dayNumber(p.from) ?? first
    const to = dayNumber(p.to) ?? last
    return { name: p.name, text: p.text ?? '', index: i, from: iso(from), to: iso(to), left: x(from), width: Math.max(0, x(to) - x(from)) }
  })
  const ticks = []
  for (let y = new Date(first * DAY_MS).getUTCFullYear() + 1; Date.UTC(y, 0, 1) / DAY_MS <= last; y++) ticks.push({ year: y, left: x(Date.UTC(y, 0, 1) / DAY_MS) })
  const todayN = dayNumber(asOf)
  const today = todayN === null || todayN < first || todayN > last ? null : x(todayN)

  const byTask = new Map()
  for (const m of items) {
    const n = taskNumber(m.task)
    if (n === null) continue
    if (!byTask.has(n)) byTask.set(n, [])
    byTask.get(n).push(m)
  }
  const groups = groupTasks(plan).map((g) => ({
    number: g.number,
    label: g.label,
    title: g.title,
    rows: g.tasks.map((task) => {
      const row = { task: task.number, title: task.title, marks: [], bars: [], continuous: null }
      for (const m of byTask.get(task.number) ?? []) {
        if (m.kind === 'continuous') {
          row.continuous = { state: m.state ?? 'ongoing', text: m.text ?? '' }
        } else if (m.kind === 'deepening') {
          const from = dayNumber(m.from) ?? dayNumber(m.due)
          const to = dayNumber(m.to) ?? dayNumber(m.due)
          if (from === null || to === null) continue
          row.bars.push({ kind: m.kind, state: m.state, text: m.text ?? '', from: iso(from), to: iso(to), left: x(from), width: Math.max(0, x(to) - x(from)) })
        } else {
          const date = m.due ?? m.date
          if (dayNumber(date) === null) continue
          row.marks.push({ kind: m.kind, state: m.state, text: m.text ?? '', date, left: at(date) })
        }
      }
      row.marks.sort((a, b) => a.left - b.left)
      row.bars.sort((a, b) => a.left - b.left)
      return row
    }),
  }))
  return { from: iso(first), to: iso(last), bands, ticks, today, groups }
}

// ---- The report forms ----

const text = (v) => (v === null || v === undefined ? '' : String(v).trim())

function emptyLiaison() {
  return Object.fromEntries(LIAISON_FIELDS.map((f) => [f, '']))
}

// The form of a new report answering the status row `row` of the caller's unit: for a quarterly report one
// row per task of the unit (`mine.tasks` [{task, lead}], titles from the plan).
export function emptyFiling(row, mine, plan) {
  const titles = new Map((plan?.tasks ?? []).map((t) => [t.number, t.title]))
  const tasks = row?.kind === 'quarterly_report'
    ? (mine?.tasks ?? []).map((t) => ({ task: t.task, title: titles.get(taskNumber(t.task)) ?? '', lead: !!t.lead, progress: 'in_progress', percentage: 0, text: '' }))
    : []
  return { kind: row?.kind ?? '', quarter: row?.quarter ?? null, summary: '', tasks, liaison: emptyLiaison() }
}

// The form of an amendment of `report` (as GET /governance/reports/{id} answers it).
export function amendForm(report) {
  return {
    kind: report?.kind ?? '',
    quarter: report?.quarter ?? null,
    summary: report?.summary ?? '',
    tasks: (report?.tasks ?? []).map((t) => ({ task: t.task, title: t.title ?? '', lead: !!t.lead, progress: t.progress ?? 'in_progress', percentage: percentValue(t.percentage) ?? 0, text: t.text ?? '' })),
    liaison: { ...emptyLiaison(), ...(report?.liaison ?? {}) },
  }
}

function contentOf(form) {
  const body = { summary: text(form.summary) }
  if (form.kind === 'quarterly_report') {
    body.tasks = (form.tasks ?? []).map((t) => ({ task: t.task, progress: t.progress, percentage: percentValue(t.percentage) ?? 0, text: text(t.text) }))
  }
  if (form.kind === 'liaison') body.liaison = Object.fromEntries(LIAISON_FIELDS.map((f) => [f, text(form.liaison?.[f])]))
  return body
}

// The body of POST /governance/plans/{id}/reports: kind, the quarter of a quarterly report, the summary,
// and the tasks (quarterly) or the liaison names (liaison).
export function filingBody(form) {
  const body = { kind: form.kind }
  if (form.kind === 'quarterly_report' && form.quarter) body.quarter = form.quarter
  return { ...body, ...contentOf(form) }
}

// The body of PUT /governance/reports/{id}: the report's version and its content.
export function amendBody(form, version) {
  return { version, ...contentOf(form) }
}

// The body of POST /governance/plans/{id}/reminders for a status row (or an overdue row).
export function reminderBody(row, note = '') {
  const body = { unit: row.unit, kind: row.kind }
  if (row.quarter) body.quarter = row.quarter
  const n = text(note)
  if (n) body.note = n
  return body
}

// The link of the quarter's situation notice (情况通报), a plain download: GET
// /governance/plans/{id}/notice?quarter=&format=pdf|xlsx&as_of= (as_of left out when empty).
export function noticeHref(planId, { quarter, format, asOf } = {}) {
  return buildUrl(`/governance/plans/${encodeURIComponent(planId)}/notice`, { quarter, format, as_of: asOf })
}
