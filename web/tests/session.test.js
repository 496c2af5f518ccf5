import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { getCsrfToken, setCsrfToken, setFetch } from '../src/api/client.js'
import { useSessionStore } from '../src/stores/session.js'
import { useRequest } from '../src/composables/useRequest.js'

const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
let calls
function answer(...responses) {
  calls = []
  setFetch(async (url, init) => {
    calls.push({ url, init })
    const next = responses.shift()
    if (next instanceof Error) throw next
    return next
  })
}
const USER = { id: 1, username: 'demo', name: '演示账号', role: 'province' }

beforeEach(() => {
  setActivePinia(createPinia())
  setCsrfToken(null)
})

describe('session', () => {
  it('keeps the CSRF token of log-in and sends it on the next change', async () => {
    const s = useSessionStore()
    answer(json(200, { user: USER, csrf_token: 'tok-1' }), new Response(null, { status: 204 }))
    await s.login('demo', 'pw')
    expect(s.user).toEqual(USER)
    expect(getCsrfToken()).toBe('tok-1')
    await s.logout()
    expect(calls[1].init.headers['X-CSRF-Token']).toBe('tok-1')
    expect(s.user).toBeNull()
    expect(getCsrfToken()).toBeNull()
  })
  it('asks /auth/me for the token when log-in answers none', async () => {
    const s = useSessionStore()
    answer(json(200, { user: USER }), json(200, { user: USER, csrf_token: 'tok-me' }))
    await s.login('demo', 'pw')
    expect(calls[1].url).toBe('/api/v1/auth/me')
    expect(getCsrfToken()).toBe('tok-me')
  })
  it('restores the session after a reload from /auth/me', async () => {
    const s = useSessionStore()
    answer(json(200, { user: USER, csrf_token: 'tok-2' }))
    await s.probe()
    expect(s.checked).toBe(true)
    expect(s.loggedIn).toBe(true)
    expect(getCsrfToken()).toBe('tok-2')
  })
  it('treats a 401 probe as "not logged in", and another failure as an error to show', async () => {
    const s = useSessionStore()
    answer(json(401, { error: { code: 'unauthenticated', message: 'log in', request_id: 'r1' } }))
    await s.probe()
    expect(s.loggedIn).toBe(false)
    expect(s.probeError).toBeNull()
    answer(new TypeError('Failed to fetch'))
    await s.probe()
    expect(s.probeError.code).toBe('network_error')
  })
  it('forgets the session locally even when log-out fails', async () => {
    const s = useSessionStore()
    answer(json(200, { user: USER, csrf_token: 'tok-3' }), json(503, { error: { code: 'overloaded', message: 'busy', request_id: 'r' } }))
    await s.login('demo', 'pw')
    await expect(s.logout()).rejects.toMatchObject({ code: 'overloaded' })
    expect(s.user).toBeNull()
    expect(getCsrfToken()).toBeNull()
  })
  it('surfaces 403 account_locked from log-in unchanged', async () => {
    const s = useSessionStore()
    answer(json(403, { error: { code: 'account_locked', message: 'locked for 15 minutes', request_id: 'r9' } }))
    await expect(s.login('demo', 'pw')).rejects.toMatchObject({ status: 403, code: 'account_locked', requestId: 'r9' })
    expect(s.loggedIn).toBe(false)
  })
})

describe('useRequest', () => {
  it('keeps only the latest call’s answer', async () => {
    const resolvers = []
    const { data, loading, run } = useRequest((x) => new Promise((resolve) => resolvers.push(() => resolve(x))))
    const first = run('old')
    const second = run('new')
    expect(loading.value).toBe(true)
    resolvers[1]()
    await second
    resolvers[0]()
    await first
    await nextTick()
    expect(data.value).toBe('new')
    expect(loading.value).toBe(false)
  })
  it('records errors but not aborts', async () => {
    const { error, run } = useRequest(async (e) => { throw e })
    await run({ code: 'aborted', aborted: true })
    expect(error.value).toBeNull()
    await run({ code: 'not_found', message: 'no such unit' })
    expect(error.value.code).toBe('not_found')
  })
})
