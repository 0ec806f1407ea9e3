/**
 * The preload: the renderer's only way into the app. It exposes `window.brokerlens` with exactly
 * one function per API method plus `onEvent`, each a plain wrapper around one IPC channel; the
 * renderer never sees `ipcRenderer`, an IPC event object, or anything else from Electron.
 *
 * Built as a bundled CommonJS file (out/preload/index.cjs): a sandboxed preload can neither be an
 * ES module nor require node_modules.
 */
import { contextBridge, ipcRenderer, type IpcRenderer, type IpcRendererEvent } from 'electron'
import type { Api, ApiEvent } from '../shared/api'
import { API_METHOD_NAMES as apiMethodNames } from '../shared/api-methods'
import type { ApiErrorPayload } from '../shared/api-error'
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, PRELOAD_API_KEY } from '../shared/ipc-channels'

export type PreloadIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>

/**
 * Builds the object to expose. A failed call rejects with the {@link ApiErrorPayload} itself
 * (`{ code, message, issues? }`), a plain object, not an Error: contextBridge copies an Error
 * into the page's world with its message only, dropping `code` and `issues`, whereas plain objects
 * cross intact. The renderer turns it back into an ApiError with `ApiError.fromPayload`.
 */
export function createPreloadApi(ipc: PreloadIpc): Api {
  const api: Record<string, unknown> = {}
  for (const method of apiMethodNames) {
    api[method] = async (input?: unknown) => unwrap(await ipc.invoke(IPC_INVOKE_CHANNEL, method, input))
  }

  // One IPC subscription however many listeners the renderer adds, so Node's listener-leak warning
  // never fires and a throwing listener cannot starve the others.
  const listeners = new Set<(event: ApiEvent) => void>()
  const dispatch = (_ipcEvent: IpcRendererEvent, event: ApiEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event)
      } catch (err) {
        console.error('[brokerlens] event listener failed', err)
      }
    }
  }
  api['onEvent'] = (listener: unknown) => {
    if (typeof listener !== 'function') throw new TypeError('onEvent expects a function')
    // A fresh wrapper per subscription: the same function subscribed twice gets two subscriptions.
    const subscription = (event: ApiEvent) => (listener as (event: ApiEvent) => void)(event)
    if (listeners.size === 0) ipc.on(IPC_EVENT_CHANNEL, dispatch)
    listeners.add(subscription)
    return () => {
      if (!listeners.delete(subscription)) return
      if (listeners.size === 0) ipc.removeListener(IPC_EVENT_CHANNEL, dispatch)
    }
  }
  return api as Api
}

function unwrap(response: unknown): unknown {
  if (typeof response === 'object' && response !== null && 'ok' in response) {
    if (response.ok === true && 'result' in response) return response.result
    if (response.ok === false && 'error' in response && isErrorPayload(response.error)) {
      const { code, message, issues } = response.error
      throw issues ? { code, message, issues } : { code, message }
    }
  }
  const malformed: ApiErrorPayload = {
    code: 'internal',
    message: 'Malformed response from the Brokerlens main process',
  }
  throw malformed
}

function isErrorPayload(value: unknown): value is ApiErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    'code' in value &&
    typeof value.code === 'string' &&
    'message' in value &&
    typeof value.message === 'string'
  )
}

contextBridge.exposeInMainWorld(PRELOAD_API_KEY, createPreloadApi(ipcRenderer))
