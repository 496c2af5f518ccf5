// How each map layer's points look: a shape, and a class per point that picks its colour. Classes
// are drawn in ascending order, so the last class lies on top (grade 1 above grade 4 above the rest).
import { GRADE_COLORS, NOT_MAJOR_COLOR } from '../hazard.js'
import { GRADE_COLOUR, RISK_GRADES, colourHex } from '../risk.js'

// Class 0: not a major hazard; 1…4: grade 4…1.
const GRADE_CLASS_COLORS = [NOT_MAJOR_COLOR, GRADE_COLORS[4], GRADE_COLORS[3], GRADE_COLORS[2], GRADE_COLORS[1]]

export function gradeClass(grade) {
  const g = Number(grade)
  return grade !== null && grade !== '' && g >= 1 && g <= 4 ? 5 - g : 0
}

function gradeClasses(data) {
  const classes = new Uint8Array(data.count)
  for (let i = 0; i < data.count; i++) classes[i] = gradeClass(data.grade[i])
  return classes
}

// Protected targets carry their GB 36894 class (target_class) instead of a grade; each class found
// in the data gets a colour of its own.
const TARGET_COLORS = ['#2e7d32', '#8e24aa', '#00838f', '#6d4c41', '#c2185b', '#546e7a', '#9e9d24', '#283593']

export function targetClasses(data) {
  const names = [...new Set(data.grade.map((g) => (g === null || g === undefined ? '' : String(g))))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
  const index = new Map(names.map((n, i) => [n, i]))
  const classes = new Uint8Array(data.count)
  for (let i = 0; i < data.count; i++) {
    const g = data.grade[i]
    classes[i] = Math.min(index.get(g === null || g === undefined ? '' : String(g)), 255)
  }
  return {
    classes,
    colors: names.map((_, i) => TARGET_COLORS[i % TARGET_COLORS.length]),
    legend: names.map((n, i) => ({ label: n, color: TARGET_COLORS[i % TARGET_COLORS.length] })),
  }
}

// Radius in CSS pixels by zoom: small when the whole province is in view, larger close up.
const radiusBy = (base) => (zoom) => (zoom <= 7 ? base : zoom <= 9 ? base + 1 : zoom <= 12 ? base + 2 : base + 3)

// Risk points by their grade (low … major: blue, yellow, orange, red), the highest drawn on top; a point
// without a known grade in grey below them.
const RISK_CLASS_COLORS = ['#9e9e9e', ...RISK_GRADES.map((g) => colourHex(GRADE_COLOUR[g]))]

export function riskClass(grade) {
  return RISK_GRADES.indexOf(grade) + 1
}

export function styleFor(layer, data) {
  if (layer === 'risk') {
    const classes = new Uint8Array(data.count)
    for (let i = 0; i < data.count; i++) classes[i] = riskClass(data.grade[i])
    return { shape: 'circle', classes, colors: RISK_CLASS_COLORS, radius: radiusBy(3.5), legend: null }
  }
  if (layer === 'units') {
    return { shape: 'circle', classes: gradeClasses(data), colors: GRADE_CLASS_COLORS, radius: radiusBy(2.5), legend: null }
  }
  if (layer === 'enterprises') {
    const colors = ['#44546a', ...GRADE_CLASS_COLORS.slice(1)]
    return { shape: 'square', classes: gradeClasses(data), colors, radius: radiusBy(3), legend: null }
  }
  const t = targetClasses(data)
  return { shape: 'triangle', classes: t.classes, colors: t.colors, radius: radiusBy(3.5), legend: t.legend }
}
