// @vitest-environment happy-dom
// The QRA layers drawn by Leaflet itself: SVG paths the browser tests (and users) can find and click.
import { afterEach, describe, expect, it, vi } from 'vitest'
import L from 'leaflet'
import { createContourLayer, createExceedanceLayer } from '../src/map/qraLayers.js'

const square = (x0, y0, d) => [[[x0, y0], [x0 + d, y0], [x0 + d, y0 + d], [x0, y0 + d], [x0, y0]]]
const CONTOURS = {
  type: 'FeatureCollection',
  features: [1e-5, 3e-6, 1e-6, 3e-7].map((ir, i) => ({
    type: 'Feature', properties: { ir_per_yr: ir }, geometry: { type: 'MultiPolygon', coordinates: [square(113.9 - i * 0.01, 22.5 - i * 0.01, 0.01 + i * 0.02)] },
  })),
}
const EXCEEDANCES = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', geometry: { type: 'Point', coordinates: [113.905, 22.505] }, properties: { target_id: 5, name: '某小学', ratio: 40, ir_per_yr: 1.2e-5 } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [113.95, 22.55] }, properties: { target_id: 6, name: '某医院', ratio: 2, ir_per_yr: 6e-7 } },
  ],
}

function makeMap() {
  const el = document.createElement('div')
  Object.defineProperty(el, 'clientWidth', { value: 800 })
  Object.defineProperty(el, 'clientHeight', { value: 600 })
  document.body.appendChild(el)
  const map = L.map(el, { preferCanvas: true }).setView([22.5, 113.9], 12)
  map.createPane('qra-contours')
  map.createPane('qra-exceedances')
  return { el, map }
}
afterEach(() => {
  document.body.innerHTML = ''
})

describe('the QRA layers in Leaflet', () => {
  it('draw each contour level as an SVG path in its pane, the highest level last', () => {
    const { el, map } = makeMap()
    createContourLayer(CONTOURS, { pane: 'qra-contours' }).addTo(map)
    const paths = [...el.querySelectorAll('.leaflet-qra-contours-pane svg path.qra-contour')]
    expect(paths.map((p) => p.getAttribute('class').match(/qra-contour--(\S+)/)[1])).toEqual(['3e-7', '1e-6', '3e-6', '1e-5'])
    expect(paths[3].getAttribute('stroke')).toBe('#d9001b')
    expect(paths[0].getAttribute('fill')).toBe('#f2c200')
    map.remove()
  })

  it('draw the exceedances as markers whose click names the target, not reaching the map', () => {
    const { el, map } = makeMap()
    const onClick = vi.fn()
    const onMapClick = vi.fn()
    map.on('click', onMapClick)
    createExceedanceLayer(EXCEEDANCES, { pane: 'qra-exceedances', onClick, hoverLabel: (p) => p.name }).addTo(map)
    const markers = el.querySelectorAll('.leaflet-qra-exceedances-pane svg path.qra-exceedance')
    expect(markers).toHaveLength(2)
    // The worst ratio is drawn last (on top).
    markers[1].dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: 1, clientY: 1 }))
    expect(onClick).toHaveBeenCalledTimes(1)
    expect(onClick.mock.calls[0][0].target_id).toBe(5)
    expect(onClick.mock.calls[0][1]).toEqual({ lon: 113.905, lat: 22.505 })
    expect(onMapClick).not.toHaveBeenCalled()
    map.remove()
  })
})
