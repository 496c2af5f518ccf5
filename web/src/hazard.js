// Major hazard installation (重大危险源) grades and the GB 18218-2018 tables the detail view uses to
// explain a grade. The server computes the assessment; these only label and explain its numbers.

export const GRADES = Object.freeze([1, 2, 3, 4])

// Risk colours of the four grades (一级 red, 二级 orange, 三级 yellow, 四级 blue), the same colours
// as the four-colour risk map (四色图); units that are not major hazards are grey.
export const GRADE_COLORS = Object.freeze({ 1: '#d9001b', 2: '#ff7d00', 3: '#f2c200', 4: '#1e6fd9' })
export const NOT_MAJOR_COLOR = '#8c8c8c'

export function gradeColor(grade) {
  return GRADE_COLORS[grade] ?? NOT_MAJOR_COLOR
}

// The grade's colour for text on white: the yellow of grade 3 is darkened to stay readable.
export function gradeInkColor(grade) {
  return Number(grade) === 3 ? '#a67c00' : gradeColor(grade)
}

// Text colour readable on the grade's colour (yellow needs dark text).
export function gradeTextColor(grade) {
  return Number(grade) === 3 ? '#3d3000' : '#ffffff'
}

export function isGrade(value) {
  return GRADES.includes(Number(value)) && value !== null && value !== ''
}

// GB 18218-2018 §4.3.3, Table 6: grade by R. Rows in the standard's order.
export const GRADING_TABLE = Object.freeze([
  { grade: 1, expression: 'R ≥ 100', min: 100, max: null },
  { grade: 2, expression: '100 > R ≥ 50', min: 50, max: 100 },
  { grade: 3, expression: '50 > R ≥ 10', min: 10, max: 50 },
  { grade: 4, expression: 'R < 10', min: null, max: 10 },
])

export function gradeForR(r) {
  if (r === null || r === undefined || !Number.isFinite(Number(r))) return null
  const x = Number(r)
  const row = GRADING_TABLE.find((g) => (g.min === null || x >= g.min) && (g.max === null || x < g.max))
  return row ? row.grade : null
}

// GB 18218-2018 §4.3.2, Table 5: the correction factor α by the number of people who may be exposed
// within 500 m of the unit.
export const ALPHA_TABLE = Object.freeze([
  { label: '≥ 100', min: 100, max: null, alpha: 2.0 },
  { label: '50 – 99', min: 50, max: 99, alpha: 1.5 },
  { label: '30 – 49', min: 30, max: 49, alpha: 1.2 },
  { label: '1 – 29', min: 1, max: 29, alpha: 1.0 },
  { label: '0', min: 0, max: 0, alpha: 0.5 },
])

export function alphaRowFor(people) {
  if (people === null || people === undefined || !Number.isFinite(Number(people))) return null
  const n = Number(people)
  return ALPHA_TABLE.find((row) => n >= row.min && (row.max === null || n <= row.max)) ?? null
}

// q/Q of one contribution; null when Q is missing or zero.
export function ratioOf(c) {
  const q = Number(c?.q_t)
  const Q = Number(c?.Q_t)
  if (!Number.isFinite(q) || !Number.isFinite(Q) || Q === 0) return null
  return q / Q
}

// Σq/Q and Σβq/Q of a list of contributions, recomputed from the rows as a cross-check of the
// server's sum_ratio and r (the view shows both).
export function sumsOf(contributions) {
  let s = 0
  let bs = 0
  for (const c of contributions ?? []) {
    const ratio = ratioOf(c)
    if (ratio === null) continue
    s += ratio
    const beta = Number(c.beta)
    bs += (Number.isFinite(beta) ? beta : 1) * ratio
  }
  return { sumRatio: s, sumBetaRatio: bs }
}

// The GB 18218-2018 table a contribution's threshold comes from (Table 1: named substances,
// Table 2: hazard categories), read from the contribution's `basis` ("table1", "Table 2", "表1"…);
// null when it names neither.
export function basisTable(basis) {
  if (basis === null || basis === undefined) return null
  const m = /(?:table|表|^t)\s*[_-]?\s*([12])(?!\d)/i.exec(String(basis).trim())
  return m ? Number(m[1]) : null
}

// The substance a contribution is about. A contribution names it by CAS number when it has one, by
// name otherwise; `names` (chemical_key -> chemical_name, from the unit's holdings) turns a CAS number
// into the name the enterprise declared.
export function substanceOf(c, names = {}) {
  return c?.name || (c?.cas && names[c.cas]) || c?.cas || '—'
}

// chemical_key -> chemical_name of a unit's holdings.
export function holdingNames(unit) {
  const out = {}
  for (const h of unit?.holdings ?? []) if (h?.chemical_key && h.chemical_name) out[h.chemical_key] = h.chemical_name
  return out
}
