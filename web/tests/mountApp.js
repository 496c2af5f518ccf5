// Mounting pages and components in Vitest's happy-dom environment, the way main.js sets up the app
// (i18n, Element Plus, a router), with the API answered by a stub of fetch (api/client.js setFetch).
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { afterEach, beforeEach, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { setCsrfToken, setFetch } from '../src/api/client.js'
import { messages } from '../src/i18n/index.js'
import elementPlus from '../src/plugins-element.js'

const Blank = defineComponent({ render: () => h('div') })
// The app's routes that pages link to (router/index.js).
const PATHS = { enterprise: '/enterprises/:id', qra: '/qra', map: '/map', unit: '/units/:id', 'major-hazard': '/major-hazards/:unitId' }

// `answers`: API path (without /api/v1) -> a function of the URL answering the body, or the body
// itself; a path without an answer is a 404 with the API's error body. Returns the list of the URLs
// asked, in order.
export function stubApi(answers) {
  const calls = []
  setFetch(async (url) => {
    const u = new URL(url, 'http://app')
    calls.push(u)
    const path = u.pathname.replace(/^\/api\/v1/, '')
    if (!(path in answers)) {
      return new Response(JSON.stringify({ error: { code: 'not_found', message: `no stub for ${path}`, request_id: 't' } }), { status: 404, headers: { 'Content-Type': 'application/json' } })
    }
    const a = answers[path]
    const body = typeof a === 'function' ? a(u) : a
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
  })
  return calls
}

export function testI18n(locale = 'zh-CN') {
  return createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages, missingWarn: false, fallbackWarn: false })
}

// Mounts `component` as the page of route `name` at `path`, beside blank pages for the other routes
// it links to; resolves when its first requests are answered.
export async function mountPage(component, { name, path, routePath = path.split('?')[0], props = false, locale = 'zh-CN' }) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: routePath, name, component, props },
      ...Object.entries(PATHS)
        .filter(([n]) => n !== name)
        .map(([n, p]) => ({ path: p, name: n, component: Blank })),
    ],
  })
  router.push(path)
  await router.isReady()
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), {
    global: { plugins: [testI18n(locale), elementPlus, router] },
    attachTo: document.body,
  })
  await settle()
  return { wrapper, router }
}

export async function mountComponent(component, { props = {}, provide = {}, locale = 'zh-CN' } = {}) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/', name: 'home', component: Blank }, ...Object.entries(PATHS).map(([n, p]) => ({ path: p, name: n, component: Blank }))],
  })
  router.push('/')
  await router.isReady()
  const wrapper = mount(component, { props, global: { plugins: [testI18n(locale), elementPlus, router], provide } })
  await settle()
  return { wrapper, router }
}

// Lets the stubbed requests answer and the page render what they brought.
export async function settle() {
  for (let i = 0; i < 4; i++) await flushPromises()
}

// A page test's surroundings: a fresh Pinia store, the clock fixed at `now` (Date only: timers run), and
// afterwards the real clock, no CSRF token, the real fetch and an empty document.
export function pageTestSetup(now = '2026-11-29T02:00:00Z') {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date(now))
  })
  afterEach(() => {
    vi.useRealTimers()
    setCsrfToken(null)
    setFetch((...args) => globalThis.fetch(...args))
    document.body.innerHTML = ''
  })
}
