import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  ApiError, CLIENT_CODES, api, buildUrl, filenameFromDisposition, request, setCsrfToken, setFetch,
  setLocaleProvider, setUnauthenticatedHandler,
} from '../src/api/client.js'

function jsonResponse(status, body, headers = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}

let calls
function answer(...responses) {
  calls = []
  const queue = [...responses]
  setFetch(async (url, init) => {
    calls.push({ url, init })
    const next = queue.shift()
    if (next instanceof Error) throw next
    return typeof next === 'function' ? next(url, init) : next
  })
}

beforeEach(() => {
  setCsrfToken(null)
  setLocaleProvider(() => 'zh-CN')
  setUnauthenticatedHandler(null)
})
afterEach(() => setFetch((...a) => globalThis.fetch(...a)))

describe('buildUrl', () => {
  it('prefixes /api/v1 and leaves out empty parameters', () => {
    expect(buildUrl('/enterprises', { q: '广州', division: '', sector: null, grade: undefined, page: 2 })).toBe(
      '/api/v1/enterprises?q=%E5%B9%BF%E5%B7%9E&page=2',
    )
  })
  it('has no "?" without parameters', () => {
    expect(buildUrl('/dashboard', {})).toBe('/api/v1/dashboard')
    expect(buildUrl('dashboard')).toBe('/api/v1/dashboard')
  })
  it('keeps the comma of near=lon,lat readable to the server', () => {
    const url = new URL(buildUrl('/map/points', { near: '113.930000,22.530000', radius_m: 500 }), 'http://x')
    expect(url.searchParams.get('near')).toBe('113.930000,22.530000')
    expect(url.searchParams.get('radius_m')).toBe('500')
  })
})

describe('CSRF header', () => {
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    it(`is sent on ${method}`, async () => {
      setCsrfToken('tok-123')
      answer(new Response(null, { status: 204 }))
      await request(method, '/x', { json: {} })
      expect(calls[0].init.headers['X-CSRF-Token']).toBe('tok-123')
      expect(calls[0].init.method).toBe(method)
    })
  }
  it('is not sent on GET', async () => {
    setCsrfToken('tok-123')
    answer(jsonResponse(200, { ok: true }))
    await api.get('/dashboard')
    expect(calls[0].init.headers['X-CSRF-Token']).toBeUndefined()
  })
  it('is not sent before log-in (no token yet)', async () => {
    answer(jsonResponse(200, { user: {}, csrf_token: 't' }))
    await api.post('/auth/login', { json: { username: 'a', password: 'b' } })
    expect('X-CSRF-Token' in calls[0].init.headers).toBe(false)
  })
  it('stops after the token is cleared (log-out)', async () => {
    setCsrfToken('tok')
    setCsrfToken(null)
    answer(new Response(null, { status: 204 }))
    await api.post('/auth/logout')
    expect('X-CSRF-Token' in calls[0].init.headers).toBe(false)
  })
})

describe('requests', () => {
  it('sends JSON with its content type and the session cookie', async () => {
    answer(jsonResponse(200, { a: 1 }))
    const body = await api.post('/auth/login', { json: { username: 'u', password: 'p' } })
    expect(body).toEqual({ a: 1 })
    expect(calls[0].init.headers['Content-Type']).toBe('application/json')
    expect(calls[0].init.body).toBe('{"username":"u","password":"p"}')
    expect(calls[0].init.credentials).toBe('same-origin')
  })
  it('asks for messages in the UI language', async () => {
    setLocaleProvider(() => 'en')
    answer(jsonResponse(200, {}))
    await api.get('/dashboard')
    expect(calls[0].init.headers['Accept-Language']).toBe('en')
  })
  it('sends a raw body with the caller’s headers (imports)', async () => {
    setCsrfToken('t')
    answer(jsonResponse(200, { rows: 1 }))
    const file = new Blob(['a,b\n1,2\n'], { type: 'text/csv' })
    await api.post('/imports/units', { body: file, headers: { 'Content-Type': 'text/csv', 'X-File-Name': 'u.csv' } })
    expect(calls[0].init.body).toBe(file)
    expect(calls[0].init.headers['Content-Type']).toBe('text/csv')
    expect(calls[0].init.headers['X-File-Name']).toBe('u.csv')
    expect(calls[0].init.headers['X-CSRF-Token']).toBe('t')
  })
  it('answers null for 204', async () => {
    answer(new Response(null, { status: 204 }))
    expect(await api.post('/auth/logout')).toBeNull()
  })
  it('returns a blob with the file name of Content-Disposition', async () => {
    answer(new Response('xlsx-bytes', { status: 200, headers: { 'Content-Disposition': "attachment; filename*=UTF-8''%E4%BC%81%E4%B8%9A.xlsx" } }))
    const r = await api.get('/enterprises/export.xlsx', { responseType: 'blob' })
    expect(r.filename).toBe('企业.xlsx')
    expect(await r.blob.text()).toBe('xlsx-bytes')
  })
})

describe('errors', () => {
  it('turns the error body into an ApiError with code, message and request id', async () => {
    answer(jsonResponse(403, { error: { code: 'account_locked', message: '账户已锁定', request_id: 'r-1' } }))
    const e = await api.post('/auth/login', { json: {}, redirectOn401: false }).catch((x) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(403)
    expect(e.code).toBe('account_locked')
    expect(e.message).toBe('账户已锁定')
    expect(e.requestId).toBe('r-1')
  })
  it('keeps the problems of 422 invalid_rows', async () => {
    const problems = [{ row: 3, column: 'B', header: 'uscc', message: '校验位错误' }]
    answer(jsonResponse(422, { error: { code: 'invalid_rows', message: '2 rows', request_id: 'r-2', problems } }))
    const e = await api.post('/imports/enterprises', { body: 'x' }).catch((x) => x)
    expect(e.code).toBe('invalid_rows')
    expect(e.problems).toEqual(problems)
  })
  it('falls back to X-Request-Id when the body has none', async () => {
    answer(jsonResponse(404, { error: { code: 'not_found', message: 'no' } }, { 'X-Request-Id': 'hdr-9' }))
    const e = await api.get('/units/9').catch((x) => x)
    expect(e.requestId).toBe('hdr-9')
  })
  it('reports an error page that is not the API’s JSON as http_error', async () => {
    answer(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'X-Request-Id': 'p' } }))
    const e = await api.get('/dashboard').catch((x) => x)
    expect(e.code).toBe(CLIENT_CODES.httpStatus)
    expect(e.status).toBe(502)
    expect(e.message).toContain('502')
    expect(e.requestId).toBe('p')
  })
  it('reports a refused connection as network_error', async () => {
    answer(new TypeError('Failed to fetch'))
    const e = await api.get('/dashboard').catch((x) => x)
    expect(e.code).toBe(CLIENT_CODES.network)
    expect(e.status).toBe(0)
  })
  it('reports an abort as aborted', async () => {
    answer(new DOMException('The operation was aborted.', 'AbortError'))
    const e = await api.get('/enterprises').catch((x) => x)
    expect(e.aborted).toBe(true)
  })
  it('reports a success answer that is not JSON', async () => {
    answer(new Response('not json', { status: 200 }))
    const e = await api.get('/dashboard').catch((x) => x)
    expect(e.code).toBe(CLIENT_CODES.badResponse)
  })
})

describe('401', () => {
  it('calls the handler (back to log-in) and still rejects', async () => {
    const handler = vi.fn()
    setUnauthenticatedHandler(handler)
    answer(jsonResponse(401, { error: { code: 'unauthenticated', message: 'log in', request_id: 'r' } }))
    const e = await api.get('/dashboard').catch((x) => x)
    expect(handler).toHaveBeenCalledOnce()
    expect(handler.mock.calls[0][0].code).toBe('unauthenticated')
    expect(e.status).toBe(401)
  })
  it('does not redirect for log-in’s own 401 invalid_credentials', async () => {
    const handler = vi.fn()
    setUnauthenticatedHandler(handler)
    answer(jsonResponse(401, { error: { code: 'invalid_credentials', message: 'wrong', request_id: 'r' } }))
    const e = await api.post('/auth/login', { json: {}, redirectOn401: false }).catch((x) => x)
    expect(handler).not.toHaveBeenCalled()
    expect(e.code).toBe('invalid_credentials')
  })
  it('does not call the handler for other statuses', async () => {
    const handler = vi.fn()
    setUnauthenticatedHandler(handler)
    answer(jsonResponse(403, { error: { code: 'csrf', message: 'token', request_id: 'r' } }))
    await api.post('/x').catch(() => {})
    expect(handler).not.toHaveBeenCalled()
  })
})

describe('filenameFromDisposition', () => {
  it('reads filename* first, then filename', () => {
    expect(filenameFromDisposition('attachment; filename="a.xlsx"')).toBe('a.xlsx')
    expect(filenameFromDisposition('attachment; filename=b.xlsx')).toBe('b.xlsx')
    expect(filenameFromDisposition("attachment; filename=\"x.xlsx\"; filename*=UTF-8''%E6%A8%A1%E6%9D%BF.xlsx")).toBe('模板.xlsx')
    expect(filenameFromDisposition(null)).toBeNull()
    expect(filenameFromDisposition('inline')).toBeNull()
  })
})
