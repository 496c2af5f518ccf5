// A lineage on the map as plain data: markers for placed enterprises, numbered lines seller → buyer in
// time order, the direction of each line, the bounds, and the places without coordinates.
import { describe, expect, it } from 'vitest'
import { ARROW_AT, hasCoordinates, lineageMapSpec, numberMoves, screenBearing } from '../src/map/lineageMap.js'

const A = { uscc: '91441521YY0000276A', name: '汕尾甲化工', lon: 115.37, lat: 22.78 }
const B = { uscc: '91440803YY00002064', name: '湛江乙贸易', lon: 110.36, lat: 21.27 }
const C = { uscc: '91440101YY00000011', name: '广州丙涂料', lon: 113.26, lat: 23.13 }
const X = { uscc: '91440300YY0000999X', name: '深圳无址公司', lon: null, lat: null }

describe('hasCoordinates', () => {
  it('needs two finite numbers in range', () => {
    expect(hasCoordinates(A)).toBe(true)
    expect(hasCoordinates(X)).toBe(false)
    expect(hasCoordinates({ lon: 113, lat: null })).toBe(false)
    expect(hasCoordinates({ lon: '113', lat: '23' })).toBe(false)
    expect(hasCoordinates({ lon: 200, lat: 23 })).toBe(false)
    expect(hasCoordinates({ lon: 0, lat: 0 })).toBe(true)
    expect(hasCoordinates(null)).toBe(false)
  })
})

describe('numberMoves', () => {
  it('numbers by time, not by the order given; equal times by event id', () => {
    const moves = [
      { from: A.uscc, to: B.uscc, at: '2026-09-27T05:00:00+08:00', event: 30 },
      { from: B.uscc, to: C.uscc, at: '2026-09-20T01:00:00+08:00', event: 12 },
      { from: A.uscc, to: C.uscc, at: '2026-09-26T21:00:00Z', event: 20 }, // = 09-27 05:00 in China
      { from: C.uscc, to: A.uscc, at: '2026-09-26T21:00:00Z', event: 5 },
    ]
    expect(numberMoves(moves).map((m) => [m.event, m.n])).toEqual([[12, 1], [5, 2], [20, 3], [30, 4]])
    expect(numberMoves(null)).toEqual([])
  })
})

describe('screenBearing', () => {
  it('is 0 to the east, 90 to the south, -90 to the north, 180 to the west', () => {
    expect(screenBearing([23, 113], [23, 114])).toBeCloseTo(0, 6)
    expect(screenBearing([23, 113], [22, 113])).toBeCloseTo(90, 6)
    expect(screenBearing([23, 113], [24, 113])).toBeCloseTo(-90, 6)
    expect(Math.abs(screenBearing([23, 113], [23, 112]))).toBeCloseTo(180, 6)
  })
  it('follows Mercator: a degree of latitude is longer on screen than a degree of longitude × cos(lat)', () => {
    // North-east by one degree each at 60°N: a degree east is half as long as a degree north on screen.
    const deg = screenBearing([60, 10], [61, 11])
    expect(deg).toBeLessThan(-60)
    expect(deg).toBeGreaterThan(-70)
  })
})

describe('lineageMapSpec', () => {
  const moves = [
    { from: A.uscc, to: B.uscc, at: '2026-09-27T05:26:31+08:00', event: 1027 },
    { from: A.uscc, to: C.uscc, at: '2026-09-20T03:40:25+08:00', event: 698 },
    { from: A.uscc, to: B.uscc, at: '2026-09-10T08:00:00+08:00', event: 300 },
    { from: B.uscc, to: A.uscc, at: '2026-09-28T08:00:00+08:00', event: 1100 },
    { from: A.uscc, to: X.uscc, at: '2026-09-21T08:00:00+08:00', event: 700 },
  ]
  const spec = lineageMapSpec([A, B, X, C, { ...A, name: 'dup' }], moves)

  it('has a marker per placed enterprise (once each) and lists the others', () => {
    expect(spec.markers.map((m) => [m.uscc, m.name, m.latlng])).toEqual([
      [A.uscc, A.name, [22.78, 115.37]],
      [B.uscc, B.name, [21.27, 110.36]],
      [C.uscc, C.name, [23.13, 113.26]],
    ])
    expect(spec.unplaced).toEqual([{ uscc: X.uscc, name: X.name }])
  })

  it('numbers every move in time order; a move to a place without coordinates is numbered but not drawn', () => {
    expect(spec.moves.map((m) => [m.event, m.n, m.drawn])).toEqual([
      [300, 1, true], [698, 2, true], [700, 3, false], [1027, 4, true], [1100, 5, true],
    ])
  })

  it('draws one line per seller → buyer pair, carrying the numbers of its moves, from seller to buyer', () => {
    expect(spec.lines.map((l) => [l.from, l.to, l.label])).toEqual([
      [A.uscc, B.uscc, '1,4'],
      [A.uscc, C.uscc, '2'],
      [B.uscc, A.uscc, '5'],
    ])
    const ab = spec.lines[0]
    expect(ab.latlngs).toEqual([[22.78, 115.37], [21.27, 110.36]])
    // The direction marker lies past the middle towards the buyer and points west-south-west.
    expect(ab.arrow.latlng[0]).toBeCloseTo(22.78 + (21.27 - 22.78) * ARROW_AT, 9)
    expect(ab.arrow.latlng[1]).toBeCloseTo(115.37 + (110.36 - 115.37) * ARROW_AT, 9)
    expect(ab.arrow.angle).toBeGreaterThan(90)
    expect(ab.arrow.angle).toBeLessThan(180)
    // B → A points the other way, and its marker is elsewhere on the same line.
    const ba = spec.lines[2]
    expect(ba.arrow.angle).toBeCloseTo(ab.arrow.angle - 180, 6)
    expect(ba.arrow.latlng).not.toEqual(ab.arrow.latlng)
  })

  it('bounds the markers only', () => {
    expect(spec.bounds).toEqual([[21.27, 110.36], [23.13, 115.37]])
  })

  it('draws no line for a move within one enterprise or between unknown ones, and has no bounds without places', () => {
    const s = lineageMapSpec([X], [{ from: X.uscc, to: X.uscc, at: '2026-09-01T00:00:00Z', event: 1 }, { from: 'nobody', to: X.uscc, at: '2026-09-02T00:00:00Z', event: 2 }])
    expect(s.markers).toEqual([])
    expect(s.lines).toEqual([])
    expect(s.bounds).toBeNull()
    expect(s.moves.map((m) => [m.n, m.drawn])).toEqual([[1, false], [2, false]])
    expect(lineageMapSpec(undefined, undefined)).toEqual({ markers: [], lines: [], moves: [], unplaced: [], bounds: null })
  })

  it('names a place without a name by its USCC', () => {
    expect(lineageMapSpec([{ uscc: 'U1', name: '', lon: null, lat: null }], []).unplaced).toEqual([{ uscc: 'U1', name: 'U1' }])
  })
})
