import { describe, expect, it } from 'vitest'
import { DASH, escapeHtml, formatCount, formatDate, formatDateTime, formatLonLat, formatNumber } from '../src/format.js'
import { licenceState, todayShanghai, unitGrade } from '../src/registry.js'
import { scopeOf } from '../src/stores/scope.js'
import { safeRedirect } from '../src/router/redirect.js'
import { parseQuery, toQuery } from '../src/composables/useListQuery.js'
import { errorText } from '../src/composables/errorText.js'
import { ApiError, CLIENT_CODES } from '../src/api/client.js'

describe('formats', () => {
  it('shows times in Asia/Shanghai', () => {
    expect(formatDateTime('2026-11-29T03:00:00Z')).toBe('2026-11-29 11:00')
    expect(formatDateTime('2026-11-29T20:30:00+08:00')).toBe('2026-11-29 20:30')
    expect(formatDateTime('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00')
    expect(formatDateTime(null)).toBe(DASH)
    expect(formatDateTime('not a time')).toBe('not a time')
  })
  it('keeps dates as they are and cuts timestamps to the Shanghai date', () => {
    expect(formatDate('2026-03-01')).toBe('2026-03-01')
    expect(formatDate('2026-02-28T17:00:00Z')).toBe('2026-03-01')
    expect(formatDate('')).toBe(DASH)
  })
  it('formats numbers and counts', () => {
    expect(formatNumber(1.23456, 2)).toBe('1.23')
    expect(formatNumber(null)).toBe(DASH)
    expect(formatNumber('x')).toBe(DASH)
    expect(formatCount(50000)).toBe('50,000')
    expect(formatLonLat([113.93, 22.53])).toBe('113.930000, 22.530000')
    expect(formatLonLat(null)).toBe(DASH)
  })
  it('escapes HTML', () => {
    expect(escapeHtml('<b>"&\'')).toBe('&lt;b&gt;&quot;&amp;&#39;')
  })
})

describe('registry display rules', () => {
  it('states a licence as expired, expiring within 90 days, valid or unknown', () => {
    expect(licenceState('2026-01-01', '2026-06-01')).toBe('expired')
    expect(licenceState('2026-06-01', '2026-06-01')).toBe('expiring')
    expect(licenceState('2026-08-30', '2026-06-01')).toBe('expiring')
    expect(licenceState('2026-08-31', '2026-06-01')).toBe('valid')
    expect(licenceState(null, '2026-06-01')).toBe('unknown')
  })
  it('takes today in Shanghai', () => {
    expect(todayShanghai(new Date('2026-06-01T16:30:00Z'))).toBe('2026-06-02')
  })
  it('reads a unit summary’s grade under either name', () => {
    expect(unitGrade({ major_hazard_grade: 2 })).toBe(2)
    expect(unitGrade({ grade: 3 })).toBe(3)
    expect(unitGrade({})).toBeNull()
  })
})

describe('header scope', () => {
  it('describes the scope by the user record', () => {
    expect(scopeOf({ role: 'enterprise', enterprise_uscc: '91440300MA5XXXXX1X' })).toEqual({ key: 'scope.enterprise', params: { uscc: '91440300MA5XXXXX1X' } })
    expect(scopeOf({ role: 'department', department: '公安厅' }).key).toBe('scope.department')
    expect(scopeOf({ role: 'city', division_code: '4403' }, '深圳市')).toEqual({ key: 'scope.label', params: { label: '深圳市' } })
    expect(scopeOf({ role: 'city', division_code: '4403' }).key).toBe('scope.division')
    expect(scopeOf({ role: 'province' }).key).toBe('scope.province')
    expect(scopeOf({ role: 'auditor' }).key).toBe('scope.system')
    expect(scopeOf(null)).toBeNull()
  })
})

describe('log-in redirect', () => {
  it('follows only paths inside the app', () => {
    expect(safeRedirect('/enterprises?page=2')).toBe('/enterprises?page=2')
    expect(safeRedirect('//evil.example/')).toBe('/')
    expect(safeRedirect('/\\evil.example')).toBe('/')
    expect(safeRedirect('https://evil.example/')).toBe('/')
    expect(safeRedirect(undefined)).toBe('/')
  })
})

describe('list query in the URL', () => {
  const defaults = { q: '', grade: '', page: 1, page_size: 20 }
  it('parses with defaults and bad numbers', () => {
    expect(parseQuery({ q: '氯', page: '3', page_size: 'x' }, defaults)).toEqual({ q: '氯', grade: '', page: 3, page_size: 20 })
    expect(parseQuery({ page: ['2', '5'] }, defaults).page).toBe(2)
    expect(parseQuery({ page: '-1' }, defaults).page).toBe(1)
  })
  it('writes only what differs from the defaults', () => {
    expect(toQuery({ q: '', grade: '1', page: 1, page_size: 50 }, defaults)).toEqual({ grade: '1', page_size: '50' })
  })
})

describe('error text', () => {
  const t = (key, params) => `${key}${params ? JSON.stringify(params) : ''}`
  it('shows the API’s own message', () => {
    expect(errorText(new ApiError({ status: 403, code: 'forbidden', message: '无权访问' }), t)).toBe('无权访问')
  })
  it('translates failures without an API answer', () => {
    expect(errorText(new ApiError({ status: 0, code: CLIENT_CODES.network, message: 'Failed to fetch' }), t)).toBe('errors.network')
    expect(errorText(new ApiError({ status: 502, code: CLIENT_CODES.httpStatus, message: 'HTTP 502' }), t)).toBe('errors.httpStatus{"status":502}')
  })
})
