// @vitest-environment happy-dom
// The map's QRA pieces: the details of a clicked exceedance, the legend and the layers panel.
import { afterEach, describe, expect, it } from 'vitest'
import { setFetch } from '../src/api/client.js'
import ExceedanceDetails from '../src/views/map/ExceedanceDetails.vue'
import MapLegend from '../src/views/map/MapLegend.vue'
import MapLayersPanel from '../src/views/map/MapLayersPanel.vue'
import { MAP_STATE, createMapState } from '../src/views/map/mapState.js'
import { contourLegend } from '../src/map/qraStyles.js'
import { mountComponent, settle } from './mountApp.js'

afterEach(() => {
  setFetch((...args) => globalThis.fetch(...args))
  document.body.innerHTML = ''
})

const RUN = { id: 3, run_at: '2026-11-29T02:00:00Z', synthetic_weather: true }

describe('the map’s QRA pieces', () => {
  const TARGET = {
    target_id: 5, code: 'PT-0005', name: '南山某小学', kind: 'school', criterion_class: 'highly_sensitive', ir_per_yr: 1.2e-5,
    limit_per_yr: 3e-7, ratio: 40, enterprises: [{ id: 17, name: '深圳甲化工有限公司', action: 'close' }, { id: 9, name: '深圳乙仓储有限公司', action: 'measures' }],
  }

  it('a clicked exceedance shows the target, its risk and limit, and links its enterprises', async () => {
    const { wrapper } = await mountComponent(ExceedanceDetails, { props: { target: TARGET } })
    const text = wrapper.text()
    for (const s of ['南山某小学', '高敏感/重要/一般防护目标一类', '1.2×10⁻⁵', '3×10⁻⁷', '40.0×']) expect(text).toContain(s)
    const links = wrapper.findAll('.exceedance-details__enterprises a')
    expect(links.map((a) => [a.text(), a.attributes('href')])).toEqual([['深圳甲化工有限公司', '/enterprises/17'], ['深圳乙仓储有限公司', '/enterprises/9']])
    expect(wrapper.findAll('.exceedance-details__enterprises .qra-action-tag').map((x) => x.text())).toEqual(['关闭', '限期整改'])
  })

  it('an exceedance attributed to no single enterprise says so', async () => {
    const { wrapper } = await mountComponent(ExceedanceDetails, { props: { target: { ...TARGET, enterprises: [] } } })
    expect(wrapper.find('.exceedance-details__none').exists()).toBe(true)
  })

  it('counts the attributed enterprises outside the caller’s scope', async () => {
    const { wrapper } = await mountComponent(ExceedanceDetails, { props: { target: { ...TARGET, enterprises: [], other_enterprises: 2 } } })
    expect(wrapper.find('.exceedance-details__others').text()).toBe('另有 2 家辖区外企业')
    expect(wrapper.find('.exceedance-details__none').exists()).toBe(false)
  })

  it('the legend has a row per contour level once the layer is on', async () => {
    const state = createMapState()
    const { wrapper } = await mountComponent(MapLegend, { provide: { [MAP_STATE]: { state, actions: {} } } })
    expect(wrapper.findAll('.qra-legend-row')).toHaveLength(0)
    state.qra.contours = true
    state.contourLegend = contourLegend(null)
    await settle()
    expect(wrapper.findAll('.qra-legend-row').map((r) => r.text())).toEqual(['1×10⁻⁵/年', '3×10⁻⁶/年', '1×10⁻⁶/年', '3×10⁻⁷/年'])
    expect(wrapper.findAll('.qra-legend-row .swatch')[0].attributes('style')).toContain('background: #d9001b')
  })

  it('the layers panel has both QRA layers, off at first, and says when no run is stored', async () => {
    const state = createMapState()
    expect(state.qra).toEqual({ contours: false, exceedances: false })
    const { wrapper } = await mountComponent(MapLayersPanel, { provide: { [MAP_STATE]: { state, actions: {} } } })
    expect(wrapper.find('.qra-layer-contours').text()).toBe('个人风险等值线')
    expect(wrapper.find('.qra-layer-exceedances').text()).toBe('超限防护目标')
    expect(wrapper.find('.qra-layer-contours input').element.checked).toBe(false)
    await wrapper.find('.qra-layer-contours input').setValue(true)
    expect(state.qra.contours).toBe(true)
    state.qraStatus.contours.count = 0
    await settle()
    expect(wrapper.text()).toContain('尚无定量风险评价结果')
    state.qraRun = RUN
    await settle()
    expect(wrapper.text()).toContain('2026-11-29 10:00 的评价')
    expect(wrapper.find('.qra-weather-tag').exists()).toBe(true)
  })
})
