import { afterEach, describe, expect, it } from 'vitest'
import { setCsrfToken, setFetch } from '../src/api/client.js'
import {
  XLSX_TYPE, authApi, encodeFileNameHeader, importContentType, importsApi, mapApi, majorHazardsApi,
} from '../src/api/endpoints.js'

let calls = []
function answerJson(body, status = 200) {
  calls = []
  setFetch(async (url, init) => {
    calls.push({ url, init })
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  })
}
afterEach(() => setCsrfToken(null))

describe('imports', () => {
  it('picks the Content-Type by extension', () => {
    expect(importContentType('企业.CSV')).toBe('text/csv')
    expect(importContentType('units.xlsx')).toBe(XLSX_TYPE)
    expect(importContentType('units.xls')).toBeNull()
    expect(importContentType('')).toBeNull()
  })
  it('sends the file name as its UTF-8 bytes (fetch takes header values as byte strings)', () => {
    expect(encodeFileNameHeader('units 2026.csv')).toBe('units 2026.csv')
    const header = encodeFileNameHeader('储量.csv')
    expect([...header].every((ch) => ch.charCodeAt(0) <= 0xff)).toBe(true)
    expect(new TextDecoder().decode(Uint8Array.from([...header].map((ch) => ch.charCodeAt(0))))).toBe('储量.csv')
    expect(new Headers({ 'X-File-Name': header }).get('X-File-Name')).toBe(header) // accepted by fetch's Headers
    expect(encodeFileNameHeader('a\r\nb.csv')).toBe('a__b.csv')
  })
  it('POSTs the file as the raw body with its type, name and the CSRF token', async () => {
    setCsrfToken('csrf-1')
    answerJson({ rows: 2, inserted: 2, updated: 0, unchanged: 0 })
    const file = new File(['a'], '单元.xlsx')
    const result = await importsApi.upload('units', file)
    expect(result.inserted).toBe(2)
    expect(calls[0].url).toBe('/api/v1/imports/units')
    expect(calls[0].init.method).toBe('POST')
    expect(calls[0].init.body).toBe(file)
    expect(calls[0].init.headers['Content-Type']).toBe(XLSX_TYPE)
    expect(calls[0].init.headers['X-File-Name']).toBe(encodeFileNameHeader('单元.xlsx'))
    expect(calls[0].init.headers['X-File-Name']).toBe('\u00e5\u008d\u0095\u00e5\u0085\u0083.xlsx')
    expect(calls[0].init.headers['X-CSRF-Token']).toBe('csrf-1')
  })
  it('refuses an unknown kind before sending', () => {
    expect(() => importsApi.upload('chemicals', new File(['a'], 'a.csv'))).toThrow()
  })
})

describe('paths and queries', () => {
  it('log-in posts JSON credentials', async () => {
    answerJson({ user: { id: 1 }, csrf_token: 't' })
    await authApi.login('zhang', 'pw')
    expect(calls[0].url).toBe('/api/v1/auth/login')
    expect(JSON.parse(calls[0].init.body)).toEqual({ username: 'zhang', password: 'pw' })
  })
  it('map points carry the layer and the filters', async () => {
    answerJson({ layer: 'units', fields: [], points: [] })
    await mapApi.points('units', { division: '4403', grade: '1', near: '113.900000,22.500000', radius_m: 800 })
    const url = new URL(calls[0].url, 'http://x')
    expect(url.pathname).toBe('/api/v1/map/points')
    expect(Object.fromEntries(url.searchParams)).toEqual({ layer: 'units', division: '4403', grade: '1', near: '113.900000,22.500000', radius_m: '800' })
  })
  it('the major hazard detail is addressed by unit id', async () => {
    answerJson({})
    await majorHazardsApi.get(12)
    expect(calls[0].url).toBe('/api/v1/major-hazards/12')
  })
})
