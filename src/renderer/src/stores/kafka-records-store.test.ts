import { describe, expect, it } from 'vitest'
import type { MessageSummary } from '../../../shared/messages'
import { recordsKey, useKafkaRecordsStore } from './kafka-records-store'

function record(id: number, partition: number, offset: number): MessageSummary {
  return {
    id,
    profileId: 'p',
    protocol: 'kafka',
    direction: 'in',
    topic: `orders/${partition}`,
    receivedAt: id,
    size: 1,
    preview: 'x',
    previewTruncated: false,
    qos: null,
    retain: false,
    dup: false,
    properties: null,
    amqp: null,
    kafka: {
      topic: 'orders',
      partition,
      offset: String(offset),
      key: null,
      headers: [],
      timestamp: id,
      timestampType: 'create',
    },
  }
}

const get = () => useKafkaRecordsStore.getState().byTopic[recordsKey('p', 'orders')]

describe('the records store', () => {
  it('says what is wrong with the form instead of reading', async () => {
    const store = useKafkaRecordsStore.getState()
    store.setDraft('p', 'orders', { from: 'offset', offsets: {} })
    await store.read('p', 'orders', 3)
    expect(get()?.error).toBe('Enter an offset for at least one partition')
    expect(get()?.loading).toBeNull()
  })

  it('lists live records only while a tail runs, once each, and remembers records it missed', () => {
    const store = useKafkaRecordsStore.getState()
    store.appendLive('p', 'orders', [record(1, 0, 0)], 1, false)
    expect(get()?.records).toEqual([])

    store.setTail('p', 'orders', { id: 't1', lastId: 0, missed: false, error: null })
    store.appendLive('p', 'orders', [record(5, 0, 0), record(6, 1, 0)], 6, false)
    // the same record again (stored twice: read and tailed) and one more
    store.appendLive('p', 'orders', [record(9, 1, 0), record(10, 1, 1)], 10, true)
    expect(get()?.records.map((r) => r.id)).toEqual([5, 6, 10])
    expect(get()?.tail).toEqual({ id: 't1', lastId: 10, missed: true, error: null })
    store.select('p', 'orders', '1:1')
    expect(get()?.selected).toBe('1:1')
  })
})
