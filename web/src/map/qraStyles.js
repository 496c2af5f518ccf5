// How the quantitative risk assessment looks on the map: the individual-risk contours (GET
// /qra/contours, one MultiPolygon per level) and the protected targets over their limit (GET
// /qra/exceedances, points). Pure: no Leaflet here, so that it can be tested without a browser;
// map/qraLayers.js builds the Leaflet layers from these options.
import { IR_LEVELS, formatSci, irColor } from '../qra.js'

// The IR level of a contour feature, a number; null when it has none.
export function contourLevel(feature) {
  const v = feature?.properties?.ir_per_yr
  const x = Number(v)
  return v === null || v === undefined || v === '' || !Number.isFinite(x) || x <= 0 ? null : x
}

// The features that can be drawn, lowest level first: a lower level encloses the higher ones, so it is
// drawn first and the higher levels lie on top of it. A level with no polygon (the server keeps only the
// polygons that hold one of the caller's installations) has nothing to draw.
export function orderContours(featureCollection) {
  const features = (featureCollection?.features ?? []).filter(
    (f) => contourLevel(f) !== null && (f.geometry?.type === 'MultiPolygon' || f.geometry?.type === 'Polygon') && f.geometry.coordinates?.length > 0,
  )
  return features.sort((a, b) => contourLevel(a) - contourLevel(b))
}

// The level of the contract that a value is (they travel as decimal text: 3e-6 may come back as
// 2.9999999999999997e-6), or the value itself.
function knownLevel(level) {
  return IR_LEVELS.find((l) => Math.abs(l.ir - level) <= l.ir * 1e-9)?.ir ?? level
}

// The class a contour's SVG path carries: "qra-contour qra-contour--1e-5". The browser tests find
// the contours by it.
export function contourClassName(level) {
  const x = Number(level)
  const tag = Number.isFinite(x) && x > 0 ? knownLevel(x).toExponential() : 'none'
  return `qra-contour qra-contour--${tag}`
}

// Leaflet path options of a contour: stroke and a light fill in its level's colour; the higher
// levels are filled a little more, so the nested bands stay readable where they overlap.
export function contourStyle(feature) {
  const level = contourLevel(feature)
  const color = irColor(level)
  const rank = IR_LEVELS.findIndex((l) => l.color === color) // 0 = the highest level
  return {
    color,
    weight: rank === 0 ? 2 : 1.5,
    opacity: 0.95,
    fillColor: color,
    fillOpacity: rank < 0 ? 0.08 : 0.3 - 0.05 * rank,
    className: contourClassName(level),
  }
}

// The legend of the contours layer: one row per level, highest first — the four levels of the
// contract, and any other level the data holds. `text` is the level without its unit ("1×10⁻⁵").
export function contourLegend(featureCollection) {
  const levels = new Map(IR_LEVELS.map((l) => [l.ir, l.color]))
  for (const f of featureCollection?.features ?? []) {
    const level = contourLevel(f)
    if (level === null) continue
    if (!levels.has(knownLevel(level))) levels.set(level, irColor(level))
  }
  return [...levels.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([ir, color]) => ({ ir, color, text: formatSci(ir) }))
}

// The exceedances that can be drawn: Point features with finite coordinates, the worst ratio last
// (on top).
export function exceedancePoints(featureCollection) {
  const out = []
  for (const f of featureCollection?.features ?? []) {
    if (f?.geometry?.type !== 'Point') continue
    const [lon, lat] = f.geometry.coordinates ?? []
    if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) continue
    out.push({ lon, lat, properties: f.properties ?? {} })
  }
  return out.sort((a, b) => (Number(a.properties.ratio) || 0) - (Number(b.properties.ratio) || 0))
}

// Leaflet circle-marker options of an exceedance: coloured by its individual risk, larger the more it
// exceeds its limit (radius 6 px at the limit, 12 px at 100 times it and beyond).
export function exceedanceMarkerStyle(properties) {
  const ratio = Number(properties?.ratio)
  const r = Number.isFinite(ratio) && ratio > 1 ? Math.min(12, 6 + 3 * Math.log10(ratio)) : 6
  return {
    radius: Math.round(r * 10) / 10,
    color: '#1f2d3d',
    weight: 1.5,
    fillColor: irColor(properties?.ir_per_yr),
    fillOpacity: 0.95,
    className: 'qra-exceedance',
  }
}
