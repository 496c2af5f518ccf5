import { describe, expect, it } from 'vitest'
import {
  GRADE_COLORS, alphaRowFor, basisTable, gradeColor, gradeForR, holdingNames, isGrade, ratioOf, substanceOf, sumsOf,
} from '../src/hazard.js'
import { betaExpression, sumExpression } from '../src/views/hazards/explain.js'

describe('grades', () => {
  it('colours grades red, orange, yellow, blue and the rest grey', () => {
    expect([1, 2, 3, 4].map(gradeColor)).toEqual([GRADE_COLORS[1], GRADE_COLORS[2], GRADE_COLORS[3], GRADE_COLORS[4]])
    expect(new Set([1, 2, 3, 4, null].map(gradeColor)).size).toBe(5)
  })
  it('knows what a grade is', () => {
    expect([1, '2', 4].every(isGrade)).toBe(true)
    expect([0, 5, null, '', 'x'].some(isGrade)).toBe(false)
  })
  // GB 18218-2018 Table 6: R >= 100 grade 1; 50 <= R < 100 grade 2; 10 <= R < 50 grade 3; R < 10 grade 4.
  it('grades R by GB 18218-2018 Table 6, bounds included as the standard states', () => {
    expect(gradeForR(100)).toBe(1)
    expect(gradeForR(99.99)).toBe(2)
    expect(gradeForR(50)).toBe(2)
    expect(gradeForR(49.9)).toBe(3)
    expect(gradeForR(10)).toBe(3)
    expect(gradeForR(9.99)).toBe(4)
    expect(gradeForR(0.5)).toBe(4)
    expect(gradeForR(null)).toBeNull()
  })
  // GB 18218-2018 Table 5: >=100 -> 2.0; 50-99 -> 1.5; 30-49 -> 1.2; 1-29 -> 1.0; 0 -> 0.5.
  it('finds α by GB 18218-2018 Table 5', () => {
    expect(alphaRowFor(0).alpha).toBe(0.5)
    expect(alphaRowFor(1).alpha).toBe(1.0)
    expect(alphaRowFor(29).alpha).toBe(1.0)
    expect(alphaRowFor(30).alpha).toBe(1.2)
    expect(alphaRowFor(49).alpha).toBe(1.2)
    expect(alphaRowFor(50).alpha).toBe(1.5)
    expect(alphaRowFor(99).alpha).toBe(1.5)
    expect(alphaRowFor(100).alpha).toBe(2.0)
    expect(alphaRowFor(25000).alpha).toBe(2.0)
    expect(alphaRowFor(null)).toBeNull()
  })
})

describe('contributions', () => {
  const rows = [
    { seq: 1, name: '液氯', cas: '7782-50-5', q_t: 2.5, Q_t: 5, beta: 2, basis: 'table1' },
    { seq: 2, cas: '67-56-1', q_t: 300, Q_t: 500, beta: 1, basis: 'Table 2' },
    { seq: 3, name: '未知', q_t: 1, Q_t: 0, beta: 1 },
  ]
  it('computes q/Q, skipping a zero critical quantity', () => {
    expect(ratioOf(rows[0])).toBeCloseTo(0.5, 12)
    expect(ratioOf(rows[2])).toBeNull()
  })
  it('sums S = Σq/Q and Σβq/Q', () => {
    const s = sumsOf(rows)
    expect(s.sumRatio).toBeCloseTo(1.1, 12) // 0.5 + 0.6
    expect(s.sumBetaRatio).toBeCloseTo(1.6, 12) // 2 × 0.5 + 1 × 0.6
  })
  it('writes the worked sums', () => {
    expect(sumExpression(rows)).toBe('0.500 + 0.600')
    expect(betaExpression(rows)).toBe('2.00 × 0.500 + 1.00 × 0.600')
    const many = Array.from({ length: 9 }, () => ({ q_t: 1, Q_t: 10, beta: 1 }))
    expect(sumExpression(many)).toBe('0.100 + 0.100 + 0.100 + 0.100 + 0.100 + 0.100 + … (9)')
  })
  it('reads the basis table and names the substance', () => {
    expect(basisTable('table1')).toBe(1)
    expect(basisTable('Table 2')).toBe(2)
    expect(basisTable('表1')).toBe(1)
    expect(basisTable('GB 18218-2018 table_2')).toBe(2)
    expect(basisTable('t1')).toBe(1)
    expect(basisTable('table12')).toBeNull()
    expect(basisTable('other')).toBeNull()
    expect(basisTable(null)).toBeNull()
    expect(substanceOf(rows[0])).toBe('液氯')
    expect(substanceOf(rows[1])).toBe('67-56-1')
    expect(substanceOf(rows[1], holdingNames({ holdings: [{ chemical_key: '67-56-1', chemical_name: '甲醇' }] }))).toBe('甲醇')
    expect(holdingNames(null)).toEqual({})
  })
})
