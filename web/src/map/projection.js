// Web Mercator (EPSG:3857, Leaflet's default CRS) in "unit" coordinates: the world is the square
// [0, 1] x [0, 1], x east from 180°W, y south from 85.05°N. Multiplying by 256·2^zoom gives Leaflet's
// world pixel coordinates (map.project), so points are projected once per data load and then only
// scaled and shifted on each redraw.

const MAX_LATITUDE = 85.0511287798 // Leaflet's SphericalMercator.MAX_LATITUDE
const D2R = Math.PI / 180

export function toUnit(lon, lat) {
  const phi = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)) * D2R
  const sin = Math.sin(phi)
  const u = lon / 360 + 0.5
  const v = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)
  return [u, v]
}

// Projects columns of lon/lat (Float64Array) into columns of u/v.
export function projectColumns(lon, lat) {
  const n = lon.length
  const u = new Float64Array(n)
  const v = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const phi = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat[i])) * D2R
    const sin = Math.sin(phi)
    u[i] = lon[i] / 360 + 0.5
    v[i] = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)
  }
  return { u, v }
}

export function worldSize(zoom) {
  return 256 * Math.pow(2, zoom)
}
