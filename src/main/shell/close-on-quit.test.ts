import { afterEach, describe, expect, it, vi } from 'vitest'
import { closeBeforeQuit, type QuittableApp } from './close-on-quit'

function fakeApp() {
  let beforeQuit: ((event: { preventDefault(): void }) => void) | undefined
  const app = {
    on: vi.fn((_event: 'before-quit', listener: (event: { preventDefault(): void }) => void) => {
      beforeQuit = listener
    }),
    quit: vi.fn(),
  } satisfies QuittableApp
  /** Emits before-quit; returns whether the quit was held back. */
  const requestQuit = () => {
    let prevented = false
    beforeQuit?.({ preventDefault: () => (prevented = true) })
    return prevented
  }
  return { app, requestQuit }
}

function deferred() {
  let resolve!: () => void
  let reject!: (err: unknown) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('closeBeforeQuit', () => {
  it('holds the quit until the core is closed, closes it once, then quits for real', async () => {
    const { app, requestQuit } = fakeApp()
    const closing = deferred()
    const close = vi.fn(() => closing.promise)
    closeBeforeQuit(app, close, () => {})

    expect(requestQuit()).toBe(true)
    expect(requestQuit()).toBe(true) // a second Cmd+Q while closing
    expect(close).toHaveBeenCalledTimes(1)
    await Promise.resolve()
    expect(app.quit).not.toHaveBeenCalled()

    closing.resolve()
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1))
    // The quit that app.quit() triggers goes through.
    expect(requestQuit()).toBe(false)
    expect(close).toHaveBeenCalledTimes(1)
  })

  it('quits even when closing the core fails, and logs why', async () => {
    const { app, requestQuit } = fakeApp()
    const log = vi.fn()
    closeBeforeQuit(app, () => Promise.reject(new Error('disk full')), log)
    requestQuit()
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1))
    expect(log).toHaveBeenCalledWith(expect.stringContaining('disk full'))
  })

  it('quits after the timeout when the core hangs', async () => {
    vi.useFakeTimers()
    const { app, requestQuit } = fakeApp()
    const log = vi.fn()
    closeBeforeQuit(app, () => new Promise<void>(() => {}), log, 1_000)
    requestQuit()
    await vi.advanceTimersByTimeAsync(999)
    expect(app.quit).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(app.quit).toHaveBeenCalledTimes(1)
    expect(log).toHaveBeenCalledWith(expect.stringContaining('did not close within 1000 ms'))
  })
})
