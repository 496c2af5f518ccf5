import { createRouter, createWebHistory } from 'vue-router'
import { useSessionStore } from '../stores/session.js'
import { safeRedirect } from './redirect.js'

// Route paths contain no dots: the server falls back to index.html only for paths without one.
const routes = [
  { path: '/login', name: 'login', component: () => import('../views/LoginView.vue'), meta: { public: true } },
  // The public blacklist (安全生产严重失信主体名单): no session needed, outside the app's layout.
  { path: '/public/blacklist', name: 'public-blacklist', component: () => import('../views/public/PublicBlacklistView.vue'), meta: { public: true } },
  {
    path: '/',
    component: () => import('../views/AppLayout.vue'),
    children: [
      { path: '', name: 'dashboard', component: () => import('../views/dashboard/DashboardView.vue'), meta: { title: 'nav.dashboard' } },
      { path: 'enterprises', name: 'enterprises', component: () => import('../views/registry/EnterprisesView.vue'), meta: { title: 'nav.enterprises' } },
      { path: 'enterprises/:id', name: 'enterprise', component: () => import('../views/registry/EnterpriseDetailView.vue'), props: true, meta: { title: 'enterprise.title', nav: 'enterprises' } },
      { path: 'units/:id', name: 'unit', component: () => import('../views/registry/UnitDetailView.vue'), props: true, meta: { title: 'unit.title', nav: 'enterprises' } },
      { path: 'imports', name: 'imports', component: () => import('../views/imports/ImportView.vue'), meta: { title: 'nav.imports' } },
      { path: 'major-hazards', name: 'major-hazards', component: () => import('../views/hazards/MajorHazardsView.vue'), meta: { title: 'nav.majorHazards' } },
      { path: 'major-hazards/:unitId', name: 'major-hazard', component: () => import('../views/hazards/MajorHazardDetailView.vue'), props: true, meta: { title: 'mhi.detailTitle', nav: 'major-hazards' } },
      { path: 'qra', name: 'qra', component: () => import('../views/qra/QraView.vue'), meta: { title: 'nav.qra' } },
      { path: 'trace', name: 'trace', component: () => import('../views/trace/TraceView.vue'), meta: { title: 'nav.trace' } },
      { path: 'risk', name: 'risk', component: () => import('../views/risk/RiskView.vue'), meta: { title: 'nav.risk' } },
      { path: 'inspect', name: 'inspect', component: () => import('../views/inspect/InspectView.vue'), meta: { title: 'nav.inspect' } },
      { path: 'credit', name: 'credit', component: () => import('../views/credit/CreditView.vue'), meta: { title: 'nav.credit' } },
      { path: 'governance', name: 'governance', component: () => import('../views/governance/GovernanceView.vue'), meta: { title: 'nav.governance' } },
      { path: 'changes', name: 'changes', component: () => import('../views/changes/ChangesView.vue'), meta: { title: 'nav.changes' } },
      { path: 'map', name: 'map', component: () => import('../views/map/MapView.vue'), meta: { title: 'nav.map', fullBleed: true } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('../views/NotFoundView.vue'), meta: { title: 'notFound.title' } },
    ],
  },
]

export const router = createRouter({
  history: createWebHistory('/'),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

router.beforeEach(async (to) => {
  const session = useSessionStore()
  if (!session.checked) await session.probe()
  if (to.meta.public) {
    if (to.name === 'login' && session.loggedIn) return safeRedirect(to.query.redirect)
    return true
  }
  if (!session.loggedIn) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  return true
})
