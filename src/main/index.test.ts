import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ApiEvent } from '../shared/api'
import type { CoreOptions } from './core'
import type { mainWindowOptions } from './shell/main-window'

/**
 * The entry's wiring, against a fake Electron: each module under ./shell has its own tests; these
 * pin that index.ts connects them, in the order Electron needs.
 */

type Listener = (...args: unknown[]) => void

function emitter() {
  const listeners = new Map<string, Listener[]>()
  return {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener])
      return this
    },
    /** Emits Electron-style: a preventable event (plus `fields`) first; returns whether it was prevented. */
    emit(event: string, fields: object = {}, ...args: unknown[]) {
      let prevented = false
      const ev = { ...fields, preventDefault: () => (prevented = true) }
      for (const listener of listeners.get(event) ?? []) listener(ev, ...args)
      return prevented
    },
    count: (event: string) => listeners.get(event)?.length ?? 0,
  }
}

interface Options {
  lock?: boolean
  packaged?: boolean
  switches?: Record<string, string>
}

function makeElectron(options: Options) {
  let nextId = 1
  let resolveReady!: () => void
  const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve))
  const paths = new Map([['userData', '/home/u/.config/Brokerlens']])

  class FakeWebContents {
    readonly id = nextId++
    readonly mainFrame = { url: '', processId: 10, routingId: this.id }
    readonly events = emitter()
    readonly send = vi.fn()
    on(event: string, listener: Listener) {
      this.events.on(event, listener)
      return this
    }
    setWindowOpenHandler = vi.fn()
    isDestroyed = () => false
    getURL = () => this.mainFrame.url
  }

  class FakeBrowserWindow {
    static readonly instances: FakeBrowserWindow[] = []
    readonly webContents = new FakeWebContents()
    readonly events = emitter()
    readonly show = vi.fn()
    readonly focus = vi.fn()
    readonly restore = vi.fn()
    readonly loadURL = vi.fn(async (url: string) => {
      this.webContents.mainFrame.url = url
    })
    constructor(readonly options: ReturnType<typeof mainWindowOptions>) {
      FakeBrowserWindow.instances.push(this)
    }
    on(event: string, listener: Listener) {
      this.events.on(event, listener)
      return this
    }
    once(event: string, listener: Listener) {
      return this.on(event, listener)
    }
    isMinimized = () => false
    isDestroyed = () => false
  }

  const appEvents = emitter()
  const app = {
    commandLine: { getSwitchValue: vi.fn((name: string) => options.switches?.[name] ?? '') },
    isPackaged: options.packaged ?? false,
    setPath: vi.fn((name: string, value: string) => void paths.set(name, value)),
    getPath: vi.fn((name: string) => paths.get(name) ?? `/fake/${name}`),
    getVersion: () => '0.1.0',
    requestSingleInstanceLock: vi.fn(() => options.lock ?? true),
    setAppUserModelId: vi.fn(),
    enableSandbox: vi.fn(),
    whenReady: vi.fn(() => readyPromise),
    quit: vi.fn(),
    exit: vi.fn(),
    on: vi.fn((event: string, listener: Listener) => appEvents.on(event, listener)),
  }
  const session = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
  }
  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    dialog: { showErrorBox: vi.fn() },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (plain: string) => Buffer.from(plain),
      decryptString: (data: Buffer) => data.toString(),
    },
    session: { defaultSession: session },
    shell: { openExternal: vi.fn(async () => {}) },
  }
  return { module, appEvents, windows: FakeBrowserWindow.instances, resolveReady }
}

function makeCore() {
  let listener: ((event: ApiEvent, clientId: string | null) => void) | undefined
  return {
    handlers: {},
    invoke: vi.fn(async (method: string, input: unknown) => ({ method, input })),
    onEvent: vi.fn((l: (event: ApiEvent, clientId: string | null) => void) => {
      listener = l
      return () => {}
    }),
    releaseClient: vi.fn(),
    close: vi.fn(async () => {}),
    emit: (event: ApiEvent) => listener?.(event, null),
  }
}

const h = vi.hoisted(() => ({
  electron: undefined as unknown as Record<string, unknown>,
  createCore: undefined as unknown as (options: CoreOptions) => unknown,
}))
// Getters: a mock factory's result is cached for the whole file, but every test needs a fresh fake.
vi.mock('electron', () => {
  const names = [
    'app',
    'BrowserWindow',
    'dialog',
    'ipcMain',
    'Menu',
    'protocol',
    'safeStorage',
    'session',
    'shell',
  ]
  return Object.defineProperties(
    {},
    Object.fromEntries(names.map((name) => [name, { enumerable: true, get: () => h.electron[name] }])),
  )
})
vi.mock('./core', () => ({ createCore: (options: CoreOptions) => h.createCore(options) }))

/** Loads a fresh copy of the entry against a fresh fake Electron. */
async function start(options: Options = {}, coreError?: Error) {
  const electron = makeElectron(options)
  const core = makeCore()
  const createCore = vi.fn((_options: CoreOptions) => {
    if (coreError) throw coreError
    return core
  })
  h.electron = electron.module
  h.createCore = createCore
  vi.resetModules()
  await import('./index')
  const ready = async () => {
    electron.resolveReady()
    await vi.waitFor(() =>
      expect(electron.windows.length + electron.module.dialog.showErrorBox.mock.calls.length).toBe(1),
    )
  }
  return { ...electron, core, createCore, ready }
}

afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

describe('Electron entry', () => {
  it('registers app:// as a privileged standard, secure scheme and sandboxes all renderers before ready', async () => {
    const { module } = await start()
    expect(module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ])
    expect(module.app.enableSandbox).toHaveBeenCalledTimes(1)
    expect(module.protocol.handle).not.toHaveBeenCalled()
  })

  it('quits a second instance without opening a core or a window', async () => {
    const { module, windows, createCore, resolveReady } = await start({ lock: false })
    expect(module.app.quit).toHaveBeenCalledTimes(1)
    resolveReady()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(createCore).not.toHaveBeenCalled()
    expect(windows).toHaveLength(0)
    expect(module.ipcMain.handle).not.toHaveBeenCalled()
  })

  it('applies --user-data-dir before taking the single-instance lock, and gives it to the core', async () => {
    const { module, createCore, ready } = await start({
      switches: { 'user-data-dir': '/tmp/brokerlens-e2e' },
    })
    expect(module.app.setPath).toHaveBeenCalledWith('userData', '/tmp/brokerlens-e2e')
    expect(module.app.setPath.mock.invocationCallOrder[0]).toBeLessThan(
      module.app.requestSingleInstanceLock.mock.invocationCallOrder[0] ?? 0,
    )
    await ready()
    expect(createCore.mock.calls[0]?.[0].dataDir).toBe('/tmp/brokerlens-e2e')
  })

  it('creates the core with the user-data folder, the safeStorage cipher, host and version', async () => {
    const { module, createCore, ready } = await start()
    await ready()
    expect(module.app.setPath).not.toHaveBeenCalled()
    expect(createCore).toHaveBeenCalledTimes(1)
    const options = createCore.mock.calls[0]?.[0]
    expect(options).toMatchObject({
      dataDir: '/home/u/.config/Brokerlens',
      host: 'electron',
      version: '0.1.0',
    })
    expect(options?.secrets.kind).toBe('safeStorage')
  })

  it('opens one hardened window on app://brokerlens with the built preload', async () => {
    const { windows, ready } = await start()
    await ready()
    const [win] = windows
    expect(win?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      preload: expect.stringMatching(/[/\\]preload[/\\]index\.cjs$/),
    })
    expect(win?.loadURL).toHaveBeenCalledExactlyOnceWith('app://brokerlens/index.html')
  })

  it('guards the window against navigation', async () => {
    const { windows, ready } = await start()
    await ready()
    const contents = windows[0]!.webContents
    expect(contents.events.emit('will-navigate', { url: 'https://evil.example/' })).toBe(true)
    expect(contents.events.emit('will-navigate', { url: 'app://brokerlens/index.html' })).toBe(false)
    expect(contents.events.emit('will-attach-webview')).toBe(true)
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1)
    const openHandler = contents.setWindowOpenHandler.mock.calls[0]?.[0] as (details: {
      url: string
    }) => unknown
    expect(openHandler({ url: 'https://mqtt.org/' })).toEqual({ action: 'deny' })
  })

  it('serves the renderer folder over app:// and refuses traversal', async () => {
    const { module, ready } = await start()
    await ready()
    expect(module.protocol.handle).toHaveBeenCalledExactlyOnceWith('app', expect.any(Function))
    const handler = module.protocol.handle.mock.calls[0]?.[1] as (request: Request) => Promise<Response>
    expect((await handler(new Request('app://brokerlens/..%2f..%2fpackage.json'))).status).toBe(403)
  })

  it('hardens the default session and sets the application menu', async () => {
    const { module, ready } = await start()
    await ready()
    const session = module.session.defaultSession
    expect(session.setPermissionRequestHandler).toHaveBeenCalledTimes(1)
    expect(session.setPermissionCheckHandler).toHaveBeenCalledTimes(1)
    expect(session.webRequest.onHeadersReceived).toHaveBeenCalledTimes(1)
    const callback = vi.fn()
    const listener = session.webRequest.onHeadersReceived.mock.calls[0]?.[0] as Listener
    listener({ url: 'app://brokerlens/', responseHeaders: {} }, callback)
    const csp = callback.mock.calls[0]?.[0].responseHeaders['Content-Security-Policy'][0] as string
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-eval')
    expect(module.Menu.setApplicationMenu).toHaveBeenCalledTimes(1)
  })

  it('binds IPC: our window reaches the core, another webContents does not', async () => {
    const { module, windows, core, ready } = await start()
    await ready()
    expect(module.ipcMain.handle).toHaveBeenCalledExactlyOnceWith('brokerlens:invoke', expect.any(Function))
    const handler = module.ipcMain.handle.mock.calls[0]?.[1] as (
      event: unknown,
      ...args: unknown[]
    ) => Promise<unknown>
    const contents = windows[0]!.webContents
    const ours = { sender: contents, senderFrame: contents.mainFrame }
    await expect(handler(ours, 'getAppInfo', undefined)).resolves.toEqual({
      ok: true,
      result: { method: 'getAppInfo', input: undefined },
    })
    const stranger = { sender: { id: 999 }, senderFrame: { ...contents.mainFrame } }
    await expect(handler(stranger, 'getAppInfo', undefined)).rejects.toThrow(/IPC refused/)
    expect(core.invoke).toHaveBeenCalledTimes(1)
  })

  it('forwards core events to the window', async () => {
    const { windows, core, ready } = await start()
    await ready()
    core.emit({ type: 'profiles.changed' })
    expect(windows[0]?.webContents.send).toHaveBeenCalledExactlyOnceWith('brokerlens:event', {
      type: 'profiles.changed',
    })
  })

  it('brings the window forward when a second instance starts', async () => {
    const { appEvents, windows, ready } = await start()
    await ready()
    appEvents.emit('second-instance', {}, ['brokerlens'], '/')
    expect(windows[0]?.focus).toHaveBeenCalledTimes(1)
  })

  it('closes the core once on quit, then quits', async () => {
    const { module, appEvents, core, ready } = await start()
    await ready()
    expect(appEvents.emit('before-quit')).toBe(true)
    expect(core.close).toHaveBeenCalledTimes(1)
    await vi.waitFor(() => expect(module.app.quit).toHaveBeenCalledTimes(1))
    expect(appEvents.emit('before-quit')).toBe(false)
    expect(core.close).toHaveBeenCalledTimes(1)
  })

  it('quits when the last window closes (outside macOS)', async () => {
    const { module, appEvents, ready } = await start()
    await ready()
    appEvents.emit('window-all-closed')
    expect(module.app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1)
  })

  it('loads the dev server when unpackaged and ignores it when packaged', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173/')
    const dev = await start({ packaged: false })
    await dev.ready()
    expect(dev.windows[0]?.loadURL).toHaveBeenCalledExactlyOnceWith('http://localhost:5173/')

    const packaged = await start({ packaged: true })
    await packaged.ready()
    expect(packaged.windows[0]?.loadURL).toHaveBeenCalledExactlyOnceWith('app://brokerlens/index.html')
  })

  it('shows an error and exits when the core cannot start', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const { module, windows, ready } = await start(
      {},
      new Error('cannot open /home/u/.config/Brokerlens/brokerlens.db'),
    )
    await ready()
    expect(module.dialog.showErrorBox).toHaveBeenCalledWith(
      'Brokerlens could not start',
      expect.stringContaining('cannot open'),
    )
    expect(module.app.exit).toHaveBeenCalledWith(1)
    expect(windows).toHaveLength(0)
    expect(module.ipcMain.handle).not.toHaveBeenCalled()
  })
})
