import { afterEach, describe, expect, it } from 'vitest'
import { setFetch } from '../src/api/client.js'
import { qraApi } from '../src/api/endpoints.js'
import {
  ACTIONS, ACTION_COLORS, BELOW_LEVELS_COLOR, IR_LEVELS, actionTagStyle, formatRatio, formatSci, hasBatch, irColor,
  isFnVerdict, shortDigest, substanceLabel,
} from '../src/qra.js'
import {
  contourClassName, contourLegend, contourLevel, contourStyle, exceedanceMarkerStyle, exceedancePoints, orderContours,
} from '../src/map/qraStyles.js'
import { LIST_DEFAULTS, actionCount, relocationQuery, totalAssessed } from '../src/views/qra/relocationList.js'

const square = (x0, y0, d) => [[[x0, y0], [x0 + d, y0], [x0 + d, y0 + d], [x0, y0 + d], [x0, y0]]]
// The contours as GET /qra/contours answers them (docs/api.md), in the server's order, one level
// written as decimal text reads it back.
const CONTOURS = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { ir_per_yr: 1e-5 }, geometry: { type: 'MultiPolygon', coordinates: [square(113.9, 22.5, 0.01)] } },
    { type: 'Feature', properties: { ir_per_yr: 2.9999999999999997e-6 }, geometry: { type: 'MultiPolygon', coordinates: [square(113.89, 22.49, 0.03)] } },
    { type: 'Feature', properties: { ir_per_yr: 3e-7 }, geometry: { type: 'MultiPolygon', coordinates: [square(113.87, 22.47, 0.07)] } },
    { type: 'Feature', properties: { ir_per_yr: 1e-6 }, geometry: { type: 'MultiPolygon', coordinates: [square(113.88, 22.48, 0.05)] } },
  ],
}

describe('formats', () => {
  it('writes rates in scientific notation with superscript exponents', () => {
    expect(formatSci(1e-5)).toBe('1×10⁻⁵')
    expect(formatSci(3e-7)).toBe('3×10⁻⁷')
    expect(formatSci(3.456e-6)).toBe('3.46×10⁻⁶')
    expect(formatSci(3.4e-6)).toBe('3.4×10⁻⁶')
    expect(formatSci(1.2e-4, 1)).toBe('1.2×10⁻⁴')
    expect(formatSci(2.5e3)).toBe('2.5×10³')
    expect(formatSci(0)).toBe('0')
  })
  it('carries a mantissa that rounds up to 10 into the exponent', () => {
    expect(formatSci(9.996e-6)).toBe('1×10⁻⁵')
    expect(formatSci(2.9999999999999997e-6)).toBe('3×10⁻⁶')
  })
  it('shows a dash for what is missing', () => {
    for (const v of [null, undefined, '', 'abc', Number.NaN]) expect(formatSci(v)).toBe('—')
    for (const v of [null, undefined, '', Number.POSITIVE_INFINITY]) expect(formatRatio(v)).toBe('—')
  })
  it('writes ratios to a limit with a times sign', () => {
    expect(formatRatio(12.34)).toBe('12.3×')
    expect(formatRatio(1)).toBe('1.0×')
    expect(formatRatio(0.423)).toBe('0.42×')
    expect(formatRatio(99.96)).toBe('100×')
    expect(formatRatio(1234.5)).toBe('1,235×')
  })
  it('shortens the input digest and tells a batch', () => {
    const digest = 'a3f5c2e9b1d04f6e8a7b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f'
    expect(shortDigest(digest)).toBe('a3f5c2e9b1d0')
    expect(shortDigest(digest, 8)).toBe('a3f5c2e9')
    expect(shortDigest(null)).toBe('—')
    expect([1, 2, 3, '2', 0, null, '', 1.5].map(hasBatch)).toEqual([true, true, true, true, false, false, false, false])
  })
})

describe('actions', () => {
  it('are the five codes of the contract, most severe first, each with its colour', () => {
    expect(ACTIONS).toEqual(['close', 'relocate', 'convert', 'measures', 'keep'])
    expect(Object.keys(ACTION_COLORS).sort()).toEqual([...ACTIONS].sort())
    expect(new Set(Object.values(ACTION_COLORS)).size).toBe(5)
  })
  it('tag close in red with white text, measures in yellow with dark text, an unknown code in grey', () => {
    expect(actionTagStyle('close')).toEqual({ backgroundColor: '#d9001b', borderColor: '#d9001b', color: '#ffffff' })
    expect(actionTagStyle('measures').color).toBe('#3d3000')
    expect(actionTagStyle('demolish').backgroundColor).toBe('#8c8c8c')
  })
})

describe('individual-risk levels', () => {
  it('go from red at 1×10⁻⁵ to yellow at 3×10⁻⁷', () => {
    expect(IR_LEVELS.map((l) => l.ir)).toEqual([1e-5, 3e-6, 1e-6, 3e-7])
    expect(irColor(1e-5)).toBe('#d9001b')
    expect(irColor(3e-7)).toBe('#f2c200')
  })
  it('colour a value by the highest level it reaches', () => {
    expect(irColor(5e-4)).toBe(irColor(1e-5))
    expect(irColor(9.9e-6)).toBe(irColor(3e-6))
    expect(irColor(2.9999999999999997e-6)).toBe(irColor(3e-6)) // read back from decimal text
    expect(irColor(2.9e-6)).toBe(irColor(1e-6))
    expect(irColor(5e-7)).toBe(irColor(3e-7))
    expect(irColor(2e-7)).toBe(BELOW_LEVELS_COLOR)
    expect(irColor(null)).toBe(BELOW_LEVELS_COLOR)
  })
})

describe('contours on the map', () => {
  it('are drawn lowest level first, so the higher levels lie on top', () => {
    expect(orderContours(CONTOURS).map(contourLevel)).toEqual([3e-7, 1e-6, 2.9999999999999997e-6, 1e-5])
  })
  it('leave out features without a level or an area', () => {
    const fc = { features: [{ properties: {}, geometry: { type: 'MultiPolygon', coordinates: [] } }, { properties: { ir_per_yr: 1e-6 }, geometry: { type: 'Point', coordinates: [1, 2] } }, { properties: { ir_per_yr: 0 }, geometry: { type: 'Polygon', coordinates: [] } }, { properties: { ir_per_yr: 1e-5 }, geometry: { type: 'MultiPolygon', coordinates: [] } }] }
    expect(orderContours(fc)).toEqual([])
    expect(orderContours(null)).toEqual([])
    expect(orderContours({ type: 'FeatureCollection', features: [] })).toEqual([])
  })
  it('are stroked and filled in their level’s colour, the higher levels filled more', () => {
    const [low, , mid, high] = orderContours(CONTOURS).map(contourStyle)
    expect(high).toMatchObject({ color: '#d9001b', fillColor: '#d9001b', className: 'qra-contour qra-contour--1e-5' })
    expect(mid).toMatchObject({ color: '#f25a00', className: 'qra-contour qra-contour--3e-6' })
    expect(low).toMatchObject({ color: '#f2c200', className: 'qra-contour qra-contour--3e-7' })
    expect(high.fillOpacity).toBeGreaterThan(low.fillOpacity)
    expect(high.weight).toBeGreaterThan(low.weight)
  })
  it('name their paths by level', () => {
    expect(contourClassName(1e-6)).toBe('qra-contour qra-contour--1e-6')
    expect(contourClassName(2.5e-6)).toBe('qra-contour qra-contour--2.5e-6')
    expect(contourClassName(null)).toBe('qra-contour qra-contour--none')
  })
  it('have a legend row per level, highest first, with the level’s colour', () => {
    expect(contourLegend(CONTOURS)).toEqual([
      { ir: 1e-5, color: '#d9001b', text: '1×10⁻⁵' },
      { ir: 3e-6, color: '#f25a00', text: '3×10⁻⁶' },
      { ir: 1e-6, color: '#ff9900', text: '1×10⁻⁶' },
      { ir: 3e-7, color: '#f2c200', text: '3×10⁻⁷' },
    ])
    expect(contourLegend(null)).toHaveLength(4) // the scale, even before the data
  })
  it('add a level the contract does not name to the legend', () => {
    const rows = contourLegend({ features: [{ properties: { ir_per_yr: 1e-4 } }] })
    expect(rows.map((r) => r.text)).toEqual(['1×10⁻⁴', '1×10⁻⁵', '3×10⁻⁶', '1×10⁻⁶', '3×10⁻⁷'])
  })
})

describe('exceedances on the map', () => {
  const fc = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', geometry: { type: 'Point', coordinates: [113.91, 22.51] }, properties: { target_id: 5, name: '某小学', ratio: 40, ir_per_yr: 1.2e-5 } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [113.92, 22.52] }, properties: { target_id: 6, name: '某医院', ratio: 1.5, ir_per_yr: 4.5e-7 } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [null, 22.52] }, properties: { target_id: 7 } },
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [] }, properties: { target_id: 8 } },
    ],
  }
  it('are the points with coordinates, the worst ratio last (on top)', () => {
    expect(exceedancePoints(fc).map((p) => p.properties.target_id)).toEqual([6, 5])
    expect(exceedancePoints(fc)[1]).toMatchObject({ lon: 113.91, lat: 22.51 })
  })
  it('are coloured by their risk and grow with their ratio', () => {
    const [small, big] = exceedancePoints(fc).map((p) => exceedanceMarkerStyle(p.properties))
    expect(big.fillColor).toBe('#d9001b')
    expect(small.fillColor).toBe('#f2c200')
    expect(big.radius).toBeGreaterThan(small.radius)
    expect(exceedanceMarkerStyle({ ratio: 1e6 }).radius).toBe(12)
    expect(exceedanceMarkerStyle({}).radius).toBe(6)
    expect(big.className).toBe('qra-exceedance')
  })
})

describe('the relocation list query', () => {
  it('sends the URL state’s filters, all=true only when switched on', () => {
    expect(relocationQuery({ ...LIST_DEFAULTS })).toEqual({ run: undefined, action: undefined, division: undefined, all: undefined, page: 1, page_size: 20 })
    expect(relocationQuery({ run: '3', action: 'close', division: '4403', all: 'true', page: 2, page_size: 50 }))
      .toEqual({ run: '3', action: 'close', division: '4403', all: 'true', page: 2, page_size: 50 })
  })
  it('leaves out what the server would refuse', () => {
    const q = relocationQuery({ ...LIST_DEFAULTS, run: 'newest', action: 'demolish', all: 'yes' })
    expect([q.run, q.action, q.all]).toEqual([undefined, undefined, undefined])
  })
  it('counts the actions of the scope', () => {
    const by = { close: 2, relocate: 5, convert: 0, measures: 11, keep: 180 }
    expect(actionCount(by, 'relocate')).toBe(5)
    expect(actionCount({}, 'close')).toBe(0)
    expect(actionCount(null, 'close')).toBe(0)
    expect(totalAssessed(by)).toBe(198)
  })
})

describe('the QRA routes', () => {
  let calls = []
  function answerJson(body) {
    calls = []
    setFetch(async (url, init) => {
      calls.push({ url, init })
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
    })
  }
  afterEach(() => setFetch((...args) => globalThis.fetch(...args)))

  it('the relocation list carries its filters', async () => {
    answerJson({ run: null, items: [], total: 0, page: 1, page_size: 20, by_action: {} })
    const answer = await qraApi.relocationList(relocationQuery({ ...LIST_DEFAULTS, run: '4', action: 'relocate', all: 'true' }))
    expect(answer.run).toBeNull()
    const url = new URL(calls[0].url, 'http://x')
    expect(url.pathname).toBe('/api/v1/qra/relocation-list')
    expect(Object.fromEntries(url.searchParams)).toEqual({ run: '4', action: 'relocate', all: 'true', page: '1', page_size: '20' })
    expect(calls[0].init.method).toBe('GET')
  })
  it('an enterprise’s results, the runs, the contours and the exceedances', async () => {
    answerJson({})
    await qraApi.enterprise(12)
    await qraApi.runs({ page: 1, page_size: 1 })
    await qraApi.contours()
    await qraApi.exceedances({ run: 3 })
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/enterprises/12/qra',
      '/api/v1/qra/runs?page=1&page_size=1',
      '/api/v1/qra/contours',
      '/api/v1/qra/exceedances?run=3',
    ])
  })
})

describe('substance and F-N labels', () => {
  it('names the dominant substance with its key, or the key alone', () => {
    expect(substanceLabel('液氯', '7782-50-5')).toBe('液氯（7782-50-5）')
    expect(substanceLabel('', '7782-50-5')).toBe('7782-50-5')
    expect(substanceLabel('7782-50-5', '7782-50-5')).toBe('7782-50-5')
    expect(substanceLabel(undefined, undefined)).toBe('—')
  })
  it('knows the three GB 36894 F-N verdicts only', () => {
    expect(['intolerable', 'alarp', 'tolerable'].every(isFnVerdict)).toBe(true)
    expect(isFnVerdict('')).toBe(false)
    expect(isFnVerdict('acceptable')).toBe(false)
  })
})
