import { describe, expect, it } from 'vitest'
import { decodePoints, pointAt } from '../src/api/points.js'

const answer = {
  layer: 'units',
  fields: ['id', 'lon', 'lat', 'grade', 'name'],
  points: [
    [12, 113.93, 22.53, 3, '液氯储罐区'],
    [13, 113.1, 23.2, null, '罐区二'],
  ],
}

describe('decodePoints', () => {
  it('decodes rows into columns', () => {
    const d = decodePoints(answer)
    expect(d.layer).toBe('units')
    expect(d.count).toBe(2)
    expect(d.ids).toEqual([12, 13])
    expect(Array.from(d.lon)).toEqual([113.93, 113.1])
    expect(Array.from(d.lat)).toEqual([22.53, 23.2])
    expect(d.grade).toEqual([3, null])
    expect(d.name).toEqual(['液氯储罐区', '罐区二'])
    expect(d.lon).toBeInstanceOf(Float64Array)
  })
  it('finds columns by name, whatever their order', () => {
    const d = decodePoints({ layer: 'targets', fields: ['name', 'grade', 'lat', 'lon', 'id', 'extra'], points: [['小学', 'high_sensitive', 22.5, 113.9, 7, 'x']] })
    expect(pointAt(d, 0)).toEqual({ id: 7, lon: 113.9, lat: 22.5, grade: 'high_sensitive', name: '小学' })
  })
  it('works without the optional grade and name columns', () => {
    const d = decodePoints({ fields: ['id', 'lon', 'lat'], points: [[1, 113, 23]] })
    expect(pointAt(d, 0)).toEqual({ id: 1, lon: 113, lat: 23, grade: null, name: '' })
  })
  it('skips rows without usable coordinates and counts them', () => {
    const d = decodePoints({ fields: ['id', 'lon', 'lat'], points: [[1, null, 23], [2, 113, 'x'], [3, 113.5, 23.5], 'junk', [4, 114, 22]] })
    expect(d.count).toBe(2)
    expect(d.skipped).toBe(3)
    expect(d.ids).toEqual([3, 4])
    expect(Array.from(d.lon)).toEqual([113.5, 114])
  })
  it('decodes an empty layer', () => {
    const d = decodePoints({ layer: 'units', fields: ['id', 'lon', 'lat', 'grade', 'name'], points: [] })
    expect(d.count).toBe(0)
    expect(d.lon.length).toBe(0)
  })
  it('refuses an answer that is not the compact format', () => {
    expect(() => decodePoints(null)).toThrow(TypeError)
    expect(() => decodePoints({ points: [] })).toThrow(TypeError)
    expect(() => decodePoints({ fields: ['id', 'lat'], points: [] })).toThrow(/lon/)
  })
  it('decodes 50,000 points quickly', () => {
    const points = Array.from({ length: 50000 }, (_, i) => [i, 110 + (i % 500) / 100, 21 + (i % 300) / 100, (i % 5) || null, `u${i}`])
    const t0 = performance.now()
    const d = decodePoints({ layer: 'units', fields: ['id', 'lon', 'lat', 'grade', 'name'], points })
    const ms = performance.now() - t0
    expect(d.count).toBe(50000)
    expect(ms).toBeLessThan(500)
  })
})
