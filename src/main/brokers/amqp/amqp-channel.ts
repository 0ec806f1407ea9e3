import type { Channel, ChannelModel } from 'amqplib'
import { ApiError, type ApiErrorCode } from '../../../shared/api-error'
import { describeError } from '../../connections/broker-link'

/**
 * AMQP 0-9-1 closes the channel over any refused operation (404 NOT_FOUND, 403 ACCESS_REFUSED,
 * 405 RESOURCE_LOCKED, 406 PRECONDITION_FAILED): so each check or topology operation runs on a
 * channel of its own, and a refusal costs that channel, never the connection or another channel.
 */
export async function withChannel<T>(
  connection: ChannelModel,
  fn: (channel: Channel) => Promise<T>,
): Promise<T> {
  let channel: Channel
  try {
    channel = await connection.createChannel()
  } catch (err) {
    throw new ApiError('unavailable', `Could not open a channel: ${describeError(err)}`)
  }
  // amqplib emits 'error' before 'close' when the broker closes the channel; unheard, it would throw.
  let closedBy: Error | null = null
  channel.on('error', (err: Error) => {
    closedBy = err
  })
  try {
    return await fn(channel)
  } catch (err) {
    throw brokerRefusal(closedBy ?? err)
  } finally {
    await channel.close().catch(() => undefined)
  }
}

const CODES: Record<number, ApiErrorCode> = {
  403: 'conflict',
  404: 'not_found',
  405: 'conflict',
  406: 'conflict',
  // Connection-level refusals (see amqp-ops-spare-connection): an exchange type the broker does
  // not know, and what a quorum queue or stream does not implement (purge, conditional delete).
  503: 'invalid_input',
  540: 'conflict',
}

/**
 * The broker's own words for a refused operation, as an ApiError: amqplib's message is
 * `Channel closed by server: 404 (NOT-FOUND) with message "NOT_FOUND - no queue 'q' in vhost '/'"`,
 * and the quoted reply text is what the user should read.
 */
export function brokerRefusal(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  const code = (err as { code?: unknown } | null)?.code
  const message = describeError(err)
  const text = /with message "([\s\S]*)"$/.exec(message)?.[1]
  if (typeof code === 'number' && text !== undefined) {
    return new ApiError(CODES[code] ?? 'unavailable', `${code} ${text}`)
  }
  return new ApiError('unavailable', message)
}
