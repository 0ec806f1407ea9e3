import { describe, expect, it } from 'vitest'
import type { Api } from '../../../shared/api'
import type { BrokerEvent } from '../../../shared/built-in-broker'
import { setApiClient } from '../api/client'
import type { ApiClient } from '../api/select-api'
import { useBrokerTimelineStore } from './broker-timeline-store'

const ev = (id: number, clientId: string, kind: BrokerEvent['kind'] = 'publish'): BrokerEvent => ({
  id,
  at: id,
  connectionId: `${clientId}#1`,
  clientId,
  kind,
  text: kind,
  topic: null,
  qos: null,
  retain: null,
  preview: null,
  size: null,
  reason: null,
})

/** An API whose timeline read resolves when the test says so. */
function withTimelineRead() {
  let resolve: (events: BrokerEvent[]) => void = () => {}
  const asked: unknown[] = []
  const api = {
    getBrokerTimeline: (input: unknown) => {
      asked.push(input)
      return new Promise<BrokerEvent[]>((r) => (resolve = r))
    },
  } as unknown as Api
  setApiClient({ api } as unknown as ApiClient)
  return { asked, answer: (events: BrokerEvent[]) => resolve(events) }
}

const timeline = (clientId: string) => useBrokerTimelineStore.getState().byClient[clientId]

describe('the timeline store', () => {
  it('keeps a batch that lands during the read and merges both by id', async () => {
    const read = withTimelineRead()
    const loading = useBrokerTimelineStore.getState().load('pico-w-1')
    expect(read.asked).toEqual([{ clientId: 'pico-w-1', limit: 1000 }])
    expect(timeline('pico-w-1')?.loading).toBe(true)
    useBrokerTimelineStore.getState().apply([ev(4, 'pico-w-1', 'will'), ev(5, 'pico-w-1', 'disconnect')])
    read.answer([ev(1, 'pico-w-1', 'connect'), ev(2, 'pico-w-1'), ev(4, 'pico-w-1', 'will')])
    await loading
    expect(timeline('pico-w-1')?.events.map((e) => e.id)).toEqual([1, 2, 4, 5])
    expect(timeline('pico-w-1')?.loading).toBe(false)
  })

  it('grows the timelines that are open and ignores client ids nobody opened', async () => {
    const read = withTimelineRead()
    const loading = useBrokerTimelineStore.getState().load('sensor-a')
    read.answer([])
    await loading
    const before = useBrokerTimelineStore.getState().byClient
    useBrokerTimelineStore.getState().apply([ev(10, 'never-opened')])
    expect(useBrokerTimelineStore.getState().byClient).toBe(before)
    useBrokerTimelineStore.getState().apply([ev(11, 'sensor-a', 'subscribe'), ev(12, 'never-opened')])
    expect(timeline('sensor-a')?.events.map((e) => e.id)).toEqual([11])
    expect(timeline('never-opened')).toBeUndefined()
  })

  it('says why a read failed and keeps what it had', async () => {
    setApiClient({
      api: { getBrokerTimeline: () => Promise.reject(new Error('not running')) } as unknown as Api,
    } as unknown as ApiClient)
    useBrokerTimelineStore.getState().apply([ev(20, 'sensor-a')])
    await useBrokerTimelineStore.getState().load('sensor-a')
    expect(timeline('sensor-a')?.error).toBe('not running')
    expect(timeline('sensor-a')?.events.map((e) => e.id)).toEqual([11, 20])
  })

  it('reads every opened timeline again after the link came back', async () => {
    const asked: string[] = []
    setApiClient({
      api: {
        getBrokerTimeline: ({ clientId }: { clientId: string }) => {
          asked.push(clientId)
          return Promise.resolve([ev(30, clientId, 'will')])
        },
      } as unknown as Api,
    } as unknown as ApiClient)
    await useBrokerTimelineStore.getState().reloadOpen()
    expect(asked.sort()).toEqual(['pico-w-1', 'sensor-a'])
    expect(timeline('sensor-a')?.events.map((e) => e.id)).toEqual([11, 20, 30])
    expect(timeline('sensor-a')?.error).toBeNull()
  })
})
