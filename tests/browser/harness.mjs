// The set-up of the browser tests: configuration from the environment (set by tests/browser/CMakeLists.txt),
// a demo province in a temp directory, `chemsafe serve` on a free loopback port, a small API client for
// the expected values, and headless Chromium through playwright-core.
//
// Everything here fails loudly: a missing web/dist, chromium or playwright-core is an error, never a skip.
import { spawn, execFile } from 'node:child_process'
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { deflateSync } from 'node:zlib'

const run = promisify(execFile)
const REPO = resolve(dirname(new URL(import.meta.url).pathname), '..', '..')

export const VIEWPORT = Object.freeze({ width: 1366, height: 768 })
// One password for every test account: 8+ characters of 3 classes, as `chemsafe user add` asks.
export const PASSWORD = 'Browser#Test2017'

function fail(message) {
  throw new Error(`browser tests: ${message}`)
}

// The configuration, checked up front so that a missing piece says what to do about it.
export function config() {
  const binary = process.env.CHEMSAFE_BINARY || join(REPO, 'build/release/apps/chemsafe/chemsafe')
  const webDist = process.env.CHEMSAFE_WEB_DIST || join(REPO, 'web/dist')
  const chromium = process.env.CHEMSAFE_CHROMIUM || '/usr/bin/chromium'
  const screenshots = process.env.CHEMSAFE_SCREENSHOT_DIR || join(REPO, 'build/browser-screenshots')
  const dataDir = process.env.CHEMSAFE_DATA_DIR || join(REPO, 'data')
  try {
    accessSync(binary, constants.X_OK)
  } catch {
    fail(`the chemsafe binary ${binary} is missing or not executable (build the target chemsafe; CHEMSAFE_BINARY names it)`)
  }
  if (!existsSync(join(webDist, 'index.html'))) {
    fail(`${join(webDist, 'index.html')} is missing: build the front end first (make web, or cd web && npm ci && npm run build)`)
  }
  try {
    accessSync(chromium, constants.X_OK)
  } catch {
    fail(`Chromium is not at ${chromium} (apt-get install chromium, or name it in CHEMSAFE_CHROMIUM)`)
  }
  let playwright
  const webDir = dirname(webDist)
  try {
    playwright = createRequire(join(webDir, 'package.json'))('playwright-core')
  } catch (e) {
    fail(`playwright-core cannot be loaded from ${join(webDir, 'node_modules')} (cd web && npm ci): ${e.message}`)
  }
  // The folder holds this run's screenshots only: no stale FAILED-*.png from an earlier run.
  mkdirSync(screenshots, { recursive: true })
  for (const name of readdirSync(screenshots)) if (name.endsWith('.png')) rmSync(join(screenshots, name))
  return { binary, webDist, chromium, screenshots, dataDir, playwright }
}

// Runs a chemsafe subcommand to completion; its output is returned, a failure throws with it.
async function chemsafe(cfg, args) {
  try {
    const { stdout } = await run(cfg.binary, args, {
      env: { ...process.env, CHEMSAFE_DATA_DIR: cfg.dataDir },
      maxBuffer: 64 * 1024 * 1024,
    })
    return stdout
  } catch (e) {
    fail(`chemsafe ${args.join(' ')} failed (${e.code}): ${e.stderr || e.message}`)
  }
}

/**
 * A synthetic province of 300 enterprises (seed 2017), assessed under GB 18218-2018 and by the province QRA
 * (`chemsafe qra province`), with a province
 * officer, a city officer of 深圳市 (4403) and the user of one enterprise in 深圳市, and a synthetic traceability
 * chain of 2,000 events (`chemsafe demo trace`, seed 7) with its injected anomalies.
 * @returns {{dir, db, users: {province, city, enterprise}, enterpriseUscc, trace: {from, to, injected}}}
 */
export async function makeProvince(cfg) {
  const dir = mkdtempSync(join(tmpdir(), 'chemsafe-browser-'))
  const remove = () => rmSync(dir, { recursive: true, force: true })
  try {
    return await fillProvince(cfg, dir, remove)
  } catch (e) {
    remove()
    throw e
  }
}

async function fillProvince(cfg, dir, remove) {
  const db = join(dir, 'chemsafe.db')
  await chemsafe(cfg, ['demo', 'generate', '--seed', '2017', '--enterprises', '300', '--db', db])
  await chemsafe(cfg, ['hazard', 'run', '--db', db])
  // The quantitative risk assessment of plan task T7 (a run stored in the database, on the synthetic demo
  // weather), for the 定量风险评价 page, the enterprise's QRA section and the map's contours.
  await chemsafe(cfg, ['qra', 'province', '--db', db, '-o', join(dir, 'qra')])
  // A synthetic traceability chain (plan tasks T3 and T35) with a known number of injected anomalies of each
  // kind, for the 流向追溯 page: {"from", "to", "injected": {kind: n}, …} as `chemsafe demo trace` prints it.
  const trace = JSON.parse(await chemsafe(cfg, ['demo', 'trace', '--db', db, '--events', '2000', '--seed', '7']))
  // The enterprise of the enterprise user: the first in 深圳市 by USCC, read from the registry's export.
  const exported = join(dir, 'enterprises.geojson')
  await chemsafe(cfg, ['export', 'enterprises', '--format', 'geojson', '-o', exported, '--db', db])
  const shenzhen = JSON.parse(readFileSync(exported, 'utf8'))
    .features.map((f) => f.properties)
    .filter((p) => String(p.division_code).startsWith('4403'))
    .sort((a, b) => a.uscc.localeCompare(b.uscc))
  if (!shenzhen.length) fail('the demo province has no enterprise in 深圳市 (4403)')
  const enterpriseUscc = shenzhen[0].uscc

  const pw = join(dir, 'password.txt')
  writeFileSync(pw, `${PASSWORD}\n`, { mode: 0o600 })
  const users = { province: 'browser-province', city: 'browser-shenzhen', enterprise: 'browser-enterprise' }
  await chemsafe(cfg, ['user', 'add', '--db', db, '--role', 'province', '--name', users.province, '--display-name', '省级测试员', '--password-file', pw])
  await chemsafe(cfg, ['user', 'add', '--db', db, '--role', 'city', '--division', '4403', '--name', users.city, '--display-name', '深圳市测试员', '--password-file', pw])
  await chemsafe(cfg, ['user', 'add', '--db', db, '--role', 'enterprise', '--enterprise', enterpriseUscc, '--name', users.enterprise, '--display-name', '企业填报员', '--password-file', pw])
  return { dir, db, users, enterpriseUscc, trace, remove }
}

/**
 * Starts `chemsafe serve` on a free loopback port (the kernel picks it: --listen 127.0.0.1:0) and
 * resolves once it prints the address it serves, the server's own readiness signal.
 * @returns {Promise<{url: string, log: () => string, stop: () => Promise<{code, signal}>}>}
 */
export function startServer(cfg, db, { readyTimeoutMs = 30_000 } = {}) {
  const child = spawn(cfg.binary, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web', cfg.webDist], {
    env: { ...process.env, CHEMSAFE_DATA_DIR: cfg.dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise((resolveExit) => child.on('exit', (code, signal) => resolveExit({ code, signal })))
  let stopping = null
  const server = {
    url: null,
    log: () => output,
    // SIGTERM, then the exit status (the server exits 0 on SIGTERM).
    stop() {
      if (!stopping) {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
        stopping = exited
      }
      return stopping
    },
  }
  return new Promise((resolveStart, rejectStart) => {
    const timer = setTimeout(() => {
      server.stop()
      rejectStart(new Error(`chemsafe serve did not say it was serving within ${readyTimeoutMs} ms:\n${output}`))
    }, readyTimeoutMs)
    const onData = (chunk) => {
      output += chunk
      const m = /serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)
      if (m && !server.url) {
        server.url = m[1]
        clearTimeout(timer)
        resolveStart(server)
      }
    }
    child.stdout.setEncoding('utf8').on('data', onData)
    child.stderr.setEncoding('utf8').on('data', onData)
    child.on('error', (e) => {
      clearTimeout(timer)
      rejectStart(e)
    })
    exited.then(({ code, signal }) => {
      if (server.url) return
      clearTimeout(timer)
      rejectStart(new Error(`chemsafe serve exited (${code ?? signal}) before serving:\n${output}`))
    })
  })
}

// A session of the JSON API, for the values the pages must show (the expected side of each check).
export class ApiClient {
  constructor(baseUrl) {
    this.base = `${baseUrl}/api/v1`
    this.cookie = ''
    this.csrf = ''
  }

  async login(username, password = PASSWORD) {
    const r = await fetch(`${this.base}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    })
    if (r.status !== 200) fail(`API log-in of ${username}: HTTP ${r.status} ${await r.text()}`)
    const cookie = r.headers.getSetCookie().find((c) => c.startsWith('chemsafe_session='))
    if (!cookie) fail('API log-in answered no chemsafe_session cookie')
    this.cookie = cookie.split(';')[0]
    this.csrf = (await r.json()).csrf_token
    return this
  }

  // GET path?query -> parsed JSON; any status but 200 throws.
  async get(path, query = {}) {
    const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== '')).toString()
    const r = await fetch(`${this.base}${path}${qs ? `?${qs}` : ''}`, { headers: { Cookie: this.cookie } })
    if (r.status !== 200) fail(`GET ${path}?${qs}: HTTP ${r.status} ${await r.text()}`)
    return r.json()
  }

  // POST path with a JSON body -> parsed JSON; any status but `expected` (default 201) throws.
  async post(path, body, expected = 201) {
    const r = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { Cookie: this.cookie, 'Content-Type': 'application/json', 'X-CSRF-Token': this.csrf },
      body: JSON.stringify(body),
    })
    if (r.status !== expected) fail(`POST ${path}: HTTP ${r.status} ${await r.text()}`)
    return r.json()
  }
}

// Headless Chromium as the brief sets it: Debian's build, no sandbox (containers), no GPU, no
// background network.
export function launchChromium(cfg) {
  return cfg.playwright.chromium.launch({
    executablePath: cfg.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}

/**
 * A fresh browser context (own cookies) at 1366×768 in Chinese and Asia/Shanghai, with reduced motion
 * (charts drawn without their entry animation). Uncaught page errors are collected in `errors`.
 */
export async function newPage(browser, baseURL) {
  const context = await browser.newContext({
    baseURL,
    viewport: VIEWPORT,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    reducedMotion: 'reduce',
  })
  context.setDefaultTimeout(15_000)
  const page = await context.newPage()
  const errors = []
  page.on('pageerror', (e) => errors.push(e))
  return { context, page, errors }
}

// CRC-32 of PNG chunks (ISO 3309, as in the PNG specification's sample code).
function crc32(bytes) {
  let c = 0xffffffff
  for (const b of bytes) {
    c ^= b
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  }
  return (c ^ 0xffffffff) >>> 0
}

/**
 * Writes a valid PNG of one colour (8-bit RGB, `size`×`size`) to dir/name, for uploads of photos.
 * @returns {string} its path
 */
export function writePng(dir, name, { size = 48, rgb = [217, 0, 27] } = {}) {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const out = Buffer.alloc(body.length + 8)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc32(body), body.length + 4)
    return out
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8 bits, RGB, deflate, no filter method, no interlace
  const row = Buffer.from([0, ...Array.from({ length: size }, () => rgb).flat()]) // filter type 0 + pixels
  const pixels = Buffer.concat(Array.from({ length: size }, () => row))
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ])
  const path = join(dir, name)
  writeFileSync(path, png)
  return path
}
