// The Leaflet side of the map page: panes, base boundaries, point layers, the search circle, the
// selection ring and the hover tooltip. No tile layer: the base is the boundaries themselves.
import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import { PointCloudLayer } from '../../map/pointLayer.js'
import { createBoundaryLayers } from '../../map/boundaryLayer.js'
import { createContourLayer, createExceedanceLayer } from '../../map/qraLayers.js'
import { pointAt } from '../../api/points.js'
import { MAP_LAYERS } from '../../api/endpoints.js'

const GUANGDONG_CENTER = [23.3, 113.4]
const COUNTY_LABEL_MIN_ZOOM = 9
// Hit-test order: the layer drawn on top first.
const HIT_ORDER = ['targets', 'units', 'enterprises']

/**
 * @param {HTMLElement} el
 * @param {{isPicking(): boolean, onClick(latlng), onPick(hit: {layer, index, data}), hoverLabel(layer, point): string,
 *          onExceedance(properties, point: {lon, lat}), exceedanceLabel(properties): string}} handlers
 */
export function createRiskMap(el, handlers) {
  const map = L.map(el, {
    preferCanvas: true,
    attributionControl: false,
    minZoom: 5,
    maxZoom: 18,
    worldCopyJump: false,
  }).setView(GUANGDONG_CENTER, 7)

  // Panes, bottom to top: boundaries (350), risk contours (360), search circle (overlayPane 400),
  // labels (420), points (430…), exceedances (440), selection (470). Labels, contours and points never
  // take pointer events; clicks reach the map, except those on an exceedance marker.
  map.createPane('boundaries').style.zIndex = 350
  map.createPane('qra-contours').style.zIndex = 360
  map.getPane('qra-contours').style.pointerEvents = 'none'
  map.createPane('qra-exceedances').style.zIndex = 440
  map.createPane('labels').style.zIndex = 420
  map.getPane('labels').style.pointerEvents = 'none'
  map.createPane('selection').style.zIndex = 470
  map.getPane('selection').style.pointerEvents = 'none'
  const boundaryRenderer = L.canvas({ pane: 'boundaries', padding: 0.3 })

  const points = {}
  const POINT_Z = { enterprises: 430, units: 431, targets: 432 }
  MAP_LAYERS.forEach((layer) => {
    const pane = `points-${layer}`
    map.createPane(pane).style.zIndex = POINT_Z[layer]
    map.getPane(pane).style.pointerEvents = 'none'
    points[layer] = new PointCloudLayer({ pane })
  })

  const base = { city: null, county: null }
  let circle = null
  let centre = null
  let ring = null
  let tooltip = null

  function setBoundaries(level, featureCollection) {
    if (base[level]) {
      base[level].polygons.remove()
      base[level].labels.remove()
      base[level] = null
    }
    if (!featureCollection) return
    base[level] = createBoundaryLayers(featureCollection, level, { pane: 'boundaries', labelPane: 'labels', renderer: boundaryRenderer })
    base[level].polygons.addTo(map)
    // The county lines must lie above the city fill: re-add them after the cities.
    if (level === 'city' && base.county) base.county.polygons.remove().addTo(map)
    updateLabels()
  }

  function updateLabels() {
    if (base.city) base.city.labels.addTo(map)
    if (base.county) {
      if (map.getZoom() >= COUNTY_LABEL_MIN_ZOOM) base.county.labels.addTo(map)
      else base.county.labels.remove()
    }
  }

  function fitProvince() {
    if (base.city) {
      const b = base.city.polygons.getBounds()
      if (b.isValid()) {
        // At once, not animated: the view before it is only a placeholder until the boundaries arrive,
        // and a settled view is what a click on a point is measured against.
        map.fitBounds(b, { padding: [8, 8], animate: false })
        map.setMaxBounds(b.pad(0.6))
      }
    }
  }

  function setPoints(layer, data, style) {
    points[layer].setData(data, style)
  }

  function setVisible(layer, visible) {
    if (visible) points[layer].addTo(map)
    else points[layer].remove()
  }

  // The quantitative risk assessment's layers: kind 'contours' or 'exceedances', a GeoJSON
  // FeatureCollection or null to remove it; shown when its switch is on.
  const qra = { contours: null, exceedances: null }
  const qraVisible = { contours: false, exceedances: false }
  function setQraLayer(kind, featureCollection) {
    qra[kind]?.remove()
    qra[kind] = null
    if (!featureCollection) return
    qra[kind] = kind === 'contours'
      ? createContourLayer(featureCollection, { pane: 'qra-contours' })
      : createExceedanceLayer(featureCollection, { pane: 'qra-exceedances', onClick: handlers.onExceedance, hoverLabel: handlers.exceedanceLabel })
    if (qraVisible[kind]) qra[kind].addTo(map)
  }
  function setQraVisible(kind, visible) {
    qraVisible[kind] = visible
    if (!qra[kind]) return
    if (visible) qra[kind].addTo(map)
    else qra[kind].remove()
  }

  function showNear(near) {
    circle?.remove()
    centre?.remove()
    circle = centre = null
    if (!near) return
    const ll = [near.lat, near.lon]
    circle = L.circle(ll, { radius: near.radius, color: '#d9001b', weight: 1.5, fillColor: '#d9001b', fillOpacity: 0.06, interactive: false }).addTo(map)
    centre = L.circleMarker(ll, { radius: 4, color: '#d9001b', fillColor: '#fff', fillOpacity: 1, weight: 2, interactive: false }).addTo(map)
    map.fitBounds(circle.getBounds(), { padding: [24, 24], maxZoom: 16 })
  }

  function select(point) {
    ring?.remove()
    ring = null
    if (!point) return
    ring = L.circleMarker([point.lat, point.lon], { pane: 'selection', radius: 10, color: '#111', weight: 2, fill: false, interactive: false }).addTo(map)
  }

  function fitBoundsOf(feature) {
    const b = L.geoJSON(feature).getBounds()
    if (b.isValid()) map.fitBounds(b, { padding: [16, 16] })
  }

  function panTo(point) {
    map.setView([point.lat, point.lon], Math.max(map.getZoom(), 13))
  }

  function hit(containerPoint) {
    for (const layer of HIT_ORDER) {
      if (!map.hasLayer(points[layer])) continue
      const index = points[layer].hitTest(containerPoint)
      if (index >= 0) return { layer, index, data: points[layer].getData() }
    }
    return null
  }

  map.on('zoomend', updateLabels)
  map.on('click', (e) => {
    if (handlers.isPicking()) {
      handlers.onClick(e.latlng)
      return
    }
    const found = hit(e.containerPoint)
    if (found) handlers.onPick(found)
  })

  // Hover: one scan per animation frame at most.
  let hoverFrame = 0
  let hoverPoint = null
  map.on('mousemove', (e) => {
    hoverPoint = e.containerPoint
    if (hoverFrame) return
    hoverFrame = requestAnimationFrame(() => {
      hoverFrame = 0
      const found = hoverPoint && !handlers.isPicking() ? hit(hoverPoint) : null
      el.style.cursor = handlers.isPicking() ? 'crosshair' : found ? 'pointer' : ''
      if (found) {
        const p = pointAt(found.data, found.index)
        tooltip = tooltip || L.tooltip({ direction: 'top', offset: [0, -6], opacity: 0.95 })
        // Names come from the registry: set as text, never as HTML.
        const label = document.createElement('span')
        label.textContent = handlers.hoverLabel(found.layer, p)
        tooltip.setLatLng([p.lat, p.lon]).setContent(label)
        if (!map.hasLayer(tooltip)) tooltip.addTo(map)
      } else if (tooltip && map.hasLayer(tooltip)) {
        tooltip.remove()
      }
    })
  })
  map.on('mouseout', () => {
    hoverPoint = null
    if (tooltip) tooltip.remove()
  })

  // The container keeps its map, so that a script in the page (the browser tests in tests/browser) can
  // turn a point's coordinates into the pixel to click with Leaflet's own projection.
  el.leafletMap = map

  return {
    map,
    setBoundaries,
    fitProvince,
    setPoints,
    setVisible,
    setQraLayer,
    setQraVisible,
    showNear,
    select,
    fitBoundsOf,
    panTo,
    invalidate: () => map.invalidateSize(),
    destroy() {
      if (hoverFrame) cancelAnimationFrame(hoverFrame)
      delete el.leafletMap
      map.remove()
    },
  }
}
