// 隐患排查治理 (plan task T9, issue 7): the calls of the inspection and hidden-hazard API
// (src/chemsafe/api/platform_inspect.cc) and the pure helpers of the /inspect page: which step of the
// closed loop (reported → plan → progress → rectified → acceptance → closure 销号) a finding's state
// offers, the loop as a timeline, days overdue, and the request bodies. The server decides who may take
// a step (a 403 carries its reason) and dates every step by its own clock.
import { api } from './api/client.js'

const enc = encodeURIComponent

export const inspectApi = {
  // The 20 criteria of major hidden hazards: {code, name, items[{code, text_zh, text_en, basis, verified, source}]}
  checklist: () => api.get('/inspect/checklist'),
  // {items}, newest first
  inspections: (query, signal) => api.get('/inspections', { query, signal }),
  recordInspection: (body) => api.post('/inspections', { json: body }),
  // {page, page_size, more, items}
  findings: (query, signal) => api.get('/findings', { query, signal }),
  // A finding with `overdue` {due, days_overdue, reason, escalation, escalation_zh} as of today
  finding: (id) => api.get(`/findings/${enc(id)}`),
  report: (body) => api.post('/findings', { json: body }),
  plan: (id, body) => api.post(`/findings/${enc(id)}/plan`, { json: body }),
  progress: (id, text) => api.post(`/findings/${enc(id)}/progress`, { json: { text } }),
  rectified: (id, note) => api.post(`/findings/${enc(id)}/rectified`, { json: { note } }),
  accept: (id, outcome, note) => api.post(`/findings/${enc(id)}/acceptance`, { json: { outcome, note } }),
  close: (id) => api.post(`/findings/${enc(id)}/close`, { json: {} }),
  // The file's bytes as the body (JPEG or PNG, up to 5 MiB); answers the finding.
  attachPhoto: (id, file) => api.post(`/findings/${enc(id)}/photos`, { body: file, headers: { 'Content-Type': file.type || 'image/jpeg' } }),
  // {blob, filename, contentType}
  photo: (id, sm3) => api.get(`/findings/${enc(id)}/photos/${enc(sm3)}`, { responseType: 'blob' }),
  // {on, items[finding + overdue]}, most overdue first
  overdue: (on) => api.get('/inspect/overdue', { query: { on } }),
  // {by, rows[{key, total, …, rectification_rate, on_time_rate}], all}
  statistics: (by) => api.get('/inspect/statistics', { query: { by } }),
}

// Codes of the API (src/chemsafe/inspect/finding.h), in the order of the loop.
export const FINDING_STATES = Object.freeze(['reported', 'planned', 'rectified', 'closed'])
export const HAZARD_GRADES = Object.freeze(['general', 'major'])
export const SUPERVISION_LEVELS = Object.freeze(['county', 'city', 'province'])
export const INSPECTION_KINDS = Object.freeze(['government', 'self'])
export const STATISTICS_BY = Object.freeze(['city', 'division', 'sector', 'criterion', 'month'])
// The steps a page may offer, in the order of the loop.
export const ACTIONS = Object.freeze(['photo', 'plan', 'progress', 'rectified', 'accept', 'close'])
// The checklist of the 20 criteria (inspect/checklist.h kMajorHiddenHazardChecklist), as GET
// /inspect/checklist names it.
export const MAJOR_CHECKLIST = 'major_hidden_hazard_criteria'

// Tag types of the states: 待整改 red, 整改中 orange, 待验收 blue, 已销号 green.
export function stateTagType(state) {
  return { reported: 'danger', planned: 'warning', rectified: 'primary', closed: 'success' }[state] ?? 'info'
}

export function gradeTagType(grade) {
  return grade === 'major' ? 'danger' : 'warning'
}

// The last acceptance, when it passed (closure needs one; inspect::Finding::PassedAcceptance).
export function passedAcceptance(finding) {
  const last = (finding?.acceptances ?? []).at(-1)
  return last?.outcome === 'passed' ? last : null
}

// The steps the finding's state allows (inspect/finding.h): a plan while reported or planned (revised
// after a failed acceptance), progress and 整改完成 while planned, 验收 once rectified, 销号 after a passed
// acceptance; photos until closure. Whether the caller may take them is the server's to say.
export function actionsFor(finding) {
  switch (finding?.state) {
    case 'reported':
      return ['photo', 'plan']
    case 'planned':
      return ['photo', 'plan', 'progress', 'rectified']
    case 'rectified':
      return passedAcceptance(finding) ? ['photo', 'close'] : ['photo', 'accept']
    default:
      return []
  }
}

// The loop as a timeline, in date order (a step of the same day keeps the loop's order): reported, the
// plan, progress notes, each rectification with its acceptance (a failed acceptance clears the
// rectification, which lives on in the acceptance's `of`), the rectification waiting for acceptance,
// the closure. Entries: {kind, date, by, text, outcome?, plan?}.
export function timelineOf(finding) {
  if (!finding) return []
  const r = finding.report ?? {}
  const out = [{ kind: 'reported', date: r.found_date, by: r.found_by, text: r.description }]
  const acceptances = finding.acceptances ?? []
  // Only the current plan is kept: one submitted after a failed acceptance is its revision, and follows it.
  const p = finding.plan
  const planEntry = p && { kind: 'plan', date: p.submitted_on, by: p.submitted_by, text: '', plan: p }
  const revision = !!p && acceptances.some((a) => a.outcome === 'failed' && String(a.date) <= String(p.submitted_on))
  if (planEntry && !revision) out.push(planEntry)
  for (const n of finding.progress ?? []) out.push({ kind: 'progress', date: n.date, by: n.by, text: n.text })
  for (const a of acceptances) {
    if (a.of) out.push({ kind: 'rectified', date: a.of.date, by: a.of.by, text: a.of.note })
    out.push({ kind: 'acceptance', date: a.date, by: a.by, text: a.note, outcome: a.outcome })
  }
  if (planEntry && revision) out.push(planEntry)
  const x = finding.rectification
  const last = acceptances.at(-1)
  const accepted = last?.of && x && last.of.date === x.date && last.of.by === x.by && last.of.note === x.note
  if (x && !accepted) out.push({ kind: 'rectified', date: x.date, by: x.by, text: x.note })
  if (finding.closure) out.push({ kind: 'closure', date: finding.closure.date, by: finding.closure.by, text: '' })
  // Array.prototype.sort is stable: same-day steps stay in the loop's order.
  return out.sort((a, b) => String(a.date ?? '').localeCompare(String(b.date ?? '')))
}

// The number of days from `from` to `to` (YYYY-MM-DD, calendar days); null for a missing date.
export function daysBetween(from, to) {
  const ok = (d) => /^\d{4}-\d{2}-\d{2}$/.test(String(d ?? ''))
  if (!ok(from) || !ok(to)) return null
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

// Days overdue on `today` by the plan's deadline (0 when not overdue): planned past its deadline.
// Findings without a plan are assessed by the server (GET /findings/{id} and /inspect/overdue say so).
export function daysPastDeadline(finding, today) {
  if (finding?.state !== 'planned') return 0
  return Math.max(0, daysBetween(finding.plan?.deadline, today) ?? 0)
}

// The server's overdue assessment as the page says it: "逾期 N 天 · 市级督办", or '' when not overdue.
export function overdueText(overdue, t) {
  const days = Number(overdue?.days_overdue ?? 0)
  if (!(days > 0)) return ''
  const level = overdue.escalation ? t(`inspect.level.${overdue.escalation}`) : ''
  return level ? `${t('inspect.overdueDays', { n: days })} · ${t('inspect.escalatedTo', { level })}` : t('inspect.overdueDays', { n: days })
}

// A rate 0…1 as a percentage with one decimal ("85.7%"); '—' when absent (no denominator).
export function rateText(rate) {
  const x = Number(rate)
  if (rate === null || rate === undefined || rate === '' || !Number.isFinite(x)) return '—'
  return `${(Math.round(x * 1000) / 10).toFixed(1)}%`
}

const text = (v) => (v === null || v === undefined ? '' : String(v).trim())
const lines = (list) => (list ?? []).map(text).filter(Boolean)

// The report form for `user`: an enterprise user reports on their own enterprise.
export function emptyReport(user = null) {
  return {
    enterprise_uscc: user?.role === 'enterprise' ? text(user.enterprise_uscc) : '',
    description: '',
    location: '',
    grade: 'general',
    major_criterion: null,
    legal_basis: '',
    supervision_level: '',
    inspection_id: '',
  }
}

// The body of POST /findings: a criterion and a supervision level only for a major finding; the found
// date is the server's today.
export function reportBody(form) {
  const body = {
    enterprise_uscc: text(form.enterprise_uscc),
    description: text(form.description),
    location: text(form.location),
    grade: form.grade,
    legal_basis: text(form.legal_basis),
  }
  if (form.grade === 'major') {
    if (form.major_criterion !== null && form.major_criterion !== '' && form.major_criterion !== undefined) {
      body.major_criterion = Number(form.major_criterion)
    }
    if (form.supervision_level) body.supervision_level = form.supervision_level
  }
  if (text(form.inspection_id)) body.inspection_id = text(form.inspection_id)
  return body
}

// The plan form, from the finding's current plan when it has one (a revision).
export function planForm(finding) {
  const p = finding?.plan
  return {
    measures: p?.measures?.length ? [...p.measures] : [''],
    funds_yuan: p ? Number(p.funds_yuan) : 0,
    responsible_person: text(p?.responsible_person),
    deadline: text(p?.deadline),
  }
}

export function planBody(form) {
  return {
    measures: lines(form.measures),
    funds_yuan: Number(form.funds_yuan) || 0,
    responsible_person: text(form.responsible_person),
    deadline: text(form.deadline),
  }
}

export function emptyInspection(user = null, today = '') {
  const enterprise = user?.role === 'enterprise'
  return {
    kind: enterprise ? 'self' : 'government',
    enterprise_uscc: enterprise ? text(user.enterprise_uscc) : '',
    date: today,
    inspectors: [text(user?.name)],
    scope: '',
    checklist_code: MAJOR_CHECKLIST,
  }
}

export function inspectionBody(form) {
  return {
    kind: form.kind,
    enterprise_uscc: text(form.enterprise_uscc),
    date: text(form.date),
    inspectors: lines(form.inspectors),
    scope: text(form.scope),
    checklist_code: text(form.checklist_code),
  }
}
