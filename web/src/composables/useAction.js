// An action started from a dialog or a row (save, send, remind): `running` while it runs and the server's
// refusal in `error`, so that the message is shown where the user acted. run(...args) resolves to the
// action's result, or to undefined when it failed (the error is kept until the next run or clear()).
import { ref, shallowRef } from 'vue'

export function useAction(action) {
  const running = ref(false)
  const error = shallowRef(null)

  async function run(...args) {
    running.value = true
    error.value = null
    try {
      return await action(...args)
    } catch (e) {
      error.value = e
      return undefined
    } finally {
      running.value = false
    }
  }

  function clear() {
    error.value = null
  }

  return { running, error, run, clear }
}
