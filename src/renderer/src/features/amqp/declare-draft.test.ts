import { describe, expect, it } from 'vitest'
import { amqpNameError, checkExchangeDraft, checkQueueDraft, NEW_EXCHANGE, NEW_QUEUE } from './declare-draft'

describe('the declare forms', () => {
  it('checks names as RabbitMQ does: bytes, and the reserved amq. prefix', () => {
    expect(amqpNameError('', 'exchange', true)).toBe('A name is required')
    expect(amqpNameError('', 'queue', false)).toBeUndefined()
    expect(amqpNameError('é'.repeat(128), 'queue', true)).toBe('At most 255 bytes (UTF-8)')
    expect(amqpNameError('é'.repeat(127), 'queue', true)).toBeUndefined()
    expect(amqpNameError('amq.mine', 'exchange', true)).toContain('reserved')
  })

  it('builds an exchange declare, a custom type from its own field', () => {
    expect(
      checkExchangeDraft({ ...NEW_EXCHANGE, name: ' shop ', argumentsText: '{"alternate-exchange": "ae"}' }),
    ).toEqual({
      ok: true,
      request: {
        name: 'shop',
        type: 'topic',
        durable: true,
        autoDelete: false,
        internal: false,
        arguments: { 'alternate-exchange': 'ae' },
      },
    })
    const custom = checkExchangeDraft({
      ...NEW_EXCHANGE,
      name: 'later',
      type: 'custom',
      customType: 'x-delayed-message',
    })
    expect(custom.ok && custom.request.type).toBe('x-delayed-message')
    expect(checkExchangeDraft({ ...NEW_EXCHANGE, name: 'x', type: 'custom' })).toEqual({
      ok: false,
      errors: { type: expect.stringContaining('exchange type') },
    })
  })

  it('reports every field at once', () => {
    expect(checkExchangeDraft({ ...NEW_EXCHANGE, argumentsText: '[' })).toEqual({
      ok: false,
      errors: { name: 'A name is required', arguments: expect.stringMatching(/^Line 1/) },
    })
  })

  it('lets the broker name a queue, and keeps the type out of the arguments', () => {
    expect(checkQueueDraft({ ...NEW_QUEUE, durable: false, exclusive: true })).toEqual({
      ok: true,
      request: {
        name: '',
        type: 'classic',
        durable: false,
        autoDelete: false,
        exclusive: true,
        arguments: {},
      },
    })
    expect(checkQueueDraft({ ...NEW_QUEUE, name: 'q', argumentsText: '{"x-queue-type": "stream"}' })).toEqual(
      {
        ok: false,
        errors: { arguments: expect.stringContaining('pick the type above') },
      },
    )
    expect(
      checkQueueDraft({
        ...NEW_QUEUE,
        name: 'q',
        type: 'quorum',
        argumentsText: '{"x-queue-type": "quorum"}',
      }).ok,
    ).toBe(true)
  })

  it('refuses a quorum queue or stream that is not durable, or is exclusive or auto-delete', () => {
    for (const bad of [{ durable: false }, { exclusive: true }, { autoDelete: true }]) {
      const r = checkQueueDraft({ ...NEW_QUEUE, name: 'q', type: 'quorum', ...bad })
      expect(r).toEqual({ ok: false, errors: { flags: expect.stringContaining('quorum queue is durable') } })
    }
    expect(checkQueueDraft({ ...NEW_QUEUE, name: 's', type: 'stream' }).ok).toBe(true)
  })
})
