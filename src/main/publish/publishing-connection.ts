import type { PublishResult, PublishTarget } from '../../shared/publish'

/**
 * What a protocol adapter's live connection offers the publish service: one send, answered with
 * what the broker said. The adapter validates the target for its protocol (ApiError
 * 'invalid_input' naming the field), records what it sent with `Ingest.sent` (with its protocol's
 * metadata) and reports a broker's refusal as `ok: false` with the reason, not as a throw. It throws
 * ApiError 'unavailable' when it is not connected. `resolvedText` is the service's to fill.
 */
export interface PublishingConnection {
  publish(target: PublishTarget, payload: Uint8Array): Promise<PublishResult>
}

export function isPublishingConnection(value: unknown): value is PublishingConnection {
  return typeof (value as { publish?: unknown } | null)?.publish === 'function'
}
