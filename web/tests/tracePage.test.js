// @vitest-environment happy-dom
// The traceability page (/trace) with the API stubbed: what it asks the server and what it shows of the answers.
import { describe, expect, it, vi } from 'vitest'
import { setCsrfToken, setFetch } from '../src/api/client.js'
import { useSessionStore } from '../src/stores/session.js'
import TraceView from '../src/views/trace/TraceView.vue'
import { mountPage, pageTestSetup, settle, stubApi } from './mountApp.js'

// Mounting the whole page with its tables takes a few seconds on a small shared machine.
vi.setConfig({ testTimeout: 30_000 })

pageTestSetup('2026-11-29T02:00:00Z') // 10:00 in Shanghai

const A = '91441521YY0000276A'
const B = '91440803YY00002064'
const LOT = `urn:chemsafe:class:lot:${A}.6484-52-2.DEMO-L153`
const DRUM1 = `urn:chemsafe:id:ctr:${A}.DEMO-153-1`
const DRUM2 = `urn:chemsafe:id:ctr:${A}.DEMO-153-2`
const ANOMALIES = [
  { key: 'k-1', status: 'open', note: '', updated_at: null, updated_by: null, kind: 'not_received', kind_zh: '发货后未按期收货', party: A, counterparty: B, chemical: '6484-52-2', site: '', shipment: 'urn:chemsafe:bt:desadv:DEMO-153', quantity_kg: 100, at: '2026-09-27T05:26:31+08:00', events: [1027], detail: '100.0 kg 发往 …，3 天内未见收货' },
  { kind: 'imbalance', kind_zh: '账实不符', party: B, counterparty: '', chemical: '6484-52-2', site: 'S1', shipment: '', quantity_kg: -25, at: '2026-09-20T23:00:00+08:00', events: [628, 663], detail: '盘点 1370.0 kg，按出入库记录应为 1395.0 kg，差 -25.0 kg' },
  { kind: 'unlicensed_sale', kind_zh: '向无有效许可的单位销售', party: A, counterparty: B, chemical: '6484-52-2', site: 'S1', shipment: 'urn:chemsafe:bt:desadv:DEMO-111', quantity_kg: 250, at: '2026-09-20T03:40:25+08:00', events: [698], detail: '…' },
]
const CLOSED_LOOP = {
  from: '2026-10-01', to: '2026-11-29', movements: 1737,
  anomaly_counts: { not_received: 1, imbalance: 1, unlicensed_sale: 1 },
  anomalies: ANOMALIES,
  balance: [
    { party: A, site: 'S1', chemical: '143-33-9', opening_kg: 0, produced_kg: 1150, received_kg: 1750, shipped_kg: 1150, used_kg: 525, destroyed_kg: 0, closing_kg: 1225, counted_kg: 1225 },
    { party: B, site: 'S1', chemical: '6484-52-2', opening_kg: 0, produced_kg: 0, received_kg: 1500, shipped_kg: 0, used_kg: 105, destroyed_kg: 0, closing_kg: 1395, counted_kg: 1370 },
    { party: B, site: 'S2', chemical: '6484-52-2', opening_kg: 10, produced_kg: 0, received_kg: 0, shipped_kg: 0, used_kg: 0, destroyed_kg: 0, closing_kg: 10, counted_kg: null },
  ],
  filings: [
    { seller: A, buyer: B, chemical: '6484-52-2', shipment: 'urn:chemsafe:bt:desadv:DEMO-0', quantity_kg: 100, sold_at: '2026-10-01T11:00:00+08:00', recorded_at: '2026-10-01T15:59:59.000000Z', overdue: false },
    { seller: A, buyer: B, chemical: '143-33-9', shipment: 'urn:chemsafe:bt:desadv:DEMO-223', quantity_kg: 950, sold_at: '2026-10-09T00:23:22+08:00', recorded_at: '2026-10-18T00:23:22+08:00', overdue: true },
  ],
}
const EMPTY_LOOP = { from: '2026-10-01', to: '2026-11-29', movements: 0, anomaly_counts: {}, anomalies: [], balance: [], filings: [] }

const EVENTS = [
  { type: 'ObjectEvent', eventTime: '2026-09-27T03:26:31+08:00', action: 'ADD', bizStep: 'commissioning', bizLocation: { id: `urn:chemsafe:loc:${A}.S1` }, quantityList: [{ epcClass: LOT, quantity: 100, uom: 'KGM' }] },
  { type: 'ObjectEvent', eventTime: '2026-09-27T05:26:31+08:00', action: 'OBSERVE', bizStep: 'https://ref.gs1.org/cbv/BizStep-shipping', epcList: [DRUM1, DRUM2], quantityList: [{ epcClass: LOT, quantity: 100, uom: 'KGM' }], sourceList: [{ type: 'owning_party', source: `urn:chemsafe:party:${A}` }], destinationList: [{ type: 'owning_party', destination: `urn:chemsafe:party:${B}` }] },
  { type: 'AggregationEvent', eventTime: '2026-09-27T04:26:31+08:00', action: 'ADD', bizStep: 'packing', parentID: DRUM1, childQuantityList: [{ epcClass: LOT, quantity: 50, uom: 'KGM' }] },
]
const LINEAGE = {
  root: LOT, upstream: [], downstream: [DRUM2, DRUM1],
  edges: [
    { from: LOT, to: DRUM2, relation: 'packed_into', at: '2026-09-27T04:26:31+08:00' },
    { from: LOT, to: DRUM1, relation: 'packed_into', at: '2026-09-27T04:26:31+08:00' },
  ],
  events: EVENTS, truncated: false,
  places: [
    { uscc: A, name: '汕尾甲化工', lon: 115.37, lat: 22.78 },
    { uscc: B, name: '湛江乙贸易', lon: 110.36, lat: 21.27 },
    { uscc: '91440300YY0000999X', name: '深圳无址公司', lon: null, lat: null },
  ],
  moves: [{ from: A, to: B, at: '2026-09-27T05:26:31+08:00', event: 1027 }],
}
const DRUM_LINEAGE = { root: DRUM1, upstream: [LOT], downstream: [], edges: [{ from: LOT, to: DRUM1, relation: 'packed_into', at: '2026-09-27T04:26:31+08:00' }], events: [EVENTS[2]], truncated: false }
const eventsDoc = (list, next) => ({ type: 'EPCISQueryDocument', epcisBody: { queryResults: { resultsBody: { eventList: list } } }, ...(next ? { nextPageToken: next } : {}) })

function traceStub({ loop = () => CLOSED_LOOP, events } = {}) {
  return stubApi({
    '/trace/closed-loop': loop,
    '/trace/lineage': (u) => {
      const id = u.searchParams.get('id')
      if (id === LOT) return LINEAGE
      if (id === DRUM1) return DRUM_LINEAGE
      throw new Error(`unexpected lineage of ${id}`)
    },
    '/trace/events': events ?? ((u) => (u.searchParams.get('nextPageToken') ? eventsDoc([EVENTS[2]]) : eventsDoc(EVENTS.slice(0, 2), '2'))),
  })
}
const asked = (calls, path) => calls.filter((u) => u.pathname === `/api/v1${path}`)
const rows = (wrapper, table) => wrapper.findAll(`${table} .el-table__body tr.el-table__row`)
async function openTab(wrapper, name) {
  await wrapper.find(`#tab-${name}`).trigger('click')
  await settle()
}

describe('the closed loop tab', () => {
  it('asks for the last 60 China days and shows the anomaly counts as filters', async () => {
    const calls = traceStub()
    const { wrapper } = await mountPage(TraceView, { name: 'trace', path: '/trace' })
    const loop = asked(calls, '/trace/closed-loop')
    expect(loop).toHaveLength(1)
    expect(Object.fromEntries(loop[0].searchParams)).toEqual({ from: '2026-10-01', to: '2026-11-29' })
    const buttons = wrapper.findAll('.trace-kinds .el-radio-button').map((b) => b.text().replace(/\s+/g, ' '))
    expect(buttons).toEqual([
      '全部异常 3', '发货后未按期收货 1', '收货无对应发货 0', '收发数量不符 0', '向无有效许可的单位销售 1', '无有效许可持有 0',
      '先收货后发货 0', '账实不符 1', '流向备案逾期 0',
    ])
    expect(wrapper.find('.trace-movements').text()).toBe('期间流向事件 1,737 条')
  })

  it('lists the anomalies with their kind as a tag, and filters by kind', async () => {
    traceStub()
    const { wrapper } = await mountPage(TraceView, { name: 'trace', path: '/trace' })
    const list = rows(wrapper, '.trace-anomalies')
    expect(list).toHaveLength(3)
    expect(list.map((r) => r.find('.trace-kind-tag').text())).toEqual(['发货后未按期收货', '账实不符', '向无有效许可的单位销售'])
    expect(list[0].find('.trace-kind-tag').classes()).toContain('el-tag--warning')
    expect(list[2].find('.trace-kind-tag').classes()).toContain('el-tag--danger')
    const first = list[0].text()
    for (const text of ['2026-09-27 05:26', A, B, '6484-52-2', 'urn:chemsafe:bt:desadv:DEMO-153', '100.0', '1027']) expect(first).toContain(text)
    expect(list[1].find('.trace-event-ids').text()).toBe('628, 663')

    await wrapper.find('.trace-kinds .el-radio-button[data-kind="imbalance"] input').setValue(true)
    await settle()
    const filtered = rows(wrapper, '.trace-anomalies')
    expect(filtered).toHaveLength(1)
    expect(filtered[0].find('.trace-kind-tag').text()).toBe('账实不符')
  })

  it('lets a province officer handle an anomaly: the state is sent with PATCH and shown', async () => {
    useSessionStore().user = { id: 1, username: 'p', name: '省级', role: 'province' }
    traceStub()
    setCsrfToken('tok')
    const { wrapper } = await mountPage(TraceView, { name: 'trace', path: '/trace' })
    const first = () => rows(wrapper, '.trace-anomalies')[0]
    expect(first().find('.trace-work-tag').text()).toBe('待处理')
    expect(rows(wrapper, '.trace-anomalies')[1].find('.trace-handle').exists()).toBe(false) // no key: no work item
    const patches = []
    setFetch(async (url, init) => {
      patches.push({ url, init })
      return new Response(JSON.stringify({ key: 'k-1', status: 'acknowledged', note: '已联系收货方', updated_at: '2026-11-29T02:00:00Z', updated_by: 'p' }), { status: 200, headers: { 'Content-Type': 'application/json' } })
    })
    await first().find('.trace-handle').trigger('click')
    await settle()
    const dialog = document.querySelector('.trace-work-item')
    expect(dialog).not.toBeNull()
    dialog.querySelector('.trace-work-status [data-status="acknowledged"] input').click()
    const note = dialog.querySelector('.trace-work-note textarea')
    note.value = '已联系收货方'
    note.dispatchEvent(new Event('input'))
    await settle()
    dialog.querySelector('.trace-work-save').click()
    await settle()
    expect(patches).toHaveLength(1)
    expect(patches[0].url).toBe('/api/v1/trace/work-items/k-1')
    expect(patches[0].init.method).toBe('PATCH')
    expect(JSON.parse(patches[0].init.body)).toEqual({ status: 'acknowledged', note: '已联系收货方' })
    expect(first().find('.trace-work-tag').text()).toBe('已确认')
    expect(first().find('.trace-work-note-text').text()).toBe('已联系收货方')
  })

  it('offers no handling to an enterprise user', async () => {
    useSessionStore().user = { id: 2, username: 'e', name: '企业', role: 'enterprise', enterprise_uscc: A }
    traceStub()
    const { wrapper } = await mountPage(TraceView, { name: 'trace', path: '/trace' })
    expect(rows(wrapper, '.trace-anomalies')[0].find('.trace-work-tag').text()).toBe('待处理')
    expect(wrapper.find('.trace-handle').exists()).toBe(false)
  })

  it('highlights counted stock that differs from the books', async () => {
    traceStub()
    const { wrapper } = await mountPage(TraceView, { name: 'trace', path: '/trace' })
    const list = rows(wrapper, '.trace-balance')
    expect(list).toHaveLength(3)
    expect(list.map((r) => r.classes().includes('trace-balance--differs'))).toEqual([false, true, false])
    expect(list[1].find('.trace-differs').text()).toBe('1370.0')
    expect(list[1].find('.trace-differs-tag').text()).toBe('账实不符')
    expect(list[2].findAll('td').at(-1).text()).toBe('—') // not counted
    const cells = list[0].findAll('td').map((td) => td.text())
    expect(cells.slice(2)).toEqual(['143-33-9', '0.0', '1150.0', '1750.0', '1150.0', '525.0', '0.0', '1225.0', '1225.0'])

    await wrapper.find('.trace-only-differs').trigger('click')
    await settle()
    expect(rows(wrapper, '.trace-balance')).toHaveLength(1)
  })

  it('flags overdue filings and downloads them as CSV named after the period', async () => {
    traceStub()
    const { wrapper } = await mountPage(TraceView, { name: 'trace', path: '/trace' })
    const list = rows(wrapper, '.trace-filings')
    expect(list).toHaveLength(2)
    expect(list[0].find('.trace-overdue').exists()).toBe(false)
    expect(list[1].find('.trace-overdue').text()).toBe('逾期')

    let saved = null
    const created = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved = blob
      return 'blob:trace'
    })
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    const clicked = []
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function () {
      clicked.push({ href: this.href, download: this.download })
    })
    try {
      await wrapper.find('.trace-download').trigger('click')
      expect(clicked).toEqual([{ href: 'blob:trace', download: '流向备案_2026-10-01_2026-11-29.csv' }])
      const text = new TextDecoder().decode(await saved.arrayBuffer()) // the decoder drops the BOM
      const lines = text.split('\r\n')
      expect(lines[0]).toBe('销售单位统一社会信用代码,购买单位统一社会信用代码,化学品,发货单,数量（kg）,销售时间,记录时间,是否逾期')
      expect(lines[2]).toBe(`${A},${B},143-33-9,urn:chemsafe:bt:desadv:DEMO-223,950,2026-10-09 00:23,2026-10-18 00:23,是`)
      expect(lines).toHaveLength(4)
    } finally {
      created.mockRestore()
      click.mockRestore()
    }
  })

  it('asks again when the period changes', async () => {
    const calls = traceStub()
    const { wrapper } = await mountPage(TraceView, { name: 'trace', path: '/trace' })
    const from = wrapper.find('.trace-from input')
    await from.setValue('2026-09-01')
    await from.trigger('change')
    await settle()
    const loop = asked(calls, '/trace/closed-loop')
    expect(Object.fromEntries(loop.at(-1).searchParams)).toEqual({ from: '2026-09-01', to: '2026-11-29' })
  })

  it('says how data gets there when the scope has none', async () => {
    traceStub({ loop: () => EMPTY_LOOP })
    const { wrapper } = await mountPage(TraceView, { name: 'trace', path: '/trace' })
    const empty = wrapper.find('.trace-closed-loop .trace-no-data')
    expect(empty.text()).toContain('暂无流向数据')
    expect(empty.text()).toContain('chemsafe trace capture')
    expect(empty.text()).toContain('chemsafe demo trace --db')
    expect(wrapper.find('.trace-anomalies').exists()).toBe(false)
  })

  it('shows the server’s error', async () => {
    stubApi({}) // closed-loop: 404 not_found
    const { wrapper } = await mountPage(TraceView, { name: 'trace', path: '/trace' })
    expect(wrapper.find('.trace-closed-loop .error-state').text()).toContain('no stub for /trace/closed-loop')
  })
})

describe('the lineage tab', () => {
  it('shows the root, its downstream drums, the relations and the events in time order', async () => {
    const calls = traceStub()
    const { wrapper } = await mountPage(TraceView, { name: 'trace', path: '/trace' })
    await openTab(wrapper, 'lineage')
    await wrapper.find('.trace-lineage-input input').setValue(`  ${LOT} `)
    await wrapper.find('.trace-lineage form').trigger('submit')
    await settle()
    expect(asked(calls, '/trace/lineage').map((u) => u.searchParams.get('id'))).toEqual([LOT])
    expect(wrapper.find('.trace-root').text()).toBe(LOT)
    expect(wrapper.findAll('.trace-downstream .trace-id-link').map((a) => a.text())).toEqual([DRUM2, DRUM1])
    expect(wrapper.find('.trace-upstream').text()).toBe('无')
    const edges = rows(wrapper, '.trace-edges')
    expect(edges.map((r) => r.find('.trace-relation').text())).toEqual(['装入', '装入'])
    const timeline = rows(wrapper, '.trace-timeline')
    expect(timeline.map((r) => r.find('.trace-step').text())).toEqual(['生产赋码', '包装', '发货'])
    expect(timeline[2].text()).toContain(`urn:chemsafe:party:${B}`)
    expect(timeline[0].text()).toContain('100 KGM')
    // The map: a marker per placed enterprise with its name, one numbered line A → B, the rest listed.
    const map = wrapper.find('.trace-lineage-map')
    expect(map.attributes('data-markers')).toBe('2')
    expect(map.attributes('data-lines')).toBe('1')
    expect(map.findAll('.trace-place-marker')).toHaveLength(2)
    expect(map.findAll('.trace-move-arrow .num').map((n) => n.text())).toEqual(['1'])
    expect(document.body.textContent).toContain('汕尾甲化工')
    expect(wrapper.find('.trace-unplaced').text()).toBe('无坐标: 深圳无址公司 (91440300YY0000999X)')
  })

  it('queries an identifier it shows when clicked', async () => {
    const calls = traceStub()
    const { wrapper } = await mountPage(TraceView, { name: 'trace', path: '/trace' })
    await openTab(wrapper, 'lineage')
    await wrapper.find('.trace-lineage-input input').setValue(LOT)
    await wrapper.find('.trace-lineage form').trigger('submit')
    await settle()
    await wrapper.findAll('.trace-downstream .trace-id-link')[1].trigger('click')
    await settle()
    expect(asked(calls, '/trace/lineage').map((u) => u.searchParams.get('id'))).toEqual([LOT, DRUM1])
    expect(wrapper.find('.trace-root').text()).toBe(DRUM1)
    expect(wrapper.find('.trace-lineage-input input').element.value).toBe(DRUM1)
    expect(wrapper.findAll('.trace-upstream .trace-id-link').map((a) => a.text())).toEqual([LOT])
    expect(wrapper.find('.trace-lineage-map').exists()).toBe(false) // the drum's answer has no places
  })

  it('says so when no record in scope names the identifier', async () => {
    stubApi({ '/trace/closed-loop': CLOSED_LOOP }) // lineage: 404
    const { wrapper } = await mountPage(TraceView, { name: 'trace', path: '/trace' })
    await openTab(wrapper, 'lineage')
    await wrapper.find('.trace-lineage-input input').setValue('urn:chemsafe:id:ctr:NOPE.1')
    await wrapper.find('.trace-lineage form').trigger('submit')
    await settle()
    expect(wrapper.find('.trace-not-found').text()).toContain('未找到该标识的流向记录（或不在您的权限范围内）')
    expect(wrapper.find('.trace-root').exists()).toBe(false)
  })
})

describe('the events tab', () => {
  it('lists the first page and appends the next with its token', async () => {
    const calls = traceStub()
    const { wrapper } = await mountPage(TraceView, { name: 'trace', path: '/trace' })
    expect(asked(calls, '/trace/events')).toHaveLength(0) // not before the tab is opened
    await openTab(wrapper, 'events')
    const first = asked(calls, '/trace/events')
    expect(first.map((u) => Object.fromEntries(u.searchParams))).toEqual([{ perPage: '50' }])
    expect(rows(wrapper, '.trace-event-table')).toHaveLength(2)
    expect(rows(wrapper, '.trace-event-table').map((r) => r.find('.trace-step').text())).toEqual(['生产赋码', '发货'])
    await wrapper.find('.trace-events-more').trigger('click')
    await settle()
    expect(Object.fromEntries(asked(calls, '/trace/events').at(-1).searchParams)).toEqual({ perPage: '50', nextPageToken: '2' })
    expect(rows(wrapper, '.trace-event-table')).toHaveLength(3)
    expect(wrapper.find('.trace-events-more').exists()).toBe(false)
    expect(wrapper.find('.trace-events-shown').text()).toBe('已显示 3 条')
  })

  it('sends the filters', async () => {
    const calls = traceStub()
    const { wrapper } = await mountPage(TraceView, { name: 'trace', path: '/trace' })
    await openTab(wrapper, 'events')
    await wrapper.find('.trace-match-class input').setValue(LOT)
    await wrapper.find('.trace-events form').trigger('submit')
    await settle()
    expect(Object.fromEntries(asked(calls, '/trace/events').at(-1).searchParams)).toEqual({ MATCH_epcClass: LOT, perPage: '50' })
  })

  it('opens the lineage of an identifier of an event', async () => {
    const calls = traceStub()
    const { wrapper } = await mountPage(TraceView, { name: 'trace', path: '/trace' })
    await openTab(wrapper, 'events')
    await rows(wrapper, '.trace-event-table')[0].find('.trace-id-link').trigger('click')
    await settle()
    expect(asked(calls, '/trace/lineage').map((u) => u.searchParams.get('id'))).toEqual([LOT])
    expect(wrapper.find('#tab-lineage').classes()).toContain('is-active')
    expect(wrapper.find('.trace-root').text()).toBe(LOT)
  })

  it('says how data gets there when there is no event, and that nothing matches a filter', async () => {
    traceStub({ events: () => eventsDoc([]) })
    const { wrapper } = await mountPage(TraceView, { name: 'trace', path: '/trace' })
    await openTab(wrapper, 'events')
    expect(wrapper.find('.trace-events .trace-no-data').text()).toContain('chemsafe trace capture')
    await wrapper.find('.trace-match-epc input').setValue(DRUM1)
    await wrapper.find('.trace-events form').trigger('submit')
    await settle()
    expect(wrapper.find('.trace-events .trace-no-data').exists()).toBe(false)
    expect(wrapper.find('.trace-event-table').text()).toContain('没有符合条件的事件')
  })
})

describe('in English', () => {
  it('labels the kinds and steps', async () => {
    traceStub()
    const { wrapper } = await mountPage(TraceView, { name: 'trace', path: '/trace', locale: 'en' })
    expect(rows(wrapper, '.trace-anomalies')[0].find('.trace-kind-tag').text()).toBe('Shipped, not received in time 发货后未按期收货')
    expect(wrapper.find('#tab-lineage').text()).toBe('Lineage')
  })
})
