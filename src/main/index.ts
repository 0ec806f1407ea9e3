/**
 * The Electron shell's entry: only wiring. Every decision lives in a small module under ./shell
 * with its own tests; this file connects them to Electron and the core, in the order Electron
 * requires (scheme privileges before `ready`, the user-data path before the single-instance lock,
 * the IPC handler before the window that uses it).
 */
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell } from 'electron'
import { APP_ID, APP_NAME, APP_PROTOCOL } from '../shared/app-meta'
import { createCore, type Core } from './core'
import { applicationMenuTemplate } from './shell/app-menu'
import { createOriginPolicy } from './shell/app-origin'
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './shell/app-protocol'
import { resolveBuildPaths } from './shell/build-paths'
import { closeBeforeQuit } from './shell/close-on-quit'
import { contentSecurityPolicy } from './shell/content-security-policy'
import { hardenSession } from './shell/harden-session'
import { clientIdOf, forwardEvents, registerIpc } from './shell/ipc-binding'
import { createSenderCheck } from './shell/ipc-sender-check'
import { createMainWindow } from './shell/main-window'
import { createSafeStorageCipher } from './shell/safe-storage-cipher'
import { acquireSingleInstanceLock, bringToFront } from './shell/single-instance'

const log = (message: string): void => console.error(message)

// Both must run before `ready`. The scheme's privileges are fixed when Chromium starts;
// enableSandbox sandboxes every renderer, not only the windows that ask for it.
protocol.registerSchemesAsPrivileged([{ scheme: APP_PROTOCOL, privileges: APP_SCHEME_PRIVILEGES }])
app.enableSandbox()

void main().catch((err: unknown) => fail(err))

async function main(): Promise<void> {
  // `--user-data-dir=<dir>` keeps everything (database, secrets, Chromium's caches) in <dir>:
  // portable installs and the e2e suite use it. Set before the lock, which is per user-data dir.
  const userDataDir = app.commandLine.getSwitchValue('user-data-dir')
  if (userDataDir) app.setPath('userData', userDataDir)

  const windows = new Set<BrowserWindow>()
  const liveWindows = () => [...windows].filter((win) => !win.isDestroyed())
  if (!acquireSingleInstanceLock(app, () => bringToFront(liveWindows()[0]))) return

  if (process.platform === 'win32') app.setAppUserModelId(APP_ID)
  await app.whenReady()

  // The dev server is honoured only in an unpackaged app: see createOriginPolicy.
  const origins = createOriginPolicy(app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'])
  const csp = contentSecurityPolicy(origins.devServerOrigin)
  const paths = resolveBuildPaths(dirname(fileURLToPath(import.meta.url)))

  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(process.platform)))
  hardenSession(session.defaultSession, csp, log)
  protocol.handle(APP_PROTOCOL, createAppProtocolHandler(paths.renderer, { contentSecurityPolicy: csp, log }))

  let core: Core
  try {
    core = createCore({
      dataDir: app.getPath('userData'),
      secrets: createSafeStorageCipher(safeStorage, { log }),
      host: 'electron',
      version: app.getVersion(),
      log,
    })
  } catch (err) {
    fail(err)
    return
  }
  closeBeforeQuit(app, () => core.close(), log)

  const trustedContents = () => liveWindows().map((win) => win.webContents)
  registerIpc(ipcMain, core, createSenderCheck(trustedContents, origins), log)
  forwardEvents(core, trustedContents, origins)

  const openWindow = (): void => {
    const win = createMainWindow({
      createWindow: (options) => new BrowserWindow(options),
      preloadPath: paths.preload,
      origins,
      openExternal: (url) => shell.openExternal(url),
      log,
    })
    windows.add(win)
    // The id is read now: after 'closed' the webContents is gone. Its tree views go with it.
    const clientId = clientIdOf(win.webContents.id)
    win.on('closed', () => {
      windows.delete(win)
      core.releaseClient(clientId)
    })
  }
  openWindow()

  // macOS keeps the app (and its broker sessions) running with no window; the Dock icon reopens one.
  app.on('activate', () => {
    if (liveWindows().length === 0) openWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}

/** Start-up failed (typically the data folder cannot be opened): say why, then leave. */
function fail(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err)
  log(`[shell] start-up failed: ${err instanceof Error ? (err.stack ?? message) : message}`)
  dialog.showErrorBox(`${APP_NAME} could not start`, message)
  app.exit(1)
}
