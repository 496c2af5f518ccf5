// Named calls of the chemsafe API v1 (docs/api.md). Every one goes through the client in client.js.
import { api, downloadFile } from './client.js'

export const IMPORT_KINDS = Object.freeze(['enterprises', 'units', 'holdings', 'protected-targets'])
export const MAP_LAYERS = Object.freeze(['units', 'enterprises', 'targets', 'risk'])

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export const authApi = {
  // Log-in answers 401 invalid_credentials / 403 account_locked itself: no redirect on 401.
  login: (username, password) => api.post('/auth/login', { json: { username, password }, redirectOn401: false }),
  logout: () => api.post('/auth/logout'),
  // The session probe at start-up: a 401 only means "not logged in".
  me: () => api.get('/auth/me', { redirectOn401: false }),
}

export const dashboardApi = {
  get: () => api.get('/dashboard'),
}

export const enterprisesApi = {
  list: (query, signal) => api.get('/enterprises', { query, signal }),
  get: (id) => api.get(`/enterprises/${encodeURIComponent(id)}`),
  // Corrects the record: `patch` holds only the fields to change; answers the updated enterprise.
  update: (id, patch) => api.patch(`/enterprises/${encodeURIComponent(id)}`, { json: patch }),
  exportXlsx: (query) => downloadFile('/enterprises/export.xlsx', { query, fallbackName: 'enterprises.xlsx' }),
}

// The changes to enterprise records in the caller's scope, newest first.
export const changesApi = {
  list: (query, signal) => api.get('/changes', { query, signal }),
}

export const unitsApi = {
  get: (id) => api.get(`/units/${encodeURIComponent(id)}`),
}

export const protectedTargetsApi = {
  get: (id) => api.get(`/protected-targets/${encodeURIComponent(id)}`),
}

export const majorHazardsApi = {
  list: (query, signal) => api.get('/major-hazards', { query, signal }),
  get: (unitId) => api.get(`/major-hazards/${encodeURIComponent(unitId)}`),
}

// The Content-Type an import file is sent with, by its extension; null when it is neither.
export function importContentType(fileName) {
  const lower = String(fileName || '').toLowerCase()
  if (lower.endsWith('.csv')) return 'text/csv'
  if (lower.endsWith('.xlsx')) return XLSX_TYPE
  return null
}

// The X-File-Name header carries the file name as its UTF-8 bytes, as the server reads it. fetch()
// takes header values as byte strings (each character one byte, U+0000 to U+00FF), so the name is
// encoded to UTF-8 and each byte written as one character; a Chinese name then arrives intact instead
// of making fetch() throw. Control characters (never in real file names, and forbidden in headers)
// become "_".
export function encodeFileNameHeader(fileName) {
  const bytes = new TextEncoder().encode(String(fileName).replace(/[\u0000-\u001f\u007f]/g, '_'))
  let out = ''
  for (const b of bytes) out += String.fromCharCode(b)
  return out
}

export const importsApi = {
  upload: (kind, file) => {
    if (!IMPORT_KINDS.includes(kind)) throw new Error(`unknown import kind ${kind}`)
    return api.post(`/imports/${kind}`, {
      body: file,
      headers: {
        'Content-Type': importContentType(file.name),
        'X-File-Name': encodeFileNameHeader(file.name),
      },
    })
  },
  downloadTemplate: (kind) => downloadFile(`/templates/${kind}.xlsx`, { fallbackName: `${kind}-template.xlsx` }),
}

// Quantitative risk assessment (定量风险评价, plan task T7). The runs are made by `chemsafe qra province`
// and stored; these read them. `run` picks a run by id, the newest without it.
export const qraApi = {
  runs: (query) => api.get('/qra/runs', { query }),
  // {run: RunSummary|null, items, total, page, page_size, by_action}
  relocationList: (query, signal) => api.get('/qra/relocation-list', { query, signal }),
  // {enterprise_id, latest: Result|null, history}
  enterprise: (id) => api.get(`/enterprises/${encodeURIComponent(id)}/qra`),
  // GeoJSON: one MultiPolygon per individual-risk level
  contours: (query) => api.get('/qra/contours', { query }),
  // GeoJSON: the protected targets over their GB 36894 limit
  exceedances: (query) => api.get('/qra/exceedances', { query }),
}

export const mapApi = {
  boundaries: (level) => api.get('/map/boundaries', { query: { level } }),
  points: (layer, query, signal) => api.get('/map/points', { query: { layer, ...query }, signal }),
}

// Traceability of 剧毒 and 易制爆 chemicals (plan tasks T3 and T35): GS1 EPCIS 2.0 events, their lineage and
// the closed loop, each bounded by the caller's scope.
export const traceApi = {
  // EPCIS simple event query (eventType, GE_/LT_eventTime, EQ_bizStep, MATCH_epc, …, perPage,
  // nextPageToken) -> an EPCISQueryDocument, with a top-level nextPageToken when there is more.
  events: (query, signal) => api.get('/trace/events', { query, signal }),
  // An EPCIS document or one event -> {stored, duplicates, declarations}.
  capture: (document) => api.post('/trace/events', { json: document }),
  // {root, upstream, downstream, edges, events, truncated}; 404 when no event in scope names it.
  lineage: (id) => api.get('/trace/lineage', { query: { id } }),
  // {from, to} (China dates, both included) -> {from, to, movements, anomaly_counts, anomalies, balance, filings}.
  closedLoop: (query) => api.get('/trace/closed-loop', { query }),
  // The work item of an anomaly: {status: open|acknowledged|closed, note} -> {key, status, note, updated_at, updated_by}.
  updateWorkItem: (key, item) => api.patch(`/trace/work-items/${encodeURIComponent(key)}`, { json: item }),
}

// Risk points and graded control (风险分级管控, plan tasks T4 and T9): the grading tables, and the risk
// points of the caller's scope. The server grades a point when it is saved (floor rules included).
export const riskApi = {
  // {lec: {l, e, c, bands}, matrix: {levels_l, levels_s, cells}, floors}
  methods: () => api.get('/risk/methods'),
  // {min_grade, enterprise, page, page_size} -> {page, page_size, items}, in id order.
  points: (query, signal) => api.get('/risk/points', { query, signal }),
  // The point, or its version N when asked; 404 outside the scope.
  get: (id, version) => api.get(`/risk/points/${encodeURIComponent(id)}`, { query: { version } }),
  // A point without id -> 201 the point as stored (version 1).
  create: (point) => api.post('/risk/points', { json: point }),
  // The point with the version it changes -> 200 (version + 1); 409 conflict when another change came first.
  update: (id, point) => api.put(`/risk/points/${encodeURIComponent(id)}`, { json: point }),
}

// Governance of the plan (综合治理方案督办; docs/api.md "Governance of the plan"): the plans, their status of
// reporting, the units' reports with attachments and comments, reminders (催报), the supervision dashboard
// and the quarter's situation notice (情况通报). Who may do what is the server's to say (a 403 carries it).
export const governanceApi = {
  // {items[{id, code, title, issued, tasks, groups, first_quarter, last_quarter, loaded_at}]}
  plans: () => api.get('/governance/plans'),
  // {id, code, title, phases, reporting{quarters[{quarter, due}], …}, groups, tasks, units, my_unit}
  plan: (id) => api.get(`/governance/plans/${encodeURIComponent(id)}`),
  // {as_of, items[status row], by_unit, totals}; query: as_of, unit, quarter, state
  status: (id, query, signal) => api.get(`/governance/plans/${encodeURIComponent(id)}/status`, { query, signal }),
  // {unit, unit_name, tasks[{task, lead}], items[status row]}; 403 when the caller is no unit of the plan
  mine: (id, asOf) => api.get(`/governance/plans/${encodeURIComponent(id)}/mine`, { query: { as_of: asOf } }),
  // {as_of, totals, tasks, groups, units, milestones{items, …}, overdue, measures}
  dashboard: (id, asOf) => api.get(`/governance/plans/${encodeURIComponent(id)}/dashboard`, { query: { as_of: asOf } }),
  // The caller's unit files -> 201 Report; 409 when filed already.
  file: (id, body) => api.post(`/governance/plans/${encodeURIComponent(id)}/reports`, { json: body }),
  report: (reportId) => api.get(`/governance/reports/${encodeURIComponent(reportId)}`),
  // {version, summary, tasks?, liaison?} -> 200 Report; 409 when another change came first.
  amend: (reportId, body) => api.put(`/governance/reports/${encodeURIComponent(reportId)}`, { json: body }),
  // The file's bytes as the body (PDF, DOCX, XLSX, JPEG or PNG, ≤ 10 MiB) -> 201 {id, name, content_type, size}
  attach: (reportId, file) => api.post(`/governance/reports/${encodeURIComponent(reportId)}/attachments`, {
    query: { name: file.name },
    body: file,
    headers: { 'Content-Type': file.type || 'application/octet-stream' },
  }),
  comment: (reportId, text) => api.post(`/governance/reports/${encodeURIComponent(reportId)}/comments`, { json: { text } }),
  // {unit, kind, quarter?, note?} -> 201 the reminder
  remind: (id, body) => api.post(`/governance/plans/${encodeURIComponent(id)}/reminders`, { json: body }),
}
