// The state of the map page shared by its panels (provided by MapView, injected by the panels).
import { reactive } from 'vue'
import { MAP_LAYERS } from '../../api/endpoints.js'

export const MAP_STATE = Symbol('mapState')

// The server takes radius_m up to 100,000 m.
export const MAX_RADIUS_M = 100000

// The layers of the quantitative risk assessment (GET /qra/contours and /qra/exceedances), off at first.
export const QRA_MAP_LAYERS = Object.freeze(['contours', 'exceedances'])

export function createMapState() {
  return reactive({
    layers: { units: true, enterprises: false, targets: false, risk: false },
    status: Object.fromEntries(MAP_LAYERS.map((l) => [l, { loading: false, error: null, count: null, skipped: 0 }])),
    counties: true,
    boundaries: { city: { loading: false, error: null }, county: { loading: false, error: null } },
    filters: { division: '', sector: '', grade: '' },
    near: { lon: '', lat: '', radius: 1000 },
    appliedNear: null, // {lon, lat, radius} of the search on the map, or null
    picking: false, // the next click on the map sets the search centre
    nearResults: [], // [{layer, id, name, grade, distance}] nearest first
    targetLegend: [], // [{label, color}] of the target classes in the data
    qra: { contours: false, exceedances: false }, // the QRA layers' switches
    qraStatus: Object.fromEntries(QRA_MAP_LAYERS.map((l) => [l, { loading: false, error: null, count: null }])),
    qraRun: null, // the newest run (RunSummary) once a QRA layer is on; null when none is stored
    contourLegend: [], // [{ir, color, text}], highest level first
  })
}

// The query of GET /map/points for a layer. Sector and grade concern units and enterprises; the
// targets layer is filtered by division and distance only; the risk layer is the caller's scope whole.
export function pointsQuery(layer, state) {
  if (layer === 'risk') return {}
  const q = { division: state.filters.division || undefined }
  if (layer !== 'targets') {
    q.sector = state.filters.sector || undefined
    q.grade = state.filters.grade || undefined
  }
  if (state.appliedNear) {
    q.near = `${state.appliedNear.lon.toFixed(6)},${state.appliedNear.lat.toFixed(6)}`
    q.radius_m = Math.round(state.appliedNear.radius)
  }
  return q
}
