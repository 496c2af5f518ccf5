// The one HTTP client of the front end: every call to the chemsafe API goes through request().
//
// Contract (docs/api.md, "Conventions"):
// - JSON in and out under /api/v1; the session is the HttpOnly cookie, sent by the browser.
// - POST/PUT/PATCH/DELETE carry X-CSRF-Token (except log-in, which has no token yet).
// - Any status >= 400 has the body {"error": {"code", "message", "request_id", ...}}; it becomes an ApiError.
// - A 401 means the session is gone: the registered handler sends the user to the log-in page.
//
// The module keeps no reference to Vue, the router or i18n; the app wires them in with the setters
// below, so the client can be tested without a browser or a server.

export const API_BASE = '/api/v1'

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

// Error codes made up by the client for failures that have no API error body.
export const CLIENT_CODES = Object.freeze({
  network: 'network_error', // fetch rejected: server down, connection refused, offline
  aborted: 'aborted', // the caller aborted the request (a newer one replaced it)
  badResponse: 'invalid_response', // a success status whose body is not the expected JSON
  httpStatus: 'http_error', // an error status without the API's error body (a proxy's HTML page)
})

export class ApiError extends Error {
  constructor({ status, code, message, requestId = null, problems = null, details = null }) {
    super(message || code)
    this.name = 'ApiError'
    this.status = status // HTTP status; 0 when no answer came back
    this.code = code
    this.requestId = requestId
    this.problems = problems // invalid_rows: [{row, column, header, message}]
    this.details = details // the whole `error` object, for fields this client does not know
  }

  get aborted() {
    return this.code === CLIENT_CODES.aborted
  }
}

let csrfToken = null
let localeOf = () => 'zh-CN'
let unauthenticatedHandler = null
let fetchImpl = (...args) => globalThis.fetch(...args)

export function setCsrfToken(token) {
  csrfToken = token || null
}

export function getCsrfToken() {
  return csrfToken
}

// fn() returns the UI language ("zh-CN" | "en"), sent as Accept-Language so that error messages
// come back in the language the user reads.
export function setLocaleProvider(fn) {
  localeOf = fn
}

// fn(error) is called on every 401 unless the request opted out (log-in, the session probe).
export function setUnauthenticatedHandler(fn) {
  unauthenticatedHandler = fn
}

// For tests.
export function setFetch(fn) {
  fetchImpl = fn
}

// Builds "/api/v1/path?a=1&b=2"; leaves out parameters that are null, undefined or "".
export function buildUrl(path, query) {
  const url = API_BASE + (path.startsWith('/') ? path : '/' + path)
  if (!query) return url
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue
    if (Array.isArray(value)) {
      if (value.length) params.append(key, value.join(','))
    } else {
      params.append(key, String(value))
    }
  }
  const qs = params.toString()
  return qs ? `${url}?${qs}` : url
}

async function readErrorBody(response) {
  const text = await response.text().catch(() => '')
  if (!text) return null
  try {
    const body = JSON.parse(text)
    return body && typeof body.error === 'object' && body.error !== null ? body.error : null
  } catch {
    return null
  }
}

async function toApiError(response) {
  const err = await readErrorBody(response)
  const headerId = response.headers.get('X-Request-Id')
  if (err) {
    return new ApiError({
      status: response.status,
      code: err.code || CLIENT_CODES.httpStatus,
      message: err.message || response.statusText,
      requestId: err.request_id || headerId,
      problems: Array.isArray(err.problems) ? err.problems : null,
      details: err,
    })
  }
  return new ApiError({
    status: response.status,
    code: CLIENT_CODES.httpStatus,
    message: `HTTP ${response.status}${response.statusText ? ' ' + response.statusText : ''}`,
    requestId: headerId,
  })
}

// Takes the file name out of Content-Disposition (RFC 6266: filename* first, then filename).
export function filenameFromDisposition(header) {
  if (!header) return null
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))
    } catch {
      /* fall through to the plain parameter */
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header)
  if (plain) return (plain[2] ?? plain[1]).trim()
  return null
}

/**
 * Sends one request to the API.
 * @param {string} method GET, POST, …
 * @param {string} path below /api/v1, e.g. "/enterprises"
 * @param {object} [options]
 * @param {object} [options.query] query parameters; empty ones are left out
 * @param {*} [options.json] a value sent as application/json
 * @param {Blob|ArrayBuffer|string} [options.body] a raw body (imports); set its Content-Type in headers
 * @param {object} [options.headers] extra headers
 * @param {'json'|'blob'} [options.responseType] 'blob' answers {blob, filename, contentType}
 * @param {AbortSignal} [options.signal]
 * @param {boolean} [options.redirectOn401] false for log-in and the session probe
 * @returns {Promise<*>} the parsed JSON (null for 204)
 * @throws {ApiError}
 */
export async function request(method, path, options = {}) {
  const { query, json, body, headers = {}, responseType = 'json', signal, redirectOn401 = true } = options
  const upper = method.toUpperCase()
  const h = {
    Accept: responseType === 'json' ? 'application/json' : '*/*',
    'Accept-Language': localeOf(),
    ...headers,
  }
  let payload = body
  if (json !== undefined) {
    payload = JSON.stringify(json)
    h['Content-Type'] = 'application/json'
  }
  if (MUTATING.has(upper) && csrfToken) h['X-CSRF-Token'] = csrfToken

  let response
  try {
    response = await fetchImpl(buildUrl(path, query), {
      method: upper,
      headers: h,
      body: payload,
      credentials: 'same-origin',
      signal,
    })
  } catch (e) {
    if (e && e.name === 'AbortError') {
      throw new ApiError({ status: 0, code: CLIENT_CODES.aborted, message: 'aborted' })
    }
    throw new ApiError({ status: 0, code: CLIENT_CODES.network, message: (e && e.message) || 'network error' })
  }

  if (!response.ok) {
    const error = await toApiError(response)
    if (response.status === 401 && redirectOn401 && unauthenticatedHandler) unauthenticatedHandler(error)
    throw error
  }
  if (response.status === 204) return null
  if (responseType === 'blob') {
    return {
      blob: await response.blob(),
      filename: filenameFromDisposition(response.headers.get('Content-Disposition')),
      contentType: response.headers.get('Content-Type'),
    }
  }
  const text = await response.text()
  if (!text) return null
  try {
    return JSON.parse(text)
  } catch {
    throw new ApiError({
      status: response.status,
      code: CLIENT_CODES.badResponse,
      message: 'the answer is not JSON',
      requestId: response.headers.get('X-Request-Id'),
    })
  }
}

export const api = {
  get: (path, options) => request('GET', path, options),
  post: (path, options) => request('POST', path, options),
  put: (path, options) => request('PUT', path, options),
  patch: (path, options) => request('PATCH', path, options),
  delete: (path, options) => request('DELETE', path, options),
}

// Fetches a file (Excel export, template) through the client, so that errors and 401 are handled
// like any other call, then hands it to the browser as a download.
export async function downloadFile(path, { query, fallbackName } = {}) {
  const { blob, filename } = await request('GET', path, { query, responseType: 'blob' })
  const url = URL.createObjectURL(blob)
  try {
    const a = document.createElement('a')
    a.href = url
    a.download = filename || fallbackName || 'download'
    document.body.appendChild(a)
    a.click()
    a.remove()
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }
}
