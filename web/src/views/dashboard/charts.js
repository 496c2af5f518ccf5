// ECharts options of the dashboard, built from the GET /api/v1/dashboard answer. Pure functions:
// `label(grade)` gives the grade's display name in the current language.
import { GRADES, GRADE_COLORS } from '../../hazard.js'

const GRID = { left: 8, right: 16, top: 32, bottom: 8, containLabel: true }

// Bars of [{key, label, count}], largest first, e.g. enterprises by sector.
export function countBarOption(items, { name, color = '#3a7bd5' }) {
  const rows = [...(items ?? [])].sort((a, b) => (b.count ?? 0) - (a.count ?? 0))
  const many = rows.length > 6
  return {
    grid: GRID,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.label ?? r.key),
      axisLabel: { interval: 0, rotate: many ? 35 : 0, hideOverlap: false },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name,
        type: 'bar',
        data: rows.map((r) => r.count ?? 0),
        itemStyle: { color },
        barMaxWidth: 36,
        label: { show: !many, position: 'top' },
      },
    ],
  }
}

// One bar per grade (一级…四级) in its risk colour.
export function gradeBarOption(byGrade, { name, label }) {
  return {
    grid: GRID,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: GRADES.map((g) => label(g)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name,
        type: 'bar',
        barMaxWidth: 48,
        label: { show: true, position: 'top' },
        data: GRADES.map((g) => ({ value: Number(byGrade?.[g] ?? byGrade?.[String(g)] ?? 0), itemStyle: { color: GRADE_COLORS[g] } })),
      },
    ],
  }
}

// Major hazard installations by city, one stacked bar per city, one colour per grade; cities with
// the most installations first.
export function cityStackOption(byCity, { label }) {
  const rows = [...(byCity ?? [])].sort((a, b) => total(b) - total(a) || String(a.code).localeCompare(String(b.code)))
  return {
    grid: { ...GRID, top: 36 },
    legend: { top: 0, data: GRADES.map((g) => label(g)) },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: rows.map((r) => r.name ?? r.code), axisLabel: { interval: 0, rotate: rows.length > 8 ? 40 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: GRADES.map((g) => ({
      name: label(g),
      type: 'bar',
      stack: 'grade',
      barMaxWidth: 28,
      itemStyle: { color: GRADE_COLORS[g] },
      emphasis: { focus: 'series' },
      data: rows.map((r) => Number(r[`grade_${g}`] ?? 0)),
    })),
  }
}

function total(city) {
  if (Number.isFinite(Number(city.major_hazards))) return Number(city.major_hazards)
  return GRADES.reduce((s, g) => s + Number(city[`grade_${g}`] ?? 0), 0)
}
