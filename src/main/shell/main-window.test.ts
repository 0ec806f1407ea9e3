import type { BrowserWindowConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { createOriginPolicy } from './app-origin'
import { createMainWindow, type ShellWindow } from './main-window'
import type { GuardableContents } from './navigation-guard'

type Listener = (event: { url?: string; preventDefault(): void }) => void

/** A window whose webContents records its listeners so the test can emit Electron's events. */
function fakeWindow() {
  const listeners = new Map<string, Listener[]>()
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined
  const webContents = {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener])
      return webContents
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
      openHandler = handler
    },
  } as GuardableContents
  let readyToShow: (() => void) | undefined
  const win = {
    webContents,
    once: (_event: 'ready-to-show', listener: () => void) => void (readyToShow = listener),
    show: vi.fn(),
    loadURL: vi.fn(async (_url: string) => {}),
  } satisfies ShellWindow

  /** Emits `event` to every listener; returns whether one of them prevented it. */
  const emit = (event: string, url?: string) => {
    let prevented = false
    for (const listener of listeners.get(event) ?? [])
      listener({ url, preventDefault: () => (prevented = true) })
    return prevented
  }
  return {
    win,
    emit,
    listenerCount: (event: string) => listeners.get(event)?.length ?? 0,
    open: (url: string) => {
      if (!openHandler) throw new Error('no window open handler')
      return openHandler({ url })
    },
    readyToShow: () => readyToShow?.(),
  }
}

function setup(devServerUrl?: string) {
  const fake = fakeWindow()
  const created: BrowserWindowConstructorOptions[] = []
  const openExternal = vi.fn(async (_url: string) => {})
  const log = vi.fn()
  const win = createMainWindow({
    createWindow: (options) => {
      created.push(options)
      return fake.win
    },
    preloadPath: '/app/out/preload/index.cjs',
    origins: createOriginPolicy(devServerUrl),
    openExternal,
    log,
  })
  expect(win).toBe(fake.win)
  expect(created).toHaveLength(1)
  return { ...fake, options: created[0] as BrowserWindowConstructorOptions, openExternal, log }
}

describe('createMainWindow', () => {
  it('isolates the renderer: sandbox, context isolation, no Node, no webview, the built preload', () => {
    const { options } = setup()
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    })
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures')
    expect(options.webPreferences).not.toHaveProperty('experimentalFeatures')
  })

  it('loads the app origin, never file://, and shows the window once it is ready', () => {
    const { win, readyToShow } = setup()
    expect(win.loadURL).toHaveBeenCalledExactlyOnceWith('app://brokerlens/index.html')
    expect(win.show).not.toHaveBeenCalled()
    readyToShow()
    expect(win.show).toHaveBeenCalledTimes(1)
  })

  it('loads the dev server when the policy has one', () => {
    const { win } = setup('http://localhost:5173/')
    expect(win.loadURL).toHaveBeenCalledExactlyOnceWith('http://localhost:5173/')
  })

  it('prevents navigation and redirects to foreign origins, in the main frame and in subframes', () => {
    const { emit } = setup()
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      for (const url of [
        'https://evil.example/',
        'file:///etc/passwd',
        'app://other/index.html',
        'http://localhost:5173/',
      ]) {
        expect(emit(event, url), `${event} ${url}`).toBe(true)
      }
    }
  })

  it('allows navigation within the app origin', () => {
    const { emit } = setup()
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(emit(event, 'app://brokerlens/index.html'), event).toBe(false)
    }
  })

  it('allows the dev server origin only in development', () => {
    expect(setup('http://localhost:5173/').emit('will-navigate', 'http://localhost:5173/index.html')).toBe(
      false,
    )
    expect(setup().emit('will-navigate', 'http://localhost:5173/index.html')).toBe(true)
  })

  it('denies every window.open and hands only http(s) links to the system browser', () => {
    const { open, openExternal } = setup()
    expect(open('https://mqtt.org/')).toEqual({ action: 'deny' })
    expect(open('http://localhost:15672/')).toEqual({ action: 'deny' })
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'app://brokerlens/index.html',
      'ms-settings:',
    ]) {
      expect(open(url), url).toEqual({ action: 'deny' })
    }
    expect(openExternal.mock.calls).toEqual([['https://mqtt.org/'], ['http://localhost:15672/']])
  })

  it('prevents <webview> from attaching', () => {
    const { emit, listenerCount } = setup()
    expect(listenerCount('will-attach-webview')).toBe(1)
    expect(emit('will-attach-webview')).toBe(true)
  })

  it('still shows the window when the start page cannot load', async () => {
    const fake = fakeWindow()
    fake.win.loadURL.mockRejectedValueOnce(new Error('ERR_FILE_NOT_FOUND'))
    const log = vi.fn()
    createMainWindow({
      createWindow: () => fake.win,
      preloadPath: '/p.cjs',
      origins: createOriginPolicy(),
      openExternal: async () => {},
      log,
    })
    await vi.waitFor(() => expect(fake.win.show).toHaveBeenCalled())
    expect(log).toHaveBeenCalledWith(expect.stringContaining('ERR_FILE_NOT_FOUND'))
  })
})
