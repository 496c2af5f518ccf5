// Quantitative risk assessment (定量风险评价, plan task T7): the codes the server answers and the way
// its numbers are shown. The server computes everything (chemsafe qra province); these only label,
// colour and format.
import { DASH } from './format.js'

// The proposed actions, most severe first, as the relocation list filters them (docs/api.md).
export const ACTIONS = Object.freeze(['close', 'relocate', 'convert', 'measures', 'keep'])

// Tag colours of the actions: red for closing, orange for relocating, purple for converting to
// another production, yellow for measures within a deadline, green for keeping.
export const ACTION_COLORS = Object.freeze({
  close: '#d9001b',
  relocate: '#ff7d00',
  convert: '#8e24aa',
  measures: '#f2c200',
  keep: '#2e7d32',
})

export function isAction(value) {
  return ACTIONS.includes(value)
}

// Background, border and text colour of an action's tag; grey for a code this client does not know.
export function actionTagStyle(action) {
  const color = ACTION_COLORS[action] ?? '#8c8c8c'
  return { backgroundColor: color, borderColor: color, color: action === 'measures' ? '#3d3000' : '#ffffff' }
}

// GB 36894-2018 Table 1: the individual-risk criterion classes of protected targets, as the server
// names them.
export const CRITERION_CLASSES = Object.freeze(['highly_sensitive', 'high_density', 'low_density'])

// The individual-risk levels of the contours (per year), highest first, with their colours: red at
// 1×10⁻⁵ through orange to yellow at 3×10⁻⁷ (GB 36894-2018 Table 1's limits for new and existing
// installations).
export const IR_LEVELS = Object.freeze([
  { ir: 1e-5, color: '#d9001b' },
  { ir: 3e-6, color: '#f25a00' },
  { ir: 1e-6, color: '#ff9900' },
  { ir: 3e-7, color: '#f2c200' },
])
export const BELOW_LEVELS_COLOR = '#8c8c8c'

// Relative tolerance when a value is compared with a level: the levels travel as decimal text
// ("3e-06"), so 3e-6 may come back as 2.9999999999999997e-6.
const LEVEL_TOLERANCE = 1e-9

// The colour of an individual risk: the colour of the highest level it reaches; grey below 3×10⁻⁷.
export function irColor(ir) {
  const x = Number(ir)
  if (ir === null || ir === undefined || ir === '' || !Number.isFinite(x)) return BELOW_LEVELS_COLOR
  for (const level of IR_LEVELS) if (x >= level.ir * (1 - LEVEL_TOLERANCE)) return level.color
  return BELOW_LEVELS_COLOR
}

const SUPERSCRIPT = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' }
const superscript = (n) => String(n).replace(/[-0-9]/g, (c) => SUPERSCRIPT[c])

// Scientific notation with superscript exponents and up to `digits` decimals, trailing zeros
// dropped: 3.4e-6 -> "3.4×10⁻⁶", 1e-5 -> "1×10⁻⁵", 0 -> "0".
export function formatSci(value, digits = 2) {
  if (value === null || value === undefined || value === '') return DASH
  const x = Number(value)
  if (!Number.isFinite(x)) return DASH
  if (x === 0) return '0'
  let exponent = Math.floor(Math.log10(Math.abs(x)))
  let mantissa = Number((x / 10 ** exponent).toFixed(digits))
  if (Math.abs(mantissa) >= 10) {
    // 9.996e-6 rounds to "10.00": write it as 1×10⁻⁵.
    exponent += 1
    mantissa = Number((x / 10 ** exponent).toFixed(digits))
  }
  return `${mantissa}×10${superscript(exponent)}`
}

// A ratio to a limit: "12.3×"; two decimals below 1, none from 100 on ("1,234×").
export function formatRatio(value) {
  if (value === null || value === undefined || value === '') return DASH
  const x = Number(value)
  if (!Number.isFinite(x)) return DASH
  if (x < 1) return `${x.toFixed(2)}×`
  if (Number(x.toFixed(1)) < 100) return `${x.toFixed(1)}×`
  return `${Math.round(x).toLocaleString('en-US')}×`
}

// The first characters of an input digest (SM3, 64 hex digits): enough to tell runs apart.
export function shortDigest(digest, length = 12) {
  if (!digest) return DASH
  return String(digest).slice(0, length)
}

// The batch of an action: 1–3; 0 (kept) and missing have none.
export function hasBatch(batch) {
  const b = Number(batch)
  return batch !== null && batch !== undefined && batch !== '' && Number.isInteger(b) && b >= 1
}

// The substance that dominates an exceedance: its declared name with its key ("液氯（7782-50-5）"), the
// key alone when it has no name.
export function substanceLabel(name, key) {
  if (!key && !name) return DASH
  if (!name || name === key) return String(key ?? name)
  return key ? `${name}（${key}）` : String(name)
}

// The F-N verdicts of GB 36894 as the API names them (docs/api.md).
export const FN_VERDICTS = Object.freeze(['intolerable', 'alarp', 'tolerable'])
export function isFnVerdict(value) {
  return FN_VERDICTS.includes(value)
}
