// The Leaflet layers of the quantitative risk assessment: the individual-risk contours as SVG
// polygons and the protected targets over their limit as circle markers, each in its own pane. Both
// are few (four multipolygons, a few hundred points), so they are SVG paths rather than the canvas
// of the point layers: a path per feature, and a click on a marker is Leaflet's own.
import L from 'leaflet'
import { contourStyle, exceedanceMarkerStyle, exceedancePoints, orderContours } from './qraStyles.js'

// `pane`: the pane to draw in (its own SVG renderer is made there).
export function createContourLayer(featureCollection, { pane }) {
  const renderer = L.svg({ pane, padding: 0.3 })
  const group = L.featureGroup()
  for (const feature of orderContours(featureCollection)) {
    L.geoJSON(feature, { pane, renderer, interactive: false, style: contourStyle }).addTo(group)
  }
  return group
}

// `onClick(properties, latlng)` is called for a click on a marker; the click does not reach the map
// (which would look for a point of the other layers under it).
export function createExceedanceLayer(featureCollection, { pane, onClick, hoverLabel }) {
  const renderer = L.svg({ pane })
  const group = L.featureGroup()
  for (const p of exceedancePoints(featureCollection)) {
    const marker = L.circleMarker([p.lat, p.lon], { ...exceedanceMarkerStyle(p.properties), pane, renderer, bubblingMouseEvents: false })
    if (hoverLabel) {
      // Names come from the registry: set as text, never as HTML.
      const label = document.createElement('span')
      label.textContent = hoverLabel(p.properties)
      marker.bindTooltip(label, { direction: 'top', offset: [0, -6], opacity: 0.95 })
    }
    marker.on('click', () => onClick(p.properties, { lon: p.lon, lat: p.lat }))
    marker.addTo(group)
  }
  return group
}
