import { describe, expect, it } from 'vitest'
import { distanceM, labelPoint, parseLonLat, ringCentroid } from '../src/map/geometry.js'
import { projectColumns, toUnit, worldSize } from '../src/map/projection.js'
import { orderByClass } from '../src/map/classOrder.js'
import { gradeClass, riskClass, styleFor, targetClasses } from '../src/map/styles.js'
import { decodePoints } from '../src/api/points.js'
import { divisionPrefix, divisionsOf, isWithin } from '../src/api/divisions.js'
import { facetsOf } from '../src/api/facets.js'
import { createMapState, pointsQuery } from '../src/views/map/mapState.js'

describe('projection (Web Mercator in unit coordinates)', () => {
  it('maps the origin to the centre and the edges to 0 and 1', () => {
    expect(toUnit(0, 0)).toEqual([0.5, 0.5])
    expect(toUnit(-180, 0)[0]).toBe(0)
    expect(toUnit(180, 0)[0]).toBe(1)
    expect(toUnit(0, 85.0511287798)[1]).toBeCloseTo(0, 9)
    expect(toUnit(0, 89.9)[1]).toBeCloseTo(0, 9) // clamped like Leaflet
  })
  // Leaflet 1.9.4: map.project(L.latLng(22.53, 113.93), 7) = Point(23270.126…, 14271.379…),
  // computed independently with the EPSG:3857 formulas (R = 6378137, scale 256·2^z / (2πR)).
  it('matches Leaflet’s world pixels at zoom 7', () => {
    const [u, v] = toUnit(113.93, 22.53)
    const lonRad = (113.93 * Math.PI) / 180
    const latRad = (22.53 * Math.PI) / 180
    const R = 6378137
    const scale = worldSize(7) / (2 * Math.PI * R)
    const x = scale * (R * lonRad) + worldSize(7) / 2
    const y = worldSize(7) / 2 - scale * (R * Math.log(Math.tan(Math.PI / 4 + latRad / 2)))
    expect(u * worldSize(7)).toBeCloseTo(x, 6)
    expect(v * worldSize(7)).toBeCloseTo(y, 6)
  })
  it('projects columns like single points', () => {
    const { u, v } = projectColumns(new Float64Array([113.93, 110]), new Float64Array([22.53, 21]))
    expect([u[1], v[1]]).toEqual(toUnit(110, 21))
  })
})

describe('geometry', () => {
  it('finds a square’s centroid and area', () => {
    const c = ringCentroid([[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]])
    expect(c.area).toBe(4)
    expect(c.point).toEqual([1, 1])
  })
  it('labels a multipolygon at its largest part', () => {
    const small = [[[10, 10], [11, 10], [11, 11], [10, 11], [10, 10]]]
    const big = [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]]
    expect(labelPoint({ type: 'MultiPolygon', coordinates: [small, big] })).toEqual([2, 2])
    expect(labelPoint({ type: 'Polygon', coordinates: small })).toEqual([10.5, 10.5])
    expect(labelPoint({ type: 'Point', coordinates: [1, 2] })).toBeNull()
    expect(labelPoint(null)).toBeNull()
  })
  // One degree of latitude on the IUGG mean sphere: 2πR/360 = 111,195.08 m.
  it('measures distances on the sphere', () => {
    expect(distanceM([113, 22], [113, 23])).toBeCloseTo(111195.08, 1)
    expect(distanceM([113.93, 22.53], [113.93, 22.53])).toBe(0)
  })
  it('parses lon/lat fields', () => {
    expect(parseLonLat('113.93', '22.53')).toEqual([113.93, 22.53])
    expect(parseLonLat('', '22')).toBeNull()
    expect(parseLonLat('200', '22')).toBeNull()
    expect(parseLonLat('abc', '22')).toBeNull()
  })
})

describe('point classes', () => {
  it('orders indices by class with counting sort', () => {
    const { order, starts } = orderByClass(new Uint8Array([2, 0, 1, 2, 0]), 3)
    expect(Array.from(starts)).toEqual([0, 2, 3, 5])
    expect(Array.from(order)).toEqual([1, 4, 2, 0, 3])
  })
  it('draws grade 1 last (on top) and non-MHI first', () => {
    expect([null, 4, 3, 2, 1, '1', 0, 7].map(gradeClass)).toEqual([0, 1, 2, 3, 4, 4, 0, 0])
  })
  it('styles each layer', () => {
    const units = decodePoints({ fields: ['id', 'lon', 'lat', 'grade'], points: [[1, 113, 23, 1], [2, 113, 23, null]] })
    const s = styleFor('units', units)
    expect(s.shape).toBe('circle')
    expect(Array.from(s.classes)).toEqual([4, 0])
    expect(s.colors).toHaveLength(5)
    expect(s.radius(7)).toBeLessThan(s.radius(14))
    expect(styleFor('enterprises', units).shape).toBe('square')
  })
  it('colours the risk layer by grade, 重大 (red) on top', () => {
    const risk = decodePoints({ layer: 'risk', fields: ['id', 'lon', 'lat', 'grade', 'name'], points: [[1, 113, 23, 'low', 'a'], [2, 113, 23, 'major', 'b'], [3, 113, 23, 'larger', 'c'], [4, 113, 23, 'odd', 'd']] })
    const s = styleFor('risk', risk)
    expect(Array.from(s.classes)).toEqual([1, 4, 3, 0])
    expect(s.colors.slice(1)).toEqual(['#1e6fd9', '#f2c200', '#ff7d00', '#d9001b'])
    expect([null, 'low', 'general', 'larger', 'major'].map(riskClass)).toEqual([0, 1, 2, 3, 4])
  })
  it('gives each protected-target class its own colour and legend entry', () => {
    const targets = decodePoints({ fields: ['id', 'lon', 'lat', 'grade'], points: [[1, 113, 23, 'school'], [2, 113, 23, 'hospital'], [3, 113, 23, 'school'], [4, 113, 23, null]] })
    const t = targetClasses(targets)
    expect(t.legend.map((x) => x.label)).toEqual(['', 'hospital', 'school'])
    expect(Array.from(t.classes)).toEqual([2, 1, 2, 0])
    expect(styleFor('targets', targets).shape).toBe('triangle')
  })
})

describe('divisions and facets', () => {
  it('turns division codes into filter prefixes', () => {
    expect(divisionPrefix('440000')).toBe('44')
    expect(divisionPrefix('440300')).toBe('4403')
    expect(divisionPrefix('440305')).toBe('440305')
    expect(divisionPrefix('4403')).toBe('4403')
    expect(divisionPrefix(441900)).toBe('4419')
    expect(isWithin('440305', '440300')).toBe(true)
    expect(isWithin('440305', '4403')).toBe(true)
    expect(isWithin('440105', '4403')).toBe(false)
    expect(isWithin('440300', '4403')).toBe(false)
  })
  it('lists the divisions of a boundary collection', () => {
    const fc = { type: 'FeatureCollection', features: [
      { properties: { code: '440300', name: '深圳市' } },
      { properties: { code: '440100', name: '广州市' } },
      { properties: { name: 'no code' } },
    ] }
    expect(divisionsOf(fc)).toEqual([{ code: '440100', name: '广州市' }, { code: '440300', name: '深圳市' }])
    expect(divisionsOf(null)).toEqual([])
  })
  it('takes the sectors and activities from the dashboard', () => {
    const f = facetsOf({ enterprises: { by_sector: [{ key: 'chemical', label: '化工', count: 9 }], by_activity: [{ key: 'storage', count: 1 }] } })
    expect(f.sectors).toEqual([{ key: 'chemical', label: '化工', count: 9 }])
    expect(f.activities).toEqual([{ key: 'storage', label: 'storage', count: 1 }])
    expect(facetsOf({})).toEqual({ sectors: [], activities: [] })
  })
})

describe('map points query', () => {
  it('sends division, sector and grade to units and enterprises, and the circle to all', () => {
    const s = createMapState()
    Object.assign(s.filters, { division: '4403', sector: 'chemical', grade: '2' })
    s.appliedNear = { lon: 113.9, lat: 22.5, radius: 1500.4 }
    expect(pointsQuery('units', s)).toEqual({ division: '4403', sector: 'chemical', grade: '2', near: '113.900000,22.500000', radius_m: 1500 })
    expect(pointsQuery('targets', s)).toEqual({ division: '4403', near: '113.900000,22.500000', radius_m: 1500 })
  })
  it('asks the risk layer whole (the server bounds it by scope only)', () => {
    const s = createMapState()
    Object.assign(s.filters, { division: '4403', grade: '2' })
    expect(pointsQuery('risk', s)).toEqual({})
    expect(s.layers.risk).toBe(false)
  })
  it('leaves out what is not set', () => {
    const q = pointsQuery('enterprises', createMapState())
    expect(Object.values(q).filter((v) => v !== undefined)).toEqual([])
  })
})
