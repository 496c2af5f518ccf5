// 信用监管 (issue 7 "Enforcement, blacklist, insurance" and "Differentiated supervision"; plan tasks
// T25–T27, T33): the calls of the credit API (src/chemsafe/api/platform_credit.cc) and of the inspection
// plan (platform_inspect.cc), and the pure helpers of the /credit page, the public blacklist and the plan
// tab of /inspect: a listing's state and the actions it offers, the request bodies (yuan → fen), the
// quarter the plan defaults to. The server decides who may act (a 403 carries its reason).
import { api } from './api/client.js'

const enc = encodeURIComponent

export const creditApi = {
  // {on, items[{id, enterprise_name, uscc, reason, legal_basis, decision_unit, decision_no, decided_on,
  // period_last_day}]}: the list in force on `on` (default the server's today). No login: a 401 here must
  // not send the visitor to the log-in page.
  publicBlacklist: (on) => api.get('/public/blacklist', { query: { on }, redirectOn401: false }),
  // {items[listing]} in scope, every state
  listings: () => api.get('/credit/listings'),
  listing: (id) => api.get(`/credit/listings/${enc(id)}`),
  addListing: (body) => api.post('/credit/listings', { json: body }),
  remove: (listing, body) => api.post(`/credit/listings/${enc(listing.id)}/removal`, { json: { version: listing.version, ...body } }),
  applyRepair: (listing, note) => api.post(`/credit/listings/${enc(listing.id)}/repair`, { json: { version: listing.version, note } }),
  rejectRepair: (listing) => api.post(`/credit/listings/${enc(listing.id)}/repair-rejection`, { json: { version: listing.version } }),
  // {items} newest first
  enforcement: (enterprise) => api.get('/credit/enforcement', { query: { enterprise } }),
  recordEnforcement: (body) => api.post('/credit/enforcement', { json: body }),
  policies: (enterprise) => api.get('/credit/insurance', { query: { enterprise } }),
  addPolicy: (body) => api.post('/credit/insurance', { json: body }),
  updatePolicy: (id, body) => api.put(`/credit/insurance/${enc(id)}`, { json: body }),
  // {on, within, expiring[gap], missing[gap]}; gap: {enterprise_uscc, enterprise_name, division_code, state,
  // days_left, policy}
  insuranceGaps: (within, on) => api.get('/credit/insurance-gaps', { query: { on, within } }),
  // The inspection plan (差异化监管): {from, to, as_of, officers[{username, name, overdue, due, done, enterprises}]}
  inspectionPlan: (query) => api.get('/inspect/plan', { query }),
}

// Codes of the API (credit/listing.h, service/credit_service.cc), in the order the forms offer them.
export const REMOVAL_KINDS = Object.freeze(['expired', 'early', 'revoked'])
export const ENFORCEMENT_KINDS = Object.freeze(['inspection', 'violation', 'decision', 'penalty'])
// The within-days the insurance gaps may be asked for.
export const GAP_WITHIN_DAYS = Object.freeze([30, 60, 90])
// The roles that may list, remove and record enforcement (credit_service.cc Decides).
const DECIDING_ROLES = new Set(['province', 'city', 'county'])

export function decides(user) {
  return !!user && DECIDING_ROLES.has(user.role)
}

// A listing's state as the page shows it: removed (with its kind), a credit repair pending, or in force.
export function listingState(listing) {
  if (listing?.removal) return 'removed'
  if (listing?.repair?.decision === 'pending') return 'repair_pending'
  return 'in_force'
}

export function listingStateTagType(state) {
  return { in_force: 'danger', repair_pending: 'warning', removed: 'info' }[state] ?? 'info'
}

// The actions the listing's state offers `user`: a deciding officer removes a listing still in force
// (移出, approving a pending repair being an early removal) and rejects a pending repair (驳回修复); the
// listed enterprise's user applies for credit repair (申请信用修复) while none is pending. Whether the
// caller may take them within their division is the server's to say.
export function listingActions(listing, user) {
  const state = listingState(listing)
  if (state === 'removed' || !user) return []
  if (decides(user)) return state === 'repair_pending' ? ['remove', 'reject'] : ['remove']
  if (user.role === 'enterprise' && user.enterprise_uscc === listing.uscc && state === 'in_force') return ['repair']
  return []
}

const text = (v) => (v === null || v === undefined ? '' : String(v).trim())

// Yuan as typed (a number or text, up to 2 decimals) → integer fen; null when empty or not a number.
export function yuanToFen(yuan) {
  if (yuan === null || yuan === undefined || text(yuan) === '') return null
  const x = Number(yuan)
  return Number.isFinite(x) ? Math.round(x * 100) : null
}

// Fen → yuan with 2 decimals and thousands separators ("12,345.60"); '—' when absent.
export function fenText(fen) {
  if (fen === null || fen === undefined || !Number.isFinite(Number(fen))) return '—'
  return (Number(fen) / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
}

export function emptyListing(today = '') {
  return { uscc: '', reason: '', legal_basis: '', decision_unit: '', decision_no: '', decided_on: today, publish: true }
}

export function listingBody(form) {
  return {
    uscc: text(form.uscc),
    reason: text(form.reason),
    legal_basis: text(form.legal_basis),
    decision_unit: text(form.decision_unit),
    decision_no: text(form.decision_no),
    decided_on: text(form.decided_on),
    publish: !!form.publish,
  }
}

// The removal form: an early removal when a repair is pending (approving it), else expiry.
export function emptyRemoval(listing, today = '') {
  return { kind: listingState(listing) === 'repair_pending' ? 'early' : 'expired', on: today, note: '' }
}

export function removalBody(form) {
  return { kind: form.kind, on: text(form.on), note: text(form.note) }
}

export function emptyEnforcement(today = '') {
  return { enterprise_uscc: '', kind: 'inspection', date: today, decision_no: '', violation: '', legal_basis: '', penalty_kind: '', fine_yuan: '', finding_ids: '' }
}

// The body of POST /credit/enforcement: the fine in fen only when given; finding ids from a list
// separated by commas, spaces or 、.
export function enforcementBody(form) {
  const body = {
    enterprise_uscc: text(form.enterprise_uscc),
    kind: form.kind,
    date: text(form.date),
    decision_no: text(form.decision_no),
    violation: text(form.violation),
    legal_basis: text(form.legal_basis),
    penalty_kind: text(form.penalty_kind),
    finding_ids: text(form.finding_ids).split(/[\s,，、]+/).filter(Boolean),
  }
  const fen = yuanToFen(form.fine_yuan)
  if (fen !== null) body.fine_fen = fen
  return body
}

export function emptyPolicy(user = null) {
  return {
    enterprise_uscc: user?.role === 'enterprise' ? text(user.enterprise_uscc) : '',
    insurer: '',
    policy_no: '',
    valid_from: '',
    valid_to: '',
    insured_yuan: '',
    persons_covered: 0,
  }
}

export function policyForm(policy) {
  return {
    enterprise_uscc: text(policy.enterprise_uscc),
    insurer: text(policy.insurer),
    policy_no: text(policy.policy_no),
    valid_from: text(policy.valid_from),
    valid_to: text(policy.valid_to),
    insured_yuan: policy.insured_amount_fen === null || policy.insured_amount_fen === undefined ? '' : Number(policy.insured_amount_fen) / 100,
    persons_covered: Number(policy.persons_covered) || 0,
  }
}

// The body of POST /credit/insurance, or of PUT /credit/insurance/{id} with the policy's `version`.
export function policyBody(form, version = null) {
  const body = {
    enterprise_uscc: text(form.enterprise_uscc),
    insurer: text(form.insurer),
    policy_no: text(form.policy_no),
    valid_from: text(form.valid_from),
    valid_to: text(form.valid_to),
    insured_amount_fen: yuanToFen(form.insured_yuan) ?? 0,
    persons_covered: Number(form.persons_covered) || 0,
  }
  if (version !== null && version !== undefined) body.version = version
  return body
}

// The calendar quarter of `today` (YYYY-MM-DD): {from, to}, the inspection plan's default period.
export function quarterOf(today) {
  const m = /^(\d{4})-(\d{2})-\d{2}$/.exec(String(today ?? ''))
  if (!m) return { from: '', to: '' }
  const year = Number(m[1])
  const first = Math.floor((Number(m[2]) - 1) / 3) * 3 + 1
  const last = first + 2
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate()
  const pad = (n) => String(n).padStart(2, '0')
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDay)}` }
}

// Tag types of the plan statuses (service/inspect_plan.cc EnterprisePlanStatusCode).
export function planStatusTagType(status) {
  return { overdue: 'danger', due: 'warning', done: 'success' }[status] ?? 'info'
}
