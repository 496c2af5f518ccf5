// A Leaflet layer that draws tens of thousands of points on one <canvas>, with no object per point:
// positions are projected once (projection.js) into typed arrays and drawn class by class on each
// redraw, which happens only when a move or zoom ends. During a pan the canvas moves with the map
// pane; during a zoom animation it is scaled like Leaflet's own renderers (L.Renderer), so the map
// stays fluid with 50,000 points. Hit testing scans the arrays (about a millisecond for 50,000).
import L from 'leaflet'
import { projectColumns, worldSize } from './projection.js'
import { orderByClass } from './classOrder.js'

export const PointCloudLayer = L.Layer.extend({
  options: {
    pane: 'overlayPane',
    padding: 0.1, // drawn beyond the view on each side, as a share of its size (like L.Renderer)
    hitTolerance: 3, // extra pixels around a point that still count as a hit
  },

  initialize(options) {
    L.setOptions(this, options)
    this._data = null
    this._style = null
    this._proj = null
    this._order = null
  },

  // data: decodePoints() output; style: styles.js styleFor() output.
  setData(data, style) {
    this._data = data
    this._style = style
    this._proj = projectColumns(data.lon, data.lat)
    this._order = orderByClass(style.classes, style.colors.length)
    if (this._map) this._redraw()
    return this
  },

  getData() {
    return this._data
  },

  onAdd() {
    this._canvas = L.DomUtil.create('canvas', 'cs-point-layer leaflet-zoom-animated')
    this._canvas.style.pointerEvents = 'none'
    this._canvas.style.position = 'absolute'
    this.getPane().appendChild(this._canvas)
    this._ctx = this._canvas.getContext('2d')
    this._reset()
  },

  onRemove() {
    L.DomUtil.remove(this._canvas)
    this._canvas = null
    this._ctx = null
  },

  getEvents() {
    const events = { viewreset: this._reset, zoom: this._onZoom, moveend: this._reset, resize: this._reset }
    if (this._zoomAnimated) events.zoomanim = this._onAnimZoom
    return events
  },

  _onAnimZoom(ev) {
    this._updateTransform(ev.center, ev.zoom)
  },

  _onZoom() {
    this._updateTransform(this._map.getCenter(), this._map.getZoom())
  },

  // Same transform as L.Renderer._updateTransform: scale the last drawing around the zoom centre.
  _updateTransform(center, zoom) {
    if (!this._canvas || this._center === undefined) return
    const map = this._map
    const scale = map.getZoomScale(zoom, this._zoom)
    const viewHalf = map.getSize().multiplyBy(0.5 + this.options.padding)
    const currentCenterPoint = map.project(this._center, zoom)
    const topLeftOffset = viewHalf
      .multiplyBy(-scale)
      .add(currentCenterPoint)
      .subtract(map._getNewPixelOrigin(center, zoom))
    if (L.Browser.any3d) L.DomUtil.setTransform(this._canvas, topLeftOffset, scale)
    else L.DomUtil.setPosition(this._canvas, topLeftOffset)
  },

  _reset() {
    if (!this._canvas) return
    const map = this._map
    const size = map.getSize()
    const pad = this.options.padding
    this._min = map.containerPointToLayerPoint(size.multiplyBy(-pad)).round()
    this._size = size.multiplyBy(1 + pad * 2).round()
    this._center = map.getCenter()
    this._zoom = map.getZoom()
    L.DomUtil.setPosition(this._canvas, this._min)
    this._redraw()
  },

  _redraw() {
    const canvas = this._canvas
    if (!canvas || !this._size) return
    const dpr = window.devicePixelRatio || 1
    const w = this._size.x
    const h = this._size.y
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr)
      canvas.height = Math.round(h * dpr)
      canvas.style.width = `${w}px`
      canvas.style.height = `${h}px`
    }
    const ctx = this._ctx
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
    ctx.clearRect(0, 0, w, h)
    if (!this._data || this._data.count === 0) return

    const { u, v } = this._proj
    const { order, starts } = this._order
    const style = this._style
    const S = worldSize(this._zoom)
    // Canvas x = world pixel x - pixel origin - canvas offset in layer space.
    const origin = this._map.getPixelOrigin()
    const ox = origin.x + this._min.x
    const oy = origin.y + this._min.y
    const r = style.radius(this._zoom)
    const drawShape = SHAPES[style.shape] || SHAPES.circle
    // A white outline separates overlapping points close up; in the wide views, where most points
    // are drawn, it is left out (it costs as much again as the fill).
    const outline = r >= 4
    ctx.lineWidth = 1
    ctx.strokeStyle = 'rgba(255,255,255,0.9)'

    // Points of one class that fall into the same small cell would be drawn onto each other: only the
    // first is drawn. In the wide views, where thousands of points share a few pixels, this cuts the
    // drawing several times over; hit testing still sees every point.
    const cell = Math.max(1, r * 0.75)
    const cols = Math.ceil((w + 2 * r) / cell) + 1
    const rows = Math.ceil((h + 2 * r) / cell) + 1
    if (!this._grid || this._grid.length < cols * rows) this._grid = new Uint32Array(cols * rows)
    const grid = this._grid
    if (this._stamp === undefined || this._stamp > 0xfffffff0 - style.colors.length) {
      grid.fill(0)
      this._stamp = 0
    }

    for (let c = 0; c < style.colors.length; c++) {
      const from = starts[c]
      const to = starts[c + 1]
      if (from === to) continue
      const stamp = ++this._stamp
      ctx.beginPath()
      for (let k = from; k < to; k++) {
        const i = order[k]
        const x = u[i] * S - ox
        const y = v[i] * S - oy
        if (x < -r || y < -r || x > w + r || y > h + r) continue
        const g = Math.floor((y + r) / cell) * cols + Math.floor((x + r) / cell)
        if (grid[g] === stamp) continue
        grid[g] = stamp
        drawShape(ctx, x, y, r)
      }
      ctx.fillStyle = style.colors[c]
      ctx.fill()
      if (outline) ctx.stroke()
    }
  },

  // The index of the topmost point under a container point (pixels), or -1.
  hitTest(containerPoint) {
    if (!this._map || !this._data || this._data.count === 0) return -1
    const map = this._map
    const zoom = map.getZoom()
    const S = worldSize(zoom)
    const world = map.containerPointToLayerPoint(containerPoint).add(map.getPixelOrigin())
    const r = this._style.radius(zoom) + this.options.hitTolerance
    const r2 = r * r
    const { u, v } = this._proj
    const { order } = this._order
    let best = -1
    let bestD = Infinity
    // Classes drawn last lie on top: scan from the end, and keep the nearest of the top class hit.
    let stopAt = -1
    for (let k = order.length - 1; k >= 0; k--) {
      if (k < stopAt) break
      const i = order[k]
      const dx = u[i] * S - world.x
      const dy = v[i] * S - world.y
      const d = dx * dx + dy * dy
      if (d <= r2 && d < bestD) {
        bestD = d
        best = i
        if (stopAt < 0) stopAt = this._order.starts[this._style.classes[i]]
      }
    }
    return best
  },
})

const SHAPES = {
  circle(ctx, x, y, r) {
    ctx.moveTo(x + r, y)
    ctx.arc(x, y, r, 0, Math.PI * 2)
  },
  square(ctx, x, y, r) {
    ctx.rect(x - r, y - r, 2 * r, 2 * r)
  },
  triangle(ctx, x, y, r) {
    const h = r * 1.2
    ctx.moveTo(x, y - h)
    ctx.lineTo(x + h, y + h * 0.8)
    ctx.lineTo(x - h, y + h * 0.8)
    ctx.closePath()
  },
}
