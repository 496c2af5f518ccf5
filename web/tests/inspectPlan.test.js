// @vitest-environment happy-dom
// The inspection plan tab of /inspect (检查计划; issue 7 "Differentiated supervision") with the API stubbed:
// asked for this quarter only when the tab opens, grouped by officer with the counts, per enterprise its
// risk grade tag, interval, last inspection, next due and status (逾期 in red); another period asked.
import { describe, expect, it, vi } from 'vitest'
import { setFetch } from '../src/api/client.js'
import { useSessionStore } from '../src/stores/session.js'
import InspectView from '../src/views/inspect/InspectView.vue'
import { mountPage, pageTestSetup, settle } from './mountApp.js'

vi.setConfig({ testTimeout: 30_000 })

pageTestSetup('2026-11-29T02:00:00Z') // 10:00 in Shanghai

const enterprise = (uscc, over) => ({
  enterprise_id: uscc, name: '示例化工有限公司（演示）', uscc, division_code: '441521', grade: 'major', grade_zh: '重大风险', grade_assumed: false, interval_months: 3,
  rule_division_code: '', rule_verified: true, last_inspection: '2026-07-02', next_due: '2026-10-02', status: 'overdue', status_zh: '逾期未检查', items: [], ...over,
})
const PLAN = {
  from: '2026-10-01', to: '2026-12-31', as_of: '2026-11-29',
  officers: [
    { user_id: 1, username: 'officer-a', name: '李四', overdue: 1, due: 1, done: 0, enterprises: [
      enterprise('91441521YY0000276A'),
      enterprise('91441521YY0000277B', { name: '乙化工（演示）', grade: 'general', grade_zh: '一般风险', grade_assumed: true, interval_months: 12, last_inspection: null, next_due: '2026-12-15', status: 'due', status_zh: '本期待检查' }),
    ] },
    { user_id: 2, username: 'officer-b', name: '王五', overdue: 0, due: 0, done: 1, enterprises: [
      enterprise('91441521YY0000278C', { name: '丙化工（演示）', grade: 'larger', grade_zh: '较大风险', interval_months: 6, last_inspection: '2026-11-03', next_due: '2027-05-03', status: 'done', status_zh: '已检查' }),
    ] },
    { user_id: 0, username: '', name: '', overdue: 1, due: 0, done: 0, enterprises: [enterprise('91441521YY0000279D', { name: '丁化工（演示）' })] },
  ],
}
const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
function stub() {
  const calls = []
  setFetch(async (url) => {
    const u = new URL(url, 'http://app')
    const path = u.pathname.replace(/^\/api\/v1/, '')
    calls.push({ u, path })
    if (path === '/inspect/plan') return json(200, { ...PLAN, from: u.searchParams.get('from'), to: u.searchParams.get('to') })
    if (path === '/findings') return json(200, { page: 1, page_size: 20, more: false, items: [] })
    if (path === '/inspect/checklist') return json(200, { code: 'major_hidden_hazard_criteria', name: '', items: [] })
    return json(404, { error: { code: 'not_found', message: `no stub for ${path}`, request_id: 't' } })
  })
  return calls
}
const plans = (calls) => calls.filter((c) => c.path === '/inspect/plan').map((c) => Object.fromEntries(c.u.searchParams))

describe('检查计划', () => {
  it('groups by officer with counts; grade, interval, dates and status per enterprise', async () => {
    useSessionStore().user = { id: 1, username: 'u', name: '测试员', role: 'city', division_code: '4415' }
    const calls = stub()
    const { wrapper } = await mountPage(InspectView, { name: 'inspect', path: '/inspect' })
    expect(plans(calls)).toEqual([])
    await wrapper.find('#tab-plan').trigger('click')
    await settle()
    expect(plans(calls)).toEqual([{ from: '2026-10-01', to: '2026-12-31' }])
    const officers = wrapper.findAll('.inspect-plan-officer')
    expect(officers.map((o) => o.attributes('data-officer'))).toEqual(['officer-a', 'officer-b', ''])
    expect(officers[2].find('.inspect-plan-officer-name').text()).toBe('未分配检查人员')
    expect(officers[0].find('.inspect-plan-officer-name').text()).toBe('李四')
    expect(officers[0].findAll('.inspect-plan-counts .el-tag').map((x) => x.text())).toEqual(['逾期 1', '待检查 1', '已检查 0'])
    const rowsA = officers[0].findAll('.el-table__body tr.el-table__row')
    expect(rowsA).toHaveLength(2)
    expect(rowsA.map((r) => r.find('.risk-grade-tag').text())).toEqual(['重大风险', '一般风险'])
    expect(rowsA[0].find('.risk-grade-tag').attributes('data-colour')).toBe('red')
    expect(rowsA[1].find('.inspect-plan-assumed').exists()).toBe(true)
    for (const t of ['3 个月', '2026-07-02', '2026-10-02']) expect(rowsA[0].text()).toContain(t)
    expect(rowsA[1].text()).toContain('12 个月')
    expect(rowsA.map((r) => r.find('.inspect-plan-status').text())).toEqual(['逾期', '本期待检查'])
    expect(rowsA[0].find('.inspect-plan-status').classes()).toContain('inspect-plan-overdue')
    expect(rowsA[0].find('.inspect-plan-status').classes()).toContain('el-tag--danger')
    expect(rowsA[1].find('.inspect-plan-status').classes()).not.toContain('inspect-plan-overdue')
    const rowB = officers[1].find('.el-table__body tr.el-table__row')
    expect(rowB.find('.inspect-plan-status').text()).toBe('已检查')
    await wrapper.find('.inspect-plan-from input').setValue('2026-07-01')
    await settle()
    expect(plans(calls).at(-1)).toEqual({ from: '2026-07-01', to: '2026-12-31' })
  })
})
