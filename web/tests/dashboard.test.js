import { describe, expect, it } from 'vitest'
import { cityStackOption, countBarOption, formatRate, gradeBarOption, hiddenHazardCards } from '../src/views/dashboard/charts.js'
import { GRADE_COLORS } from '../src/hazard.js'

const label = (g) => `G${g}`

describe('dashboard charts', () => {
  it('sorts count bars largest first', () => {
    const o = countBarOption([{ key: 'a', label: '甲', count: 1 }, { key: 'b', label: '乙', count: 5 }], { name: 'n' })
    expect(o.xAxis.data).toEqual(['乙', '甲'])
    expect(o.series[0].data).toEqual([5, 1])
  })
  it('colours the grade bars by grade, reading string keys', () => {
    const o = gradeBarOption({ 1: 1, 2: 6, 3: 26, 4: 199 }, { name: 'MHI', label })
    expect(o.xAxis.data).toEqual(['G1', 'G2', 'G3', 'G4'])
    expect(o.series[0].data.map((d) => d.value)).toEqual([1, 6, 26, 199])
    expect(o.series[0].data.map((d) => d.itemStyle.color)).toEqual([1, 2, 3, 4].map((g) => GRADE_COLORS[g]))
    const fromStrings = gradeBarOption({ '1': 2 }, { name: 'MHI', label })
    expect(fromStrings.series[0].data.map((d) => d.value)).toEqual([2, 0, 0, 0])
  })
  it('stacks the cities by grade, most installations first', () => {
    const o = cityStackOption(
      [
        { code: '4401', name: '广州市', grade_1: 0, grade_2: 0, grade_3: 1, grade_4: 22, major_hazards: 23 },
        { code: '4403', name: '深圳市', grade_1: 1, grade_2: 2, grade_3: 3, grade_4: 30, major_hazards: 36 },
      ],
      { label },
    )
    expect(o.xAxis.data).toEqual(['深圳市', '广州市'])
    expect(o.series.map((s) => s.stack)).toEqual(['grade', 'grade', 'grade', 'grade'])
    expect(o.series[0].data).toEqual([1, 0])
    expect(o.series[3].data).toEqual([30, 22])
    expect(o.series[0].itemStyle.color).toBe(GRADE_COLORS[1])
  })
  it('shows the hidden-hazard loop with its rates, each card leading to the inspect page', () => {
    const t = (k) => k
    const cards = hiddenHazardCards({ total: 8, open: 3, major: 1, overdue: 2, rectification_rate: 0.625, on_time_rate: 0.8 }, t)
    expect(cards.map((c) => c.text ?? c.value)).toEqual([8, 3, 1, 2, '62.5%', '80.0%'])
    expect(cards.every((c) => c.to.name === 'inspect')).toBe(true)
    expect(cards.find((c) => c.key === 'hh-overdue').to.query).toEqual({ tab: 'overdue' })
    expect(cards.find((c) => c.key === 'hh-overdue').ink).toBe('#d93025')
    expect(hiddenHazardCards({ total: 0, open: 0, major: 0, overdue: 0, rectification_rate: null, on_time_rate: null }, t)[4].text).toBe('—')
    expect(hiddenHazardCards(undefined, t)).toEqual([])
    expect(formatRate(1)).toBe('100.0%')
  })
})
