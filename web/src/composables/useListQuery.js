import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'

// Filters, page and sort of a list page, kept in the URL query so that a list can be bookmarked,
// shared and returned to with the back button. `defaults` names every parameter with its default;
// page and page_size are numbers, the rest strings ("" = not set).
export function useListQuery(defaults) {
  const route = useRoute()
  const router = useRouter()

  // The state follows only this page's route: while the router leaves for another page, the old
  // state stays put (no request for the next page's query), and an unchanged query keeps the same
  // object (no reload).
  const ownName = route.name
  let last = parseQuery(route.query, defaults)
  const state = computed(() => {
    if (route.name !== ownName) return last
    const next = parseQuery(route.query, defaults)
    if (JSON.stringify(next) !== JSON.stringify(last)) last = next
    return last
  })

  function update(changes, { resetPage = true } = {}) {
    const next = { ...state.value, ...changes }
    if (resetPage && !('page' in changes)) next.page = 1
    router.replace({ query: toQuery(next, defaults) })
  }

  function reset() {
    router.replace({ query: {} })
  }

  return { state, update, reset }
}

export function parseQuery(query, defaults) {
  const out = {}
  for (const [key, def] of Object.entries(defaults)) {
    const raw = Array.isArray(query[key]) ? query[key][0] : query[key]
    if (typeof def === 'number') {
      const n = Number.parseInt(raw, 10)
      out[key] = Number.isFinite(n) && n > 0 ? n : def
    } else {
      out[key] = raw == null ? def : String(raw)
    }
  }
  return out
}

// Only values that differ from their defaults go into the URL.
export function toQuery(state, defaults) {
  const q = {}
  for (const [key, def] of Object.entries(defaults)) {
    const v = state[key]
    if (v === undefined || v === null || v === '' || v === def) continue
    q[key] = String(v)
  }
  return q
}
