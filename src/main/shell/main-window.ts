import type { BrowserWindowConstructorOptions } from 'electron'
import { APP_NAME } from '../../shared/app-meta'
import { guardNavigation, type GuardableContents, type NavigationGuardDeps } from './navigation-guard'

/** The slice of Electron's `BrowserWindow` this module touches (Electron's own type satisfies it). */
export interface ShellWindow {
  readonly webContents: GuardableContents
  once(event: 'ready-to-show', listener: () => void): unknown
  show(): void
  loadURL(url: string): Promise<void>
}

export interface MainWindowDeps<W extends ShellWindow> extends NavigationGuardDeps {
  /** `(options) => new BrowserWindow(options)` */
  createWindow: (options: BrowserWindowConstructorOptions) => W
  /** Absolute path of the built preload (out/preload/index.cjs). */
  preloadPath: string
}

/**
 * Everything the renderer may do is what the preload exposes: no Node, no Electron, a sandboxed
 * renderer process, isolated JS worlds, same-origin rules enforced. Each option is spelled out even
 * where it is Electron's default so that a future default change, or a careless edit, shows up
 * in review and in the tests.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: APP_NAME,
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    // Shown on 'ready-to-show' rather than as an empty white frame.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  }
}

export function createMainWindow<W extends ShellWindow>(deps: MainWindowDeps<W>): W {
  const win = deps.createWindow(mainWindowOptions(deps.preloadPath))
  guardNavigation(win.webContents, deps)
  win.once('ready-to-show', () => win.show())
  win.loadURL(deps.origins.startUrl).catch((err: unknown) => {
    deps.log(`[shell] could not load ${deps.origins.startUrl}: ${String(err)}`)
    // Show the (error) page anyway: a window that never appears looks like a hang.
    win.show()
  })
  return win
}
