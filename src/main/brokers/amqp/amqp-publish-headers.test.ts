import { describe, expect, it } from 'vitest'
import { jsonSafeHeaders } from '../../amqp/amqp-delivery-headers'
import { headersForPublish } from './amqp-publish-headers'

describe('headersForPublish', () => {
  it('leaves plain JSON headers and amqplib typed values as they are', () => {
    const h = { a: 1, b: 'x', c: [true, null], d: { '!': 'long', value: '9007199254740993' } }
    expect(headersForPublish(h)).toBe(h)
  })

  it('turns stored byte arrays back into Buffers, also nested, and unreadable markers into text', () => {
    const stored = jsonSafeHeaders({
      raw: Buffer.from([0, 1, 255]),
      nested: { list: [Buffer.from('hi')] },
      plain: 'p',
    })
    const out = headersForPublish(stored)
    expect(Buffer.isBuffer(out.raw)).toBe(true)
    expect([...(out.raw as Buffer)]).toEqual([0, 1, 255])
    const list = (out.nested as { list: unknown[] }).list
    expect((list[0] as Buffer).toString()).toBe('hi')
    expect(out.plain).toBe('p')
    expect(headersForPublish({ x: { '!': 'unreadable', value: 'a function' } })).toEqual({ x: 'a function' })
  })
})
