// Plane geometry on lon/lat for labels and distances; good enough at the scale of a province.

// Signed area and centroid of a ring of [lon, lat] (shoelace formula).
export function ringCentroid(ring) {
  let a = 0
  let cx = 0
  let cy = 0
  const n = ring.length
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const [x0, y0] = ring[j]
    const [x1, y1] = ring[i]
    const f = x0 * y1 - x1 * y0
    a += f
    cx += (x0 + x1) * f
    cy += (y0 + y1) * f
  }
  if (a === 0) return { area: 0, point: ring[0] ? [ring[0][0], ring[0][1]] : null }
  return { area: Math.abs(a / 2), point: [cx / (3 * a), cy / (3 * a)] }
}

// Where a (Multi)Polygon's label goes: the centroid of its largest outer ring.
export function labelPoint(geometry) {
  if (!geometry) return null
  let polygons
  if (geometry.type === 'Polygon') polygons = [geometry.coordinates]
  else if (geometry.type === 'MultiPolygon') polygons = geometry.coordinates
  else return null
  let best = null
  for (const poly of polygons) {
    const outer = poly?.[0]
    if (!outer || outer.length < 3) continue
    const c = ringCentroid(outer)
    if (c.point && (!best || c.area > best.area)) best = c
  }
  return best ? best.point : null
}

const EARTH_RADIUS_M = 6371008.8 // IUGG mean radius

// Great-circle distance in metres between [lon, lat] points (haversine).
export function distanceM([lon1, lat1], [lon2, lat2]) {
  const d2r = Math.PI / 180
  const dLat = (lat2 - lat1) * d2r
  const dLon = (lon2 - lon1) * d2r
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * d2r) * Math.cos(lat2 * d2r) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

// Parses "113.93, 22.53" or two fields into [lon, lat]; null unless both are finite and in range.
export function parseLonLat(lon, lat) {
  const x = Number(lon)
  const y = Number(lat)
  if (lon === '' || lat === '' || lon == null || lat == null) return null
  if (!Number.isFinite(x) || !Number.isFinite(y)) return null
  if (x < -180 || x > 180 || y < -90 || y > 90) return null
  return [x, y]
}
