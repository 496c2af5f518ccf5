// The pure helpers of the hidden-hazard page (src/inspect.js): the steps each state of the closed loop
// offers (src/chemsafe/inspect/finding.h), the loop as a timeline, days overdue and the server's overdue
// assessment as text, rates, the request bodies, and the labels of every code in both languages.
import { describe, expect, it } from 'vitest'
import zhCN from '../src/i18n/zh-CN.js'
import en from '../src/i18n/en.js'
import { testI18n } from './mountApp.js'
import {
  ACTIONS, FINDING_STATES, HAZARD_GRADES, INSPECTION_KINDS, STATISTICS_BY, SUPERVISION_LEVELS, actionsFor, daysBetween,
  daysPastDeadline, emptyInspection, emptyReport, inspectionBody, overdueText, passedAcceptance, planBody, planForm, rateText,
  reportBody, stateTagType, timelineOf,
} from '../src/inspect.js'

const A = '91441521YY0000276A'
const report = { id: '7', enterprise_uscc: A, description: '液氯储罐区可燃气体报警器失效', found_date: '2026-11-01', found_by: 'officer', photo_ids: [], grade: 'general' }
const plan = { measures: ['更换报警器', '校验联锁'], funds_yuan: 12000, responsible_person: '张三', deadline: '2026-11-20', submitted_on: '2026-11-03', submitted_by: 'ent' }
const rect = (date, note) => ({ date, by: 'ent', note })

describe('the steps a state offers', () => {
  it('reported: photo and plan; planned: also progress and 整改完成', () => {
    expect(actionsFor({ state: 'reported' })).toEqual(['photo', 'plan'])
    expect(actionsFor({ state: 'planned', plan })).toEqual(['photo', 'plan', 'progress', 'rectified'])
  })
  it('rectified: 验收 until a passed acceptance, then 销号', () => {
    const f = { state: 'rectified', rectification: rect('2026-11-10', '已更换'), acceptances: [] }
    expect(actionsFor(f)).toEqual(['photo', 'accept'])
    expect(passedAcceptance(f)).toBeNull()
    const passed = { ...f, acceptances: [{ date: '2026-11-12', by: 'officer', outcome: 'passed', note: '', of: f.rectification }] }
    expect(actionsFor(passed)).toEqual(['photo', 'close'])
    expect(passedAcceptance(passed).by).toBe('officer')
  })
  it('a failed acceptance sends the finding back to planned: the plan may be revised', () => {
    const f = { state: 'planned', plan, acceptances: [{ date: '2026-11-12', by: 'officer', outcome: 'failed', note: '报警值未校准', of: rect('2026-11-10', '') }] }
    expect(actionsFor(f)).toEqual(['photo', 'plan', 'progress', 'rectified'])
  })
  it('closed, unknown or no finding: nothing', () => {
    expect(actionsFor({ state: 'closed' })).toEqual([])
    expect(actionsFor({ state: 'whatever' })).toEqual([])
    expect(actionsFor(null)).toEqual([])
  })
  it('every step is one the page knows', () => {
    for (const s of FINDING_STATES) for (const a of actionsFor({ state: s, acceptances: [] })) expect(ACTIONS).toContain(a)
  })
  it('tags: 待整改 red, 整改中 orange, 待验收 blue, 已销号 green', () => {
    expect(FINDING_STATES.map(stateTagType)).toEqual(['danger', 'warning', 'primary', 'success'])
  })
})

describe('the loop as a timeline', () => {
  it('a closed finding: reported, plan, progress, rectified, acceptance, closure', () => {
    const x = rect('2026-11-10', '已更换')
    const f = {
      state: 'closed', report, plan, progress: [{ date: '2026-11-05', by: 'ent', text: '已采购' }], rectification: x,
      acceptances: [{ date: '2026-11-12', by: 'officer', outcome: 'passed', note: '符合要求', of: x }], closure: { date: '2026-11-13', by: 'officer' },
    }
    const t = timelineOf(f)
    expect(t.map((e) => e.kind)).toEqual(['reported', 'plan', 'progress', 'rectified', 'acceptance', 'closure'])
    expect(t.map((e) => e.date)).toEqual(['2026-11-01', '2026-11-03', '2026-11-05', '2026-11-10', '2026-11-12', '2026-11-13'])
    expect(t[0].text).toBe(report.description)
    expect(t[1].plan.measures).toEqual(['更换报警器', '校验联锁'])
    expect(t[4]).toMatchObject({ outcome: 'passed', by: 'officer', text: '符合要求' })
  })
  it('a refused rectification stays in the loop through its acceptance; the new one follows, once', () => {
    const first = rect('2026-11-08', '第一次')
    const second = rect('2026-11-15', '第二次')
    const f = {
      state: 'rectified', report, plan: { ...plan, submitted_on: '2026-11-09' }, progress: [], rectification: second,
      acceptances: [{ date: '2026-11-09', by: 'officer', outcome: 'failed', note: '不合格', of: first }], closure: null,
    }
    const t = timelineOf(f)
    // The plan revised on the day of the failed acceptance comes after it (same day: loop order kept).
    expect(t.map((e) => `${e.kind}:${e.date}`)).toEqual(['reported:2026-11-01', 'rectified:2026-11-08', 'acceptance:2026-11-09', 'plan:2026-11-09', 'rectified:2026-11-15'])
    expect(t.filter((e) => e.kind === 'rectified').map((e) => e.text)).toEqual(['第一次', '第二次'])
    const accepted = { ...f, acceptances: [...f.acceptances, { date: '2026-11-16', by: 'officer', outcome: 'passed', note: '', of: second }] }
    expect(timelineOf(accepted).filter((e) => e.kind === 'rectified')).toHaveLength(2)
  })
  it('a new finding: only its report', () => {
    expect(timelineOf({ state: 'reported', report, plan: null, progress: [], rectification: null, acceptances: [], closure: null }).map((e) => e.kind)).toEqual(['reported'])
    expect(timelineOf(null)).toEqual([])
  })
})

describe('overdue', () => {
  it('counts calendar days, across months and leap days', () => {
    expect(daysBetween('2026-11-20', '2026-11-29')).toBe(9)
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2)
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1)
    expect(daysBetween('', '2026-11-29')).toBeNull()
  })
  it('a planned finding past its deadline; due today or rectified is not overdue', () => {
    expect(daysPastDeadline({ state: 'planned', plan }, '2026-11-29')).toBe(9)
    expect(daysPastDeadline({ state: 'planned', plan }, '2026-11-20')).toBe(0)
    expect(daysPastDeadline({ state: 'planned', plan }, '2026-11-19')).toBe(0)
    expect(daysPastDeadline({ state: 'rectified', plan }, '2026-11-29')).toBe(0)
    expect(daysPastDeadline({ state: 'reported', plan: null }, '2026-11-29')).toBe(0)
  })
  it('says the server\'s assessment with the escalation level', () => {
    const zh = testI18n('zh-CN').global.t
    const english = testI18n('en').global.t
    expect(overdueText({ due: '2026-10-01', days_overdue: 35, reason: 'past_deadline', escalation: 'city' }, zh)).toBe('逾期 35 天 · 市级督办')
    expect(overdueText({ due: '2026-10-01', days_overdue: 61, reason: 'past_deadline', escalation: 'province' }, english)).toBe('61 days overdue · supervised at Province 省级')
    expect(overdueText({ due: '2026-12-01', days_overdue: 0, reason: null, escalation: null }, zh)).toBe('')
    expect(overdueText(null, zh)).toBe('')
  })
  it('rates as percentages; no denominator is —', () => {
    expect(rateText(0.8571)).toBe('85.7%')
    expect(rateText(1)).toBe('100.0%')
    expect(rateText(0)).toBe('0.0%')
    expect(rateText(null)).toBe('—')
  })
})

describe('the bodies sent', () => {
  it('an enterprise user reports on their own enterprise', () => {
    expect(emptyReport({ role: 'enterprise', enterprise_uscc: A }).enterprise_uscc).toBe(A)
    expect(emptyReport({ role: 'city' }).enterprise_uscc).toBe('')
  })
  it('a general finding sends no criterion or supervision level', () => {
    const form = { ...emptyReport(), enterprise_uscc: ` ${A} `, description: ' 报警器失效 ', grade: 'general', major_criterion: 3, supervision_level: 'city' }
    expect(reportBody(form)).toEqual({ enterprise_uscc: A, description: '报警器失效', location: '', grade: 'general', legal_basis: '' })
  })
  it('a major finding sends its criterion as a number and its supervision level; an inspection when named', () => {
    const form = { ...emptyReport(), enterprise_uscc: A, description: 'x', grade: 'major', major_criterion: '12', supervision_level: 'province', inspection_id: ' 4 ' }
    expect(reportBody(form)).toMatchObject({ grade: 'major', major_criterion: 12, supervision_level: 'province', inspection_id: '4' })
    expect('major_criterion' in reportBody({ ...form, major_criterion: null })).toBe(false)
  })
  it('a plan without empty measures, funds as a number; the form revises the current plan', () => {
    expect(planBody({ measures: [' 更换报警器 ', '', '  '], funds_yuan: '5000', responsible_person: ' 张三 ', deadline: '2026-12-31' }))
      .toEqual({ measures: ['更换报警器'], funds_yuan: 5000, responsible_person: '张三', deadline: '2026-12-31' })
    expect(planForm(null)).toEqual({ measures: [''], funds_yuan: 0, responsible_person: '', deadline: '' })
    expect(planForm({ plan })).toMatchObject({ measures: ['更换报警器', '校验联锁'], funds_yuan: 12000, deadline: '2026-11-20' })
  })
  it('an inspection: a self-inspection for an enterprise user, a government one for an officer', () => {
    expect(emptyInspection({ role: 'enterprise', enterprise_uscc: A, name: '王五' }, '2026-11-29')).toMatchObject({ kind: 'self', enterprise_uscc: A, date: '2026-11-29', inspectors: ['王五'] })
    expect(emptyInspection({ role: 'city', name: '李四' }, '2026-11-29')).toMatchObject({ kind: 'government', enterprise_uscc: '' })
    expect(inspectionBody({ kind: 'government', enterprise_uscc: A, date: '2026-11-29', inspectors: ['李四', ' '], scope: ' 罐区 ', checklist_code: 'major_hidden_hazard_criteria' }))
      .toEqual({ kind: 'government', enterprise_uscc: A, date: '2026-11-29', inspectors: ['李四'], scope: '罐区', checklist_code: 'major_hidden_hazard_criteria' })
  })
})

describe('labels', () => {
  it('every code has its label in both languages', () => {
    const families = [
      ['states', FINDING_STATES], ['grades', HAZARD_GRADES], ['level', SUPERVISION_LEVELS], ['kinds', INSPECTION_KINDS],
      ['by', STATISTICS_BY], ['actions', ACTIONS], ['timeline', ['reported', 'plan', 'progress', 'rectified', 'acceptance', 'closure']],
      ['outcomes', ['passed', 'failed']], ['reasons', ['no_plan', 'past_deadline']],
    ]
    for (const messages of [zhCN, en]) {
      for (const [family, codes] of families) for (const c of codes) expect(messages.inspect[family][c], `${family}.${c}`).toBeTruthy()
    }
    expect(zhCN.inspect.states).toEqual({ reported: '待整改', planned: '整改中', rectified: '待验收', closed: '已销号' })
    expect(zhCN.nav.inspect).toBe('隐患排查治理')
  })
})
