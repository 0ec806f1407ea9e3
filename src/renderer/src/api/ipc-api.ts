import { ApiEvent, apiMethodNames, type Api, type ApiMethod } from '../../../shared/api'
import { PRELOAD_API_KEY } from '../../../shared/ipc-channels'
import { parseResult, toApiError } from './api-error-from'
import type { ApiTransport, TransportState } from './transport-state'

/** What the preload exposes as `window.brokerlens`: one function per API method plus `onEvent`. */
export type BrokerlensBridge = {
  [M in ApiMethod]: (input?: unknown) => Promise<unknown>
} & {
  onEvent(listener: (event: unknown) => void): () => void
}

/** `window.brokerlens` when the preload ran (inside Electron), else undefined. */
export function getBridge(): BrokerlensBridge | undefined {
  const bridge = (globalThis as unknown as Record<string, BrokerlensBridge | undefined>)[PRELOAD_API_KEY]
  return bridge && typeof bridge.onEvent === 'function' ? bridge : undefined
}

/** The Api over Electron IPC: results validated against the contract, failures turned into ApiError. */
export function createIpcApi(bridge: BrokerlensBridge | undefined = getBridge()): {
  api: Api
  transport: ApiTransport
} {
  if (!bridge) throw new Error('window.brokerlens is missing: the preload did not run')
  const api: Record<string, unknown> = {}
  for (const method of apiMethodNames) {
    api[method] = async (input?: unknown) => {
      let result: unknown
      try {
        result = await bridge[method](input)
      } catch (err) {
        throw toApiError(err)
      }
      return parseResult(method, result)
    }
  }
  api.onEvent = (listener: (event: ApiEvent) => void) =>
    bridge.onEvent((raw) => {
      const parsed = ApiEvent.safeParse(raw)
      if (parsed.success) listener(parsed.data)
      else console.warn('[api] dropped an invalid event from the preload', parsed.error.issues)
    })
  const state: TransportState = { kind: 'open', reopened: false }
  const transport: ApiTransport = {
    name: 'ipc',
    getState: () => state,
    onStateChange: () => () => {},
    close: () => {},
  }
  return { api: api as unknown as Api, transport }
}
