// What the header says about the caller's scope (数据范围), from the user record of /auth/me:
// an enterprise user sees its USCC, a department user its department, a regional user the
// dashboard's label of its division when known (else the code), the province role the province.
// Returns an i18n key and its parameters.
export function scopeOf(user, scopeLabel) {
  if (!user) return null
  if (user.enterprise_uscc) return { key: 'scope.enterprise', params: { uscc: user.enterprise_uscc } }
  if (user.department) return { key: 'scope.department', params: { name: user.department } }
  if (scopeLabel) return { key: 'scope.label', params: { label: scopeLabel } }
  if (user.division_code) return { key: 'scope.division', params: { code: user.division_code } }
  if (user.role === 'province') return { key: 'scope.province', params: {} }
  return { key: 'scope.system', params: {} }
}

export const ROLES = Object.freeze([
  'province', 'department', 'city', 'county', 'grid', 'enterprise', 'auditor', 'admin', 'security',
])
