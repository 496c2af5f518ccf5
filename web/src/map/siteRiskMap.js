// The enterprise's four-colour risk map (企业安全风险四色分布图, 红橙黄蓝四色图; issue 7), as plain data:
// its risk points (GET /risk/points?enterprise=USCC: location {lon, lat} or null) become circles in the
// colour of their grade (重大 red, 较大 orange, 一般 yellow, 低 blue: risk.js GRADE_COLOUR, the colours of
// RiskGradeTag and of the province map's risk layer), ordered so that the most severe is drawn last, on top;
// its units (GET /enterprises/{id}: location [lon, lat] or null) become small markers. Points without a
// location are listed apart. No Leaflet here: views/registry/EnterpriseRiskMap.vue draws these specs.
import { GRADE_COLOUR, RISK_GRADES_DESC, colourHex, gradeCounts } from '../risk.js'
import { riskClass } from './styles.js'
import { hasCoordinates } from './lineageMap.js'

// [lat, lon] of a risk point's location {lon, lat}; null when it has none or it is out of range.
export function pointLatLng(location) {
  return hasCoordinates(location) ? [location.lat, location.lon] : null
}

// [lat, lon] of a unit's location [lon, lat]; null when it has none or it is out of range.
export function unitLatLng(location) {
  if (!Array.isArray(location) || location.length !== 2) return null
  return pointLatLng({ lon: location[0], lat: location[1] })
}

// The fill of a grade's circle: the grade's colour, grey for a grade the page does not know.
export function gradeFill(grade) {
  return colourHex(GRADE_COLOUR[grade])
}

// The points in drawing order: least severe first, so that 重大 lies on top of 较大 on top of 一般 on top of
// 低 (and an unknown grade below them all); equal grades by id, so that the order does not depend on the
// answer's.
export function drawingOrder(points) {
  return [...(points ?? [])].sort((a, b) => riskClass(a?.grade) - riskClass(b?.grade) || Number(a?.id) - Number(b?.id))
}

// The legend: one row per grade, 重大 first, with the number of the enterprise's points of that grade
// (placed or not: the legend counts the enterprise's points, the line under the map says how many are not
// drawn).
export function gradeLegend(points) {
  const counts = gradeCounts(points)
  return RISK_GRADES_DESC.map((grade) => ({ grade, colour: gradeFill(grade), count: counts[grade] }))
}

// [[south, west], [north, east]] of [lat, lon] pairs; null when there are none.
export function boundsOf(latlngs) {
  const list = latlngs ?? []
  if (!list.length) return null
  const lats = list.map(([lat]) => lat)
  const lons = list.map(([, lon]) => lon)
  return [[Math.min(...lats), Math.min(...lons)], [Math.max(...lats), Math.max(...lons)]]
}

// The page of a risk point's details (views/risk/RiskView.vue opens the point named in ?point=ID).
export function riskPointHref(id) {
  return `/risk?point=${encodeURIComponent(id)}`
}

/**
 * @param {Array<{id, code, name, location: [number, number] | null}>} units
 * @param {Array<{id, name, area, grade, grade_zh, location: {lon, lat} | null}>} points
 * @returns {{circles: Array<{id, name, area, grade, gradeZh, fill, latlng: [number, number], href}>,
 *            units: Array<{id, code, name, latlng: [number, number]}>,
 *            unplaced: Array<{id, name, area, grade}>,
 *            legend: Array<{grade, colour, count}>,
 *            bounds: [[number, number], [number, number]] | null}}
 *   circles in drawing order (the last on top); bounds of the placed points, or of the placed units when
 *   no point is placed, null when nothing is.
 */
export function siteRiskMapSpec(units, points) {
  const circles = []
  const unplaced = []
  for (const p of drawingOrder(points)) {
    if (!p) continue
    const latlng = pointLatLng(p.location)
    if (!latlng) {
      unplaced.push({ id: p.id, name: p.name, area: p.area, grade: p.grade })
      continue
    }
    circles.push({ id: p.id, name: p.name, area: p.area, grade: p.grade, gradeZh: p.grade_zh, fill: gradeFill(p.grade), latlng, href: riskPointHref(p.id) })
  }
  // Unplaced points keep the answer's order (id order) in the list under the map.
  unplaced.sort((a, b) => Number(a.id) - Number(b.id))
  const placedUnits = []
  for (const u of units ?? []) {
    const latlng = unitLatLng(u?.location)
    if (latlng) placedUnits.push({ id: u.id, code: u.code, name: u.name || u.code || String(u.id), latlng })
  }
  const bounds = boundsOf(circles.map((c) => c.latlng)) ?? boundsOf(placedUnits.map((u) => u.latlng))
  return { circles, units: placedUnits, unplaced, legend: gradeLegend((points ?? []).filter(Boolean)), bounds }
}
