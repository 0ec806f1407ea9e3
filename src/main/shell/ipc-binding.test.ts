import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../shared/api-error'
import type { ApiEvent } from '../../shared/api'
import type { IpcResponse } from '../../shared/ipc-channels'
import { createOriginPolicy } from './app-origin'
import { clientIdOf, forwardEvents, registerIpc, type EventSink, type InvokeRegistry } from './ipc-binding'
import {
  createSenderCheck,
  type InvokeSender,
  type SenderFrame,
  type TrustedContents,
} from './ipc-sender-check'

const APP_URL = 'app://brokerlens/index.html'

const frame = (url: string, extra: Partial<SenderFrame> = {}): SenderFrame => ({
  url,
  processId: 7,
  routingId: 1,
  ...extra,
})

/** Our window: webContents 3 whose main frame is (7, 1). */
const ourContents: TrustedContents = { id: 3, mainFrame: frame(APP_URL) }

function setup(
  options: { devServerUrl?: string; invoke?: (method: string, input: unknown) => Promise<unknown> } = {},
) {
  let listener: ((event: InvokeSender, ...args: unknown[]) => Promise<IpcResponse>) | undefined
  const registry: InvokeRegistry<InvokeSender> = {
    handle: vi.fn(
      (_channel: string, l: (event: InvokeSender, ...args: unknown[]) => Promise<IpcResponse>) => {
        listener = l
      },
    ),
    removeHandler: vi.fn(),
  }
  const core = { invoke: vi.fn(options.invoke ?? (async () => 'result')) }
  const log = vi.fn()
  const check = createSenderCheck(() => [ourContents], createOriginPolicy(options.devServerUrl))
  const unregister = registerIpc(registry, core, check, log)
  expect(registry.handle).toHaveBeenCalledWith('brokerlens:invoke', expect.any(Function))
  const call = (event: InvokeSender, method: unknown, input?: unknown) => {
    if (!listener) throw new Error('no handler registered')
    return listener(event, method, input)
  }
  return { call, core, log, registry, unregister }
}

const fromOurWindow = (url = APP_URL): InvokeSender => ({ sender: { id: 3 }, senderFrame: frame(url) })

describe('registerIpc: sender check', () => {
  it.each([
    ['a foreign URL in our main frame', { sender: { id: 3 }, senderFrame: frame('https://evil.example/') }],
    [
      'a file: URL in our main frame',
      { sender: { id: 3 }, senderFrame: frame('file:///out/renderer/index.html') },
    ],
    [
      'a subframe of our window on our origin',
      { sender: { id: 3 }, senderFrame: frame(APP_URL, { routingId: 2 }) },
    ],
    [
      'a top-level frame that is not our main frame',
      { sender: { id: 3 }, senderFrame: frame(APP_URL, { routingId: 9 }) },
    ],
    [
      'our main frame id in another renderer process',
      { sender: { id: 3 }, senderFrame: frame(APP_URL, { processId: 8 }) },
    ],
    ['another webContents on our origin', { sender: { id: 4 }, senderFrame: frame(APP_URL) }],
    ['a frame that is already gone', { sender: { id: 3 }, senderFrame: null }],
  ] satisfies Array<[string, InvokeSender]>)('refuses %s without calling the core', async (_name, event) => {
    const { call, core, log } = setup()
    await expect(call(event, 'getAppInfo', undefined)).rejects.toThrow(/IPC refused/)
    expect(core.invoke).not.toHaveBeenCalled()
    expect(log).toHaveBeenCalledWith(expect.stringContaining('refused IPC call getAppInfo'))
  })

  it('refuses the dev server origin in production and accepts it in development', async () => {
    const devUrl = 'http://localhost:5173/'
    await expect(setup().call(fromOurWindow(devUrl), 'getAppInfo')).rejects.toThrow(/IPC refused/)
    const dev = setup({ devServerUrl: devUrl })
    await expect(dev.call(fromOurWindow(devUrl), 'getAppInfo')).resolves.toEqual({
      ok: true,
      result: 'result',
    })
  })
})

describe('registerIpc: calls from our window', () => {
  it('reach core.invoke with method and input and come back wrapped', async () => {
    const { call, core } = setup({ invoke: async (method, input) => ({ method, input }) })
    const input = { id: 'p1' }
    await expect(call(fromOurWindow(), 'getProfile', input)).resolves.toEqual({
      ok: true,
      result: { method: 'getProfile', input },
    })
    // The window is the client: its tree views and their deltas are its own.
    expect(core.invoke).toHaveBeenCalledExactlyOnceWith('getProfile', input, 'window-3')
  })

  it('turn an ApiError into its payload, issues included', async () => {
    const issues = [{ path: 'config.host', message: 'Required' }]
    const { call } = setup({
      invoke: async () => {
        throw new ApiError('invalid_input', 'Invalid input to createProfile (config.host: Required)', issues)
      },
    })
    await expect(call(fromOurWindow(), 'createProfile', {})).resolves.toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Invalid input to createProfile (config.host: Required)',
        issues,
      },
    })
  })

  it('turn any other error into an internal error and log its stack', async () => {
    const { call, log } = setup({
      invoke: async () => {
        throw new TypeError('boom')
      },
    })
    await expect(call(fromOurWindow(), 'listProfiles')).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'boom' },
    })
    expect(log).toHaveBeenCalledWith(expect.stringContaining('TypeError: boom'))
  })

  it('answer a non-string method name without reaching the core', async () => {
    const { call, core } = setup()
    await expect(call(fromOurWindow(), { toString: 'x' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
    expect(core.invoke).not.toHaveBeenCalled()
  })

  it('can be unregistered', () => {
    const { registry, unregister } = setup()
    unregister()
    expect(registry.removeHandler).toHaveBeenCalledExactlyOnceWith('brokerlens:invoke')
  })
})

describe('forwardEvents', () => {
  it('sends each core event to every live window on our origin and stops when unsubscribed', () => {
    let emit: ((event: ApiEvent, clientId: string | null) => void) | undefined
    const unsubscribeCore = vi.fn()
    const core = {
      onEvent: (listener: (event: ApiEvent, clientId: string | null) => void) => {
        emit = listener
        return unsubscribeCore
      },
    }
    let nextId = 1
    const sink = (url: string, destroyed = false): EventSink => ({
      id: nextId++,
      isDestroyed: () => destroyed,
      getURL: () => url,
      send: vi.fn(),
    })
    const live = sink(APP_URL)
    const dead = sink(APP_URL, true)
    const foreign = sink('https://evil.example/')
    const unsubscribe = forwardEvents(core, () => [live, dead, foreign], createOriginPolicy())
    const other = sink(APP_URL)
    const event: ApiEvent = { type: 'profiles.changed' }
    emit?.(event, null)
    expect(live.send).toHaveBeenCalledExactlyOnceWith('brokerlens:event', event)
    expect(dead.send).not.toHaveBeenCalled()
    expect(foreign.send).not.toHaveBeenCalled()
    // An event for one window (a tree view's delta) reaches that window only.
    emit?.(event, clientIdOf(other.id))
    expect(live.send).toHaveBeenCalledTimes(1)
    expect(other.send).toHaveBeenCalledTimes(0) // not in the target list given to forwardEvents
    const unsubscribe2 = forwardEvents(core, () => [live, other], createOriginPolicy())
    emit?.(event, clientIdOf(other.id))
    expect(other.send).toHaveBeenCalledExactlyOnceWith('brokerlens:event', event)
    expect(live.send).toHaveBeenCalledTimes(1)
    unsubscribe2()
    unsubscribe()
    expect(unsubscribeCore).toHaveBeenCalledTimes(2)
  })
})
