// A lineage on the map, as plain data: the places of its events (GET /trace/lineage "places") become
// markers, its shipments ("moves", seller USCC → buyer USCC) become lines numbered in time order, with a
// direction marker on each line pointing from seller to buyer. Places the registry has no location for
// are listed apart. No Leaflet here: views/trace/LineageMap.vue draws these specs.
import { toUnit } from './projection.js'

const isNum = (x) => typeof x === 'number' && Number.isFinite(x)

// A place has coordinates when both are finite numbers within range (null means unknown).
export function hasCoordinates(p) {
  return !!p && isNum(p.lon) && isNum(p.lat) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180
}

// The moves in time order (by "at", then by event id, then as given), each with its number from 1.
export function numberMoves(moves) {
  const list = (moves ?? []).map((m, i) => ({ m, i, t: Date.parse(m?.at) }))
  list.sort((a, b) => {
    const ta = Number.isNaN(a.t) ? Infinity : a.t
    const tb = Number.isNaN(b.t) ? Infinity : b.t
    if (ta !== tb) return ta < tb ? -1 : 1
    const ea = a.m?.event ?? null
    const eb = b.m?.event ?? null
    if (ea !== eb && ea !== null && eb !== null) return ea < eb ? -1 : 1
    return a.i - b.i
  })
  return list.map(({ m }, k) => ({ ...m, n: k + 1 }))
}

// The direction from a to b ([lat, lon]) on the screen in degrees: 0 = east, 90 = south (CSS rotation,
// y down), measured in Web Mercator so it matches what Leaflet draws.
export function screenBearing(a, b) {
  const [ua, va] = toUnit(a[1], a[0])
  const [ub, vb] = toUnit(b[1], b[0])
  if (ua === ub && va === vb) return 0
  return (Math.atan2(vb - va, ub - ua) * 180) / Math.PI
}

// Where on a line its direction marker sits: past the middle towards the buyer, so that the markers of
// A → B and B → A do not cover each other.
export const ARROW_AT = 0.6

/**
 * @param {Array<{uscc, name, lon, lat}>} places
 * @param {Array<{from, to, at, event}>} moves
 * @returns {{markers: Array<{uscc, name, latlng: [number, number]}>,
 *            lines: Array<{from, to, latlngs: [[number, number], [number, number]], numbers: number[],
 *                          label: string, arrow: {latlng: [number, number], angle: number}}>,
 *            moves: Array<{from, to, at, event, n, drawn: boolean}>,
 *            unplaced: Array<{uscc, name}>,
 *            bounds: [[number, number], [number, number]] | null}}
 *   One marker per place with coordinates; one line per ordered pair (seller, buyer) of placed,
 *   distinct enterprises, carrying the numbers of all its moves; bounds [[south, west], [north, east]]
 *   of the markers, null when none.
 */
export function lineageMapSpec(places, moves) {
  const byUscc = new Map()
  const markers = []
  const unplaced = []
  for (const p of places ?? []) {
    if (!p || !p.uscc || byUscc.has(p.uscc)) continue
    const name = p.name || p.uscc
    if (hasCoordinates(p)) {
      const marker = { uscc: p.uscc, name, latlng: [p.lat, p.lon] }
      byUscc.set(p.uscc, marker)
      markers.push(marker)
    } else {
      byUscc.set(p.uscc, null)
      unplaced.push({ uscc: p.uscc, name })
    }
  }

  const numbered = numberMoves(moves)
  const lines = []
  const lineOf = new Map()
  const out = []
  for (const m of numbered) {
    const a = byUscc.get(m.from)
    const b = byUscc.get(m.to)
    const drawn = !!a && !!b && m.from !== m.to && (a.latlng[0] !== b.latlng[0] || a.latlng[1] !== b.latlng[1])
    out.push({ ...m, drawn })
    if (!drawn) continue
    const key = `${m.from}\u0000${m.to}`
    let line = lineOf.get(key)
    if (!line) {
      const latlngs = [a.latlng, b.latlng]
      line = {
        from: m.from,
        to: m.to,
        latlngs,
        numbers: [],
        label: '',
        arrow: {
          latlng: [a.latlng[0] + (b.latlng[0] - a.latlng[0]) * ARROW_AT, a.latlng[1] + (b.latlng[1] - a.latlng[1]) * ARROW_AT],
          angle: screenBearing(a.latlng, b.latlng),
        },
      }
      lineOf.set(key, line)
      lines.push(line)
    }
    line.numbers.push(m.n)
  }
  for (const l of lines) l.label = l.numbers.join(',')

  let bounds = null
  for (const { latlng: [lat, lon] } of markers) {
    if (!bounds) bounds = [[lat, lon], [lat, lon]]
    else {
      bounds[0][0] = Math.min(bounds[0][0], lat)
      bounds[0][1] = Math.min(bounds[0][1], lon)
      bounds[1][0] = Math.max(bounds[1][0], lat)
      bounds[1][1] = Math.max(bounds[1][1], lon)
    }
  }
  return { markers, lines, moves: out, unplaced, bounds }
}
