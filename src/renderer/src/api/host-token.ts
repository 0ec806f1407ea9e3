import { TOKEN_PARAM, WIRE_PATH } from '../../../shared/wire'

interface LocationLike {
  protocol: string
  host: string
  href: string
}
interface StorageLike {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}
interface HistoryLike {
  state: unknown
  replaceState(data: unknown, unused: string, url?: string | URL | null): void
}

/**
 * The web host's access token: taken from `?token=…` on first load, kept in sessionStorage so that
 * reloads work, and removed from the address bar so it is not shared by copying the URL.
 */
export function takeHostToken(
  location: LocationLike,
  storage: StorageLike | null,
  history: HistoryLike | null,
): string | null {
  const url = new URL(location.href)
  const fromUrl = url.searchParams.get(TOKEN_PARAM)
  if (fromUrl) {
    try {
      storage?.setItem(TOKEN_PARAM, fromUrl)
    } catch {
      // storage may be disabled; the token then only lives for this page
    }
    url.searchParams.delete(TOKEN_PARAM)
    history?.replaceState(history.state, '', url.pathname + url.search + url.hash)
    return fromUrl
  }
  try {
    return storage?.getItem(TOKEN_PARAM) ?? null
  } catch {
    return null
  }
}

/** `ws(s)://<host>/api[?token=…]` for the page's own host. */
export function hostSocketUrl(
  location: Pick<LocationLike, 'protocol' | 'host'>,
  token: string | null,
): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  const query = token ? `?${TOKEN_PARAM}=${encodeURIComponent(token)}` : ''
  return `${scheme}://${location.host}${WIRE_PATH}${query}`
}
