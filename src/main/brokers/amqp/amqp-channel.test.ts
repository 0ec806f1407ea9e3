import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../shared/api-error'
import { brokerRefusal } from './amqp-channel'

/** amqplib's errors for a channel.close or connection.close: its text, with the reply code on `code`. */
const closed = (message: string, code: number) => Object.assign(new Error(message), { code })

describe('broker refusals', () => {
  it('keeps the reply code and text of a channel the broker closed', () => {
    const e = brokerRefusal(
      closed(
        `Channel closed by server: 404 (NOT-FOUND) with message "NOT_FOUND - no queue 'q' in vhost '/'"`,
        404,
      ),
    )
    expect(e).toBeInstanceOf(ApiError)
    expect(e.toPayload()).toEqual({ code: 'not_found', message: "404 NOT_FOUND - no queue 'q' in vhost '/'" })
  })

  it('keeps quotes inside the reply text, as in a refused argument', () => {
    const e = brokerRefusal(
      closed(
        `Operation failed: QueueDeclare; 406 (PRECONDITION-FAILED) with message "PRECONDITION_FAILED - invalid arg 'x-message-ttl' for queue 'q' in vhost '/': "expected integer, got double""`,
        406,
      ),
    )
    expect(e.toPayload()).toEqual({
      code: 'conflict',
      message: `406 PRECONDITION_FAILED - invalid arg 'x-message-ttl' for queue 'q' in vhost '/': "expected integer, got double"`,
    })
  })

  it('maps access, lock and connection-level refusals to codes a form can act on', () => {
    const code = (n: number, text: string) =>
      brokerRefusal(closed(`Connection closed: ${n} (X) with message "${text}"`, n)).code
    expect(code(403, 'ACCESS_REFUSED - operation not permitted on the default exchange')).toBe('conflict')
    expect(code(405, "RESOURCE_LOCKED - cannot obtain exclusive access to locked queue 'q'")).toBe('conflict')
    expect(code(503, "COMMAND_INVALID - unknown exchange type 'x-nope'")).toBe('invalid_input')
    expect(code(540, "NOT_IMPLEMENTED - queue.purge not supported by stream queues queue 's'")).toBe(
      'conflict',
    )
    expect(code(320, 'CONNECTION_FORCED - broker forced connection closure')).toBe('unavailable')
  })

  it('says anything else as it is, unavailable, and passes an ApiError through', () => {
    expect(brokerRefusal(new Error('Channel ended, no reply will be forthcoming')).toPayload()).toEqual({
      code: 'unavailable',
      message: 'Channel ended, no reply will be forthcoming',
    })
    const own = new ApiError('invalid_input', 'bad', [{ path: 'name', message: 'bad' }])
    expect(brokerRefusal(own)).toBe(own)
  })
})
