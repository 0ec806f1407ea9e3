import { ApiError } from '../../shared/api-error'
import type { ApiEvent } from '../../shared/api'
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type IpcResponse } from '../../shared/ipc-channels'
import type { Core } from '../core'
import type { OriginPolicy } from './app-origin'
import type { InvokeSender, SenderCheck } from './ipc-sender-check'

/** The slice of Electron's `IpcMain` used here (Electron's own type satisfies it). */
export interface InvokeRegistry<E extends InvokeSender> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => Promise<IpcResponse>): void
  removeHandler(channel: string): void
}

/**
 * Binds the whole API to one invoke channel. The sender is checked before anything else; a
 * refused call never reaches the core and is rejected outright (the caller is not our renderer, so
 * it gets no API-shaped answer). Everything else comes back as an {@link IpcResponse}: Electron
 * would mangle a thrown error's message and drop its code and issues.
 *
 * Returns the function that unbinds it.
 */
export function registerIpc<E extends InvokeSender>(
  ipcMain: InvokeRegistry<E>,
  core: Pick<Core, 'invoke'>,
  isTrustedSender: SenderCheck,
  log: (message: string) => void,
): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, method, input) => {
    if (!isTrustedSender(event)) {
      log(
        `[security] refused IPC call ${describe(method)} from ${event.senderFrame?.url ?? 'a destroyed frame'}`,
      )
      throw new Error('Brokerlens IPC refused: the sender is not the Brokerlens window')
    }
    return invokeCore(core, method, input, log, clientIdOf(event.sender.id))
  })
  return () => ipcMain.removeHandler(IPC_INVOKE_CHANNEL)
}

/** Runs one call and folds its outcome into the envelope; never throws. */
export async function invokeCore(
  core: Pick<Core, 'invoke'>,
  method: unknown,
  input: unknown,
  log: (message: string) => void,
  clientId = 'local',
): Promise<IpcResponse> {
  if (typeof method !== 'string')
    return { ok: false, error: { code: 'not_found', message: 'Unknown API method' } }
  try {
    return { ok: true, result: await core.invoke(method, input, clientId) }
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: err.toPayload() }
    // The core turns handler failures into ApiErrors already; anything else is a bug worth a stack.
    log(
      `[ipc] ${describe(method)} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    )
    return {
      ok: false,
      error: { code: 'internal', message: err instanceof Error ? err.message : String(err) },
    }
  }
}

/** The core's name for one window: its views and their deltas belong to it. */
export function clientIdOf(webContentsId: number): string {
  return `window-${webContentsId}`
}

/** Where events go: Electron's `WebContents` satisfies it. */
export interface EventSink {
  readonly id: number
  isDestroyed(): boolean
  getURL(): string
  send(channel: string, event: ApiEvent): void
}

/**
 * Forwards every core event to each live window that shows our origin (the same rule as for
 * calls: a page that got past the navigation guard hears nothing). Returns the unsubscribe
 * function. The core batches its events, so this is a handful of messages a second, not one per
 * broker message.
 */
export function forwardEvents(
  core: Pick<Core, 'onEvent'>,
  targets: () => Iterable<EventSink>,
  origins: Pick<OriginPolicy, 'isTrustedUrl'>,
): () => void {
  return core.onEvent((event, clientId) => {
    for (const target of targets()) {
      if (clientId !== null && clientIdOf(target.id) !== clientId) continue
      if (!target.isDestroyed() && origins.isTrustedUrl(target.getURL()))
        target.send(IPC_EVENT_CHANNEL, event)
    }
  })
}

function describe(method: unknown): string {
  return typeof method === 'string' ? method.slice(0, 64) : typeof method
}
