// The shared action state of dialogs (src/composables/useAction.js): running while it runs, the refusal kept
// in `error` with undefined as the result, cleared by the next run or clear().
import { describe, expect, it } from 'vitest'
import { useAction } from '../src/composables/useAction.js'

describe('useAction', () => {
  it('is running while the action runs and resolves to its result', async () => {
    let release
    const { running, error, run } = useAction((x) => new Promise((resolve) => { release = () => resolve(x * 2) }))
    const pending = run(21)
    expect(running.value).toBe(true)
    release()
    expect(await pending).toBe(42)
    expect(running.value).toBe(false)
    expect(error.value).toBe(null)
  })

  it('keeps a refusal and clears it on the next run or clear()', async () => {
    let fail = true
    const { error, run, clear } = useAction(async () => {
      if (fail) throw Object.assign(new Error('conflict'), { status: 409 })
      return 'ok'
    })
    expect(await run()).toBeUndefined()
    expect(error.value.status).toBe(409)
    clear()
    expect(error.value).toBe(null)
    await run()
    expect(error.value.status).toBe(409)
    fail = false
    expect(await run()).toBe('ok')
    expect(error.value).toBe(null)
  })
})
