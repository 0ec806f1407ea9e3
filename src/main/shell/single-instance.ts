/** The slice of Electron's `app` used here (Electron's own type satisfies it). */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean
  quit(): void
  on(event: 'second-instance', listener: () => void): unknown
}

/**
 * One Brokerlens per user: two processes would share one SQLite file and one set of broker
 * sessions. The second instance quits at once; the first one is told and brings its window
 * forward. Returns whether this process holds the lock (false: it is quitting, do nothing more).
 */
export function acquireSingleInstanceLock(app: SingleInstanceApp, onSecondInstance: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', onSecondInstance)
  return true
}

/** The slice of `BrowserWindow` needed to bring it forward. */
export interface FocusableWindow {
  isDestroyed(): boolean
  isMinimized(): boolean
  restore(): void
  show(): void
  focus(): void
}

export function bringToFront(win: FocusableWindow | undefined): void {
  if (!win || win.isDestroyed()) return
  if (win.isMinimized()) win.restore()
  win.show()
  win.focus()
}
