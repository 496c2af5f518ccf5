// @vitest-environment happy-dom
// The 失信 flag (issue 7 "Enforcement, blacklist, insurance"): a red tag beside the enterprise's name where
// the enterprise JSON's `blacklisted` is true, in the enterprise table and the enterprise page's header,
// and none where it is false.
import { describe, expect, it, vi } from 'vitest'
import EnterprisesView from '../src/views/registry/EnterprisesView.vue'
import EnterpriseDetailView from '../src/views/registry/EnterpriseDetailView.vue'
import { mountPage, pageTestSetup, stubApi } from './mountApp.js'

vi.setConfig({ testTimeout: 30_000 })

pageTestSetup()

const enterprise = (id, name, blacklisted) => ({
  id, uscc: `91441521YY000027${id}A`, name, division_code: '441521', division_name: '海丰县', sector: 'chemical', activities: ['production'],
  synthetic: true, blacklisted, major_hazard_grade: null, units: [], licences: [],
})
const LISTED = enterprise(1, '失信化工有限公司（演示）', true)
const CLEAN = enterprise(2, '守信化工有限公司（演示）', false)

describe('the 失信 flag', () => {
  it('the enterprise table tags the listed enterprise only', async () => {
    stubApi({ '/enterprises': { total: 2, page: 1, page_size: 20, items: [LISTED, CLEAN] } })
    const { wrapper } = await mountPage(EnterprisesView, { name: 'enterprises', path: '/enterprises' })
    const rows = wrapper.findAll('.el-table__body tr.el-table__row')
    expect(rows).toHaveLength(2)
    expect(rows[0].find('.blacklist-tag').text()).toBe('失信')
    expect(rows[0].find('.blacklist-tag').classes()).toContain('el-tag--danger')
    expect(rows[1].find('.blacklist-tag').exists()).toBe(false)
  })

  it('the enterprise page\'s header tags a listed enterprise, and not another', async () => {
    stubApi({ '/enterprises/1': LISTED, '/enterprises/2': CLEAN })
    const listed = await mountPage(EnterpriseDetailView, { name: 'enterprise', path: '/enterprises/1', routePath: '/enterprises/:id', props: true })
    expect(listed.wrapper.find('.page-header .blacklist-tag').text()).toBe('失信')
    listed.wrapper.unmount()
    const clean = await mountPage(EnterpriseDetailView, { name: 'enterprise', path: '/enterprises/2', routePath: '/enterprises/:id', props: true })
    expect(clean.wrapper.find('.page-header h1').text()).toBe(CLEAN.name)
    expect(clean.wrapper.find('.blacklist-tag').exists()).toBe(false)
  })
})
