import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { baseCompile } from '@intlify/message-compiler'
import zhCN from '../src/i18n/zh-CN.js'
import en from '../src/i18n/en.js'
import { ROLES } from '../src/stores/scope.js'
import { IMPORT_KINDS, MAP_LAYERS } from '../src/api/endpoints.js'
import { ACTIVITIES, EDIT_FIELDS, SECTORS } from '../src/views/registry/enterpriseEdit.js'
import { ACTIONS, CRITERION_CLASSES } from '../src/qra.js'
import { QRA_MAP_LAYERS } from '../src/views/map/mapState.js'
import { ANOMALY_KINDS, BIZ_STEPS, FILING_COLUMNS, RELATIONS, WORK_STATUSES } from '../src/trace.js'

function flatten(obj, prefix = '') {
  const out = {}
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (v && typeof v === 'object') Object.assign(out, flatten(v, key))
    else out[key] = v
  }
  return out
}

const zh = flatten(zhCN)
const english = flatten(en)

function sourceFiles(dir) {
  const out = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p))
    else if (/\.(vue|js)$/.test(name) && !p.includes(`${join('src', 'i18n')}`)) out.push(p)
  }
  return out
}
const SRC = join(import.meta.dirname, '..', 'src')
const sources = sourceFiles(SRC).map((p) => ({ path: p, text: readFileSync(p, 'utf8') }))

describe('i18n completeness', () => {
  it('zh-CN and en have exactly the same keys', () => {
    const missingInEn = Object.keys(zh).filter((k) => !(k in english))
    const missingInZh = Object.keys(english).filter((k) => !(k in zh))
    expect(missingInEn).toEqual([])
    expect(missingInZh).toEqual([])
  })

  it('no message is empty', () => {
    for (const [locale, msgs] of [['zh-CN', zh], ['en', english]]) {
      const empty = Object.entries(msgs).filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k)
      expect(empty, locale).toEqual([])
    }
  })

  it('every message compiles (no stray {, }, @ or |)', () => {
    for (const [locale, msgs] of [['zh-CN', zh], ['en', english]]) {
      for (const [key, msg] of Object.entries(msgs)) {
        const errors = []
        baseCompile(msg, { onError: (e) => errors.push(e.message) })
        expect(errors, `${locale} ${key}`).toEqual([])
        expect(msg.includes('|'), `${locale} ${key}: "|" separates plural forms`).toBe(false)
      }
    }
  })

  it('both languages use the same placeholders in each message', () => {
    const names = (m) => [...m.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort()
    for (const key of Object.keys(zh)) expect(names(english[key] ?? ''), key).toEqual(names(zh[key]))
  })

  it('every literal key the code uses exists', () => {
    const used = new Set()
    const patterns = [
      /\b(?:t|te)\(\s*'([a-zA-Z][\w.]*)'/g, // t('a.b')
      /\b(?:t|te)\(\s*"([a-zA-Z][\w.]*)"/g,
      /\b(?:label|title):\s*'((?:nav|enterprise|unit|mhi|notFound)\.[\w.]+)'/g, // route meta, nav items
    ]
    for (const { text } of sources) for (const re of patterns) for (const m of text.matchAll(re)) used.add(m[1])
    expect(used.size).toBeGreaterThan(100)
    const missing = [...used].filter((k) => !(k in zh) || !(k in english))
    expect(missing).toEqual([])
  })

  it('every key built at run time exists', () => {
    const families = [
      ...[1, 2, 3, 4].map((g) => `grade.g${g}`),
      ...ROLES.map((r) => `role.${r}`),
      ...IMPORT_KINDS.map((k) => `imports.kinds.${k}`),
      ...['rows', 'inserted', 'updated', 'unchanged'].map((f) => `imports.count.${f}`),
      ...MAP_LAYERS.map((l) => `map.layer.${l}`),
      ...['valid', 'expiring', 'expired', 'unknown'].map((s) => `licence.${s}`),
      ...['filed', 'not_filed', 'expired', 'unknown'].map((s) => `filing.${s}`),
      'mhi.basisTable1', 'mhi.basisTable2',
      // Codes the server answers (src/chemsafe/api/platform.cc at the time of writing).
      ...['became_major_hazard', 'no_longer_major_hazard', 'grade_rose', 'grade_fell', 'assessment_failed'].map((k) => `changeKind.${k}`),
      ...[1, 2, 3, 4, 5].map((c) => `targetClass.${c}`),
      ...['principal', 'technical', 'operational'].map((r) => `personRole.${r}`),
      ...['solid', 'liquid', 'gas', 'liquefied_gas'].map((s) => `matterState.${s}`),
      ...['production', 'storage'].map((k) => `unitKind.${k}`),
      ...['design_maximum', 'actual'].map((b) => `quantityBasis.${b}`),
      ...['computed', 'declared', 'none'].map((s) => `exposedSource.${s}`),
      ...SECTORS.map((s) => `sector.${s}`),
      ...ACTIVITIES.map((a) => `activity.${a}`),
      ...EDIT_FIELDS.map((f) => `enterpriseEdit.field.${f}`),
      ...ACTIONS.map((a) => `qraAction.${a}`),
      ...CRITERION_CLASSES.map((c) => `qraClass.${c}`),
      ...QRA_MAP_LAYERS.map((l) => `map.qraLayer.${l}`),
      ...ANOMALY_KINDS.map((k) => `traceKind.${k}`),
      ...BIZ_STEPS.map((s) => `traceStep.${s}`),
      ...RELATIONS.map((r) => `traceRelation.${r}`),
      ...WORK_STATUSES.map((s) => `traceStatus.${s}`),
      ...FILING_COLUMNS.map((c) => `trace.csv.${c}`),
      ...['opening', 'produced', 'received', 'shipped', 'used', 'destroyed', 'closing'].map((c) => `trace.${c}Kg`),
      'scope.enterprise', 'scope.department', 'scope.label', 'scope.division', 'scope.province', 'scope.system',
    ]
    const missing = families.filter((k) => !(k in zh) || !(k in english))
    expect(missing).toEqual([])
  })

  it('the demo-data tag reads "演示数据 synthetic" in both languages', () => {
    expect(zh['common.synthetic']).toBe('演示数据 synthetic')
    expect(english['common.synthetic']).toBe('演示数据 synthetic')
  })
})
