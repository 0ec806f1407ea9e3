// Placeholder signature; the implementation lands in the next commit.
import type { ApiEvent, ApiHandlers } from '../shared/api'
import type { SecretCipher } from './secrets/secret-cipher'

export interface CoreOptions {
  /** Folder for the database and every other file the app keeps. Created if missing. */
  dataDir: string
  secrets: SecretCipher
  host: 'electron' | 'web'
  version: string
  log?: (message: string) => void
}

export interface Core {
  readonly handlers: ApiHandlers
  /** Validated entry point for transports: method name and raw input, result or ApiError. */
  invoke(method: string, input: unknown): Promise<unknown>
  onEvent(listener: (event: ApiEvent) => void): () => void
  close(): Promise<void>
}

export declare function createCore(options: CoreOptions): Core
