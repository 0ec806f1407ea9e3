import { describe, expect, it } from 'vitest'
import { ApiError } from '../../shared/api-error'
import { checkShortStrings } from './amqp-topology-names'

function refusal(fn: () => void): ApiError {
  try {
    fn()
  } catch (err) {
    if (err instanceof ApiError) return err
    throw err
  }
  throw new Error('expected a refusal')
}

describe('AMQP short strings', () => {
  it('takes 255 bytes and refuses 256, counting bytes of UTF-8 rather than characters', () => {
    expect(() => checkShortStrings([{ path: 'name', kind: 'queue', value: 'q'.repeat(255) }])).not.toThrow()
    // 128 characters, 256 bytes: within the contract's 255-character schema, over the wire's limit.
    const e = refusal(() => checkShortStrings([{ path: 'name', kind: 'queue', value: 'é'.repeat(128) }]))
    expect(e.code).toBe('invalid_input')
    expect(e.message).toBe('Queue names are at most 255 bytes of UTF-8')
    expect(e.issues).toEqual([{ path: 'name', message: 'Queue names are at most 255 bytes of UTF-8' }])
    expect(() => checkShortStrings([{ path: 'name', kind: 'queue', value: '🐇'.repeat(63) }])).not.toThrow()
    expect(() => checkShortStrings([{ path: 'name', kind: 'queue', value: '🐇'.repeat(64) }])).toThrow(
      ApiError,
    )
  })

  it('names every offending field of a binding, argument names included', () => {
    const long = 'k'.repeat(256)
    const e = refusal(() =>
      checkShortStrings(
        [
          { path: 'source', kind: 'exchange', value: 'sensors' },
          { path: 'destination', kind: 'exchange', value: long },
          { path: 'routingKey', kind: 'routingKey', value: long },
        ],
        { 'x-match': 'all', [long]: 1 },
      ),
    )
    expect(e.message).toBe('Exchange names are at most 255 bytes of UTF-8')
    expect(e.issues).toEqual([
      { path: 'destination', message: 'Exchange names are at most 255 bytes of UTF-8' },
      { path: 'routingKey', message: 'Routing keys are at most 255 bytes of UTF-8' },
      { path: `arguments.${long}`, message: 'Argument names are at most 255 bytes of UTF-8' },
    ])
  })
})
