// The state of a form dialog of the /credit tabs (issue 7; plan tasks T25–T27, T33): open, saving, the
// server's refusal; save() sends, closes on success and calls `done` (a reload), or keeps the dialog open
// with the error so that the message is shown where the user typed.
import { ref } from 'vue'
import { useAction } from '../../composables/useAction.js'

export function useFormDialog(submit, { done = () => {} } = {}) {
  const open = ref(false)
  const { running: saving, error, run, clear } = useAction(async () => {
    await submit()
    return true
  })

  function show() {
    clear()
    open.value = true
  }

  async function save() {
    if (await run()) {
      open.value = false
      done()
    }
  }

  return { open, saving, error, show, save }
}
