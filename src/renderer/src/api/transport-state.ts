/**
 * The state of the link between the renderer and the core. IPC is always `open`; the web host's
 * WebSocket may drop and come back, and the UI shows a banner meanwhile.
 */
export type TransportState =
  | { kind: 'connecting' }
  | {
      kind: 'open'
      /** true when this is a re-opening after a drop: state must be fetched again */ reopened: boolean
    }
  | { kind: 'reconnecting'; attempt: number; retryAt: number; reason: string }

export interface ApiTransport {
  readonly name: 'ipc' | 'websocket'
  getState(): TransportState
  onStateChange(listener: (state: TransportState) => void): () => void
  close(): void
}
