// Browser tests of the web front end (issue 4 acceptance): the built `chemsafe serve` with web/dist,
// driven in headless Chromium at 1366×768. Each scenario checks what the page shows against what the
// API answers for the same user, and leaves a screenshot under CHEMSAFE_SCREENSHOT_DIR for review.
//
// Run: ctest -L browser (tests/browser/CMakeLists.txt sets the environment), or from the repository root
//   CHEMSAFE_BINARY=build/release/apps/chemsafe/chemsafe node --test tests/browser/
// No sleeps: every wait is for a condition of the page (a URL, an element, a text) or a response.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ApiClient, PASSWORD, config, launchChromium, makeProvince, newPage, startServer, writePng } from './harness.mjs'

const cfg = config()
let province // the temp demo province
let server
let browser
const api = {} // role -> ApiClient logged in as that role's test user

before(async () => {
  province = await makeProvince(cfg)
  server = await startServer(cfg, province.db)
  for (const [role, name] of Object.entries(province.users)) api[role] = await new ApiClient(server.url).login(name)
  browser = await launchChromium(cfg)
})

after(async () => {
  await browser?.close()
  if (server) {
    const { code, signal } = await server.stop()
    province?.remove()
    assert.equal(code, 0, `chemsafe serve should exit 0 on SIGTERM, got ${code ?? signal}:\n${server.log()}`)
  } else {
    province?.remove()
  }
})

const shot = (page, name) => page.screenshot({ path: join(cfg.screenshots, `${name}.png`), animations: 'disabled' })
// The page's number format (src/format.js formatCount): 50000 -> "50,000".
const count = (n) => Math.round(n).toLocaleString('en-US')
// The page's time format (src/format.js formatDateTime): "YYYY-MM-DD HH:mm" in Asia/Shanghai.
function shanghai(iso) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso)).map((p) => [p.type, p.value]),
  )
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`
}

// Runs a scenario in its own browser context; on failure keeps a screenshot of where it stopped.
async function scenario(name, fn) {
  const { context, page, errors } = await newPage(browser, server.url)
  try {
    await fn(page)
    assert.deepEqual(errors.map(String), [], 'uncaught errors in the page')
  } catch (e) {
    await shot(page, `FAILED-${name}`).catch(() => {})
    throw e
  } finally {
    await context.close()
  }
}

// Logs in through the log-in page and waits for the dashboard's header to name the user.
async function logIn(page, username) {
  await page.goto('/login')
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill(PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL((url) => url.pathname === '/')
  await page.locator('.app-header__user').waitFor()
}

// Waits for the page header to say "共 N 条", the total of the list the page shows.
function total(page, n) {
  return page.locator('.page-header__subtitle', { hasText: new RegExp(`^共 ${count(n)} 条$`) }).waitFor()
}

// The texts of one column of the el-table inside `scope`, row by row.
function columnTexts(page, scope, column) {
  return page.locator(`${scope} .el-table__body tr.el-table__row td:nth-child(${column})`).allInnerTexts()
}

describe('web front end in headless Chromium', { timeout: 240_000 }, () => {
  test('log in and open the dashboard: its counts are the API\'s', { timeout: 60_000 }, () =>
    scenario('dashboard', async (page) => {
      // A page behind the log-in sends there, and a wrong password is refused on the page.
      await page.goto('/enterprises')
      await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('redirect') === '/enterprises')
      await page.locator('input[name="username"]').fill(province.users.province)
      await page.locator('input[name="password"]').fill('Wrong#Password1')
      await page.getByRole('button', { name: '登录' }).click()
      // The alert's title (the server's own message, in Chinese for a Chinese page, may repeat it below).
      await page.locator('.el-alert__title', { hasText: '用户名或密码错误' }).waitFor()
      await shot(page, 'login-refused')

      // The right password on the same form: back to the page asked for, then the dashboard.
      await page.locator('input[name="password"]').fill(PASSWORD)
      await page.getByRole('button', { name: '登录' }).click()
      await page.waitForURL((url) => url.pathname === '/enterprises')
      await page.locator('.layout__nav').getByText('总览', { exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/')
      assert.equal(await page.locator('.app-header__user').innerText(), '省级测试员')
      assert.equal(await page.locator('.app-header .el-tag').innerText(), '省级')

      const dashboard = await api.province.get('/dashboard')
      const enterprises = await api.province.get('/enterprises', { page_size: 1 })
      const hazards = await api.province.get('/major-hazards', { page_size: 1 })
      assert.equal(dashboard.enterprises.total, 300, 'the demo province has 300 enterprises')
      assert.equal(enterprises.total, dashboard.enterprises.total, 'the dashboard counts what the enterprise list holds')
      assert.equal(hazards.total, dashboard.major_hazards.total)
      assert.ok(dashboard.major_hazards.total > 0, 'the assessed demo province has major hazard installations')

      const cards = page.locator('.stat-card')
      await cards.nth(5).waitFor()
      const card = async (i) => ({
        label: await cards.nth(i).locator('.stat-card__label').innerText(),
        value: await cards.nth(i).locator('.stat-card__value').innerText(),
      })
      assert.deepEqual(await card(0), { label: '企业总数', value: count(dashboard.enterprises.total) })
      assert.deepEqual(await card(1), { label: '重大危险源', value: count(dashboard.major_hazards.total) })
      const byGrade = dashboard.major_hazards.by_grade
      for (const [i, g, label] of [[2, 1, '一级'], [3, 2, '二级'], [4, 3, '三级'], [5, 4, '四级']]) {
        assert.deepEqual(await card(i), { label, value: count(byGrade[g] ?? byGrade[String(g)] ?? 0) })
      }
      assert.equal(await page.locator('.page-header__subtitle').innerText(), `范围：${dashboard.scope.label}`)
      // The four charts are drawn (a canvas of real size each).
      const canvases = page.locator('.echart canvas')
      await canvases.nth(3).waitFor()
      for (const box of await Promise.all([0, 1, 2, 3].map((i) => canvases.nth(i).boundingBox()))) {
        assert.ok(box.width > 200 && box.height > 200, `chart canvas ${JSON.stringify(box)}`)
      }
      await shot(page, 'dashboard')
    }))

  test('filter the enterprise table: only matching rows, the API\'s rows', { timeout: 60_000 }, () =>
    scenario('enterprises', async (page) => {
      await logIn(page, province.users.province)
      await page.locator('.layout__nav').getByText('企业', { exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/enterprises')
      await total(page, 300)

      // Sector 化工 from the select, then 深圳 typed into the search box.
      const filter = { sector: 'chemical', q: '深圳' }
      const expected = await api.province.get('/enterprises', { ...filter, page: 1, page_size: 20 })
      const unfiltered = await api.province.get('/enterprises', { sector: 'chemical', page_size: 1 })
      assert.ok(expected.total > 0 && expected.total < unfiltered.total && unfiltered.total < 300,
        `the filter must narrow the list: ${expected.total} of ${unfiltered.total} of 300`)

      await page.locator('.filters .el-select', { hasText: '行业' }).click()
      await page.getByRole('option', { name: '化工', exact: true }).click()
      await page.waitForURL((url) => url.searchParams.get('sector') === 'chemical')
      await total(page, unfiltered.total)
      await page.getByPlaceholder('企业名称或统一社会信用代码').fill(filter.q)
      await page.getByPlaceholder('企业名称或统一社会信用代码').press('Enter')
      await page.waitForURL((url) => url.searchParams.get('q') === filter.q && url.searchParams.get('sector') === 'chemical')
      await total(page, expected.total)
      const expectedNames = expected.items.map((e) => e.name)
      // The table follows once the answer is drawn; wait for its rows to be the API's.
      await page.waitForFunction(
        (names) => {
          const rows = [...document.querySelectorAll('.el-table__body tr.el-table__row td:nth-child(1) a')]
          return rows.length === names.length && rows.every((a, i) => a.textContent.trim() === names[i])
        },
        expectedNames,
      )
      const names = await columnTexts(page, '', 1)
      const sectors = await columnTexts(page, '', 4)
      assert.equal(names.length, Math.min(expected.total, 20))
      for (const [i, name] of names.entries()) {
        assert.ok(name.includes(expectedNames[i]), `row ${i + 1}: ${name}`)
        assert.ok(name.includes('深圳'), `row ${i + 1} does not match 深圳: ${name}`)
        assert.equal(sectors[i], '化工', `row ${i + 1} (${name}) is not 化工`)
      }
      await shot(page, 'enterprises-filtered')
    }))

  test('import a file with a bad row: the problems row by row, nothing written', { timeout: 60_000 }, () =>
    scenario('import', async (page) => {
      // Row 2 is valid, row 3's USCC has a wrong check character (GB 32100-2015): all or nothing.
      const good = '91350100M000100Y43'
      const bad = '91350100M000100Y44'
      const csv = `统一社会信用代码,企业名称,行政区划代码,经营活动\n${good},浏览器测试化工有限公司,440305,储存\n${bad},浏览器测试坏行有限公司,440305,储存\n`
      assert.equal((await api.province.get('/enterprises', { q: good })).total, 0, 'the valid row is new')

      await logIn(page, province.users.province)
      await page.goto('/imports')
      await page.locator('.picker').waitFor()
      await page.locator('.picker input[type="file"]').setInputFiles({ name: '企业-有错误.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
      await page.getByText('企业-有错误.csv').waitFor()
      await page.getByRole('button', { name: '导入', exact: true }).click()

      const alert = page.locator('.outcome .el-alert')
      await alert.waitFor()
      assert.match(await alert.locator('.el-alert__title').innerText(), /^导入被拒绝：企业-有错误\.csv 有 1 处问题$/)
      assert.match(await alert.innerText(), /没有写入任何数据/)
      const rows = page.locator('.outcome .problems .el-table__body tr.el-table__row')
      await rows.first().waitFor()
      assert.equal(await rows.count(), 1)
      const cells = await rows.first().locator('td').allInnerTexts()
      assert.equal(cells[0], '3', 'the problem is on row 3 of the file (row 1 is the header)')
      assert.match(cells.at(-1), /统一社会信用代码/)
      assert.match(cells.at(-1), /check character/)
      // Nothing was written: not even the valid row.
      assert.equal((await api.province.get('/enterprises', { q: good })).total, 0, 'the valid row must not be written')
      assert.equal((await api.province.get('/enterprises', { page_size: 1 })).total, 300)
      await shot(page, 'import-error')
    }))

  test('open the map, click a point: its details', { timeout: 90_000 }, () =>
    scenario('map', async (page) => {
      const layer = await api.province.get('/map/points', { layer: 'units' })
      const iId = layer.fields.indexOf('id')
      const iLon = layer.fields.indexOf('lon')
      const iLat = layer.fields.indexOf('lat')
      const points = layer.points.filter((p) => p[iLon] !== null && p[iLat] !== null)
      assert.ok(points.length > 100, `units with a location: ${points.length}`)

      await logIn(page, province.users.province)
      await page.locator('.layout__nav').getByText('电子地图', { exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/map')
      // Ready: the units layer says how many points it drew, the city boundaries (and with them the
      // province view) are in place.
      await page.locator('.layer-row', { hasText: '单元' }).getByText(`${count(points.length)} 个`).waitFor()
      await page.waitForFunction(() => document.querySelector('.leaflet-labels-pane')?.childElementCount > 0)
      await shot(page, 'map')

      // Each point's position on the screen through the page's own Leaflet map; the point to click is
      // the one farthest from any other, inside the map and clear of its controls and legend.
      const target = await page.evaluate(({ points, iId, iLon, iLat }) => {
        const el = document.querySelector('.map')
        const map = el.leafletMap
        const box = el.getBoundingClientRect()
        const blocked = [...document.querySelectorAll('.leaflet-control, .map-legend')].map((n) => n.getBoundingClientRect())
        const xy = points.map((p) => {
          const c = map.latLngToContainerPoint([p[iLat], p[iLon]])
          return { id: p[iId], x: box.left + c.x, y: box.top + c.y }
        })
        const margin = 24
        const clear = (q) =>
          q.x > box.left + margin && q.x < box.right - margin && q.y > box.top + margin && q.y < box.bottom - margin &&
          !blocked.some((r) => q.x > r.left - margin && q.x < r.right + margin && q.y > r.top - margin && q.y < r.bottom + margin)
        let best = null
        for (const q of xy) {
          if (!clear(q)) continue
          let nearest = Infinity
          for (const o of xy) if (o !== q) nearest = Math.min(nearest, Math.hypot(o.x - q.x, o.y - q.y))
          if (!best || nearest > best.nearest) best = { ...q, nearest }
        }
        return { ...best, zoom: map.getZoom() }
      }, { points, iId, iLon, iLat })
      // A click hits within the point's radius (≤ 6.5 px up to zoom 12, src/map/styles.js) plus 3 px:
      // with no other point within 14 px, the click can only find this one.
      assert.ok(target && target.nearest >= 14, `no point clear of the others: ${JSON.stringify(target)}`)

      const unit = await api.province.get(`/units/${target.id}`)
      await page.mouse.click(target.x, target.y)
      const drawer = page.locator('.el-drawer')
      await drawer.waitFor()
      assert.equal(await drawer.locator('.el-drawer__title').innerText(), unit.name)
      const details = drawer.locator('.el-descriptions')
      await details.waitFor()
      const text = await details.innerText()
      assert.match(text, new RegExp(`单元名称\\s+${escape(unit.name)}`))
      assert.match(text, new RegExp(`企业\\s+${escape(unit.enterprise_name)}`))
      if (unit.code) assert.match(text, new RegExp(`单元编码\\s+${escape(unit.code)}`))
      const [lon, lat] = unit.location
      assert.match(text, new RegExp(`坐标（经度, 纬度）\\s+${escape(`${lon.toFixed(6)}, ${lat.toFixed(6)}`)}`))
      assert.ok(await drawer.getByRole('link', { name: /打开单元详情/ }).isVisible())
      await shot(page, 'map-details')
    }))

  test('the QRA relocation list is the API\'s; an enterprise\'s QRA section; the IR contours on the map', { timeout: 90_000 }, () =>
    scenario('qra', async (page) => {
      const list = await api.province.get('/qra/relocation-list', { page: 1, page_size: 20 })
      assert.ok(list.run, 'the demo province has a stored QRA run')
      const all = await api.province.get('/qra/relocation-list', { all: 'true', page: 1, page_size: 20 })
      assert.ok(all.items.length > list.items.length, `all=true lists more: ${all.total} against ${list.total}`)
      const contours = await api.province.get('/qra/contours')
      assert.ok(contours.features.length > 0, 'the run has IR contours')

      // The list of the newest run: its rows are the API's, in its order, with its actions.
      await logIn(page, province.users.province)
      await page.locator('.layout__nav').getByText('定量风险评价', { exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/qra')
      await total(page, list.total)
      const rowsAre = (items) =>
        page.waitForFunction(
          (names) => {
            const links = [...document.querySelectorAll('.qra-table .el-table__body tr.el-table__row a.qra-enterprise')]
            return links.length === names.length && links.every((a, i) => a.textContent.trim() === names[i])
          },
          items.map((r) => r.name),
        )
      const tableActions = () => page.locator('.qra-table .el-table__body tr.el-table__row .qra-action-tag').allInnerTexts()
      await rowsAre(list.items)
      assert.deepEqual(await tableActions(), list.items.map((r) => r.action_label))
      if (list.run.synthetic_weather) await page.locator('.page-header .qra-weather-tag', { hasText: '合成气象数据，仅供演示' }).waitFor()
      assert.match(await page.locator('.qra-run').innerText(), new RegExp(escape(list.run.input_digest.slice(0, 12))))

      // With the enterprises without exceedances.
      await page.locator('.qra-include-all').click()
      await page.waitForURL((url) => url.searchParams.get('all') === 'true')
      await total(page, all.total)
      await rowsAre(all.items)
      assert.deepEqual(await tableActions(), all.items.map((r) => r.action_label))
      await shot(page, 'qra-list')

      // The first enterprise: its page has the QRA section of GET /enterprises/{id}/qra.
      const first = all.items[0]
      const detail = await api.province.get(`/enterprises/${first.enterprise_id}/qra`)
      assert.ok(detail.latest, 'the listed enterprise has a result')
      await page.locator('.qra-table a.qra-enterprise').first().click()
      await page.waitForURL((url) => url.pathname === `/enterprises/${first.enterprise_id}`)
      const section = page.locator('.enterprise-qra')
      await section.locator('.el-descriptions .qra-action-tag').waitFor()
      assert.equal(await section.locator('.el-descriptions .qra-action-tag').innerText(), detail.latest.action_label)
      const exceedanceRows = section.locator('.enterprise-qra__exceedances .el-table__body tr.el-table__row')
      assert.equal(await exceedanceRows.count(), detail.latest.exceedances.length)
      const classes = { highly_sensitive: '高敏感/重要/一般防护目标一类', high_density: '一般防护目标二类', low_density: '一般防护目标三类' }
      for (const [i, x] of detail.latest.exceedances.entries()) {
        const cells = await exceedanceRows.nth(i).locator('td').allInnerTexts()
        assert.ok(cells[0].includes(x.name), `exceedance ${i + 1}: ${cells[0]}`)
        assert.equal(cells[2], classes[x.criterion_class])
      }
      for (const reason of detail.latest.reasons) await section.getByText(reason, { exact: true }).first().waitFor()
      assert.equal(await section.locator('.enterprise-qra__history .el-table__body tr.el-table__row').count(), detail.history.length)
      await section.scrollIntoViewIfNeeded()
      await shot(page, 'qra-enterprise')

      // The map: the contours layer, off at first, draws one SVG path per level in its colour.
      await page.locator('.layout__nav').getByText('电子地图', { exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/map')
      await page.waitForFunction(() => document.querySelector('.leaflet-labels-pane')?.childElementCount > 0)
      const checkbox = page.locator('.qra-layer-contours')
      assert.equal(await checkbox.locator('input').isChecked(), false, 'the contours are off at first')
      assert.equal(await page.locator('path.qra-contour').count(), 0)
      await checkbox.click()
      await page.locator('.layer-row', { hasText: '个人风险等值线' }).getByText(`${count(contours.features.length)} 个等级`).waitFor()
      const paths = page.locator('.leaflet-qra-contours-pane svg path.qra-contour')
      assert.equal(await paths.count(), contours.features.length)
      // Close up on the highest level's first polygon (the contours are hundreds of metres across):
      // every path there is drawn with an area, in its level's colour.
      const highest = contours.features.reduce((a, b) => (b.properties.ir_per_yr > a.properties.ir_per_yr ? b : a))
      const ring = highest.geometry.coordinates[0][0]
      const bounds = [[Math.min(...ring.map((c) => c[1])), Math.min(...ring.map((c) => c[0]))], [Math.max(...ring.map((c) => c[1])), Math.max(...ring.map((c) => c[0]))]]
      await page.evaluate((b) => { document.querySelector('.map').leafletMap.fitBounds(b, { animate: false, maxZoom: 16, padding: [80, 80] }) }, bounds)
      await page.waitForFunction(() => {
        const box = document.querySelector('.leaflet-qra-contours-pane svg path.qra-contour--1e-5')?.getBoundingClientRect()
        return box && box.width > 4 && box.height > 4
      })
      assert.equal(await page.locator('path.qra-contour--1e-5').getAttribute('stroke'), '#d9001b')
      assert.deepEqual(await page.locator('.qra-legend-row').allInnerTexts(), ['1×10⁻⁵/年', '3×10⁻⁶/年', '1×10⁻⁶/年', '3×10⁻⁷/年'])
      await shot(page, 'qra-map')
    }))

  test('traceability: the closed loop finds the demo chain\'s injected anomalies; a lot\'s lineage shows its 2 drums', { timeout: 90_000 }, () =>
    scenario('trace', async (page) => {
      const { from, to, injected } = province.trace
      const loop = await api.province.get('/trace/closed-loop', { from, to })
      assert.deepEqual(loop.anomaly_counts, injected, 'the API finds every injected anomaly and no other')
      const kinds = Object.keys(injected)
      assert.equal(kinds.length, 8, `eight anomaly kinds injected: ${kinds}`)

      await logIn(page, province.users.province)
      await page.locator('.layout__nav').getByText('流向追溯', { exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/trace')
      // The period of the demo chain, typed into the two date pickers.
      for (const [picker, date] of [['.trace-from', from], ['.trace-to', to]]) {
        const input = page.locator(`${picker} input`)
        await input.fill(date)
        await input.press('Enter')
      }
      const asked = page.waitForResponse((r) => {
        const u = new URL(r.url())
        return u.pathname === '/api/v1/trace/closed-loop' && u.searchParams.get('from') === from && u.searchParams.get('to') === to
      })
      await page.locator('.trace-check').click()
      assert.equal((await asked).status(), 200)
      await page.locator('.trace-movements', { hasText: `期间流向事件 ${count(loop.movements)} 条` }).waitFor()
      // Each kind's button counts what was injected; the table lists the anomalies with the API's labels.
      for (const kind of kinds) {
        const text = await page.locator(`.trace-kinds .el-radio-button[data-kind="${kind}"] .count`).innerText()
        assert.equal(text, count(injected[kind]), `count of ${kind}`)
      }
      const total = Object.values(injected).reduce((a, b) => a + b, 0)
      assert.equal(await page.locator('.trace-kinds .el-radio-button').first().locator('.count').innerText(), count(total))
      const tags = await page.locator('.trace-anomalies .el-table__body tr.el-table__row .trace-kind-tag').allInnerTexts()
      assert.deepEqual(tags, loop.anomalies.slice(0, 20).map((a) => a.kind_zh))
      await page.locator('.trace-kinds .el-radio-button[data-kind="imbalance"]').click()
      await page.waitForFunction((n) => document.querySelectorAll('.trace-anomalies .el-table__body tr.el-table__row').length === n, injected.imbalance)
      assert.ok(await page.locator('.trace-balance .trace-balance--differs').count() > 0, 'the imbalance shows in the balance table')
      await shot(page, 'trace-closed-loop')

      // The province officer acknowledges the imbalance with a note: the work item the API then answers.
      const imbalance = loop.anomalies.find((a) => a.kind === 'imbalance')
      assert.equal(imbalance.status, 'open', 'a new anomaly is an open work item')
      const row = page.locator('.trace-anomalies .el-table__body tr.el-table__row').first()
      assert.equal(await row.locator('.trace-work-tag').innerText(), '待处理')
      await row.locator('.trace-handle').click()
      const dialog = page.locator('.trace-work-item')
      await dialog.locator('.trace-work-status .el-radio-button', { hasText: '已确认' }).click()
      await dialog.locator('.trace-work-note textarea').fill('已通知企业复盘')
      await dialog.locator('.trace-work-save').click()
      await row.locator('.trace-work-tag', { hasText: '已确认' }).waitFor()
      await row.locator('.trace-work-note-text', { hasText: '已通知企业复盘' }).waitFor()
      const after = (await api.province.get('/trace/closed-loop', { from, to })).anomalies.find((a) => a.key === imbalance.key)
      assert.deepEqual([after.status, after.note], ['acknowledged', '已通知企业复盘'])
      await shot(page, 'trace-work-item')

      // The lot of a shipment that was never received: its lineage has the two drums it was packed into.
      const lost = loop.anomalies.find((a) => a.kind === 'not_received')
      const n = /^urn:chemsafe:bt:desadv:DEMO-(\d+)$/.exec(lost.shipment)?.[1]
      assert.ok(n, `the demo shipment id: ${lost.shipment}`)
      const lot = `urn:chemsafe:class:lot:${lost.party}.${lost.chemical}.DEMO-L${n}`
      const lineage = await api.province.get('/trace/lineage', { id: lot })
      assert.equal(lineage.downstream.length, 2, `two drums downstream of ${lot}`)
      await page.locator('#tab-lineage').click()
      await page.locator('.trace-lineage-input input').fill(lot)
      await page.locator('.trace-lineage-go').click()
      await page.locator('.trace-root', { hasText: lot }).waitFor()
      assert.deepEqual(await page.locator('.trace-downstream .trace-id-link').allInnerTexts(), lineage.downstream)
      assert.deepEqual(await page.locator('.trace-edges .trace-relation').allInnerTexts(), lineage.edges.map(() => '装入'))
      assert.equal(await page.locator('.trace-timeline .el-table__body tr.el-table__row').count(), lineage.events.length)
      await shot(page, 'trace-lineage')

      // Its map: a marker per place the API gives coordinates for, the others listed under it.
      const placed = lineage.places.filter((p) => typeof p.lon === 'number' && typeof p.lat === 'number')
      assert.ok(placed.length >= 1, `places with coordinates: ${JSON.stringify(lineage.places)}`)
      const map = page.locator('.trace-lineage-map')
      await map.scrollIntoViewIfNeeded()
      await map.locator('.trace-place-marker').nth(placed.length - 1).waitFor()
      assert.equal(await map.locator('.trace-place-marker').count(), placed.length)
      for (const p of placed) await map.locator('.trace-place-name', { hasText: p.name }).first().waitFor()
      const unplaced = lineage.places.length - placed.length
      if (unplaced) assert.match(await page.locator('.trace-unplaced').innerText(), /^无坐标: /)
      else assert.equal(await page.locator('.trace-unplaced').count(), 0)
      await shot(page, 'trace-lineage-map')

      // A drum leads back up to the lot.
      await page.locator('.trace-downstream .trace-id-link').first().click()
      await page.locator('.trace-root', { hasText: lineage.downstream[0] }).waitFor()
      await page.locator('.trace-upstream .trace-id-link', { hasText: lot }).waitFor()

      // The EPCIS events of the lot, by MATCH_epcClass: the API's, in its order.
      const events = (await api.province.get('/trace/events', { MATCH_epcClass: lot, perPage: 50 })).epcisBody.queryResults.resultsBody.eventList
      assert.ok(events.length >= 3, `the lot's events: ${events.length}`)
      await page.locator('#tab-events').click()
      await page.locator('.trace-match-class input').fill(lot)
      await page.locator('.trace-events-query').click()
      await page.locator('.trace-events-shown', { hasText: `已显示 ${count(events.length)} 条` }).waitFor()
      assert.deepEqual(await page.locator('.trace-event-table .el-table__body tr.el-table__row td:nth-child(2)').allInnerTexts(), events.map((e) => e.type))
      await shot(page, 'trace-events')
    }))

  test('an enterprise user corrects their address; the city officer sees the change', { timeout: 90_000 }, async () => {
    const uscc = province.enterpriseUscc
    const [mine] = (await api.enterprise.get('/enterprises')).items
    assert.equal(mine.uscc, uscc, 'the enterprise user sees their own enterprise')
    const before = await api.enterprise.get(`/enterprises/${mine.id}`)
    const newAddress = `广东省深圳市浏览器测试路 ${Date.now() % 100000} 号`
    assert.notEqual(before.address, newAddress)
    assert.equal((await api.city.get('/changes')).total, 0, 'no change before the edit')

    await scenario('enterprise-edit', async (page) => {
      await logIn(page, province.users.enterprise)
      await page.locator('.layout__nav').getByText('企业', { exact: true }).click()
      await page.getByRole('link', { name: before.name }).click()
      await page.waitForURL((url) => url.pathname === `/enterprises/${mine.id}`)
      await page.getByText(before.address).waitFor()
      await page.getByRole('button', { name: '编辑' }).click()
      const dialog = page.getByRole('dialog')
      await dialog.waitFor()
      const name = dialog.locator('input[name="name"]')
      const address = dialog.locator('input[name="address"]')
      assert.equal(await name.inputValue(), before.name)
      assert.equal(await address.inputValue(), before.address)

      // An emptied name: the server refuses it and says why; the dialog stays with the message.
      await name.fill('')
      await dialog.getByRole('button', { name: '保存' }).click()
      const refusal = dialog.locator('.el-alert', { hasText: '保存失败' })
      await refusal.waitFor()
      assert.match(await refusal.innerText(), /name: 企业名称 is missing/)
      assert.match(await refusal.innerText(), /HTTP 状态: 400/)
      await shot(page, 'enterprise-edit-refused')
      assert.equal((await api.enterprise.get(`/enterprises/${mine.id}`)).name, before.name, 'a refused edit changes nothing')

      // The name back, a new address: saved, and the page shows the updated record.
      await name.fill(before.name)
      await address.fill(newAddress)
      await dialog.getByRole('button', { name: '保存' }).click()
      await dialog.waitFor({ state: 'hidden' })
      // The confirmation first: it leaves after 3 s.
      await page.getByText('已保存，修改已记入变更动态').waitFor()
      const addressCell = page.locator('.layout__main td.el-descriptions__label', { hasText: /^地址$/ }).locator('xpath=following-sibling::td[1]')
      await page.locator('.layout__main').getByText(newAddress).waitFor()
      assert.equal(await addressCell.innerText(), newAddress)
      await shot(page, 'enterprise-edited')
    })
    const afterEdit = await api.enterprise.get(`/enterprises/${mine.id}`)
    assert.equal(afterEdit.address, newAddress)
    assert.equal(afterEdit.name, before.name)

    const changes = await api.city.get('/changes')
    assert.equal(changes.total, 1, 'one change, the address')
    assert.deepEqual(
      { user: changes.items[0].user, role: changes.items[0].role, uscc: changes.items[0].uscc, fields: changes.items[0].fields },
      { user: province.users.enterprise, role: 'enterprise', uscc, fields: 'address' },
    )

    await scenario('changes', async (page) => {
      await logIn(page, province.users.city)
      await page.locator('.layout__nav').getByText('变更动态', { exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/changes')
      await total(page, 1)
      const row = page.locator('.changes-table .el-table__body tr.el-table__row')
      await row.first().waitFor()
      assert.equal(await row.count(), 1)
      const cells = await row.first().locator('td').allInnerTexts()
      assert.deepEqual(cells.map((c) => c.trim()), [
        shanghai(changes.items[0].at),
        province.users.enterprise,
        '企业',
        `${before.name}\n${uscc}`,
        '地址',
      ])
      await shot(page, 'changes')
    })
  })

  // Issue 7 acceptance (隐患排查治理): the closed loop across three sessions, each step through the page.
  test('hidden hazards: an officer reports one with a photo, the enterprise rectifies, the officer accepts and closes it', { timeout: 120_000 }, async () => {
    const uscc = province.enterpriseUscc
    const png = writePng(province.dir, 'hazard.png')
    const description = `储罐区可燃气体报警器失效（浏览器测试 ${Date.now() % 100000}）`
    // The plan's deadline: 30 days from today in Shanghai (it must fall after the date found).
    const deadline = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + 30 * 86_400_000))
    const drawerOf = (page) => page.locator('.inspect-drawer')
    const stateIs = (page, text) => drawerOf(page).locator('.inspect-drawer-state', { hasText: text }).waitFor()
    // Logs `user` in and opens the finding from the 隐患 list (the test province has no other findings: it is
    // on the first page); waits for the drawer to show it in `state`.
    async function openAs(page, user, state) {
      await logIn(page, user)
      await page.locator('.layout__nav').getByText('隐患排查治理', { exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/inspect')
      await page.locator('.inspect-findings-table .inspect-open', { hasText: description }).click()
      await stateIs(page, state)
    }
    async function submitStep(page, action, fill) {
      await drawerOf(page).locator(`.inspect-do-${action}`).click()
      const dialog = page.locator('.inspect-step')
      await dialog.waitFor()
      await fill(dialog)
      await dialog.locator('.inspect-step-submit').click()
      await dialog.waitFor({ state: 'hidden' })
    }
    // Closes the drawer (its overlay covers the header) and logs out through the header's button.
    async function closeAndLogOut(page) {
      await page.keyboard.press('Escape')
      await drawerOf(page).waitFor({ state: 'hidden' })
      await page.getByRole('button', { name: '退出登录' }).click()
      await page.waitForURL((url) => url.pathname === '/login')
    }
    let id
    await scenario('inspect-loop', async (page) => {
      // The city officer reports the finding on the enterprise, then attaches the photo in the same dialog.
      await logIn(page, province.users.city)
      await page.locator('.layout__nav').getByText('隐患排查治理', { exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/inspect')
      await page.locator('.inspect-report').click()
      const form = page.locator('.inspect-form')
      await form.locator('.inspect-f-uscc input').fill(uscc)
      await form.locator('.inspect-f-description textarea').fill(description)
      await form.locator('.inspect-f-location input').fill('液氯罐区')
      await form.locator('.inspect-f-basis input').fill('GB/T 50493-2019')
      const reported = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/findings' && r.request().method() === 'POST')
      await form.locator('.inspect-form-save').click()
      const answer = await reported
      assert.equal(answer.status(), 201, await answer.text())
      id = (await answer.json()).id
      await form.locator('.inspect-form-done', { hasText: `隐患 #${id} 已上报` }).waitFor()
      await form.locator('.inspect-report-photo').setInputFiles(png)
      await form.locator('.inspect-form-photos', { hasText: '已添加 1 张照片' }).waitFor()
      await shot(page, 'inspect-reported')
      await form.locator('.inspect-form-finish').click()
      await drawerOf(page).locator('.inspect-drawer__title', { hasText: `隐患 #${id}` }).waitFor()
      await stateIs(page, '待整改')
      // The thumbnail is the uploaded image, fetched with the session (48 × 48).
      const thumb = drawerOf(page).locator('.inspect-photo img')
      assert.equal(await thumb.evaluate((img) => img.decode().then(() => img.naturalWidth)), 48)
      await shot(page, 'inspect-finding')
      await closeAndLogOut(page)

      // The enterprise's user submits the plan and reports the rectification done.
      await openAs(page, province.users.enterprise, '待整改')
      await submitStep(page, 'plan', async (dialog) => {
        await dialog.locator('.inspect-plan-measure input').fill('更换可燃气体报警器并校验联锁（演示）')
        await dialog.locator('.inspect-plan-person input').fill('企业填报员')
        await dialog.locator('.inspect-plan-deadline input').fill(deadline)
      })
      await stateIs(page, '整改中')
      await submitStep(page, 'rectified', (dialog) => dialog.locator('.inspect-step-note textarea').fill('已更换并校验（演示）'))
      await stateIs(page, '待验收')
      await shot(page, 'inspect-rectified')
      await closeAndLogOut(page)

      // The officer accepts it (a second person) and closes it (销号).
      await openAs(page, province.users.city, '待验收')
      await submitStep(page, 'accept', async (dialog) => {
        await dialog.locator('.inspect-accept-outcome [data-outcome="passed"]').click()
        await dialog.locator('.inspect-step-note textarea').fill('现场复核符合要求')
      })
      await drawerOf(page).locator('.inspect-do-close').click()
      await stateIs(page, '已销号')
      assert.deepEqual(
        await drawerOf(page).locator('.inspect-timeline > li').evaluateAll((items) => items.map((li) => li.dataset.kind)),
        ['reported', 'plan', 'rectified', 'acceptance', 'closure'],
      )
      assert.equal(await drawerOf(page).locator('.inspect-actions').count(), 0, 'nothing is offered after closure')
      await page.locator('.inspect-findings-table tr.el-table__row', { hasText: description }).locator('.inspect-state', { hasText: '已销号' }).waitFor()
      await shot(page, 'inspect-closed')
    })
    const closed = await api.city.get(`/findings/${id}`)
    assert.equal(closed.state, 'closed')
    assert.equal(closed.report.enterprise_uscc, uscc)
    assert.equal(closed.report.found_by, province.users.city)
    assert.equal(closed.report.photo_ids.length, 1)
    assert.equal(closed.plan.submitted_by, province.users.enterprise)
    assert.equal(closed.plan.deadline, deadline)
    assert.equal(closed.rectification.by, province.users.enterprise)
    assert.deepEqual(closed.acceptances.map((a) => [a.by, a.outcome]), [[province.users.city, 'passed']])
    assert.equal(closed.closure.by, province.users.city)
    // The enterprise's user sees it closed as well.
    assert.equal((await api.enterprise.get(`/findings/${id}`)).state, 'closed')
  })

  test('the blacklist: a city officer lists an enterprise on /credit; a visitor without login sees it on /public/blacklist; the table flags it', { timeout: 90_000 }, async () => {
    // An enterprise of 深圳市 other than the enterprise user's, so the other scenarios see theirs unlisted.
    const candidates = await api.city.get('/enterprises', { division: '4403', page_size: 5 })
    const target = candidates.items.find((e) => e.uscc !== province.enterpriseUscc && !e.blacklisted)
    assert.ok(target, 'a 深圳市 enterprise to list')
    const reason = '瞒报较大生产安全事故（浏览器测试，演示）'
    await scenario('credit-listing', async (page) => {
      await logIn(page, province.users.city)
      await page.locator('.layout__nav').getByText('信用监管', { exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/credit')
      await page.locator('.credit-add-listing').click()
      const dialog = page.locator('.credit-step')
      await dialog.locator('.credit-l-uscc input').fill(target.uscc)
      await dialog.locator('.credit-l-reason textarea').fill(reason)
      await dialog.locator('.credit-l-basis input').fill('《安全生产严重失信主体名单管理办法》第六条')
      await dialog.locator('.credit-l-unit input').fill('深圳市应急管理局（演示）')
      await dialog.locator('.credit-l-no input').fill('深应急失信〔2026〕1号（演示）')
      const listed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/credit/listings' && r.request().method() === 'POST')
      await dialog.locator('.credit-step-submit').click()
      const answer = await listed
      assert.equal(answer.status(), 201, await answer.text())
      const row = page.locator('.credit-listings-table tr.el-table__row', { hasText: target.uscc })
      await row.locator('.credit-listing-state', { hasText: '管理期内' }).waitFor()
      await shot(page, 'credit-listed')
    })
    // The API's public list has it (asked without a cookie).
    const published = await (await fetch(`${server.url}/api/v1/public/blacklist`)).json()
    const item = published.items.find((i) => i.uscc === target.uscc)
    assert.ok(item, `the public list has ${target.uscc}`)
    assert.equal(item.enterprise_name, target.name)
    assert.equal(item.reason, reason)

    // A fresh context, no log-in: the public page shows its name and USCC.
    await scenario('public-blacklist', async (page) => {
      const loaded = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/public/blacklist')
      await page.goto('/public/blacklist')
      assert.equal((await loaded).status(), 200)
      assert.equal(new URL(page.url()).pathname, '/public/blacklist', 'no redirect to the log-in page')
      await page.locator('h1', { hasText: '安全生产严重失信主体名单' }).waitFor()
      const row = page.locator('.public-blacklist-table tr.el-table__row', { hasText: target.uscc })
      await row.locator('.public-blacklist-name', { hasText: target.name }).waitFor()
      assert.equal(await row.locator('.public-blacklist-uscc').innerText(), target.uscc)
      assert.ok((await row.innerText()).includes(reason))
      assert.equal(await page.locator('.app-header__user').count(), 0, 'nobody is logged in')
      await shot(page, 'public-blacklist')
    })

    // Logged in, the enterprise table flags it 失信; the API says blacklisted.
    assert.equal((await api.city.get(`/enterprises/${target.id}`)).blacklisted, true)
    await scenario('blacklist-flag', async (page) => {
      await logIn(page, province.users.city)
      await page.goto(`/enterprises?q=${target.uscc}`)
      const row = page.locator('.el-table__body tr.el-table__row', { hasText: target.name })
      await row.locator('.blacklist-tag', { hasText: '失信' }).waitFor()
      await shot(page, 'blacklist-flag')

      // The other tabs answer from the same server: the gaps of insurance cover and the inspection plan.
      const gaps = await api.city.get('/credit/insurance-gaps', { within: 30 })
      await page.goto('/credit')
      await page.locator('#tab-insurance').click()
      await page.locator('.credit-gaps h4', { hasText: `未投保 (${gaps.missing.length})` }).waitFor()
      assert.equal(await page.locator('.credit-insurance .error-state').count(), 0)
      await shot(page, 'credit-insurance')
      const plan = await api.city.get('/inspect/plan')
      await page.goto('/inspect')
      await page.locator('#tab-plan').click()
      await page.waitForFunction((n) => document.querySelectorAll('.inspect-plan-officer').length === n && !document.querySelector('.inspect-plan .error-state'), plan.officers.length)
      await shot(page, 'inspect-plan')
    })
  })

  // Issue 8 acceptance: a city officer files a quarterly report; the office sees it on time; a unit that did not
  // file shows as 逾期未报 after the due date; the situation notice downloads. The plan is the 2017 plan's
  // tasks and units with its reporting period moved to now (dates relative to today: reports are filed on the
  // server's today): the previous quarter and the current one, due on each quarter's last day (0 working days
  // after it), so the current quarter's report filed today is on time and the previous quarter's is overdue.
  test('a city files its quarterly report, the office supervises and downloads the notice', async () => {
    const plan = JSON.parse(readFileSync(join(cfg.dataDir, 'governance/guangdong-2017-plan.json'), 'utf8'))
    const today = new Date(new Date().toLocaleString('en-US', { timeZone: 'Asia/Shanghai' }))
    const quarterOf = (d) => ({ year: d.getFullYear(), q: Math.floor(d.getMonth() / 3) + 1 })
    const text = ({ year, q }) => `${year}Q${q}`
    const current = quarterOf(today)
    const previous = current.q === 1 ? { year: current.year - 1, q: 4 } : { year: current.year, q: current.q - 1 }
    const day = (offset) => new Date(today.getTime() + offset * 86_400_000).toLocaleDateString('en-CA')
    plan.code = `浏览器测试〔${current.year}〕1号`
    plan.title = '危险化学品安全综合治理实施方案（浏览器测试）'
    plan.issued = day(-200)
    plan.reporting = { ...plan.reporting, quarterly_report_working_days: 0, first_quarter: text(previous),
      last_quarter: text(current), liaison_due: day(-190), implementation_plan_due: day(-180), summary_due: day(120) }
    const loaded = await api.province.post('/governance/plans', { plan })
    const shown = await api.province.get(`/governance/plans/${loaded.id}`)
    const due = Object.fromEntries(shown.reporting.quarters.map((q) => [q.quarter, q.due]))

    await scenario('governance-file', async (page) => {
      await logIn(page, province.users.city)
      await page.locator('.layout__nav').getByText('方案督办', { exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/governance')
      await page.locator('#tab-mine').click()
      const row = page.locator('.governance-mine-table tr.el-table__row', { hasText: due[text(current)] })
      await row.locator('.governance-do-file').click()
      const dialog = page.locator('.governance-report-form')
      await dialog.locator('.governance-form-summary textarea').fill('本季度完成辖区危险化学品风险点摸排（浏览器测试）')
      await dialog.locator('.task-row').first().locator('.governance-task-text textarea').fill('已完成摸排建库')
      const filed = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/governance/plans/${loaded.id}/reports` && r.request().method() === 'POST')
      await dialog.locator('.governance-form-submit').click()
      const answer = await filed
      assert.equal(answer.status(), 201, await answer.text())
      assert.equal((await answer.json()).state, 'on_time')
      await row.locator('.el-tag', { hasText: '按时报送' }).waitFor()
      await page.locator('.governance-mine-table .el-loading-mask').waitFor({ state: 'hidden' })
      await shot(page, 'governance-filed')
    })

    // The office: the city's report on time; 广州市 has not filed the previous quarter, due on its last day.
    const status = await api.province.get(`/governance/plans/${loaded.id}/status`, { quarter: text(previous) })
    assert.equal(status.items.find((r) => r.unit === 'guangzhou').state, 'missing')
    await scenario('governance-supervise', async (page) => {
      await logIn(page, province.users.province)
      await page.goto('/governance')
      await page.locator('#tab-status').click()
      await page.locator('.governance-f-unit').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '深圳市人民政府' }).click()
      const sz = page.locator('.governance-status-table tr.el-table__row', { hasText: due[text(current)] })
      await sz.locator('.el-tag', { hasText: '按时报送' }).waitFor()
      await page.locator('.governance-f-unit').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '广州市人民政府' }).click()
      const gz = page.locator('.governance-status-table tr.el-table__row', { hasText: due[text(previous)] })
      await gz.locator('.el-tag', { hasText: '逾期未报' }).waitFor()
      await shot(page, 'governance-status')

      await page.locator('#tab-notice').click()
      await page.locator('.governance-notice-quarter').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: `${current.year}年第${'一二三四'[current.q - 1]}季度` }).click()
      const downloaded = page.waitForEvent('download')
      await page.locator('.governance-notice-pdf').click()
      const download = await downloaded
      const path = join(cfg.screenshots, 'governance-notice.pdf')
      await download.saveAs(path)
      assert.equal(readFileSync(path).subarray(0, 5).toString(), '%PDF-')
      await shot(page, 'governance-notice')
    })
  })
})

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
