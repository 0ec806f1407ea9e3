import type { Api } from '../../../shared/api'
import { hostSocketUrl, takeHostToken } from './host-token'
import { createIpcApi, getBridge } from './ipc-api'
import type { ApiTransport } from './transport-state'
import { createWsApi } from './ws-api'

export interface ApiClient {
  api: Api
  transport: ApiTransport & { retryNow?(): void }
}

/**
 * The one place that picks the transport, once at start-up: the preload's bridge inside Electron,
 * otherwise the web host's WebSocket on the page's own origin.
 */
export function selectApi(): ApiClient {
  const bridge = getBridge()
  if (bridge) return createIpcApi(bridge)
  let storage: Storage | null = null
  try {
    storage = window.sessionStorage
  } catch {
    storage = null
  }
  const token = takeHostToken(window.location, storage, window.history)
  return createWsApi(hostSocketUrl(window.location, token))
}
