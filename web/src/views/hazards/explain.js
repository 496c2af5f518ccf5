// The worked formulas of a grade, as text: S = Σq/Q = 0.5 + 1.2 = 1.700 and
// R = α·Σβq/Q = 2.0 × (2 × 0.5 + 1 × 1.2) = 4.40. Long sums are cut after `maxTerms` terms.
import { formatNumber } from '../../format.js'
import { ratioOf } from '../../hazard.js'

export function sumExpression(contributions, { maxTerms = 6 } = {}) {
  const terms = (contributions ?? []).map(ratioOf).filter((r) => r !== null)
  return joinTerms(terms.map((r) => formatNumber(r, 3)), maxTerms)
}

export function betaExpression(contributions, { maxTerms = 6 } = {}) {
  const terms = []
  for (const c of contributions ?? []) {
    const r = ratioOf(c)
    if (r === null) continue
    terms.push(`${formatNumber(c.beta ?? 1, 2)} × ${formatNumber(r, 3)}`)
  }
  return joinTerms(terms, maxTerms)
}

function joinTerms(terms, maxTerms) {
  if (terms.length === 0) return ''
  if (terms.length <= maxTerms) return terms.join(' + ')
  return `${terms.slice(0, maxTerms).join(' + ')} + … (${terms.length})`
}
