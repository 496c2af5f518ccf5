// The values the registry filters offer (sectors, activities). The API has no list of them of its
// own; the dashboard answers them with their labels (enterprises.by_sector / by_activity, limited
// to the caller's scope), so they are taken from there, once per page load.
import { dashboardApi } from './endpoints.js'

let pending = null

export function loadFacets() {
  if (!pending) {
    pending = dashboardApi.get().then(facetsOf, (e) => {
      pending = null
      throw e
    })
  }
  return pending
}

export function facetsOf(dashboard) {
  const pick = (list) =>
    (Array.isArray(list) ? list : [])
      .filter((x) => x && x.key != null)
      .map((x) => ({ key: String(x.key), label: x.label || String(x.key), count: x.count ?? null }))
  return {
    sectors: pick(dashboard?.enterprises?.by_sector),
    activities: pick(dashboard?.enterprises?.by_activity),
  }
}
