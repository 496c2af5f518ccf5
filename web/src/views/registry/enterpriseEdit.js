// Correcting an enterprise's record (PATCH /api/v1/enterprises/{id}, docs/api.md "Registry") and reading
// the change feed (GET /api/v1/changes): who may edit, the form's values, and the patch sent.
//
// The server is the judge of every rule (scope, the division of an officer, the validity of the record):
// this module only decides what to offer and sends the fields that were changed.

// The codes the server takes for `sector` and `activities` (src/chemsafe/api/platform.cc, kSectors and
// kActivities at the time of writing). Their labels are in the i18n files (sector.*, activity.*).
export const SECTORS = Object.freeze(['chemical', 'pharmaceutical', 'port', 'airport', 'logistics', 'town_gas', 'fuel_station', 'other'])
export const ACTIVITIES = Object.freeze(['production', 'storage', 'use', 'trade', 'transport', 'disposal'])

// The fields an enterprise record may be corrected in, in the order the form shows them. The USCC and
// the division do not change here.
export const EDIT_FIELDS = Object.freeze(['name', 'legal_representative', 'address', 'location', 'activities', 'sector'])

// Officers who may correct records within their scope; grid officers supervise but do not change
// records, and the administration roles (auditor, admin, security) see no business data.
const OFFICER_ROLES = new Set(['province', 'department', 'city', 'county'])

// The roles that see business data, and so the change feed.
export const BUSINESS_ROLES = Object.freeze(['province', 'department', 'city', 'county', 'grid', 'enterprise'])

export function seesChanges(user) {
  return !!user && BUSINESS_ROLES.includes(user.role)
}

// Whether the edit form is offered to `user` for `enterprise`: an enterprise user for their own
// enterprise, an officer for any enterprise they can see (the server keeps them to their division).
export function canEditEnterprise(user, enterprise) {
  if (!user || !enterprise) return false
  if (user.role === 'enterprise') return !!user.enterprise_uscc && user.enterprise_uscc === enterprise.uscc
  return OFFICER_ROLES.has(user.role)
}

const text = (v) => (v === null || v === undefined ? '' : String(v))

// The form's values for an enterprise as GET /enterprises/{id} answers it. Coordinates are edited as
// text so that a half-typed number is not silently turned into another value.
export function formFromEnterprise(e) {
  const loc = Array.isArray(e?.location) && e.location.length === 2 ? e.location : null
  return {
    name: text(e?.name),
    legal_representative: text(e?.legal_representative),
    address: text(e?.address),
    lon: loc ? String(loc[0]) : '',
    lat: loc ? String(loc[1]) : '',
    activities: Array.isArray(e?.activities) ? [...e.activities] : [],
    sector: text(e?.sector),
  }
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/

// The location the form states: {value: [lon, lat] | null} or {problem: i18n key} when only one of
// the two is given or one is not a number. The range (inside China) is the server's to check.
export function locationOf(form) {
  const lon = text(form.lon).trim()
  const lat = text(form.lat).trim()
  if (!lon && !lat) return { value: null }
  if (!lon || !lat) return { problem: 'enterpriseEdit.locationBoth' }
  if (!NUMBER.test(lon) || !NUMBER.test(lat)) return { problem: 'enterpriseEdit.locationNumber' }
  return { value: [Number(lon), Number(lat)] }
}

function sameLocation(a, b) {
  const norm = (l) => (Array.isArray(l) && l.length === 2 ? l.map(Number) : null)
  const x = norm(a)
  const y = norm(b)
  if (!x || !y) return x === y
  return x[0] === y[0] && x[1] === y[1]
}

function sameSet(a, b) {
  const x = new Set(a ?? [])
  const y = new Set(b ?? [])
  return x.size === y.size && [...x].every((v) => y.has(v))
}

/**
 * The PATCH body for the fields the form changed against `original`.
 * @returns {{patch: object, changed: string[], problems: {field: string, key: string}[]}}
 *   `problems` name the fields the form cannot send as they are (nothing is sent then).
 */
export function patchFromForm(form, original) {
  const patch = {}
  const problems = []
  for (const field of ['name', 'legal_representative', 'address']) {
    const value = text(form[field]).trim()
    if (value !== text(original?.[field])) patch[field] = value
  }
  const loc = locationOf(form)
  if (loc.problem) problems.push({ field: 'location', key: loc.problem })
  else if (!sameLocation(loc.value, original?.location ?? null)) patch.location = loc.value
  // Activities go in the server's order, whatever order they were ticked in.
  const activities = ACTIVITIES.filter((a) => form.activities?.includes(a))
    .concat((form.activities ?? []).filter((a) => !ACTIVITIES.includes(a)))
  if (!sameSet(activities, original?.activities)) patch.activities = activities
  if (form.sector && form.sector !== text(original?.sector)) patch.sector = form.sector
  return { patch, changed: Object.keys(patch), problems }
}

// The fields of one change in the feed. The server answers them as one text ("address, location");
// a list is taken as it is.
export function changedFields(fields) {
  if (Array.isArray(fields)) return fields.map((f) => String(f).trim()).filter(Boolean)
  if (typeof fields !== 'string') return []
  return fields.split(/[,，、\s]+/).map((f) => f.trim()).filter(Boolean)
}

// The i18n key of a changed field's label; unknown fields are shown as the server names them.
export function fieldLabelKey(field) {
  return EDIT_FIELDS.includes(field) ? `enterpriseEdit.field.${field}` : null
}
