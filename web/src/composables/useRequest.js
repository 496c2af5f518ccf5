import { ref, shallowRef } from 'vue'

// Loading / error / data state of one kind of request. Only the latest call's outcome is kept, so a
// slow answer to an old filter never overwrites a newer one; aborted calls leave no error.
export function useRequest(fn) {
  const data = shallowRef(null)
  const error = shallowRef(null)
  const loading = ref(false)
  let seq = 0

  async function run(...args) {
    const mine = ++seq
    loading.value = true
    error.value = null
    try {
      const result = await fn(...args)
      if (mine === seq) data.value = result
      return result
    } catch (e) {
      if (mine === seq && !e?.aborted) error.value = e
      return undefined
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  return { data, error, loading, run }
}
