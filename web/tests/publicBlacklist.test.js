// @vitest-environment happy-dom
// The public blacklist page (/public/blacklist; issue 7 acceptance "the blacklist page shows a listed
// enterprise to the public role without logging in") with the API stubbed and no session: the list in
// force today from GET /public/blacklist, the basis, another day asked through the date input, the
// server's message on a failure, and the log-in page's link to it.
import { describe, expect, it, vi } from 'vitest'
import { setFetch } from '../src/api/client.js'
import { useSessionStore } from '../src/stores/session.js'
import PublicBlacklistView from '../src/views/public/PublicBlacklistView.vue'
import LoginView from '../src/views/LoginView.vue'
import { router } from '../src/router/index.js'
import { mountPage, pageTestSetup, settle } from './mountApp.js'

vi.setConfig({ testTimeout: 30_000 })

pageTestSetup('2026-11-29T02:00:00Z') // 10:00 in Shanghai

const A = '91441521YY0000276A'
const ITEM = {
  id: '3', enterprise_name: '示例化工有限公司（演示）', uscc: A, reason: '发生较大生产安全事故并负有责任（演示）', legal_basis: '应急管理部令第11号 第六条',
  decision_unit: '汕尾市应急管理局（演示）', decision_no: '汕应急失信〔2026〕1号', decided_on: '2026-10-08', period_last_day: '2029-10-07',
}
const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

function stub(answer = (u) => [200, { on: u.searchParams.get('on'), items: [ITEM] }]) {
  const calls = []
  setFetch(async (url, init) => {
    const u = new URL(url, 'http://app')
    calls.push({ u, path: u.pathname.replace(/^\/api\/v1/, ''), init })
    return json(...answer(u))
  })
  return calls
}
const mountPublic = () => mountPage(PublicBlacklistView, { name: 'public-blacklist', path: '/public/blacklist' })

describe('the public blacklist', () => {
  it('shows the list in force today without a session, with the basis and a link to log in', async () => {
    expect(useSessionStore().loggedIn).toBe(false)
    const calls = stub()
    const { wrapper } = await mountPublic()
    expect(calls.map((c) => [c.path, Object.fromEntries(c.u.searchParams)])).toEqual([['/public/blacklist', { on: '2026-11-29' }]])
    expect(calls[0].init.credentials).toBe('same-origin')
    expect(wrapper.find('h1').text()).toBe('安全生产严重失信主体名单')
    expect(wrapper.find('.public-blacklist__basis').text()).toContain('应急管理部令第11号')
    const rows = wrapper.findAll('.public-blacklist-table .el-table__body tr.el-table__row')
    expect(rows).toHaveLength(1)
    expect(rows[0].find('.public-blacklist-name').text()).toBe(ITEM.enterprise_name)
    expect(rows[0].find('.public-blacklist-uscc').text()).toBe(A)
    for (const t of [ITEM.reason, ITEM.legal_basis, ITEM.decision_unit, ITEM.decision_no, '2026-10-08', '2029-10-07']) expect(rows[0].text()).toContain(t)
    expect(wrapper.find('.public-blacklist__filters').text()).toContain('2026-11-29 在列 1 家')
    expect(wrapper.find('.public-blacklist__login').attributes('href')).toBe('/login')
  })

  it('asks for another day when the date changes', async () => {
    const calls = stub((u) => [200, { on: u.searchParams.get('on'), items: u.searchParams.get('on') === '2026-11-29' ? [ITEM] : [] }])
    const { wrapper } = await mountPublic()
    await wrapper.find('.public-blacklist-on input').setValue('2026-01-15')
    await settle()
    expect(calls.map((c) => c.u.searchParams.get('on'))).toEqual(['2026-11-29', '2026-01-15'])
    expect(wrapper.findAll('.public-blacklist-table .el-table__body tr.el-table__row')).toHaveLength(0)
    expect(wrapper.find('.public-blacklist-table').text()).toContain('该日没有在列主体')
  })

  it('shows the server\'s message on a failure', async () => {
    stub(() => [400, { error: { code: 'invalid_argument', message: 'on: not a date (YYYY-MM-DD)', request_id: 'r' } }])
    const { wrapper } = await mountPublic()
    expect(wrapper.find('.error-state').text()).toContain('on: not a date (YYYY-MM-DD)')
  })

  it('the log-in page links to it', async () => {
    stub()
    const { wrapper } = await mountPage(LoginView, { name: 'login', path: '/login' })
    const link = wrapper.find('.login__blacklist')
    expect(link.text()).toBe('安全生产严重失信主体名单')
    expect(link.attributes('href')).toBe('/public/blacklist')
  })

  it('the app\'s router lets a visitor without a session in, and keeps /credit behind the log-in', async () => {
    const calls = stub((u) => (u.pathname === '/api/v1/auth/me' ? [401, { error: { code: 'unauthenticated', message: 'no session' } }] : [200, { on: '2026-11-29', items: [] }]))
    await router.push('/public/blacklist')
    expect(router.currentRoute.value.name).toBe('public-blacklist')
    expect(calls.map((c) => c.path)).toEqual(['/auth/me'])
    await router.push('/credit')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query).toEqual({ redirect: '/credit' })
  })
})
