// 风险分级管控 (plan tasks T4 and T9, issue 7): the codes of the risk point API (docs/api.md, "Risk points")
// and the pure helpers of the /risk page. The server grades every point when it is saved and applies
// the floor rules (data/risk/floor_rules.csv); the grade computed here is only a preview (预评) for the
// form, made from the same tables as GET /risk/methods answers them.
import { chinaDate } from './trace.js'

// The grades, lowest first (src/chemsafe/risk/grading.cc, RiskGradeCode).
export const RISK_GRADES = Object.freeze(['low', 'general', 'larger', 'major'])
// The order the page lists them in: the most serious first.
export const RISK_GRADES_DESC = Object.freeze([...RISK_GRADES].reverse())

// Issue 7: 重大 red, 较大 orange, 一般 yellow, 低 blue (RiskColourCode on the server).
export const GRADE_COLOUR = Object.freeze({ major: 'red', larger: 'orange', general: 'yellow', low: 'blue' })
export const GRADE_ZH = Object.freeze({ major: '重大风险', larger: '较大风险', general: '一般风险', low: '低风险' })

// The four colours as the major hazard grades draw them (hazard.js GRADE_COLORS), so that the two kinds
// of red on the map and in the lists are the same red. Yellow takes dark text to stay readable.
const COLOUR_HEX = Object.freeze({ red: '#d9001b', orange: '#ff7d00', yellow: '#f2c200', blue: '#1e6fd9' })
const UNKNOWN_HEX = '#8c8c8c'

export function colourHex(colour) {
  return COLOUR_HEX[colour] ?? UNKNOWN_HEX
}

// The style of a grade tag of `colour` (the API's "colour").
export function colourStyle(colour) {
  const hex = colourHex(colour)
  return { backgroundColor: hex, borderColor: hex, color: colour === 'yellow' ? '#3d3000' : '#ffffff' }
}

export function isRiskGrade(grade) {
  return RISK_GRADES.includes(grade)
}

// Control measures by category, in the order of issue 7 (MeasureCategoryCode / MeasureCategoryZh).
export const MEASURE_CATEGORIES = Object.freeze(['engineering', 'management', 'training', 'ppe', 'emergency'])
export const MEASURE_CATEGORY_ZH = Object.freeze({
  engineering: '工程技术',
  management: '管理',
  training: '培训教育',
  ppe: '个体防护',
  emergency: '应急处置',
})
export const CONTROL_LEVELS = Object.freeze(['company', 'workshop', 'team', 'post'])
export const CONTROL_STATUSES = Object.freeze(['controlled', 'deficient', 'uncontrolled'])
export const METHODS = Object.freeze(['lec', 'ls'])

export function measureCategoryZh(category) {
  return MEASURE_CATEGORY_ZH[category] ?? String(category ?? '')
}

// Tag types of the control statuses: 受控 green, 有缺陷 orange, 失控 red.
export function controlStatusTagType(status) {
  return { controlled: 'success', deficient: 'warning', uncontrolled: 'danger' }[status] ?? 'info'
}

// Numbers are compared as the server compares its doubles: a scale value is the same number.
const onScale = (scale, x) => (scale ?? []).some((v) => Number(v.value) === Number(x))

// LEC (作业条件危险性评价法): D = L × E × C, and the band that holds D (a band holds D > d_above, the
// bands in descending order of d_above, as in src/chemsafe/risk/grading.cc GradeLec). null when a
// factor is missing or not on its scale, or no band holds D.
export function gradeLec(methods, l, e, c) {
  const lec = methods?.lec
  if (!lec) return null
  if (![l, e, c].every((x) => x !== '' && x !== null && x !== undefined && Number.isFinite(Number(x)))) return null
  if (!onScale(lec.l, l) || !onScale(lec.e, e) || !onScale(lec.c, c)) return null
  // Multiplied in the server's order (L × E) × C, so that D is the same double.
  const d = Number(l) * Number(e) * Number(c)
  const band = lecBandOf(lec.bands, d)
  if (!band) return null
  return { method: 'lec', score: d, band, grade: band.grade }
}

// The LEC band that holds D: the one with the greatest d_above below D (D exactly on an edge belongs to
// the band below it: D = 70 is 一般危险, D just above 70 显著危险). null when none does (D <= 0).
export function lecBandOf(bands, d) {
  const sorted = [...(bands ?? [])].sort((a, b) => Number(b.d_above) - Number(a.d_above))
  return sorted.find((b) => Number(d) > Number(b.d_above)) ?? null
}

// The L × S matrix: R = L × S, the grade from the cell (rows L 1…levels_l, columns S 1…levels_s, as in
// GradeMatrix). null when a level is missing or off the matrix.
export function gradeLs(methods, l, s) {
  const m = methods?.matrix
  if (!m) return null
  const li = Number(l)
  const si = Number(s)
  if (!Number.isInteger(li) || !Number.isInteger(si) || l === '' || s === '' || l === null || s === null) return null
  if (li < 1 || li > m.levels_l || si < 1 || si > m.levels_s) return null
  const grade = m.cells?.[li - 1]?.[si - 1]
  if (!isRiskGrade(grade)) return null
  return { method: 'ls', score: li * si, band: null, grade }
}

// The grade of an assessment ({method: 'lec', l, e, c} | {method: 'ls', l, s}) before the floor rules.
export function gradeOf(methods, assessment) {
  if (!assessment) return null
  if (assessment.method === 'lec') return gradeLec(methods, assessment.l, assessment.e, assessment.c)
  if (assessment.method === 'ls') return gradeLs(methods, assessment.l, assessment.s)
  return null
}

// "D" for LEC, "R" for the matrix.
export function scoreLetter(method) {
  return method === 'ls' ? 'R' : 'D'
}

// A score as the page shows it: whole numbers bare, others with up to two decimals (D = 0.5 × 1 × 3 = 1.5).
export function formatScore(score) {
  const x = Number(score)
  if (score === null || score === undefined || score === '' || !Number.isFinite(x)) return '—'
  return String(Math.round(x * 100) / 100)
}

// The China date today (YYYY-MM-DD).
export function todayChina(now = new Date()) {
  return chinaDate(now)
}

// Whether a review due on `reviewDue` (YYYY-MM-DD) is overdue on `today`: due before today. Due today
// is not overdue; a missing date is not either.
export function isOverdue(reviewDue, today) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(String(reviewDue ?? ''))) return false
  return String(reviewDue) < String(today)
}

// Counts of the points by grade: {major, larger, general, low}.
export function gradeCounts(points) {
  const out = Object.fromEntries(RISK_GRADES.map((g) => [g, 0]))
  for (const p of points ?? []) if (isRiskGrade(p?.grade)) out[p.grade] += 1
  return out
}

// The measures grouped by category in MEASURE_CATEGORIES order (unknown categories last): [{category, texts}].
export function groupMeasures(measures) {
  const groups = new Map()
  for (const m of measures ?? []) {
    if (!groups.has(m.category)) groups.set(m.category, [])
    groups.get(m.category).push(m.text)
  }
  const order = (c) => {
    const i = MEASURE_CATEGORIES.indexOf(c)
    return i < 0 ? MEASURE_CATEGORIES.length : i
  }
  return [...groups.entries()].sort((a, b) => order(a[0]) - order(b[0])).map(([category, texts]) => ({ category, texts }))
}

// The floor rules a point names, with their basis from GET /risk/methods; an id the methods do not know
// is kept with an empty basis.
export function floorsOf(point, methods) {
  const rules = methods?.floors ?? []
  return (point?.floors ?? []).map((id) => rules.find((r) => r.id === id) ?? { id, minimum: '', basis_zh: '', verified: '', source: '' })
}

// The versions a point has had: 1 … its current version.
export function versionsOf(point) {
  const n = Number(point?.version)
  return Number.isInteger(n) && n > 0 ? Array.from({ length: n }, (_, i) => i + 1) : []
}

// Who is offered the add and edit buttons: the province office for any point, an enterprise user for the
// points of their own enterprise (src/chemsafe/service/risk_service.cc MayWrite; the server decides).
export function canWriteRisk(user, enterpriseUscc) {
  if (!user) return false
  if (user.role === 'province') return true
  if (user.role !== 'enterprise' || !user.enterprise_uscc) return false
  return enterpriseUscc === undefined || enterpriseUscc === user.enterprise_uscc
}

const text = (v) => (v === null || v === undefined ? '' : String(v))

// The form's values for a point (null: a new point, for `user`'s enterprise when they have one).
export function formFromPoint(point, user = null) {
  const a = point?.assessment ?? {}
  const method = a.method === 'ls' ? 'ls' : 'lec'
  return {
    id: point?.id ?? null,
    version: point?.version ?? null,
    enterprise_uscc: text(point?.enterprise_uscc ?? (user?.role === 'enterprise' ? user.enterprise_uscc : '')),
    unit_code: text(point?.unit_code),
    area: text(point?.area),
    name: text(point?.name),
    post: text(point?.post),
    hazards: [...(point?.hazards ?? [])],
    chemicals: [...(point?.chemicals ?? [])],
    method,
    l: method === 'lec' ? (a.l ?? null) : null,
    e: method === 'lec' ? (a.e ?? null) : null,
    c: method === 'lec' ? (a.c ?? null) : null,
    ls_l: method === 'ls' ? (a.l ?? null) : null,
    ls_s: method === 'ls' ? (a.s ?? null) : null,
    measures: (point?.measures ?? []).map((m) => ({ category: m.category, text: text(m.text) })),
    control_level: text(point?.control_level) || 'post',
    responsible_department: text(point?.responsible_department),
    responsible_person: text(point?.responsible_person),
    control_status: text(point?.control_status) || 'controlled',
    review_due: text(point?.review_due),
    lon: point?.location ? String(point.location.lon) : '',
    lat: point?.location ? String(point.location.lat) : '',
  }
}

// The assessment the form states.
export function assessmentOf(form) {
  return form.method === 'ls'
    ? { method: 'ls', l: form.ls_l, s: form.ls_s }
    : { method: 'lec', l: form.l, e: form.e, c: form.c }
}

// The body of POST /risk/points (no id) or PUT /risk/points/{id} (with the version it changes). Empty
// list entries are dropped; the location goes only when both coordinates are given. The server checks
// everything else and names the field it rejects.
export function pointBody(form) {
  const trimmed = (list) => (list ?? []).map((s) => text(s).trim()).filter(Boolean)
  const body = {
    enterprise_uscc: text(form.enterprise_uscc).trim(),
    unit_code: text(form.unit_code).trim(),
    area: text(form.area).trim(),
    name: text(form.name).trim(),
    post: text(form.post).trim(),
    hazards: trimmed(form.hazards),
    chemicals: trimmed(form.chemicals),
    assessment: assessmentOf(form),
    measures: (form.measures ?? [])
      .map((m) => ({ category: m.category, text: text(m.text).trim() }))
      .filter((m) => m.text),
    control_level: form.control_level,
    responsible_department: text(form.responsible_department).trim(),
    responsible_person: text(form.responsible_person).trim(),
    control_status: form.control_status,
    review_due: text(form.review_due),
  }
  const lon = text(form.lon).trim()
  const lat = text(form.lat).trim()
  if (lon && lat) body.location = { lon: Number(lon), lat: Number(lat) }
  if (form.id != null) body.version = form.version
  return body
}
