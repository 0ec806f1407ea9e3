import { describe, expect, it } from 'vitest'
import type { PublishLogEntry, PublishResult, PublishTarget } from '../../../../shared/publish'
import { failureText, logEntryText, resultText, targetText } from './publish-result-text'

const base: PublishResult = {
  messageId: 1,
  at: 0,
  ok: true,
  reasonCode: null,
  reason: null,
  kafka: null,
  amqp: null,
  resolvedText: null,
}
const mqtt = (qos: 0 | 1 | 2): PublishTarget => ({ protocol: 'mqtt', topic: 'a/b', qos, retain: false })
const amqp: PublishTarget = {
  protocol: 'amqp',
  exchange: 'x',
  routingKey: 'k',
  mandatory: true,
  properties: {},
}
const kafka: PublishTarget = { protocol: 'kafka', topic: 'orders', partition: null, key: null, headers: [] }

describe('publish result text', () => {
  it('says what an MQTT broker answered', () => {
    expect(resultText(mqtt(1), { ...base, reasonCode: 0, reason: 'Success' })).toEqual({
      tone: 'ok',
      text: 'Sent · PUBACK 0 Success',
    })
    expect(resultText(mqtt(2), { ...base, reasonCode: 0 })).toEqual({
      tone: 'ok',
      text: 'Sent · PUBREC 0 Success',
    })
    expect(resultText(mqtt(1), base)).toEqual({ tone: 'ok', text: 'Sent · PUBACK received' })
    expect(resultText(mqtt(0), base)).toEqual({ tone: 'ok', text: 'Sent · QoS 0, no acknowledgement' })
    expect(resultText(mqtt(1), { ...base, reasonCode: 0x10, reason: 'No matching subscribers' })).toEqual({
      tone: 'warn',
      text: 'No matching subscribers · PUBACK 0x10',
    })
  })

  it('says why an MQTT broker refused, with the code in hex and its name', () => {
    expect(resultText(mqtt(1), { ...base, ok: false, reasonCode: 0x87, reason: 'Not authorized' })).toEqual({
      tone: 'error',
      text: 'Refused · 0x87 Not authorized',
    })
    // the broker's own reason string is kept when it says more
    expect(
      resultText(mqtt(1), { ...base, ok: false, reasonCode: 0x97, reason: 'too many in flight' }).text,
    ).toBe('Refused · 0x97 Quota exceeded (too many in flight)')
    expect(resultText(mqtt(1), { ...base, ok: false, reasonCode: 0xa0, reason: 'odd' }).text).toBe(
      'Refused · 0xA0 odd',
    )
    expect(resultText(mqtt(1), { ...base, ok: false }).text).toBe('Refused · no reason given')
  })

  it('says whether AMQP confirmed or returned the message', () => {
    expect(resultText(amqp, { ...base, amqp: { confirmed: true, returned: null } })).toEqual({
      tone: 'ok',
      text: 'Confirmed by the broker',
    })
    expect(
      resultText(amqp, {
        ...base,
        ok: false,
        reasonCode: 312,
        amqp: { confirmed: true, returned: { replyCode: 312, replyText: 'NO_ROUTE' } },
      }),
    ).toEqual({ tone: 'warn', text: 'Returned · 312 NO_ROUTE' })
    expect(
      resultText(amqp, { ...base, ok: false, reason: 'nacked', amqp: { confirmed: false, returned: null } }),
    ).toEqual({
      tone: 'error',
      text: 'Refused · nacked',
    })
  })

  it('says where a Kafka record landed', () => {
    expect(resultText(kafka, { ...base, kafka: { partition: 2, offset: '9007199254740993' } })).toEqual({
      tone: 'ok',
      text: 'Written · partition 2 · offset 9007199254740993',
    })
    expect(resultText(kafka, { ...base, ok: false, reason: 'UNKNOWN_TOPIC_OR_PARTITION' }).text).toBe(
      'Refused · UNKNOWN_TOPIC_OR_PARTITION',
    )
  })

  it('describes a log row: a single publish, a failure, a job with totals', () => {
    const entry: PublishLogEntry = {
      id: 1,
      profileId: 'p',
      protocol: 'mqtt',
      at: 0,
      target: mqtt(1),
      template: false,
      size: 3,
      preview: 'abc',
      previewTruncated: false,
      count: 1,
      sent: 1,
      failed: 0,
      result: { ...base, reasonCode: 0 },
      error: null,
    }
    expect(logEntryText(entry)).toEqual({ tone: 'ok', text: 'Sent · PUBACK 0 Success' })
    expect(logEntryText({ ...entry, result: null, error: 'p is not connected' })).toEqual(
      failureText('p is not connected'),
    )
    expect(logEntryText({ ...entry, count: 1000, sent: 998, failed: 2 })).toEqual({
      tone: 'warn',
      text: '998 of 1,000 sent, 2 failed · last: Sent · PUBACK 0 Success',
    })
    expect(logEntryText({ ...entry, count: 5, sent: 0, failed: 0, result: null })).toEqual({
      tone: 'ok',
      text: '0 of 5 sent',
    })
  })

  it('says where a target points in one line', () => {
    expect(targetText({ protocol: 'mqtt', topic: 'a/b', qos: 1, retain: true })).toBe(
      'a/b · QoS 1 · retained',
    )
    expect(targetText({ ...amqp, exchange: '' })).toBe('(default exchange) → k')
    expect(targetText({ ...kafka, partition: 3 })).toBe('orders [partition 3]')
  })
})
