import type { ApiErrorPayload } from './api-error'

/**
 * The Electron transport of the API: two channels and one envelope, shared by the shell (main
 * process) and the preload so that neither can drift from the other. The web host's transport
 * lives in `wire.ts`.
 */

/** `ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, input)` → {@link IpcResponse}. */
export const IPC_INVOKE_CHANNEL = 'brokerlens:invoke'
/** Main → renderer, one message per API event (the core batches them already). */
export const IPC_EVENT_CHANNEL = 'brokerlens:event'
/** The name under which the preload exposes the API: `window.brokerlens`. */
export const PRELOAD_API_KEY = 'brokerlens'

/**
 * What the invoke handler returns. Errors travel as data, not as a rejection: Electron rewrites the
 * message of an error thrown across IPC ("Error invoking remote method …") and drops its fields.
 */
export type IpcResponse = { ok: true; result: unknown } | { ok: false; error: ApiErrorPayload }
