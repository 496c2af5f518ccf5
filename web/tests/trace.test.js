// The pure helpers of the traceability page (src/trace.js) and traceApi's requests.
import { afterEach, describe, expect, it } from 'vitest'
import { setCsrfToken, setFetch } from '../src/api/client.js'
import { traceApi } from '../src/api/endpoints.js'
import zhCN from '../src/i18n/zh-CN.js'
import {
  ANOMALY_KINDS, addDays, anomalyCount, anomalyTagType, balanceDiffers, byEventTime, cbvWord, chinaDate, csvField,
  defaultPeriod, eventIdentifiers, eventList, eventParties, eventQuantities, eventsQuery, filingsCsv, filingsFileName,
  filterAnomalies, isIsoDate, pageSlice, totalAnomalies, canHandleWorkItems, withWorkItem, workStatusTagType,
} from '../src/trace.js'
import { ROLES } from '../src/stores/scope.js'

describe('anomaly kinds', () => {
  it('are the eight of docs/api.md, each with the Chinese label the issue gives', () => {
    expect(ANOMALY_KINDS).toEqual([
      'not_received', 'receipt_without_shipment', 'quantity_mismatch', 'unlicensed_sale', 'custody_without_licence',
      'out_of_order', 'imbalance', 'filing_overdue',
    ])
    expect(zhCN.traceKind).toEqual({
      not_received: '发货后未按期收货',
      receipt_without_shipment: '收货无对应发货',
      quantity_mismatch: '收发数量不符',
      unlicensed_sale: '向无有效许可的单位销售',
      custody_without_licence: '无有效许可持有',
      out_of_order: '先收货后发货',
      imbalance: '账实不符',
      filing_overdue: '流向备案逾期',
    })
  })
  it('are coloured by severity; an unknown kind is grey', () => {
    expect(anomalyTagType('unlicensed_sale')).toBe('danger')
    expect(anomalyTagType('not_received')).toBe('warning')
    expect(anomalyTagType('filing_overdue')).toBe('info')
    expect(anomalyTagType('something_new')).toBe('info')
  })
  it('are counted and filtered', () => {
    const counts = { not_received: 2, imbalance: 1 }
    expect(anomalyCount(counts, 'not_received')).toBe(2)
    expect(anomalyCount(counts, 'out_of_order')).toBe(0)
    expect(anomalyCount(undefined, 'out_of_order')).toBe(0)
    expect(totalAnomalies(counts)).toBe(3)
    expect(totalAnomalies(null)).toBe(0)
    const list = [{ kind: 'imbalance' }, { kind: 'not_received' }, { kind: 'imbalance' }]
    expect(filterAnomalies(list, 'imbalance')).toHaveLength(2)
    expect(filterAnomalies(list, '')).toBe(list)
    expect(filterAnomalies(undefined, 'imbalance')).toEqual([])
  })
})

describe('dates', () => {
  it('take the China day of a moment', () => {
    expect(chinaDate(new Date('2026-11-28T16:00:00Z'))).toBe('2026-11-29') // 00:00 in Shanghai
    expect(chinaDate(new Date('2026-11-28T15:59:59Z'))).toBe('2026-11-28')
  })
  it('add days across months and leap years', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
  })
  it('default to the last 60 China days, today included', () => {
    expect(defaultPeriod(new Date('2026-11-28T17:00:00Z'))).toEqual({ from: '2026-10-01', to: '2026-11-29' }) // 29 + 31 days
    const { from, to } = defaultPeriod(new Date('2026-06-15T04:00:00Z'), 10)
    expect([from, to]).toEqual(['2026-06-06', '2026-06-15'])
  })
  it('accept only YYYY-MM-DD', () => {
    expect(isIsoDate('2026-09-01')).toBe(true)
    expect(isIsoDate('2026-9-1')).toBe(false)
    expect(isIsoDate('')).toBe(false)
    expect(isIsoDate(null)).toBe(false)
  })
})

describe('balance', () => {
  it('differs when the count is not the closing stock; no count is no difference', () => {
    expect(balanceDiffers({ closing_kg: 1395, counted_kg: 1370 })).toBe(true)
    expect(balanceDiffers({ closing_kg: 385, counted_kg: 385 })).toBe(false)
    expect(balanceDiffers({ closing_kg: 385, counted_kg: 385.0004 })).toBe(false)
    expect(balanceDiffers({ closing_kg: 385, counted_kg: null })).toBe(false)
    expect(balanceDiffers({ closing_kg: 385 })).toBe(false)
  })
})

describe('the events query', () => {
  it('leaves out empty fields and asks 50 a page', () => {
    expect(eventsQuery({ eventType: '', bizStep: '', epc: ' ', epcClass: '', from: '', to: '' })).toEqual({ perPage: 50 })
  })
  it('sends the filters, the days as China times, the "to" day included', () => {
    const q = eventsQuery(
      { eventType: 'ObjectEvent', bizStep: 'shipping', epc: ' urn:chemsafe:id:ctr:X.1 ', epcClass: 'urn:chemsafe:class:lot:X.C.L', from: '2026-09-01', to: '2026-09-30' },
      { nextPageToken: '120' },
    )
    expect(q).toEqual({
      eventType: 'ObjectEvent', EQ_bizStep: 'shipping', MATCH_epc: 'urn:chemsafe:id:ctr:X.1',
      MATCH_epcClass: 'urn:chemsafe:class:lot:X.C.L', GE_eventTime: '2026-09-01T00:00:00+08:00',
      LT_eventTime: '2026-10-01T00:00:00+08:00', perPage: 50, nextPageToken: '120',
    })
  })
  it('drops an event type the server does not know', () => {
    expect(eventsQuery({ eventType: 'Bogus' })).toEqual({ perPage: 50 })
  })
})

const SHIPPING = {
  type: 'ObjectEvent', eventTime: '2026-09-27T05:26:31+08:00', action: 'OBSERVE', bizStep: 'https://ref.gs1.org/cbv/BizStep-shipping',
  epcList: ['urn:chemsafe:id:ctr:A.DEMO-1-1', 'urn:chemsafe:id:ctr:A.DEMO-1-2'],
  quantityList: [{ epcClass: 'urn:chemsafe:class:lot:A.6484-52-2.DEMO-L1', quantity: 100, uom: 'KGM' }],
  sourceList: [{ type: 'owning_party', source: 'urn:chemsafe:party:A' }],
  destinationList: [{ type: 'owning_party', destination: 'urn:chemsafe:party:B' }],
}
const PACKING = {
  type: 'AggregationEvent', eventTime: '2026-09-27T04:26:31+08:00', parentID: 'urn:chemsafe:id:ctr:A.DEMO-1-1', bizStep: 'packing',
  childQuantityList: [{ epcClass: 'urn:chemsafe:class:lot:A.6484-52-2.DEMO-L1', quantity: 50, uom: 'KGM' }],
}

describe('events', () => {
  it('name their CBV step in any of its forms', () => {
    for (const s of ['shipping', 'urn:epcglobal:cbv:bizstep:shipping', 'https://ref.gs1.org/cbv/BizStep-shipping', 'cbv:BizStep-shipping']) {
      expect(cbvWord(s)).toBe('shipping')
    }
    expect(cbvWord('cycle_counting')).toBe('cycle_counting')
    expect(cbvWord(undefined)).toBe('')
  })
  it('list their identifiers, parent first, without repeats', () => {
    expect(eventIdentifiers(PACKING)).toEqual(['urn:chemsafe:id:ctr:A.DEMO-1-1', 'urn:chemsafe:class:lot:A.6484-52-2.DEMO-L1'])
    expect(eventIdentifiers(SHIPPING)).toEqual([
      'urn:chemsafe:id:ctr:A.DEMO-1-1', 'urn:chemsafe:id:ctr:A.DEMO-1-2', 'urn:chemsafe:class:lot:A.6484-52-2.DEMO-L1',
    ])
    expect(eventIdentifiers({ inputEPCList: ['x'], outputQuantityList: [{ epcClass: 'y', quantity: 1 }] })).toEqual(['x', 'y'])
  })
  it('show their quantities and parties', () => {
    expect(eventQuantities(SHIPPING)).toEqual(['100 KGM'])
    expect(eventQuantities(PACKING)).toEqual(['50 KGM'])
    expect(eventQuantities({ quantityList: [{ epcClass: 'x' }] })).toEqual([])
    expect(eventParties(SHIPPING)).toEqual({ sources: ['urn:chemsafe:party:A'], destinations: ['urn:chemsafe:party:B'] })
    expect(eventParties(PACKING)).toEqual({ sources: [], destinations: [] })
  })
  it('sort by time, equal times in the server’s order', () => {
    const a = { eventTime: '2026-09-27T04:26:31+08:00', n: 1 }
    const b = { eventTime: '2026-09-26T20:26:31Z', n: 2 } // the same moment as a
    expect(byEventTime([SHIPPING, a, b, PACKING]).map((e) => e.n ?? e.type)).toEqual([1, 2, 'AggregationEvent', 'ObjectEvent'])
  })
  it('come out of an EPCISQueryDocument', () => {
    expect(eventList({ epcisBody: { queryResults: { resultsBody: { eventList: [SHIPPING] } } } })).toEqual([SHIPPING])
    expect(eventList({})).toEqual([])
  })
})

describe('the filing CSV', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"')
    expect(csvField(-25)).toBe('-25')
    expect(csvField(null)).toBe('')
    expect(csvField(NaN)).toBe('')
  })
  it('has a BOM, a header and a row per filing, times in Asia/Shanghai', () => {
    const text = filingsCsv(
      [
        { seller: 'S1', buyer: 'B1', chemical: '6484-52-2', shipment: 'urn:chemsafe:bt:desadv:DEMO-0', quantity_kg: 100, sold_at: '2026-09-01T11:00:00+08:00', recorded_at: '2026-09-01T15:59:59.000000Z', overdue: false },
        { seller: 'S2', buyer: 'B2', chemical: '143-33-9', shipment: 'urn:chemsafe:bt:desadv:DEMO-9', quantity_kg: 950.5, sold_at: '2026-10-09T00:23:22+08:00', recorded_at: '2026-10-18T00:23:22+08:00', overdue: true },
      ],
      { header: (c) => `h_${c}`, yesNo: (b) => (b ? '是' : '否') },
    )
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(text.slice(1).split('\r\n')).toEqual([
      'h_seller,h_buyer,h_chemical,h_shipment,h_quantity_kg,h_sold_at,h_recorded_at,h_overdue',
      'S1,B1,6484-52-2,urn:chemsafe:bt:desadv:DEMO-0,100,2026-09-01 11:00,2026-09-01 23:59,否',
      'S2,B2,143-33-9,urn:chemsafe:bt:desadv:DEMO-9,950.5,2026-10-09 00:23,2026-10-18 00:23,是',
      '',
    ])
  })
  it('is named after the period', () => {
    expect(filingsFileName('2026-09-01', '2026-10-30')).toBe('流向备案_2026-09-01_2026-10-30.csv')
  })
})

describe('pages in the browser', () => {
  it('slice the rows, clamping the page', () => {
    const rows = Array.from({ length: 45 }, (_, i) => i)
    expect(pageSlice(rows, 1, 20)).toEqual(rows.slice(0, 20))
    expect(pageSlice(rows, 3, 20)).toEqual([40, 41, 42, 43, 44])
    expect(pageSlice(rows, 9, 20)).toEqual([40, 41, 42, 43, 44])
    expect(pageSlice(rows, 0, 20)).toEqual(rows.slice(0, 20))
    expect(pageSlice(undefined, 1, 20)).toEqual([])
  })
})

describe('work items', () => {
  it('are handled by the province office, departments, city and county officers only', () => {
    expect(ROLES.filter((role) => canHandleWorkItems({ role }))).toEqual(['province', 'department', 'city', 'county'])
    expect(canHandleWorkItems(null)).toBe(false)
  })
  it('are coloured by state', () => {
    expect(['open', 'acknowledged', 'closed', 'lost'].map(workStatusTagType)).toEqual(['danger', 'warning', 'success', 'info'])
  })
  it('saved since the answer replace the anomaly’s state, by key', () => {
    const a = { key: 'k1', kind: 'imbalance', status: 'open', note: '' }
    const items = { k1: { key: 'k1', status: 'closed', note: '已核实', updated_at: '2026-11-29T02:00:00Z', updated_by: 'u' } }
    expect(withWorkItem(a, items)).toEqual({ ...a, status: 'closed', note: '已核实', updated_at: '2026-11-29T02:00:00Z', updated_by: 'u' })
    expect(withWorkItem({ ...a, key: 'k2' }, items)).toEqual({ ...a, key: 'k2' })
    expect(withWorkItem({ kind: 'imbalance' }, items)).toEqual({ kind: 'imbalance' })
  })
})

describe('traceApi', () => {
  let calls = []
  afterEach(() => setCsrfToken(null))
  function answer(body) {
    calls = []
    setFetch(async (url, init) => {
      calls.push({ url, init })
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
    })
  }
  it('asks the paths of docs/api.md', async () => {
    answer({})
    await traceApi.closedLoop({ from: '2026-09-01', to: '2026-10-30' })
    await traceApi.lineage('urn:chemsafe:class:lot:A.6484-52-2.DEMO-L1')
    await traceApi.events({ GE_eventTime: '2026-09-01T00:00:00+08:00', perPage: 50 })
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/trace/closed-loop?from=2026-09-01&to=2026-10-30',
      '/api/v1/trace/lineage?id=urn%3Achemsafe%3Aclass%3Alot%3AA.6484-52-2.DEMO-L1',
      '/api/v1/trace/events?GE_eventTime=2026-09-01T00%3A00%3A00%2B08%3A00&perPage=50', // the + of the offset encoded
    ])
  })
  it('changes a work item with PATCH, the key in the path', async () => {
    answer({ key: 'a/b', status: 'acknowledged', note: 'n' })
    setCsrfToken('tok')
    await traceApi.updateWorkItem('a/b', { status: 'acknowledged', note: 'n' })
    expect(calls[0].url).toBe('/api/v1/trace/work-items/a%2Fb')
    expect(calls[0].init.method).toBe('PATCH')
    expect(new Headers(calls[0].init.headers).get('X-CSRF-Token')).toBe('tok')
    expect(JSON.parse(calls[0].init.body)).toEqual({ status: 'acknowledged', note: 'n' })
  })
  it('captures with the CSRF token, as JSON', async () => {
    answer({ stored: 1, duplicates: 0, declarations: 0 })
    setCsrfToken('tok')
    const r = await traceApi.capture({ type: 'ObjectEvent' })
    expect(r.stored).toBe(1)
    expect(calls[0].init.method).toBe('POST')
    expect(new Headers(calls[0].init.headers).get('X-CSRF-Token')).toBe('tok')
    expect(JSON.parse(calls[0].init.body)).toEqual({ type: 'ObjectEvent' })
  })
})
