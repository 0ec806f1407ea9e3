import { describe, expect, it, vi } from 'vitest'
import { apiMethodNames, type Api, type ApiEvent } from '../shared/api'
import { ApiError } from '../shared/api-error'

type Handler = (...args: unknown[]) => void

/** Electron as the preload sees it: a contextBridge that records, an ipcRenderer with real listeners. */
const fake = vi.hoisted(() => {
  const listeners = new Map<string, Set<Handler>>()
  return {
    exposed: [] as Array<[string, unknown]>,
    listeners,
    ipcRenderer: {
      invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, result: null })),
      on: vi.fn((channel: string, listener: Handler) => {
        listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener))
      }),
      removeListener: vi.fn((channel: string, listener: Handler) => {
        listeners.get(channel)?.delete(listener)
      }),
    },
    /** What main's `webContents.send(channel, payload)` does: the IPC event object first. */
    send(channel: string, payload: unknown) {
      for (const listener of listeners.get(channel) ?? [])
        listener({ sender: 'the raw IpcRendererEvent' }, payload)
    },
  }
})

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.push([key, api]) },
  ipcRenderer: fake.ipcRenderer,
}))

// Importing the preload runs it against the fake Electron above.
await import('./index')

function exposedApi(): Api {
  expect(fake.exposed).toHaveLength(1)
  const [key, api] = fake.exposed[0] as [string, Api]
  expect(key).toBe('brokerlens')
  return api
}

describe('preload exposure', () => {
  it('exposes window.brokerlens with exactly the API methods and onEvent, all functions', () => {
    const api = exposedApi()
    expect(Object.keys(api).sort()).toEqual([...apiMethodNames, 'onEvent'].sort())
    for (const [name, value] of Object.entries(api)) expect(typeof value, name).toBe('function')
  })

  it('exposes nothing of Electron', () => {
    const api = exposedApi() as unknown as Record<string, unknown>
    for (const name of ['ipcRenderer', 'invoke', 'send', 'on', 'removeListener', 'sendSync', 'postMessage']) {
      expect(api, name).not.toHaveProperty(name)
    }
    expect(Object.values(api)).not.toContain(fake.ipcRenderer)
  })
})

describe('API methods', () => {
  it('each call goes over brokerlens:invoke with its own name and input and resolves the result', async () => {
    const api = exposedApi() as unknown as Record<string, (input?: unknown) => Promise<unknown>>
    for (const method of apiMethodNames) {
      fake.ipcRenderer.invoke.mockClear()
      fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, result: { from: method } })
      const input = { probe: method }
      await expect(api[method]?.(input), method).resolves.toEqual({ from: method })
      expect(fake.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith('brokerlens:invoke', method, input)
    }
  })

  it('rejects with the error payload as plain data, which the renderer turns into an ApiError', async () => {
    const api = exposedApi()
    const error = {
      code: 'invalid_input',
      message: 'Invalid input to getProfile (id: Required)',
      issues: [{ path: 'id', message: 'Required' }],
    }
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error })
    const rejection: unknown = await api.getProfile({ id: '' }).then(
      () => expect.fail('should reject'),
      (err: unknown) => err,
    )
    // A plain object: contextBridge would strip code and issues from an Error.
    expect(rejection).toEqual(error)
    expect(rejection).not.toBeInstanceOf(Error)
    const apiError = ApiError.fromPayload(rejection as typeof error & { code: 'invalid_input' })
    expect(apiError).toMatchObject({ code: 'invalid_input', issues: error.issues })
  })

  it('rejects an error without issues without inventing them', async () => {
    fake.ipcRenderer.invoke.mockResolvedValueOnce({
      ok: false,
      error: { code: 'not_found', message: 'No profile p9' },
    })
    await expect(exposedApi().getProfile({ id: 'p9' })).rejects.toStrictEqual({
      code: 'not_found',
      message: 'No profile p9',
    })
  })

  it('rejects a malformed response as an internal error', async () => {
    for (const response of [undefined, null, 'result', { ok: 'yes' }, { ok: false, error: 'nope' }]) {
      fake.ipcRenderer.invoke.mockResolvedValueOnce(response)
      await expect(exposedApi().listProfiles(), JSON.stringify(response)).rejects.toMatchObject({
        code: 'internal',
      })
    }
  })
})

describe('onEvent', () => {
  const event: ApiEvent = { type: 'profiles.changed' }

  it('delivers only the event payload, never the IPC event object, until unsubscribed', () => {
    const api = exposedApi()
    const listener = vi.fn()
    const unsubscribe = api.onEvent(listener)
    fake.send('brokerlens:event', event)
    expect(listener).toHaveBeenCalledExactlyOnceWith(event)
    unsubscribe()
    fake.send('brokerlens:event', event)
    expect(listener).toHaveBeenCalledTimes(1)
  })

  it('holds one IPC subscription for all listeners and drops it after the last one leaves', () => {
    const api = exposedApi()
    fake.ipcRenderer.on.mockClear()
    fake.ipcRenderer.removeListener.mockClear()
    const a = vi.fn()
    const b = vi.fn()
    const offA = api.onEvent(a)
    const offB = api.onEvent(b)
    expect(fake.ipcRenderer.on).toHaveBeenCalledTimes(1)
    expect(fake.ipcRenderer.on).toHaveBeenCalledWith('brokerlens:event', expect.any(Function))
    offA()
    offA() // idempotent
    expect(fake.ipcRenderer.removeListener).not.toHaveBeenCalled()
    fake.send('brokerlens:event', event)
    expect(a).not.toHaveBeenCalled()
    expect(b).toHaveBeenCalledTimes(1)
    offB()
    expect(fake.ipcRenderer.removeListener).toHaveBeenCalledTimes(1)
    expect(fake.listeners.get('brokerlens:event')?.size ?? 0).toBe(0)
  })

  it('keeps delivering to the others when one listener throws', () => {
    const api = exposedApi()
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const good = vi.fn()
    const offBad = api.onEvent(() => {
      throw new Error('listener bug')
    })
    const offGood = api.onEvent(good)
    fake.send('brokerlens:event', event)
    expect(good).toHaveBeenCalledExactlyOnceWith(event)
    expect(error).toHaveBeenCalled()
    offBad()
    offGood()
    error.mockRestore()
  })

  it('refuses a listener that is not a function', () => {
    const onEvent = exposedApi().onEvent as (listener: unknown) => () => void
    expect(() => onEvent('not a function')).toThrow(TypeError)
  })
})
