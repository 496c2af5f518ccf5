// @vitest-environment happy-dom
// The relocation list page (/qra) with the API stubbed: what it asks the server and what it shows of the answers.
import { afterEach, describe, expect, it } from 'vitest'
import { setFetch } from '../src/api/client.js'
import QraView from '../src/views/qra/QraView.vue'
import { mountPage, settle, stubApi } from './mountApp.js'

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
const ROWS = [
  {
    rank: 1, enterprise_id: 17, uscc: '91440300MA5AAAAA1A', name: '深圳甲化工有限公司', division_code: '440305', division_name: '南山区',
    park_code: null, action: 'close', action_label: '关闭', batch: 1, worst_ratio: 12.34, pll_per_yr: 3.4e-6, exceedance_count: 3,
    reasons: ['某小学（高敏感防护目标）处个人风险 1.2×10⁻⁵/年，为限值 3×10⁻⁷/年 的 41 倍'],
  },
  {
    rank: 2, enterprise_id: 9, uscc: '91440300MA5BBBBB2B', name: '深圳乙仓储有限公司', division_code: '440306', division_name: '宝安区',
    park_code: null, action: 'measures', action_label: '限期整改', batch: 3, worst_ratio: 1.5, pll_per_yr: 2.1e-7, exceedance_count: 1,
    reasons: ['理由二'],
  },
]
const BY_ACTION = { close: 1, relocate: 0, convert: 0, measures: 1, keep: 178 }
// Kept, no exceedance: listed with all=true only.
const KEPT = {
  rank: 3, enterprise_id: 4, uscc: '91440300MA5CCCCC3C', name: '深圳丙燃气有限公司', division_code: '440307', division_name: '龙岗区',
  park_code: 'P01', action: 'keep', action_label: '保留', batch: 0, worst_ratio: 0, pll_per_yr: 6.2e-4, exceedance_count: 0, reasons: [],
  fn_verdict: 'intolerable', fn_provisional: true,
}
function listAnswer(u) {
  const items = u.searchParams.get('action') === 'measures' ? [ROWS[1]] : u.searchParams.get('all') === 'true' ? [...ROWS, KEPT] : ROWS
  return { run: RUN, items, total: items.length, page: 1, page_size: 20, by_action: BY_ACTION }
}

function qraApiStub(list = listAnswer) {
  return stubApi({
    '/qra/relocation-list': list,
    '/qra/runs': { items: [RUN, { ...RUN, id: 2, run_at: '2026-11-28T02:00:00Z', input_digest: 'ab'.repeat(32) }], total: 2, page: 1, page_size: 200 },
    '/map/boundaries': { type: 'FeatureCollection', features: [] },
  })
}
const listCalls = (calls) => calls.filter((u) => u.pathname === '/api/v1/qra/relocation-list')
const tableRows = (wrapper) => wrapper.findAll('.qra-table .el-table__body tr.el-table__row')

describe('the relocation list page', () => {
  it('shows the newest run’s list in rank order, with links, tags and formatted numbers', async () => {
    const calls = qraApiStub()
    const { wrapper } = await mountPage(QraView, { name: 'qra', path: '/qra' })
    const asked = listCalls(calls)
    expect(asked).toHaveLength(1)
    expect(Object.fromEntries(asked[0].searchParams)).toEqual({ page: '1', page_size: '20' }) // the newest run, listed only

    const rows = tableRows(wrapper)
    expect(rows).toHaveLength(2)
    expect(rows[0].find('a.qra-enterprise').text()).toBe('深圳甲化工有限公司')
    expect(rows[0].find('a.qra-enterprise').attributes('href')).toBe('/enterprises/17')
    expect(rows[1].find('a.qra-enterprise').text()).toBe('深圳乙仓储有限公司')
    expect(rows[0].find('.qra-action-tag').text()).toBe('关闭')
    expect(rows[0].find('.qra-action-tag').attributes('style')).toContain('background-color: #d9001b')
    expect(rows[1].find('.qra-action-tag').text()).toBe('限期整改')
    const first = rows[0].text()
    for (const text of ['第 1 批', '南山区', '12.3×', '3.4×10⁻⁶', '41 倍', '91440300MA5AAAAA1A']) expect(first).toContain(text)
  })

  it('says what the run is, and that its weather is synthetic', async () => {
    qraApiStub()
    const { wrapper } = await mountPage(QraView, { name: 'qra', path: '/qra' })
    const header = wrapper.find('.qra-run').text()
    expect(header).toContain('2026-11-29 10:00') // Asia/Shanghai
    expect(header).toContain(DIGEST.slice(0, 12))
    expect(header).not.toContain(DIGEST)
    expect(header).toContain('chemsafe-qra/1')
    expect(header).toContain('3.2×10⁻⁴')
    expect(header).toContain('全省')
    expect(wrapper.find('.qra-weather-tag').text()).toBe('合成气象数据，仅供演示')
  })

  it('has no synthetic-weather tag for a run on measured weather', async () => {
    qraApiStub(() => ({ run: { ...RUN, synthetic_weather: false }, items: ROWS, total: 2, page: 1, page_size: 20, by_action: BY_ACTION }))
    const { wrapper } = await mountPage(QraView, { name: 'qra', path: '/qra' })
    expect(wrapper.find('.qra-run').exists()).toBe(true)
    expect(wrapper.find('.qra-weather-tag').exists()).toBe(false)
  })

  it('counts each action and filters by one', async () => {
    const calls = qraApiStub()
    const { wrapper, router } = await mountPage(QraView, { name: 'qra', path: '/qra' })
    const buttons = wrapper.findAll('.qra-actions .el-radio-button')
    expect(buttons.map((b) => b.text().replace(/\s+/g, ' '))).toEqual(['全部 180', '关闭 1', '搬迁 0', '转产 0', '限期整改 1', '保留 178'])
    await buttons[4].find('input').setValue(true)
    await settle()
    expect(router.currentRoute.value.query).toEqual({ action: 'measures' })
    expect(listCalls(calls).at(-1).searchParams.get('action')).toBe('measures')
    expect(tableRows(wrapper).map((r) => r.find('a.qra-enterprise').text())).toEqual(['深圳乙仓储有限公司'])
  })

  it('asks for the enterprises without exceedances when switched on', async () => {
    const calls = qraApiStub()
    const { wrapper, router } = await mountPage(QraView, { name: 'qra', path: '/qra' })
    await wrapper.find('.qra-include-all').trigger('click')
    await settle()
    expect(router.currentRoute.value.query).toEqual({ all: 'true' })
    expect(listCalls(calls).at(-1).searchParams.get('all')).toBe('true')
    const rows = tableRows(wrapper)
    expect(rows).toHaveLength(3)
    // A kept enterprise has no batch and no ratio to show.
    const kept = rows[2].findAll('td').map((td) => td.text())
    expect(kept.slice(0, 3)).toEqual(['3', '—', '保留'])
    expect(kept[6]).toBe('—')
    expect(kept[7]).toBe('6.2×10⁻⁴')
    expect(kept[8]).toBe('不可容许（暂定）')  // the F-N verdict, provisional while the lines are unverified
  })

  it('takes the run, the action and the page from the URL', async () => {
    const calls = qraApiStub()
    await mountPage(QraView, { name: 'qra', path: '/qra?run=2&action=close&division=4403&page=2' })
    expect(Object.fromEntries(listCalls(calls)[0].searchParams)).toEqual({ run: '2', action: 'close', division: '4403', page: '2', page_size: '20' })
  })

  it('says how a run is made when none is stored', async () => {
    qraApiStub(() => ({ run: null, items: [], total: 0, page: 1, page_size: 20, by_action: {} }))
    const { wrapper } = await mountPage(QraView, { name: 'qra', path: '/qra' })
    expect(wrapper.find('.qra-no-run').text()).toContain('尚未进行定量风险评价')
    expect(wrapper.find('.qra-no-run__command').text()).toContain('chemsafe qra province --db')
    expect(wrapper.find('.qra-table').exists()).toBe(false)
    expect(wrapper.find('.qra-run').exists()).toBe(false)
  })

  it('shows the server’s error with its request id', async () => {
    stubApi({ '/qra/runs': { items: [] } }) // no relocation list: 404 not_found
    const { wrapper } = await mountPage(QraView, { name: 'qra', path: '/qra' })
    expect(wrapper.find('.error-state').text()).toContain('no stub for /qra/relocation-list')
    expect(wrapper.find('.qra-table').exists()).toBe(false)
  })

  it('is in English too', async () => {
    qraApiStub()
    const { wrapper } = await mountPage(QraView, { name: 'qra', path: '/qra', locale: 'en' })
    expect(wrapper.find('.qra-weather-tag').text()).toBe('Synthetic weather: demo only')
    expect(tableRows(wrapper)[0].find('.qra-action-tag').text()).toBe('Close 关闭')
  })
})
