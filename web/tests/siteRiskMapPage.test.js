// @vitest-environment happy-dom
// The enterprise's four-colour risk map on its page (views/registry/EnterpriseRiskMap.vue, issue 7) with the
// API stubbed: the points drawn most severe on top, the legend's counts, a point's popup leading to its
// details, the points without a location listed, nothing shown without points; and the links to the cards
// made from the data: the post and emergency cards of a risk point (each version), the major hazard notice.
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import elementPlus from '../src/plugins-element.js'
import EnterpriseRiskMap from '../src/views/registry/EnterpriseRiskMap.vue'
import EnterpriseDetailView from '../src/views/registry/EnterpriseDetailView.vue'
import RiskPointDrawer from '../src/views/risk/RiskPointDrawer.vue'
import MajorHazardDetailView from '../src/views/hazards/MajorHazardDetailView.vue'
import { mountPage, pageTestSetup, settle, stubApi, testI18n } from './mountApp.js'

vi.setConfig({ testTimeout: 30_000 })

pageTestSetup('2026-11-29T02:00:00Z')

const USCC = '91441521YY0000276A'
const ENTERPRISE = {
  id: 5, uscc: USCC, name: '汕尾甲化工有限公司（演示）', synthetic: true, division_code: '441521', licences: [],
  units: [
    { id: 11, code: 'U01', name: '液氯罐区', kind: 'storage', location: [113.6, 22.8], major_hazard_grade: 2 },
    { id: 12, code: 'U02', name: '氯化装置', kind: 'production', location: null, major_hazard_grade: null },
  ],
}
const point = (id, name, grade, location, extra = {}) => ({ id, enterprise_uscc: USCC, name, area: `${name}区域`, grade, location, version: 1, ...extra })
const POINTS = [
  point(1, '液氯储罐区', 'major', { lon: 113.601, lat: 22.801 }),
  point(2, '成品仓库', 'low', { lon: 113.603, lat: 22.799 }),
  point(3, '氯化反应釜', 'larger', { lon: 113.602, lat: 22.802 }),
  point(4, '装卸站台', 'general', null),
  point(5, '污水站', 'low', null),
]
const BOUNDARIES = { type: 'FeatureCollection', features: [] }

// Mounts the map alone, under a router that has the risk page (the popup's link leads there).
async function mountMap(enterprise = ENTERPRISE) {
  const Blank = defineComponent({ render: () => h('div') })
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: Blank }, { path: '/risk', name: 'risk', component: Blank }] })
  router.push('/')
  await router.isReady()
  const wrapper = mount(EnterpriseRiskMap, { props: { enterprise }, global: { plugins: [testI18n(), elementPlus, router] }, attachTo: document.body })
  await settle()
  return { wrapper, router }
}
const riskStub = (items = POINTS) => stubApi({ '/risk/points': () => ({ page: 1, page_size: 1000, items }), '/map/boundaries': BOUNDARIES })

describe('the enterprise’s four-colour risk map', () => {
  it('asks for the enterprise’s points, up to 1000', async () => {
    const calls = riskStub()
    await mountMap()
    const asked = calls.filter((u) => u.pathname === '/api/v1/risk/points')
    expect(asked).toHaveLength(1)
    expect(asked[0].searchParams.get('enterprise')).toBe(USCC)
    expect(asked[0].searchParams.get('page_size')).toBe('1000')
  })

  it('draws the placed points coloured by grade, the most severe last (on top), and the placed units', async () => {
    riskStub()
    const { wrapper } = await mountMap()
    const map = wrapper.find('.site-risk-map')
    expect(map.attributes('data-points')).toBe('3')
    expect(map.attributes('data-units')).toBe('1')
    const circles = [...document.querySelectorAll('.site-risk-map path.site-risk-point')]
    expect(circles.map((c) => [...c.classList].find((k) => k.startsWith('site-risk-point--')))).toEqual([
      'site-risk-point--low', 'site-risk-point--larger', 'site-risk-point--major',
    ])
    expect(circles.map((c) => c.getAttribute('fill'))).toEqual(['#1e6fd9', '#ff7d00', '#d9001b'])
    expect(document.querySelectorAll('.site-risk-map .site-unit-marker')).toHaveLength(1)
    // Fitted to the points: the view is centred on their bounds, not on the province.
    const centre = document.querySelector('.site-risk-map').leafletMap.getCenter()
    expect(centre.lat).toBeCloseTo((22.799 + 22.802) / 2, 3)
    expect(centre.lng).toBeCloseTo((113.601 + 113.603) / 2, 3)
  })

  it('counts the points by grade in the legend', async () => {
    riskStub()
    const { wrapper } = await mountMap()
    const rows = wrapper.findAll('.site-risk-legend__row[data-grade]')
    expect(rows.map((r) => [r.attributes('data-grade'), r.find('.site-risk-legend__label').text(), r.find('.site-risk-legend__count').text()])).toEqual([
      ['major', '重大风险', '1'], ['larger', '较大风险', '1'], ['general', '一般风险', '1'], ['low', '低风险', '2'],
    ])
  })

  it('lists the points without a location under the map', async () => {
    riskStub()
    const { wrapper } = await mountMap()
    expect(wrapper.find('.site-risk-unplaced__count').text()).toBe('未标注位置的风险点: 2')
    const links = wrapper.findAll('.site-risk-unplaced__point')
    expect(links.map((a) => [a.text(), a.attributes('href')])).toEqual([['装卸站台', '/risk?point=4'], ['污水站', '/risk?point=5']])
  })

  it('opens a point’s name, area and grade in a popup whose link leads to its details', async () => {
    riskStub()
    const { router } = await mountMap()
    const major = document.querySelector('.site-risk-map path.site-risk-point--major')
    major.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    await settle()
    const popup = document.querySelector('.site-risk-map .site-risk-popup')
    expect(popup).not.toBeNull()
    expect(popup.querySelector('.site-risk-popup__name').textContent).toBe('液氯储罐区')
    expect(popup.querySelector('.site-risk-popup__area').textContent).toBe('区域/部位: 液氯储罐区区域')
    expect(popup.querySelector('.site-risk-popup__grade').textContent).toBe('风险等级: 重大风险')
    const link = popup.querySelector('a.site-risk-popup__link')
    expect(link.getAttribute('href')).toBe('/risk?point=1')
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
    await settle()
    expect(router.currentRoute.value.fullPath).toBe('/risk?point=1')
  })

  it('is not shown when the enterprise has no risk points', async () => {
    riskStub([])
    const { wrapper } = await mountMap()
    expect(wrapper.find('.enterprise-risk-map').exists()).toBe(false)
    expect(document.querySelector('.site-risk-map')).toBeNull()
  })

  it('shows a failure to load the points, and retries', async () => {
    stubApi({ '/map/boundaries': BOUNDARIES }) // /risk/points answers 404
    const { wrapper } = await mountMap()
    expect(wrapper.find('.enterprise-risk-map .error-state').exists()).toBe(true)
    expect(wrapper.find('.site-risk-map').exists()).toBe(false)
    riskStub()
    await wrapper.find('.error-state__retry').trigger('click')
    await settle()
    expect(wrapper.find('.error-state').exists()).toBe(false)
    expect(wrapper.find('.site-risk-map').attributes('data-points')).toBe('3')
    expect(document.querySelectorAll('.site-risk-map path.site-risk-point')).toHaveLength(3)
  })

  it('sits on the enterprise page', async () => {
    const calls = stubApi({
      '/enterprises/5': ENTERPRISE,
      '/enterprises/5/qra': { latest: null, history: [] },
      '/risk/points': () => ({ page: 1, page_size: 1000, items: POINTS.slice(0, 3) }),
      '/map/boundaries': BOUNDARIES,
    })
    const { wrapper } = await mountPage(EnterpriseDetailView, { name: 'enterprise', path: '/enterprises/5', routePath: '/enterprises/:id', props: true })
    expect(calls.some((u) => u.pathname === '/api/v1/risk/points' && u.searchParams.get('enterprise') === USCC)).toBe(true)
    expect(wrapper.find('.enterprise-risk-map').exists()).toBe(true)
    expect(wrapper.find('.site-risk-map').attributes('data-points')).toBe('3')
    expect(wrapper.find('.site-risk-unplaced').exists()).toBe(false)
  })
})

describe('the cards of a risk point', () => {
  const CURRENT = { ...point(7, '液氯储罐区', 'major', null), version: 3, measures: [], hazards: [], floors: [] }
  const hrefs = () => [...document.querySelectorAll('.risk-drawer .risk-cards__item')].map((s) => [
    s.dataset.card, [...s.querySelectorAll('a.risk-card-link')].map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('target')]),
  ])

  it('links the post card and the emergency card of the current version, A4 and A5, in a new tab', async () => {
    stubApi({})
    const drawer = mount(RiskPointDrawer, { props: { point: CURRENT }, global: { plugins: [testI18n(), elementPlus] }, attachTo: document.body })
    await settle()
    expect(document.querySelector('.risk-drawer .risk-cards').textContent).toContain('岗位风险告知卡')
    expect(document.querySelector('.risk-drawer .risk-cards').textContent).toContain('应急处置卡')
    expect(hrefs()).toEqual([
      ['card', [['A4', '/api/v1/risk/points/7/card?size=A4', '_blank'], ['A5', '/api/v1/risk/points/7/card?size=A5', '_blank']]],
      ['emergency-card', [['A4', '/api/v1/risk/points/7/emergency-card?size=A4', '_blank'], ['A5', '/api/v1/risk/points/7/emergency-card?size=A5', '_blank']]],
    ])
    drawer.unmount()
  })

  it('adds &version=N for an earlier version shown', async () => {
    stubApi({ '/risk/points/7': (u) => ({ ...CURRENT, version: Number(u.searchParams.get('version')), name: '液氯储罐区（旧）' }) })
    const drawer = mount(RiskPointDrawer, { props: { point: CURRENT }, global: { plugins: [testI18n(), elementPlus] }, attachTo: document.body })
    await settle()
    const select = drawer.findAllComponents({ name: 'ElSelect' }).find((c) => c.classes().includes('risk-version'))
    select.vm.$emit('update:modelValue', 2)
    select.vm.$emit('change', 2)
    await settle()
    expect(document.querySelector('.risk-drawer__name').textContent).toBe('液氯储罐区（旧）')
    expect(hrefs()).toEqual([
      ['card', [['A4', '/api/v1/risk/points/7/card?size=A4&version=2', '_blank'], ['A5', '/api/v1/risk/points/7/card?size=A5&version=2', '_blank']]],
      ['emergency-card', [['A4', '/api/v1/risk/points/7/emergency-card?size=A4&version=2', '_blank'], ['A5', '/api/v1/risk/points/7/emergency-card?size=A5&version=2', '_blank']]],
    ])
    drawer.unmount()
  })
})

describe('the major hazard public notice', () => {
  const row = (at, majorHazard, grade) => ({ assessed_at: at, basis: 'design_maximum', grade, r: majorHazard ? 60 : null, major_hazard: majorHazard, error: '' })
  const ASSESSMENT = {
    unit_id: 11, unit_name: '液氯罐区', enterprise_name: '汕尾甲化工有限公司（演示）', major_hazard: true, grade: 2, r: 60,
    assessed_at: '2026-11-20T02:00:00Z', edition: 'GB 18218-2018', basis: 'design_maximum', contributions: [], alpha: 1, beta: [],
    // Oldest first, as GET /major-hazards/{unit_id} answers it (AssessmentHistory: ORDER BY id).
    history: [row('2026-09-01T02:00:00Z', false, null), row('2026-10-01T02:00:00Z', true, 3), row('2026-11-20T02:00:00Z', true, 2)],
  }

  it('links the latest notice in the header and each major-hazard assessment’s notice by its 1-based version', async () => {
    stubApi({ '/major-hazards/11': ASSESSMENT, '/units/11': { id: 11, name: '液氯罐区', holdings: [] } })
    const { wrapper } = await mountPage(MajorHazardDetailView, { name: 'major-hazard', path: '/major-hazards/11', routePath: '/major-hazards/:unitId', props: true })
    const header = wrapper.find('.mhi-notice-links')
    expect(header.text()).toContain('重大危险源公告')
    expect(header.findAll('a.mhi-notice-link').map((a) => [a.text(), a.attributes('href'), a.attributes('target')])).toEqual([
      ['A4', '/api/v1/major-hazards/11/notice?size=A4', '_blank'], ['A5', '/api/v1/major-hazards/11/notice?size=A5', '_blank'],
    ])
    const rows = wrapper.findAll('.el-table__body tr.el-table__row')
    expect(rows).toHaveLength(3)
    expect(rows[0].find('.mhi-history-notice').exists()).toBe(false) // not a major hazard then: no notice
    expect(rows.slice(1).map((r) => r.findAll('a.mhi-notice-link').map((a) => a.attributes('href')))).toEqual([
      ['/api/v1/major-hazards/11/notice?size=A4&version=2', '/api/v1/major-hazards/11/notice?size=A5&version=2'],
      ['/api/v1/major-hazards/11/notice?size=A4&version=3', '/api/v1/major-hazards/11/notice?size=A5&version=3'],
    ])
  })

  it('offers no notice in the header for a unit that is not a major hazard', async () => {
    stubApi({ '/major-hazards/12': { ...ASSESSMENT, unit_id: 12, major_hazard: false, grade: null, history: [row('2026-09-01T02:00:00Z', false, null)] }, '/units/12': { id: 12, holdings: [] } })
    const { wrapper } = await mountPage(MajorHazardDetailView, { name: 'major-hazard', path: '/major-hazards/12', routePath: '/major-hazards/:unitId', props: true })
    expect(wrapper.find('.mhi-notice-links').exists()).toBe(false)
    expect(wrapper.findAll('a.mhi-notice-link')).toHaveLength(0)
  })
})
