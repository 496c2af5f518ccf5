// Display formats: dates and times in Asia/Shanghai (DESIGN.md §5), numbers with fixed decimals,
// and a dash for missing values.

export const DASH = '—'
const ZONE = 'Asia/Shanghai'

const dateTimeFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

// "2026-11-29T03:00:00Z" -> "2026-11-29 11:00" (Asia/Shanghai).
export function formatDateTime(value) {
  if (value === null || value === undefined || value === '') return DASH
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return String(value)
  const parts = Object.fromEntries(dateTimeFormat.formatToParts(d).map((p) => [p.type, p.value]))
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`
}

// Dates are already YYYY-MM-DD in the API; a full timestamp is cut to its Shanghai date.
export function formatDate(value) {
  if (value === null || value === undefined || value === '') return DASH
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value
  const dt = formatDateTime(value)
  return dt === String(value) ? dt : dt.slice(0, 10)
}

export function formatNumber(value, digits = 2) {
  if (value === null || value === undefined || value === '') return DASH
  const x = Number(value)
  if (!Number.isFinite(x)) return DASH
  return x.toFixed(digits)
}

// Integers with thousands separators: 50000 -> "50,000".
export function formatCount(value) {
  if (value === null || value === undefined || value === '') return DASH
  const x = Number(value)
  if (!Number.isFinite(x)) return DASH
  return Math.round(x).toLocaleString('en-US')
}

export function orDash(value) {
  return value === null || value === undefined || value === '' ? DASH : value
}

// [lon, lat] -> "113.930000, 22.530000"
export function formatLonLat(location) {
  if (!Array.isArray(location) || location.length < 2) return DASH
  const [lon, lat] = location.map(Number)
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return DASH
  return `${lon.toFixed(6)}, ${lat.toFixed(6)}`
}

// Text to put into HTML built as a string (map labels).
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c])
}
