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

// A rate 0..1 as a percentage with one decimal ("87.5%"), or "—" when there is none (no finding yet).
export function formatRate(rate) {
  return rate === null || rate === undefined || Number.isNaN(rate) ? '—' : `${(rate * 100).toFixed(1)}%`
}

// The dashboard's hidden-hazard figures (GET /api/v1/dashboard → hidden_hazards) as stat cards; none without them.
export function hiddenHazardCards(h, t) {
  if (!h) return []
  const to = (query = {}) => ({ name: 'inspect', query })
  return [
    { key: 'hh-total', label: t('dashboard.hiddenTotal'), value: h.total, to: to() },
    { key: 'hh-open', label: t('dashboard.hiddenOpen'), value: h.open, to: to() },
    { key: 'hh-major', label: t('dashboard.hiddenMajor'), value: h.major, color: '#d93025', ink: '#d93025', to: to({ grade: 'major' }) },
    { key: 'hh-overdue', label: t('dashboard.hiddenOverdue'), value: h.overdue, color: '#e8710a', ink: h.overdue > 0 ? '#d93025' : null, to: to({ tab: 'overdue' }) },
    { key: 'hh-rate', label: t('dashboard.rectificationRate'), text: formatRate(h.rectification_rate), color: '#2f9e8f', to: to({ tab: 'statistics' }) },
    { key: 'hh-ontime', label: t('dashboard.onTimeRate'), text: formatRate(h.on_time_rate), color: '#2f9e8f', to: to({ tab: 'statistics' }) },
  ]
}
