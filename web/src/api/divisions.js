// Administrative divisions (行政区划) as the server knows them: the city and county boundaries of
// GET /api/v1/map/boundaries. Each level is fetched once per page load and shared by the map and
// the division filters; a failed fetch is forgotten so that the next call retries.
import { markRaw } from 'vue'
import { mapApi } from './endpoints.js'

const cache = new Map() // level -> Promise<FeatureCollection>

export function loadBoundaries(level) {
  if (!cache.has(level)) {
    const p = mapApi.boundaries(level).then(
      (fc) => markRaw(fc),
      (e) => {
        cache.delete(level)
        throw e
      },
    )
    cache.set(level, p)
  }
  return cache.get(level)
}

// The list of divisions of a level: [{code, name}] ordered by code.
export async function loadDivisions(level) {
  const fc = await loadBoundaries(level)
  return divisionsOf(fc)
}

export function divisionsOf(featureCollection) {
  const out = []
  for (const f of featureCollection?.features ?? []) {
    const p = f?.properties
    if (p && p.code != null && p.name) out.push({ code: String(p.code), name: String(p.name) })
  }
  return out.sort((a, b) => a.code.localeCompare(b.code))
}

// The division filter is a code prefix ("4403" = 深圳市 and its districts). A code from the
// boundaries may be written in full (GB/T 2260: "440300" for the city); trailing "00" pairs are
// dropped so that the prefix matches the city's districts too: "440000" -> "44",
// "440300" -> "4403", "440305" -> "440305".
export function divisionPrefix(code) {
  let c = String(code ?? '').trim()
  while (c.length > 2 && c.endsWith('00')) c = c.slice(0, -2)
  return c
}

// Whether a county belongs to a city, comparing their prefixes.
export function isWithin(childCode, parentCode) {
  const parent = divisionPrefix(parentCode)
  const child = divisionPrefix(childCode)
  return child !== parent && child.startsWith(parent)
}
