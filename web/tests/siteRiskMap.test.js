// The enterprise's four-colour risk map as plain data (map/siteRiskMap.js, issue 7): the colour of each
// grade, the drawing order (重大 on top), the legend's counts, the bounds, and the points without a location.
import { describe, expect, it } from 'vitest'
import {
  boundsOf, drawingOrder, gradeFill, gradeLegend, pointLatLng, riskPointHref, siteRiskMapSpec, unitLatLng,
} from '../src/map/siteRiskMap.js'
import { styleFor } from '../src/map/styles.js'
import { colourStyle } from '../src/risk.js'

const RED = '#d9001b'
const ORANGE = '#ff7d00'
const YELLOW = '#f2c200'
const BLUE = '#1e6fd9'

const point = (id, grade, location, extra = {}) => ({ id, name: `风险点${id}`, area: `区域${id}`, grade, location, ...extra })
const POINTS = [
  point(1, 'low', { lon: 113.601, lat: 22.801 }),
  point(2, 'major', { lon: 113.603, lat: 22.799 }),
  point(3, 'general', null),
  point(4, 'larger', { lon: 113.598, lat: 22.804 }),
  point(5, 'major', { lon: 113.602, lat: 22.802 }),
  point(6, 'low', null),
  point(7, 'general', { lon: 113.600, lat: 22.800 }),
]
const UNITS = [
  { id: 11, code: 'U01', name: '液氯罐区（演示）', location: [113.6, 22.8] },
  { id: 12, code: 'U02', name: '', location: null },
  { id: 13, code: 'U03', name: '', location: [113.61, 22.81] },
]

describe('colours', () => {
  it('are red, orange, yellow and blue from 重大 to 低, grey for an unknown grade', () => {
    expect(['major', 'larger', 'general', 'low'].map(gradeFill)).toEqual([RED, ORANGE, YELLOW, BLUE])
    expect(gradeFill('')).toBe('#8c8c8c')
    expect(gradeFill(undefined)).toBe('#8c8c8c')
  })

  it('are those of the grade tags and of the province map’s risk layer', () => {
    expect(colourStyle('orange').backgroundColor).toBe(gradeFill('larger'))
    const grades = ['low', 'general', 'larger', 'major']
    const style = styleFor('risk', { count: grades.length, grade: grades })
    expect(grades.map((g, i) => style.colors[style.classes[i]])).toEqual(grades.map(gradeFill))
  })
})

describe('drawingOrder', () => {
  it('puts the least severe first and 重大 last (on top), equal grades by id', () => {
    expect(drawingOrder(POINTS).map((p) => [p.grade, p.id])).toEqual([
      ['low', 1], ['low', 6], ['general', 3], ['general', 7], ['larger', 4], ['major', 2], ['major', 5],
    ])
  })

  it('puts an unknown grade below the known ones and leaves its input alone', () => {
    const input = [point(2, 'major', null), point(1, 'bogus', null)]
    expect(drawingOrder(input).map((p) => p.id)).toEqual([1, 2])
    expect(input.map((p) => p.id)).toEqual([2, 1])
    expect(drawingOrder(null)).toEqual([])
  })
})

describe('gradeLegend', () => {
  it('counts the points by grade, 重大 first, placed or not', () => {
    expect(gradeLegend(POINTS)).toEqual([
      { grade: 'major', colour: RED, count: 2 },
      { grade: 'larger', colour: ORANGE, count: 1 },
      { grade: 'general', colour: YELLOW, count: 2 },
      { grade: 'low', colour: BLUE, count: 2 },
    ])
  })

  it('has a row of 0 for each grade without points', () => {
    expect(gradeLegend([]).map((r) => r.count)).toEqual([0, 0, 0, 0])
  })
})

describe('locations', () => {
  it('turns a point’s {lon, lat} and a unit’s [lon, lat] into [lat, lon]', () => {
    expect(pointLatLng({ lon: 113.6, lat: 22.8 })).toEqual([22.8, 113.6])
    expect(unitLatLng([113.6, 22.8])).toEqual([22.8, 113.6])
  })

  it('has none for null, a missing or out-of-range coordinate, or text', () => {
    expect(pointLatLng(null)).toBeNull()
    expect(pointLatLng({ lon: 113.6 })).toBeNull()
    expect(pointLatLng({ lon: 113.6, lat: 95 })).toBeNull()
    expect(pointLatLng({ lon: '113.6', lat: '22.8' })).toBeNull()
    expect(unitLatLng(null)).toBeNull()
    expect(unitLatLng([113.6])).toBeNull()
    expect(unitLatLng([null, 22.8])).toBeNull()
  })
})

describe('boundsOf', () => {
  it('is [[south, west], [north, east]]', () => {
    expect(boundsOf([[22.8, 113.6], [22.7, 113.7], [22.9, 113.5]])).toEqual([[22.7, 113.5], [22.9, 113.7]])
    expect(boundsOf([[22.8, 113.6]])).toEqual([[22.8, 113.6], [22.8, 113.6]])
    expect(boundsOf([])).toBeNull()
  })
})

describe('siteRiskMapSpec', () => {
  const spec = siteRiskMapSpec(UNITS, POINTS)

  it('has a circle per placed point, in drawing order, coloured by grade, linking to its details', () => {
    expect(spec.circles.map((c) => [c.id, c.grade, c.fill])).toEqual([
      [1, 'low', BLUE], [7, 'general', YELLOW], [4, 'larger', ORANGE], [2, 'major', RED], [5, 'major', RED],
    ])
    expect(spec.circles[3]).toMatchObject({ name: '风险点2', area: '区域2', latlng: [22.799, 113.603], href: '/risk?point=2' })
  })

  it('lists the points without a location in id order', () => {
    expect(spec.unplaced).toEqual([
      { id: 3, name: '风险点3', area: '区域3', grade: 'general' },
      { id: 6, name: '风险点6', area: '区域6', grade: 'low' },
    ])
  })

  it('has a marker per placed unit, named by its code when it has no name', () => {
    expect(spec.units).toEqual([
      { id: 11, code: 'U01', name: '液氯罐区（演示）', latlng: [22.8, 113.6] },
      { id: 13, code: 'U03', name: 'U03', latlng: [22.81, 113.61] },
    ])
  })

  it('fits the bounds to the placed points, not the units', () => {
    expect(spec.bounds).toEqual([[22.799, 113.598], [22.804, 113.603]])
  })

  it('fits the units when no point is placed, and has no bounds when nothing is', () => {
    expect(siteRiskMapSpec(UNITS, [point(3, 'general', null)]).bounds).toEqual([[22.8, 113.6], [22.81, 113.61]])
    expect(siteRiskMapSpec([], [point(3, 'general', null)]).bounds).toBeNull()
  })

  it('counts every point in the legend', () => {
    expect(spec.legend.map((r) => r.count)).toEqual([2, 1, 2, 2])
  })

  it('is empty without units or points', () => {
    const empty = siteRiskMapSpec(undefined, undefined)
    expect(empty.circles).toEqual([])
    expect(empty.units).toEqual([])
    expect(empty.unplaced).toEqual([])
    expect(empty.bounds).toBeNull()
  })
})

describe('riskPointHref', () => {
  it('is the risk page that opens the point', () => {
    expect(riskPointHref(42)).toBe('/risk?point=42')
  })
})
