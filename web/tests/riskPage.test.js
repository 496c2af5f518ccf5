// @vitest-environment happy-dom
// The risk point page (/risk) with the API stubbed: what it asks the server and what it shows of the answers,
// the details drawer with its version history, and the add / edit form with its preview and its errors.
import { describe, expect, it, vi } from 'vitest'
import { setFetch } from '../src/api/client.js'
import { useSessionStore } from '../src/stores/session.js'
import RiskView from '../src/views/risk/RiskView.vue'
import RiskPointForm from '../src/views/risk/RiskPointForm.vue'
import RiskPointDrawer from '../src/views/risk/RiskPointDrawer.vue'
import { mountPage, pageTestSetup, settle } from './mountApp.js'

vi.setConfig({ testTimeout: 30_000 })

pageTestSetup('2026-11-29T02:00:00Z') // 10:00 in Shanghai

const A = '91441521YY0000276A'
const B = '91440803YY00002064'
const scale = (values) => values.map((value) => ({ value, meaning_zh: `含义${value}`, meaning_en: `meaning ${value}`, verified: 'U' }))
// GET /risk/methods with the shipped tables (data/risk).
const METHODS = {
  lec: {
    l: scale([10, 6, 3, 1, 0.5, 0.2, 0.1]), e: scale([10, 6, 3, 2, 1, 0.5]), c: scale([100, 40, 15, 7, 3, 1]),
    bands: [
      { d_above: 320, danger_zh: '极其危险', action_zh: '不能继续作业', grade: 'major', band_verified: 'V', grade_verified: 'U' },
      { d_above: 160, danger_zh: '高度危险', action_zh: '需要立即整改', grade: 'larger', band_verified: 'V', grade_verified: 'U' },
      { d_above: 70, danger_zh: '显著危险', action_zh: '需要整改', grade: 'general', band_verified: 'V', grade_verified: 'U' },
      { d_above: 20, danger_zh: '一般危险', action_zh: '需要注意', grade: 'low', band_verified: 'V', grade_verified: 'U' },
      { d_above: 0, danger_zh: '稍有危险', action_zh: '可以接受', grade: 'low', band_verified: 'V', grade_verified: 'U' },
    ],
  },
  matrix: {
    levels_l: 5, levels_s: 5,
    cells: [
      ['low', 'low', 'low', 'low', 'low'], ['low', 'low', 'low', 'low', 'general'], ['low', 'low', 'general', 'general', 'larger'],
      ['low', 'low', 'general', 'larger', 'major'], ['low', 'general', 'larger', 'major', 'major'],
    ],
  },
  floors: [
    { id: 'mhi_grade_1_2', minimum: 'larger', basis_zh: '一级、二级重大危险源内的风险点不低于较大风险', verified: 'U', source: 'issue 7' },
    { id: 'key_process', minimum: 'larger', basis_zh: '涉及重点监管危险化工工艺的装置内的风险点不低于较大风险', verified: 'V', source: 'issue 7' },
  ],
}
const base = {
  unit_code: '', post: '', chemicals: [], location: null, updated_at: '2026-11-20T02:00:00Z', updated_by: 'e1', floors: [],
  responsible_department: '安全环保部',
}
const POINTS = [
  {
    ...base, id: 1, enterprise_uscc: A, area: '液氯罐区', name: '液氯储罐区', hazards: ['液氯泄漏中毒', '超压爆炸'],
    assessment: { method: 'lec', l: 3, e: 3, c: 40 }, score: 360, band: '极其危险', assessed_grade: 'major', grade: 'major', grade_zh: '重大风险', colour: 'red',
    measures: [
      { category: 'ppe', category_zh: '个体防护', text: '正压式空气呼吸器' },
      { category: 'engineering', category_zh: '工程技术', text: '有毒气体检测报警' },
      { category: 'engineering', category_zh: '工程技术', text: '紧急切断阀' },
      { category: 'emergency', category_zh: '应急处置', text: '碱液吸收' },
    ],
    control_level: 'company', responsible_person: '张三', control_status: 'deficient', review_due: '2026-11-28', version: 1,
  },
  {
    ...base, id: 2, enterprise_uscc: A, unit_code: 'U01', area: '氯化装置', name: '氯化反应釜', hazards: ['飞温'],
    assessment: { method: 'lec', l: 1, e: 6, c: 15 }, score: 90, band: '显著危险', assessed_grade: 'general', grade: 'larger', grade_zh: '较大风险', colour: 'orange',
    floors: ['key_process', 'mhi_grade_1_2'], measures: [{ category: 'management', category_zh: '管理', text: '工艺参数巡检' }],
    control_level: 'workshop', responsible_person: '李四', control_status: 'controlled', review_due: '2026-11-29', version: 3,
  },
  {
    ...base, id: 3, enterprise_uscc: B, area: '仓库', name: '成品仓库', hazards: [],
    assessment: { method: 'ls', l: 2, s: 2 }, score: 4, band: '', assessed_grade: 'low', grade: 'low', grade_zh: '低风险', colour: 'blue',
    measures: [], control_level: 'post', responsible_person: '王五', control_status: 'controlled', review_due: '2027-03-01', version: 1,
  },
]
const OLD_V1 = { ...POINTS[1], version: 1, score: 30, band: '一般危险', assessed_grade: 'low', grade: 'larger', floors: ['key_process'], name: '氯化反应釜（旧）' }

const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
// The API: GETs from the fixtures, writes answered by `write(method, path, body)` -> [status, body].
function riskStub({ points = () => POINTS, write = () => [500, { error: { code: 'internal', message: 'no' } }] } = {}) {
  const calls = []
  setFetch(async (url, init) => {
    const u = new URL(url, 'http://app')
    const path = u.pathname.replace(/^\/api\/v1/, '')
    const method = init?.method ?? 'GET'
    calls.push({ method, u, path, body: init?.body ? JSON.parse(init.body) : undefined })
    if (method !== 'GET') {
      const [status, body] = write(method, path, init?.body ? JSON.parse(init.body) : undefined)
      return json(status, body)
    }
    if (path === '/risk/methods') return json(200, METHODS)
    if (path === '/risk/points') return json(200, { page: Number(u.searchParams.get('page')), page_size: Number(u.searchParams.get('page_size')), items: points(u) })
    const m = /^\/risk\/points\/(\d+)$/.exec(path)
    if (m) {
      const v = u.searchParams.get('version')
      if (m[1] === '2' && v === '1') return json(200, OLD_V1)
      const p = POINTS.find((x) => String(x.id) === m[1])
      if (p) return json(200, p)
    }
    return json(404, { error: { code: 'not_found', message: `no stub for ${path}`, request_id: 't' } })
  })
  return calls
}
const gets = (calls, path) => calls.filter((c) => c.method === 'GET' && c.path === path)
const rows = (wrapper) => wrapper.findAll('.risk-points .el-table__body tr.el-table__row')
const asUser = (role, extra = {}) => (useSessionStore().user = { id: 1, username: 'u', name: 'u', role, ...extra })
async function mountRisk(path = '/risk') {
  return mountPage(RiskView, { name: 'risk', path })
}

describe('the list of risk points', () => {
  it('asks for the first page and the grading tables', async () => {
    asUser('county')
    const calls = riskStub()
    await mountRisk()
    const list = gets(calls, '/risk/points')
    expect(list).toHaveLength(1)
    expect(Object.fromEntries(list[0].u.searchParams)).toEqual({ page: '1', page_size: '20' })
    expect(gets(calls, '/risk/methods')).toHaveLength(1)
  })

  it('shows each point with its grade in its colour, score, band, control and review date', async () => {
    asUser('county')
    riskStub()
    const { wrapper } = await mountRisk()
    const list = rows(wrapper)
    expect(list).toHaveLength(3)
    const tags = list.map((r) => r.find('.risk-grade-tag'))
    expect(tags.map((t) => t.text())).toEqual(['重大风险', '较大风险', '低风险'])
    expect(tags.map((t) => t.attributes('data-colour'))).toEqual(['red', 'orange', 'blue'])
    expect(tags[0].attributes('style')).toContain('background-color: #d9001b')
    const first = list[0].text()
    for (const text of ['液氯储罐区', '液氯罐区', A, 'D = 360', 'LEC', '极其危险', '管控有缺陷', '公司级', '张三', '安全环保部', '2026-11-28']) expect(first).toContain(text)
    expect(list[2].text()).toContain('R = 4')
    expect(list[2].text()).toContain('L × S')
    expect(list[1].text()).toContain('车间级')
  })

  it('marks a review due before today as overdue, not one due today', async () => {
    asUser('county')
    riskStub()
    const { wrapper } = await mountRisk()
    const list = rows(wrapper)
    expect(list[0].find('.risk-review').classes()).toContain('risk-review--overdue')
    expect(list[0].find('.risk-overdue').text()).toBe('已逾期')
    expect(list[1].find('.risk-review').classes()).not.toContain('risk-review--overdue')
    expect(list[1].find('.risk-overdue').exists()).toBe(false)
    expect(list[2].find('.risk-overdue').exists()).toBe(false)
  })

  it('counts the page by grade and says so (本页)', async () => {
    asUser('county')
    riskStub()
    const { wrapper } = await mountRisk()
    expect(wrapper.find('.risk-counts__label').text()).toBe('本页')
    const counts = Object.fromEntries(wrapper.findAll('.risk-count').map((c) => [c.attributes('data-grade'), c.find('b').text()]))
    expect(counts).toEqual({ major: '1', larger: '1', general: '0', low: '1' })
  })

  it('filters by minimum grade and enterprise, starting again at page 1', async () => {
    asUser('province')
    const calls = riskStub()
    const { wrapper } = await mountRisk('/risk?page=2')
    expect(Object.fromEntries(gets(calls, '/risk/points')[0].u.searchParams)).toEqual({ page: '2', page_size: '20' })
    const select = wrapper.findAllComponents({ name: 'ElSelect' }).find((c) => c.classes().includes('risk-min-grade'))
    select.vm.$emit('update:modelValue', 'larger')
    await settle()
    expect(Object.fromEntries(gets(calls, '/risk/points').at(-1).u.searchParams)).toEqual({ min_grade: 'larger', page: '1', page_size: '20' })
    await wrapper.find('.risk-enterprise input').setValue(` ${A} `)
    await wrapper.find('.filters').trigger('submit')
    await settle()
    expect(Object.fromEntries(gets(calls, '/risk/points').at(-1).u.searchParams)).toEqual({ min_grade: 'larger', enterprise: A, page: '1', page_size: '20' })
  })

  it('offers the next page while a page comes back full', async () => {
    asUser('county')
    const calls = riskStub({ points: (u) => (u.searchParams.get('page') === '1' ? POINTS.slice(0, 2) : POINTS.slice(2)) })
    const { wrapper } = await mountRisk('/risk?page_size=2')
    expect(wrapper.find('.risk-prev').attributes('disabled')).toBeDefined()
    expect(wrapper.find('.risk-next').attributes('disabled')).toBeUndefined()
    await wrapper.find('.risk-next').trigger('click')
    await settle()
    expect(Object.fromEntries(gets(calls, '/risk/points').at(-1).u.searchParams)).toEqual({ page: '2', page_size: '2' })
    expect(wrapper.find('.risk-page-n').text()).toBe('第 2 页')
    expect(rows(wrapper)).toHaveLength(1)
    expect(wrapper.find('.risk-next').attributes('disabled')).toBeDefined()
  })

  it('shows the error of a failed list', async () => {
    asUser('county')
    setFetch(async () => json(403, { error: { code: 'forbidden', message: '无权查看', request_id: 'r1' } }))
    const { wrapper } = await mountRisk()
    expect(wrapper.find('.error-state').text()).toContain('无权查看')
  })

  it('shows the English labels when asked', async () => {
    asUser('county')
    riskStub()
    const { wrapper } = await mountPage(RiskView, { name: 'risk', path: '/risk', locale: 'en' })
    expect(rows(wrapper)[0].find('.risk-grade-tag').text()).toBe('Major 重大风险')
  })
})

describe('who is offered to add and edit', () => {
  for (const [role, extra, add] of [['province', {}, true], ['enterprise', { enterprise_uscc: A }, true], ['county', {}, false], ['grid', {}, false], ['department', {}, false]]) {
    it(`${role}: ${add ? 'offered' : 'not offered'}`, async () => {
      asUser(role, extra)
      riskStub()
      const { wrapper } = await mountRisk()
      expect(wrapper.find('.risk-add').exists()).toBe(add)
    })
  }

  it('an enterprise user edits only the points of their enterprise', async () => {
    asUser('enterprise', { enterprise_uscc: A })
    riskStub()
    const { wrapper } = await mountRisk()
    await rows(wrapper)[2].find('.risk-name').trigger('click')
    await settle()
    expect(document.querySelector('.risk-drawer .risk-edit')).toBeNull()
    wrapper.findComponent(RiskPointDrawer).vm.$emit('close')
    await settle()
    await rows(wrapper)[0].find('.risk-name').trigger('click')
    await settle()
    expect(document.querySelector('.risk-drawer .risk-edit')).not.toBeNull()
  })
})

describe('the details of a point', () => {
  it('shows the fields, the measures by category and the floor rules with their basis', async () => {
    asUser('county')
    riskStub()
    const { wrapper } = await mountRisk()
    await rows(wrapper)[1].find('.risk-name').trigger('click')
    await settle()
    const drawer = document.querySelector('.risk-drawer')
    expect(drawer.querySelector('.risk-drawer__name').textContent).toBe('氯化反应釜')
    const text = drawer.textContent
    for (const t of ['U01', '氯化装置', 'D = 90', '显著危险', '较大风险', '一般风险', '车间级', '受控', '李四', '飞温', '工艺参数巡检']) expect(text).toContain(t)
    const floors = [...drawer.querySelectorAll('.risk-floor')]
    expect(floors.map((f) => f.dataset.floor)).toEqual(['key_process', 'mhi_grade_1_2'])
    expect(floors[0].textContent).toContain('涉及重点监管危险化工工艺的装置内的风险点不低于较大风险')
    expect(floors[0].querySelector('.risk-unverified')).toBeNull()
    expect(floors[1].querySelector('.risk-unverified').textContent).toBe('待核实')
    expect(drawer.querySelector('.risk-edit')).toBeNull() // a county officer does not edit
  })

  it('groups the measures in the order 工程技术, 管理, 培训教育, 个体防护, 应急处置', async () => {
    asUser('county')
    riskStub()
    const { wrapper } = await mountRisk()
    await rows(wrapper)[0].find('.risk-name').trigger('click')
    await settle()
    const groups = [...document.querySelectorAll('.risk-drawer .risk-measure-group')]
    expect(groups.map((g) => g.querySelector('.risk-measure-group__title').textContent)).toEqual(['工程技术', '个体防护', '应急处置'])
    expect([...groups[0].querySelectorAll('li')].map((l) => l.textContent)).toEqual(['有毒气体检测报警', '紧急切断阀'])
    expect(document.querySelector('.risk-drawer .risk-no-floors').textContent).toBe('未适用底线规则')
  })

  it('loads an earlier version with ?version=N', async () => {
    asUser('province')
    const calls = riskStub()
    const { wrapper } = await mountRisk()
    await rows(wrapper)[1].find('.risk-name').trigger('click')
    await settle()
    const drawer = wrapper.findComponent(RiskPointDrawer)
    const select = drawer.findAllComponents({ name: 'ElSelect' }).find((c) => c.classes().includes('risk-version'))
    expect(select.findAllComponents({ name: 'ElOption' }).map((o) => o.props('value'))).toEqual([1, 2, 3])
    expect(document.querySelector('.risk-drawer .risk-edit')).not.toBeNull()
    select.vm.$emit('update:modelValue', 1)
    select.vm.$emit('change', 1)
    await settle()
    const asked = calls.filter((c) => c.path === '/risk/points/2')
    expect(asked).toHaveLength(1)
    expect(asked[0].u.searchParams.get('version')).toBe('1')
    expect(document.querySelector('.risk-drawer__name').textContent).toBe('氯化反应釜（旧）')
    expect(document.querySelector('.risk-old-version').textContent).toBe('这是第 1 版（历史版本）')
    expect(document.querySelector('.risk-drawer .risk-edit')).toBeNull() // history is not edited
  })
})

describe('the form', () => {
  async function openNew() {
    const { wrapper } = await mountRisk()
    await wrapper.find('.risk-add').trigger('click')
    await settle()
    return { wrapper, form: wrapper.findComponent(RiskPointForm) }
  }
  const selectOf = (form, cls) => form.findAllComponents({ name: 'ElSelect' }).find((c) => c.classes().includes(cls))
  async function choose(form, cls, value) {
    selectOf(form, cls).vm.$emit('update:modelValue', value)
    await settle()
  }

  it('offers the LEC scales with their meanings and previews D, band and grade as 预评', async () => {
    asUser('province')
    riskStub()
    const { form } = await openNew()
    expect(selectOf(form, 'risk-f-e').findAllComponents({ name: 'ElOption' }).map((o) => o.props('label'))).toEqual([
      '10 — 含义10', '6 — 含义6', '3 — 含义3', '2 — 含义2', '1 — 含义1', '0.5 — 含义0.5',
    ])
    const preview = () => document.querySelector('.risk-form .risk-preview')
    expect(preview().textContent).toContain('选定各项取值后显示预评')
    await choose(form, 'risk-f-l', 3)
    await choose(form, 'risk-f-e', 3)
    await choose(form, 'risk-f-c', 40)
    expect(preview().querySelector('.risk-preview__score').textContent).toBe('D = 360')
    expect(preview().querySelector('.risk-preview__band').textContent).toBe('极其危险（不能继续作业）')
    expect(preview().querySelector('.risk-grade-tag').textContent).toBe('重大风险')
    expect(preview().querySelector('.risk-preview__label').textContent).toBe('预评')
    await choose(form, 'risk-f-c', 7) // D = 63
    expect(preview().querySelector('.risk-preview__score').textContent).toBe('D = 63')
    expect(preview().querySelector('.risk-grade-tag').textContent).toBe('低风险')
  })

  it('previews R and the matrix grade for L × S', async () => {
    asUser('province')
    riskStub()
    const { form } = await openNew()
    await form.find('.risk-f-method .el-radio-button[data-method="ls"] input').setValue(true)
    await settle()
    expect(selectOf(form, 'risk-f-ls-l').findAllComponents({ name: 'ElOption' }).map((o) => o.props('value'))).toEqual([1, 2, 3, 4, 5])
    await choose(form, 'risk-f-ls-l', 4)
    await choose(form, 'risk-f-ls-s', 5)
    const preview = document.querySelector('.risk-form .risk-preview')
    expect(preview.querySelector('.risk-preview__score').textContent).toBe('R = 20')
    expect(preview.querySelector('.risk-grade-tag').textContent).toBe('重大风险')
  })

  it('posts a new point with its hazards and measures, then lists again', async () => {
    asUser('enterprise', { enterprise_uscc: A })
    const stored = { ...POINTS[0], id: 9, version: 1 }
    const calls = riskStub({ write: () => [201, stored] })
    const { wrapper, form } = await openNew()
    expect(form.find('.risk-f-uscc input').element.value).toBe(A)
    expect(form.find('.risk-f-uscc input').attributes('disabled')).toBeDefined()
    await form.find('.risk-f-name input').setValue('液氯储罐区')
    await form.find('.risk-f-area input').setValue('液氯罐区')
    await choose(form, 'risk-f-l', 3)
    await choose(form, 'risk-f-e', 3)
    await choose(form, 'risk-f-c', 40)
    await form.find('.risk-f-add-hazard').trigger('click')
    await settle()
    await form.find('.risk-f-hazard input').setValue('液氯泄漏中毒')
    await form.find('.risk-f-add-measure').trigger('click')
    await settle()
    await choose(form, 'risk-f-measure-category', 'ppe')
    await form.find('.risk-f-measure-text input').setValue('正压式空气呼吸器')
    await form.find('.risk-f-person input').setValue('张三')
    await form.find('.risk-form-save').trigger('click')
    await settle()
    const posts = calls.filter((c) => c.method === 'POST')
    expect(posts).toHaveLength(1)
    expect(posts[0].path).toBe('/risk/points')
    expect(posts[0].body).toMatchObject({
      enterprise_uscc: A, name: '液氯储罐区', area: '液氯罐区', hazards: ['液氯泄漏中毒'], assessment: { method: 'lec', l: 3, e: 3, c: 40 },
      measures: [{ category: 'ppe', text: '正压式空气呼吸器' }], responsible_person: '张三', control_level: 'post', control_status: 'controlled',
    })
    expect('version' in posts[0].body).toBe(false)
    expect(gets(calls, '/risk/points')).toHaveLength(2) // listed again
    expect(wrapper.findComponent(RiskPointForm).props('open')).toBe(false)
  })

  async function openEdit(write) {
    asUser('province')
    const calls = riskStub({ write })
    const { wrapper } = await mountRisk()
    await rows(wrapper)[1].find('.risk-name').trigger('click')
    await settle()
    document.querySelector('.risk-drawer .risk-edit').click()
    await settle()
    const form = wrapper.findComponent(RiskPointForm)
    return { wrapper, form, calls }
  }

  it('puts a change with the version it changes', async () => {
    const { form, calls } = await openEdit((method, path, body) => [200, { ...POINTS[1], ...body, version: 4 }])
    expect(form.props('open')).toBe(true)
    expect(form.find('.risk-f-name input').element.value).toBe('氯化反应釜')
    await form.find('.risk-f-name input').setValue('氯化反应釜 R-101')
    await form.find('.risk-form-save').trigger('click')
    await settle()
    const puts = calls.filter((c) => c.method === 'PUT')
    expect(puts).toHaveLength(1)
    expect(puts[0].path).toBe('/risk/points/2')
    expect(puts[0].body).toMatchObject({ version: 3, name: '氯化反应釜 R-101', enterprise_uscc: A, unit_code: 'U01', assessment: { method: 'lec', l: 1, e: 6, c: 15 } })
    expect(document.querySelector('.risk-drawer__name').textContent).toBe('氯化反应釜 R-101')
  })

  it('shows a 409 as 已被他人修改，请重新加载, and reloads the current version', async () => {
    const { form, calls } = await openEdit(() => [409, { error: { code: 'conflict', message: 'risk point 2: version 3 is not the current one', request_id: 'r' } }])
    await form.find('.risk-form-save').trigger('click')
    await settle()
    const alert = document.querySelector('.risk-form .risk-form-error')
    expect(alert.textContent).toContain('已被他人修改，请重新加载')
    expect(form.props('open')).toBe(true)
    document.querySelector('.risk-form .risk-form-reload').click()
    await settle()
    expect(calls.filter((c) => c.method === 'GET' && c.path === '/risk/points/2')).toHaveLength(1)
    expect(document.querySelector('.risk-form .risk-form-error')).toBeNull()
  })

  it('shows a 400 with the server message naming the field', async () => {
    const msg = 'measures[0].category: "plan" is not one of engineering, management, training, ppe, emergency'
    const { form } = await openEdit(() => [400, { error: { code: 'bad_request', message: msg, request_id: 'r' } }])
    await form.find('.risk-form-save').trigger('click')
    await settle()
    expect(document.querySelector('.risk-form .risk-form-error').textContent).toContain(msg)
    expect(document.querySelector('.risk-form .risk-form-reload')).toBeNull()
  })
})
