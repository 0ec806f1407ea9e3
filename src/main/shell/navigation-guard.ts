import { isExternalWebUrl } from './external-links'
import type { OriginPolicy } from './app-origin'

interface PreventableNavigation {
  readonly url: string
  preventDefault(): void
}

/**
 * The slice of Electron's `WebContents` the guard touches (Electron's own type satisfies it).
 * `will-frame-navigate` covers subframes, which `will-navigate` does not.
 */
export interface GuardableContents {
  on(event: 'will-navigate', listener: (event: PreventableNavigation) => void): unknown
  on(event: 'will-redirect', listener: (event: PreventableNavigation) => void): unknown
  on(event: 'will-frame-navigate', listener: (event: PreventableNavigation) => void): unknown
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

export interface NavigationGuardDeps {
  origins: OriginPolicy
  /** `shell.openExternal`; called only with http(s) URLs. */
  openExternal: (url: string) => Promise<void>
  log: (message: string) => void
}

/**
 * Keeps the window on the app: no navigation or redirect to a foreign origin, no new windows (web
 * links go to the system browser instead), no <webview>. The window holds the API bridge, so any
 * foreign page it showed would hold it too.
 */
export function guardNavigation(contents: GuardableContents, deps: NavigationGuardDeps): void {
  const { origins, openExternal, log } = deps
  const stayOnApp = (kind: string) => (event: PreventableNavigation) => {
    if (origins.isTrustedUrl(event.url)) return
    event.preventDefault()
    log(`[security] blocked ${kind} to ${event.url}`)
  }
  contents.on('will-navigate', stayOnApp('navigation'))
  contents.on('will-frame-navigate', stayOnApp('frame navigation'))
  contents.on('will-redirect', stayOnApp('redirect'))

  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) {
      openExternal(url).catch((err: unknown) => log(`[shell] could not open ${url}: ${String(err)}`))
    } else {
      log(`[security] blocked window.open of ${url}`)
    }
    return { action: 'deny' }
  })

  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    log('[security] blocked a <webview>')
  })
}
