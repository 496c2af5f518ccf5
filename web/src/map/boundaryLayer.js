// The base map: Guangdong's city or county boundaries (GeoJSON, WGS-84) drawn as polygons on a
// canvas, with their names as labels. There is no tile layer; the app works offline.
import L from 'leaflet'
import { labelPoint } from './geometry.js'
import { escapeHtml } from '../format.js'

// County lines are thin and solid: dashes on their ~63,000 vertices made each zoom redraw twice as slow.
// smoothFactor 1.5 (Leaflet's default is 1) drops more sub-pixel vertices at province scale.
const STYLES = {
  city: { color: '#6b7f99', weight: 1.4, fillColor: '#f6f3ea', fillOpacity: 1, smoothFactor: 1.5 },
  county: { color: '#aab6c5', weight: 0.6, fill: false, smoothFactor: 1.5 },
}

// Returns {polygons, labels}: two layers to add to the map, polygons in `pane` with `renderer`.
export function createBoundaryLayers(featureCollection, level, { pane, labelPane, renderer }) {
  const polygons = L.geoJSON(featureCollection, {
    style: () => STYLES[level] ?? STYLES.city,
    interactive: false,
    pane,
    renderer,
  })
  const labels = L.layerGroup()
  for (const f of featureCollection?.features ?? []) {
    const name = f?.properties?.name
    const at = labelPoint(f?.geometry)
    if (!name || !at) continue
    labels.addLayer(
      L.marker([at[1], at[0]], {
        pane: labelPane,
        interactive: false,
        keyboard: false,
        icon: L.divIcon({
          className: `map-label map-label--${level}`,
          html: `<span>${escapeHtml(name)}</span>`,
          iconSize: null,
        }),
      }),
    )
  }
  return { polygons, labels }
}
