// Small registry rules for display.
import { formatDateTime, orDash } from './format.js'

// Today's date in Asia/Shanghai, YYYY-MM-DD.
export function todayShanghai(now = new Date()) {
  return formatDateTime(now.toISOString()).slice(0, 10)
}

// A licence's state on `today` (YYYY-MM-DD): expired, expiring within `warnDays`, valid, or
// unknown when it states no end date. Dates compare as strings (both are ISO dates).
export function licenceState(validTo, today, warnDays = 90) {
  if (!validTo || !/^\d{4}-\d{2}-\d{2}/.test(validTo)) return 'unknown'
  const end = validTo.slice(0, 10)
  if (end < today) return 'expired'
  const warn = new Date(`${today}T00:00:00Z`)
  warn.setUTCDate(warn.getUTCDate() + warnDays)
  return end <= warn.toISOString().slice(0, 10) ? 'expiring' : 'valid'
}

// A unit summary may name its grade `major_hazard_grade` or `grade` (the contract leaves the unit
// summary's fields open).
export function unitGrade(unit) {
  return unit?.major_hazard_grade ?? unit?.grade ?? null
}

// The label of a unit kind ("storage" → 储存单元), or the kind itself / a dash when i18n has none.
// `t` and `te` are vue-i18n's translate and has-translation functions.
export function unitKindLabel(t, te, kind) {
  return te(`unitKind.${kind}`) ? t(`unitKind.${kind}`) : orDash(kind)
}
