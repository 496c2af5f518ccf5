// The state of a form dialog of the /credit tabs (issue 7; plan tasks T25–T27, T33): open, saving, the
// server's refusal; save() sends, closes on success and calls `done` (a reload), or keeps the dialog open
// with the error so that the message is shown where the user typed.
import { ref, shallowRef } from 'vue'

export function useFormDialog(submit, { done = () => {} } = {}) {
  const open = ref(false)
  const saving = ref(false)
  const error = shallowRef(null)

  function show() {
    error.value = null
    open.value = true
  }

  async function save() {
    saving.value = true
    error.value = null
    try {
      await submit()
      open.value = false
      done()
    } catch (e) {
      error.value = e
    } finally {
      saving.value = false
    }
  }

  return { open, saving, error, show, save }
}
