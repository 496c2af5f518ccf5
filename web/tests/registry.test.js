import { describe, expect, it } from 'vitest'
import { unitKindLabel } from '../src/registry.js'

describe('unitKindLabel', () => {
  const messages = { 'unitKind.storage': '储存单元' }
  const t = (key) => messages[key]
  const te = (key) => key in messages
  it('labels a known kind through i18n', () => {
    expect(unitKindLabel(t, te, 'storage')).toBe('储存单元')
  })
  it('shows an unknown kind as it is, and a missing one as a dash', () => {
    expect(unitKindLabel(t, te, 'reactor')).toBe('reactor')
    expect(unitKindLabel(t, te, null)).not.toBe('null')
  })
})
