// The pure helpers of the risk point page (src/risk.js): the preview grading by LEC and by the L × S
// matrix from GET /risk/methods, built here from the shipped tables (data/risk/*.csv, the files the server
// reads), with every LEC band edge; the labels, overdue reviews and the body sent to the server.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import zhCN from '../src/i18n/zh-CN.js'
import en from '../src/i18n/en.js'
import {
  CONTROL_LEVELS, CONTROL_STATUSES, GRADE_COLOUR, MEASURE_CATEGORIES, MEASURE_CATEGORY_ZH, METHODS, RISK_GRADES,
  canWriteRisk, colourStyle, floorsOf, formFromPoint, formatScore, gradeCounts, gradeLec, gradeLs, gradeOf, groupMeasures,
  isOverdue, lecBandOf, pointBody, scoreLetter, todayChina, versionsOf,
} from '../src/risk.js'

const DATA = join(import.meta.dirname, '..', '..', 'data', 'risk')
function rows(name) {
  const lines = readFileSync(join(DATA, name), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'))
  const header = lines[0].split(',')
  return lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])))
}
// GET /risk/methods as src/chemsafe/api/platform.cc (RiskMethods) writes it from the shipped files.
function shippedMethods() {
  const scales = rows('lec_scales.csv')
  const scale = (f) => scales.filter((r) => r.factor === f).map((r) => ({ value: Number(r.value), meaning_zh: r.meaning_zh, meaning_en: r.meaning_en, verified: r.verified }))
  const bands = rows('lec_bands.csv').map((r) => ({
    d_above: Number(r.d_above), danger_zh: r.danger_zh, action_zh: r.action_zh, grade: r.grade, band_verified: r.band_verified, grade_verified: r.grade_verified,
  }))
  const cells = rows('ls_matrix.csv').map((r) => Object.keys(r).filter((k) => k !== 'l').map((k) => r[k]))
  const floors = rows('floor_rules.csv').map((r) => ({ id: r.id, minimum: r.minimum, basis_zh: r.basis_zh, verified: r.verified, source: r.source }))
  return { lec: { l: scale('L'), e: scale('E'), c: scale('C'), bands }, matrix: { levels_l: cells.length, levels_s: cells[0].length, cells }, floors }
}
const M = shippedMethods()

describe('the shipped tables as the tests read them', () => {
  it('have the LEC bands at D = 320, 160, 70, 20, 0 and a 5 × 5 matrix', () => {
    expect(M.lec.bands.map((b) => b.d_above)).toEqual([320, 160, 70, 20, 0])
    expect(M.lec.l.map((v) => v.value)).toEqual([10, 6, 3, 1, 0.5, 0.2, 0.1])
    expect(M.lec.e.map((v) => v.value)).toEqual([10, 6, 3, 2, 1, 0.5])
    expect(M.lec.c.map((v) => v.value)).toEqual([100, 40, 15, 7, 3, 1])
    expect([M.matrix.levels_l, M.matrix.levels_s]).toEqual([5, 5])
  })
})

describe('LEC band edges (data/risk/lec_bands.csv: a band holds D > d_above)', () => {
  // D on an edge belongs to the band below it, as GradeLec decides (src/chemsafe/risk/grading.cc).
  const cases = [
    [0.1, '稍有危险', 'low'],
    [20, '稍有危险', 'low'],
    [20.000001, '一般危险', 'low'],
    [70, '一般危险', 'low'],
    [70.000001, '显著危险', 'general'],
    [160, '显著危险', 'general'],
    [160.000001, '高度危险', 'larger'],
    [320, '高度危险', 'larger'],
    [320.000001, '极其危险', 'major'],
    [10000, '极其危险', 'major'],
  ]
  for (const [d, danger, grade] of cases) {
    it(`D = ${d} is ${danger} (${grade})`, () => {
      const band = lecBandOf(M.lec.bands, d)
      expect(band.danger_zh).toBe(danger)
      expect(band.grade).toBe(grade)
    })
  }
  it('no band holds D = 0', () => {
    expect(lecBandOf(M.lec.bands, 0)).toBeNull()
  })
  it('takes the bands in any order', () => {
    expect(lecBandOf([...M.lec.bands].reverse(), 71).danger_zh).toBe('显著危险')
  })
})

describe('gradeLec on the shipped scales', () => {
  // D = 160 and D = 320 are not products of scale values (160, 320 have no L·E·C on these scales); the
  // nearest products on either side are graded instead, and the edges themselves above through lecBandOf.
  const cases = [
    [[10, 2, 1], 20, '稍有危险', 'low'], // D = 20 exactly
    [[0.1, 2, 100], 20, '稍有危险', 'low'],
    [[6, 0.5, 7], 21, '一般危险', 'low'], // the first product above 20
    [[10, 1, 7], 70, '一般危险', 'low'], // D = 70 exactly
    [[1, 10, 7], 70, '一般危险', 'low'],
    [[10, 0.5, 15], 75, '显著危险', 'general'], // the first product above 70
    [[0.5, 3, 100], 150, '显著危险', 'general'], // the last product below 160
    [[10, 6, 3], 180, '高度危险', 'larger'], // the first product above 160
    [[0.5, 6, 100], 300, '高度危险', 'larger'], // the last product below 320
    [[3, 3, 40], 360, '极其危险', 'major'], // the first product above 320
    [[10, 10, 100], 10000, '极其危险', 'major'],
    [[0.1, 0.5, 1], 0.05, '稍有危险', 'low'],
  ]
  for (const [[l, e, c], d, danger, grade] of cases) {
    it(`L ${l} × E ${e} × C ${c} = ${d}: ${danger}, ${grade}`, () => {
      const r = gradeLec(M, l, e, c)
      expect(r.score).toBeCloseTo(d, 9) // exact products of the scale values, to 1e-9
      expect(r.band.danger_zh).toBe(danger)
      expect(r.grade).toBe(grade)
      expect(r.method).toBe('lec')
    })
  }
  it('answers null for a value off the scale or missing', () => {
    expect(gradeLec(M, 4, 2, 1)).toBeNull() // 4 is not an L
    expect(gradeLec(M, 10, 4, 1)).toBeNull() // E 4
    expect(gradeLec(M, 10, 2, 2)).toBeNull() // C 2
    expect(gradeLec(M, null, 2, 1)).toBeNull()
    expect(gradeLec(M, '', 2, 1)).toBeNull()
    expect(gradeLec(null, 10, 2, 1)).toBeNull()
  })
  it('every product on the shipped scales gets a band', () => {
    for (const l of M.lec.l) for (const e of M.lec.e) for (const c of M.lec.c) expect(gradeLec(M, l.value, e.value, c.value)).not.toBeNull()
  })
})

describe('gradeLs: the L × S matrix (data/risk/ls_matrix.csv)', () => {
  const expected = [
    ['low', 'low', 'low', 'low', 'low'],
    ['low', 'low', 'low', 'low', 'general'],
    ['low', 'low', 'general', 'general', 'larger'],
    ['low', 'low', 'general', 'larger', 'major'],
    ['low', 'general', 'larger', 'major', 'major'],
  ]
  it('grades every cell with R = L × S', () => {
    for (let l = 1; l <= 5; l++) {
      for (let s = 1; s <= 5; s++) {
        const r = gradeLs(M, l, s)
        expect(r, `L ${l} S ${s}`).toEqual({ method: 'ls', score: l * s, band: null, grade: expected[l - 1][s - 1] })
      }
    }
  })
  it('the common 5 × 5 rule: 1–8 低, 9–12 一般, 15–16 较大, 20–25 重大', () => {
    expect(gradeLs(M, 2, 4).grade).toBe('low') // R 8
    expect(gradeLs(M, 3, 3).grade).toBe('general') // R 9
    expect(gradeLs(M, 4, 3).grade).toBe('general') // R 12
    expect(gradeLs(M, 3, 5).grade).toBe('larger') // R 15
    expect(gradeLs(M, 4, 4).grade).toBe('larger') // R 16
    expect(gradeLs(M, 4, 5).grade).toBe('major') // R 20
    expect(gradeLs(M, 5, 5).grade).toBe('major') // R 25
  })
  it('rows are L and columns S (the matrix is not symmetric in general)', () => {
    const m = { matrix: { levels_l: 2, levels_s: 3, cells: [['low', 'general', 'larger'], ['general', 'larger', 'major']] } }
    expect(gradeLs(m, 1, 3).grade).toBe('larger')
    expect(gradeLs(m, 2, 1).grade).toBe('general')
    expect(gradeLs(m, 3, 1)).toBeNull()
  })
  it('answers null off the matrix or for a part level', () => {
    expect(gradeLs(M, 0, 3)).toBeNull()
    expect(gradeLs(M, 6, 3)).toBeNull()
    expect(gradeLs(M, 3, 6)).toBeNull()
    expect(gradeLs(M, 2.5, 3)).toBeNull()
    expect(gradeLs(M, null, 3)).toBeNull()
  })
})

describe('gradeOf', () => {
  it('dispatches on the method', () => {
    expect(gradeOf(M, { method: 'lec', l: 3, e: 3, c: 40 }).grade).toBe('major')
    expect(gradeOf(M, { method: 'ls', l: 5, s: 2 }).grade).toBe('general')
    expect(gradeOf(M, { method: 'other' })).toBeNull()
    expect(gradeOf(M, null)).toBeNull()
  })
})

describe('labels and colours', () => {
  it('maps the grades to the four colours of issue 7', () => {
    expect(GRADE_COLOUR).toEqual({ major: 'red', larger: 'orange', general: 'yellow', low: 'blue' })
    expect(colourStyle('red').backgroundColor).toBe('#d9001b')
    expect(colourStyle('yellow').color).toBe('#3d3000')
    expect(colourStyle('blue').color).toBe('#ffffff')
    expect(colourStyle('purple').backgroundColor).toBe('#8c8c8c')
  })
  it('names the measure categories in Chinese', () => {
    expect(MEASURE_CATEGORIES.map((c) => MEASURE_CATEGORY_ZH[c])).toEqual(['工程技术', '管理', '培训教育', '个体防护', '应急处置'])
  })
  it('has every label in both languages', () => {
    const keys = [
      ...RISK_GRADES.map((g) => ['grades', g]), ...MEASURE_CATEGORIES.map((c) => ['measure', c]),
      ...CONTROL_LEVELS.map((l) => ['level', l]), ...CONTROL_STATUSES.map((s) => ['status', s]), ...METHODS.map((m) => ['methods', m]),
    ]
    for (const [family, code] of keys) {
      expect(zhCN.risk[family][code], `zh ${family}.${code}`).toBeTruthy()
      expect(en.risk[family][code], `en ${family}.${code}`).toBeTruthy()
    }
    expect(zhCN.risk.grades).toEqual({ low: '低风险', general: '一般风险', larger: '较大风险', major: '重大风险' })
    expect(zhCN.risk.conflict).toBe('已被他人修改，请重新加载')
    expect(zhCN.nav.risk).toBe('风险分级管控')
  })
  it('writes scores with their letter', () => {
    expect(scoreLetter('lec')).toBe('D')
    expect(scoreLetter('ls')).toBe('R')
    expect(formatScore(126)).toBe('126')
    expect(formatScore(0.05)).toBe('0.05')
    expect(formatScore(18.000000000000004)).toBe('18')
    expect(formatScore(null)).toBe('—')
  })
})

describe('isOverdue', () => {
  it('is overdue when due before today, not on the day itself', () => {
    expect(isOverdue('2026-11-28', '2026-11-29')).toBe(true)
    expect(isOverdue('2026-11-29', '2026-11-29')).toBe(false)
    expect(isOverdue('2026-11-30', '2026-11-29')).toBe(false)
    expect(isOverdue('2025-12-31', '2026-01-01')).toBe(true)
  })
  it('is never overdue without a date', () => {
    expect(isOverdue('', '2026-11-29')).toBe(false)
    expect(isOverdue(null, '2026-11-29')).toBe(false)
    expect(isOverdue('soon', '2026-11-29')).toBe(false)
  })
  it('takes today in China', () => {
    expect(todayChina(new Date('2026-11-28T16:30:00Z'))).toBe('2026-11-29') // 00:30 in Shanghai
    expect(todayChina(new Date('2026-11-28T15:30:00Z'))).toBe('2026-11-28')
  })
})

describe('lists', () => {
  it('counts the points by grade', () => {
    expect(gradeCounts([{ grade: 'major' }, { grade: 'low' }, { grade: 'low' }, { grade: '?' }])).toEqual({ low: 2, general: 0, larger: 0, major: 1 })
    expect(gradeCounts(undefined)).toEqual({ low: 0, general: 0, larger: 0, major: 0 })
  })
  it('groups measures by category in the order of issue 7', () => {
    const g = groupMeasures([
      { category: 'ppe', text: '防毒面具' }, { category: 'engineering', text: '可燃气体报警' },
      { category: 'ppe', text: '防护手套' }, { category: 'odd', text: 'x' }, { category: 'management', text: '巡检' },
    ])
    expect(g).toEqual([
      { category: 'engineering', texts: ['可燃气体报警'] }, { category: 'management', texts: ['巡检'] },
      { category: 'ppe', texts: ['防毒面具', '防护手套'] }, { category: 'odd', texts: ['x'] },
    ])
  })
  it('finds the floor rules a point names, keeping unknown ones', () => {
    const f = floorsOf({ floors: ['mhi_grade_1_2', 'gone'] }, M)
    expect(f[0]).toMatchObject({ id: 'mhi_grade_1_2', minimum: 'larger', verified: 'U' })
    expect(f[0].basis_zh).toContain('重大危险源')
    expect(f[1]).toMatchObject({ id: 'gone', basis_zh: '' })
    expect(floorsOf({}, M)).toEqual([])
  })
  it('lists the versions 1 … current', () => {
    expect(versionsOf({ version: 3 })).toEqual([1, 2, 3])
    expect(versionsOf({})).toEqual([])
  })
})

describe('who may write', () => {
  const A = '91441521YY0000276A'
  it('offers adding to the province office and enterprise users, editing to the own enterprise', () => {
    expect(canWriteRisk({ role: 'province' })).toBe(true)
    expect(canWriteRisk({ role: 'province' }, A)).toBe(true)
    expect(canWriteRisk({ role: 'enterprise', enterprise_uscc: A })).toBe(true)
    expect(canWriteRisk({ role: 'enterprise', enterprise_uscc: A }, A)).toBe(true)
    expect(canWriteRisk({ role: 'enterprise', enterprise_uscc: A }, '91440803YY00002064')).toBe(false)
    expect(canWriteRisk({ role: 'enterprise' })).toBe(false)
    for (const role of ['department', 'city', 'county', 'grid', 'auditor', 'admin']) expect(canWriteRisk({ role }), role).toBe(false)
    expect(canWriteRisk(null)).toBe(false)
  })
})

describe('the form and the body sent', () => {
  const point = {
    id: 7, version: 2, enterprise_uscc: '91441521YY0000276A', unit_code: 'U1', area: '罐区', name: '液氯储罐', post: '储运岗',
    hazards: ['泄漏中毒'], chemicals: ['7782-50-5'], assessment: { method: 'lec', l: 3, e: 6, c: 15 },
    measures: [{ category: 'engineering', category_zh: '工程技术', text: '有毒气体报警' }], control_level: 'company',
    responsible_department: '安全部', responsible_person: '张三', control_status: 'deficient', review_due: '2026-12-01',
    location: { lon: 115.37, lat: 22.78 }, score: 270, grade: 'larger',
  }
  it('round-trips a point through the form', () => {
    const body = pointBody(formFromPoint(point))
    expect(body).toEqual({
      enterprise_uscc: '91441521YY0000276A', unit_code: 'U1', area: '罐区', name: '液氯储罐', post: '储运岗', hazards: ['泄漏中毒'],
      chemicals: ['7782-50-5'], assessment: { method: 'lec', l: 3, e: 6, c: 15 }, measures: [{ category: 'engineering', text: '有毒气体报警' }],
      control_level: 'company', responsible_department: '安全部', responsible_person: '张三', control_status: 'deficient',
      review_due: '2026-12-01', location: { lon: 115.37, lat: 22.78 }, version: 2,
    })
  })
  it('sends a new point without id or version, for the enterprise user', () => {
    const form = formFromPoint(null, { role: 'enterprise', enterprise_uscc: 'X' })
    Object.assign(form, { method: 'ls', ls_l: 4, ls_s: 5, hazards: ['  ', '火灾 '], measures: [{ category: 'ppe', text: '' }] })
    const body = pointBody(form)
    expect(body.enterprise_uscc).toBe('X')
    expect(body.assessment).toEqual({ method: 'ls', l: 4, s: 5 })
    expect(body.hazards).toEqual(['火灾'])
    expect(body.measures).toEqual([])
    expect('version' in body).toBe(false)
    expect('location' in body).toBe(false)
    expect(body.control_level).toBe('post')
    expect(body.control_status).toBe('controlled')
  })
  it('reads an L × S point into the matrix fields', () => {
    const f = formFromPoint({ ...point, assessment: { method: 'ls', l: 2, s: 5 } })
    expect([f.method, f.ls_l, f.ls_s, f.l]).toEqual(['ls', 2, 5, null])
  })
})
