// @vitest-environment happy-dom
// The enterprise page's QRA section with GET /enterprises/{id}/qra stubbed.
import { afterEach, describe, expect, it } from 'vitest'
import { setFetch } from '../src/api/client.js'
import EnterpriseQraSection from '../src/views/registry/EnterpriseQraSection.vue'
import { mountComponent, stubApi } from './mountApp.js'

afterEach(() => {
  setFetch((...args) => globalThis.fetch(...args))
  document.body.innerHTML = ''
})

const DIGEST = '5f1c0e7a9b3d2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e'
const RUN = {
  id: 3, run_at: '2026-11-29T02:00:00Z', method: 'chemsafe-qra/1 purple-book-2005', input_digest: DIGEST, scope: '',
  new_installations: false, synthetic_weather: true, installations: 232, scenarios: 4100, outcomes: 21000,
  targets_checked: 812, max_ir_per_yr: 3.2e-4, seconds: 95.4, enterprises: 180, listed: 2,
}

const EXCEEDANCES = [
  {
    target_id: 5, code: 'PT-0005', name: '南山某小学', kind: 'school', criterion_class: 'highly_sensitive', ir_per_yr: 1.2e-5,
    own_ir_per_yr: 1.1e-5, limit_per_yr: 3e-7, dominant_substance: '7782-50-5', dominant_substance_name: '液氯', lon: 113.91, lat: 22.51,
  },
  {
    target_id: 6, code: 'PT-0006', name: '某住宅小区', kind: 'residential', criterion_class: 'high_density', ir_per_yr: 4.5e-6,
    own_ir_per_yr: 4e-6, limit_per_yr: 3e-6, dominant_substance: '液氨', lon: 113.92, lat: 22.52,
  },
  {
    target_id: 7, code: 'PT-0007', name: '某工业区', kind: 'industrial', criterion_class: 'low_density', ir_per_yr: 2e-5,
    own_ir_per_yr: 1.5e-5, limit_per_yr: 1e-5, dominant_substance: '液化石油气', lon: 113.93, lat: 22.53,
  },
]
const ENTERPRISE_QRA = {
  enterprise_id: 17,
  latest: {
    run: RUN, rank: 1, action: 'close', action_label: '关闭', batch: 1, worst_ratio: 36.7, pll_per_yr: 3.4e-6, exceedance_count: 3,
    units: [{ id: 40, lon: 113.9, lat: 22.5 }], exceedances: EXCEEDANCES, reasons: ['理由一：高敏感防护目标超限', '理由二'],
    fn_verdict: 'alarp', fn_provisional: true, fn_worst_ratio: 0.2, fn_curve: [[1, 3e-6], [12, 2e-7]],
  },
  history: [
    { run_id: 3, run_at: '2026-11-29T02:00:00Z', input_digest: DIGEST, action: 'close', action_label: '关闭', batch: 1, worst_ratio: 36.7, pll_per_yr: 3.4e-6, exceedance_count: 3 },
    { run_id: 2, run_at: '2026-11-28T02:00:00Z', input_digest: 'ab'.repeat(32), action: 'relocate', action_label: '搬迁', batch: 2, worst_ratio: 8, pll_per_yr: 1e-6, exceedance_count: 2 },
  ],
}

describe('the enterprise page’s QRA section', () => {
  it('shows the proposed action, the exceedances with their GB 36894 class and the runs', async () => {
    const calls = stubApi({ '/enterprises/17/qra': ENTERPRISE_QRA })
    const { wrapper } = await mountComponent(EnterpriseQraSection, { props: { enterpriseId: '17' } })
    expect(calls.map((u) => u.pathname)).toEqual(['/api/v1/enterprises/17/qra'])
    const text = wrapper.text()
    for (const s of ['定量风险评价 QRA', '第 1 批', '36.7×', '3.4×10⁻⁶', '理由一：高敏感防护目标超限']) expect(text).toContain(s)
    expect(wrapper.find('.qra-action-tag').text()).toBe('关闭')
    expect(wrapper.find('.qra-weather-tag').exists()).toBe(true)
    expect(wrapper.find('.enterprise-qra__fn').text()).toBe('尽可能降低')
    expect(text).toContain('暂定')

    const rows = wrapper.findAll('.enterprise-qra__exceedances .el-table__body tr.el-table__row')
    expect(rows).toHaveLength(3)
    const cells = (row) => row.findAll('td').map((td) => td.text())
    expect(cells(rows[0])).toEqual(['南山某小学PT-0005', 'school', '高敏感/重要/一般防护目标一类', '1.2×10⁻⁵', '1.1×10⁻⁵', '3×10⁻⁷', '36.7×', '液氯（7782-50-5）'])
    expect(cells(rows[1])[2]).toBe('一般防护目标二类')
    expect(cells(rows[2])[2]).toBe('一般防护目标三类')

    const history = wrapper.findAll('.enterprise-qra__history .el-table__body tr.el-table__row')
    expect(history.map((r) => r.find('.qra-action-tag').text())).toEqual(['关闭', '搬迁'])
    expect(history[1].text()).toContain('第 2 批')
    expect(history[1].text()).toContain('abababababab')
  })

  it('says so when the enterprise has no result', async () => {
    stubApi({ '/enterprises/8/qra': { enterprise_id: 8, latest: null, history: [] } })
    const { wrapper } = await mountComponent(EnterpriseQraSection, { props: { enterpriseId: 8 } })
    expect(wrapper.find('.enterprise-qra__none').text()).toBe('尚无定量风险评价结果')
    expect(wrapper.find('.enterprise-qra__exceedances').exists()).toBe(false)
    expect(wrapper.find('.enterprise-qra__history').exists()).toBe(false)
  })

  it('shows an error without taking the page down', async () => {
    stubApi({})
    const { wrapper } = await mountComponent(EnterpriseQraSection, { props: { enterpriseId: 8 } })
    expect(wrapper.find('.error-state').exists()).toBe(true)
    expect(wrapper.find('.enterprise-qra__none').exists()).toBe(false)
  })
})
