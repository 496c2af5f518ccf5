// Traceability of 剧毒 and 易制爆 chemicals (plan tasks T3 and T35): the codes the server answers
// (docs/api.md, "Traceability") and the pure helpers of the 流向追溯 page. The server computes the
// closed loop and the lineage; these only label, colour, build queries and write the filing CSV.
import { formatDateTime } from './format.js'

// The anomaly kinds of GET /trace/closed-loop, in the order the page lists them.
export const ANOMALY_KINDS = Object.freeze([
  'not_received',
  'receipt_without_shipment',
  'quantity_mismatch',
  'unlicensed_sale',
  'custody_without_licence',
  'out_of_order',
  'imbalance',
  'filing_overdue',
])

// Tag types of the kinds (Element Plus): a sale to an unlicensed party and custody without a licence
// are breaches of the licensing rules (red); lost or unexplained stock and broken records orange;
// late paperwork grey-blue.
const KIND_TAG_TYPES = Object.freeze({
  not_received: 'warning',
  receipt_without_shipment: 'warning',
  quantity_mismatch: 'warning',
  unlicensed_sale: 'danger',
  custody_without_licence: 'danger',
  out_of_order: 'warning',
  imbalance: 'danger',
  filing_overdue: 'info',
})

export function isAnomalyKind(kind) {
  return ANOMALY_KINDS.includes(kind)
}

export function anomalyTagType(kind) {
  return KIND_TAG_TYPES[kind] ?? 'info'
}

// The count of a kind in anomaly_counts, 0 when absent.
export function anomalyCount(counts, kind) {
  const n = Number(counts?.[kind])
  return Number.isFinite(n) ? n : 0
}

export function totalAnomalies(counts) {
  return Object.values(counts ?? {}).reduce((sum, n) => sum + (Number.isFinite(Number(n)) ? Number(n) : 0), 0)
}

// The anomalies of one kind ('' = all).
export function filterAnomalies(anomalies, kind) {
  return kind ? (anomalies ?? []).filter((a) => a.kind === kind) : (anomalies ?? [])
}

// CBV 2.0 business steps the page names (GS1 Core Business Vocabulary 2.0, BizStep).
export const BIZ_STEPS = Object.freeze([
  'commissioning', 'packing', 'loading', 'shipping', 'receiving', 'consuming', 'destroying', 'cycle_counting',
])

// The lineage relations of GET /trace/lineage.
export const RELATIONS = Object.freeze(['packed_into', 'associated_with', 'transformed_into'])

// The EPCIS 2.0 event types.
export const EVENT_TYPES = Object.freeze([
  'ObjectEvent', 'AggregationEvent', 'TransformationEvent', 'TransactionEvent', 'AssociationEvent',
])

// A CBV word from any of its forms ("shipping", "urn:epcglobal:cbv:bizstep:shipping",
// "https://ref.gs1.org/cbv/BizStep-shipping", "cbv:BizStep-shipping"): the bare word.
export function cbvWord(value) {
  const s = String(value ?? '')
  const m = /(?:urn:epcglobal:cbv:[a-z]+:|[A-Za-z]+-)([a-z_]+)$/.exec(s)
  return m ? m[1] : s
}

// The China date (YYYY-MM-DD, Asia/Shanghai) of a moment.
export function chinaDate(date) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  )
  return `${parts.year}-${parts.month}-${parts.day}`
}

// "YYYY-MM-DD" plus `days` (negative: back), by the calendar.
export function addDays(isoDate, days) {
  const d = new Date(`${isoDate}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

// The default period of the closed loop: the last `days` China days up to today, both included.
export function defaultPeriod(now = new Date(), days = 60) {
  const to = chinaDate(now)
  return { from: addDays(to, -(days - 1)), to }
}

export function isIsoDate(value) {
  return /^\d{4}-\d{2}-\d{2}$/.test(String(value ?? '')) && !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime())
}

// Counted stock that differs from the books' closing stock by more than 1 g (the server rounds to 0.1 kg);
// no count (null) is no difference.
export function balanceDiffers(row) {
  if (row?.counted_kg === null || row?.counted_kg === undefined) return false
  return Math.abs(Number(row.counted_kg) - Number(row.closing_kg)) > 1e-3
}

// The query of GET /trace/events from the form: empty fields left out, dates as the start of their
// China day (RFC 3339 with offset), LT_eventTime the day after the "to" date so that it is included.
export function eventsQuery(form, { perPage = 50, nextPageToken } = {}) {
  const q = {
    eventType: EVENT_TYPES.includes(form.eventType) ? form.eventType : undefined,
    EQ_bizStep: form.bizStep || undefined,
    MATCH_epc: form.epc?.trim() || undefined,
    MATCH_epcClass: form.epcClass?.trim() || undefined,
    GE_eventTime: isIsoDate(form.from) ? `${form.from}T00:00:00+08:00` : undefined,
    LT_eventTime: isIsoDate(form.to) ? `${addDays(form.to, 1)}T00:00:00+08:00` : undefined,
    perPage,
    nextPageToken: nextPageToken || undefined,
  }
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined))
}

// The events of an EPCISQueryDocument, [] when it has none.
export function eventList(doc) {
  return doc?.epcisBody?.queryResults?.resultsBody?.eventList ?? []
}

// The identifiers an event names: parent first, then the EPCs, the classes of its quantities, inputs
// and outputs, without repeats.
export function eventIdentifiers(event) {
  const ids = []
  const add = (v) => v && !ids.includes(v) && ids.push(v)
  add(event?.parentID)
  for (const key of ['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList']) for (const v of event?.[key] ?? []) add(v)
  for (const key of ['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList']) {
    for (const q of event?.[key] ?? []) add(q?.epcClass)
  }
  return ids
}

// "100 KGM" per quantity element of the event, inputs first for a transformation.
export function eventQuantities(event) {
  const out = []
  for (const key of ['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList']) {
    for (const q of event?.[key] ?? []) {
      if (q?.quantity === undefined || q?.quantity === null) continue
      out.push(`${q.quantity}${q.uom ? ` ${q.uom}` : ''}`)
    }
  }
  return out
}

// The parties of an event's sourceList and destinationList.
export function eventParties(event) {
  return {
    sources: (event?.sourceList ?? []).map((s) => s.source).filter(Boolean),
    destinations: (event?.destinationList ?? []).map((d) => d.destination).filter(Boolean),
  }
}

// Events in time order (a stable sort: equal times keep the server's order).
export function byEventTime(events) {
  return [...(events ?? [])].sort((a, b) => new Date(a.eventTime).getTime() - new Date(b.eventTime).getTime())
}

// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. Text that a
// spreadsheet would take for a formula (=, +, -, @ first) gets a leading apostrophe; numbers stay numbers.
export function csvField(value) {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  let s = String(value)
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export const FILING_COLUMNS = Object.freeze(['seller', 'buyer', 'chemical', 'shipment', 'quantity_kg', 'sold_at', 'recorded_at', 'overdue'])

// The 5-day filings as CSV (UTF-8 with a byte-order mark, which spreadsheet programs need to read Chinese;
// CRLF line ends). `header(column)` names a column; `yesNo(bool)` writes the overdue flag. Times in
// Asia/Shanghai like the page.
export function filingsCsv(filings, { header, yesNo }) {
  const lines = [FILING_COLUMNS.map((c) => csvField(header(c))).join(',')]
  for (const f of filings ?? []) {
    lines.push(
      [
        f.seller, f.buyer, f.chemical, f.shipment, Number(f.quantity_kg),
        formatDateTime(f.sold_at), formatDateTime(f.recorded_at), yesNo(Boolean(f.overdue)),
      ].map(csvField).join(','),
    )
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

export function filingsFileName(from, to) {
  return `流向备案_${from}_${to}.csv`
}

// Saves text as a file through a Blob and a temporary link (no server round trip).
export function saveText(text, fileName, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

// The rows of page `page` (from 1) of `size` rows, for the tables paged in the browser.
export function pageSlice(rows, page, size) {
  const list = rows ?? []
  const last = Math.max(1, Math.ceil(list.length / size))
  const p = Math.min(Math.max(1, page), last)
  return list.slice((p - 1) * size, p * size)
}

// The work item of an anomaly (its state as the police and safety roles handle it), docs/api.md.
export const WORK_STATUSES = Object.freeze(['open', 'acknowledged', 'closed'])

// The roles that change a work item's state (PATCH /trace/work-items/{key}); the server keeps them to
// their scope and answers 403 to the others.
export const WORK_ITEM_ROLES = Object.freeze(['province', 'department', 'city', 'county'])

export function canHandleWorkItems(user) {
  return !!user && WORK_ITEM_ROLES.includes(user.role)
}

// Open anomalies in red, acknowledged ones orange, closed ones green; grey for a state this client does not know.
export function workStatusTagType(status) {
  return { open: 'danger', acknowledged: 'warning', closed: 'success' }[status] ?? 'info'
}

// The anomaly with the work item saved since the answer came (items: key -> work item), if any.
export function withWorkItem(anomaly, items) {
  const item = anomaly?.key ? items?.[anomaly.key] : undefined
  return item ? { ...anomaly, status: item.status, note: item.note, updated_at: item.updated_at, updated_by: item.updated_by } : anomaly
}
