/** The slice of Electron's `app` used here (Electron's own type satisfies it). */
export interface QuittableApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown
  quit(): void
}

/** How long a quit waits for the core (open broker sessions, the last history batch). */
export const CLOSE_TIMEOUT_MS = 5_000

/**
 * Holds the first quit until `close()` has finished (flushing history, closing broker sessions and
 * the database), then quits for real. `close()` runs once however many times quit is asked for;
 * if it fails or takes longer than `timeoutMs`, the app quits anyway and the log says why, since a
 * hung broker must not make the app impossible to quit.
 */
export function closeBeforeQuit(
  app: QuittableApp,
  close: () => Promise<void>,
  log: (message: string) => void,
  timeoutMs = CLOSE_TIMEOUT_MS,
): void {
  let state: 'open' | 'closing' | 'closed' = 'open'
  app.on('before-quit', (event) => {
    if (state === 'closed') return
    event.preventDefault()
    if (state === 'closing') return
    state = 'closing'
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log(`[shell] the core did not close within ${timeoutMs} ms; quitting anyway`)
        resolve()
      }, timeoutMs)
    })
    const closing = close().catch((err: unknown) => {
      log(
        `[shell] closing the core failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      )
    })
    void Promise.race([closing, timeout]).then(() => {
      clearTimeout(timer)
      state = 'closed'
      app.quit()
    })
  })
}
