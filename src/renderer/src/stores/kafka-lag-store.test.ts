import { describe, expect, it } from 'vitest'
import type { KafkaLagSample } from '../../../shared/kafka'
import { lagKey, useKafkaLagStore, withHistory, type GroupLag } from './kafka-lag-store'

const s = (at: number, totalLag: number): KafkaLagSample => ({ at, totalLag, partitions: [] })

const open = (samples: KafkaLagSample[], since: number | null = null): GroupLag => ({
  samples,
  ratePerSecond: null,
  etaSeconds: null,
  watchIntervalMs: null,
  since,
  loading: true,
  error: null,
})

describe('the lag store', () => {
  it('takes the stored history and keeps live samples newer than it', () => {
    const history = {
      samples: [s(100, 50), s(200, 40)],
      ratePerSecond: -0.1,
      etaSeconds: 400,
      watchIntervalMs: 5000,
    }
    // a live sample that arrived while the history was read, and an old one outside the window
    const next = withHistory(open([s(50, 99), s(300, 30)]), history, 100)
    expect(next.samples.map((x) => x.at)).toEqual([100, 200, 300])
    expect(next).toMatchObject({
      ratePerSecond: -0.1,
      etaSeconds: 400,
      watchIntervalMs: 5000,
      loading: false,
    })
  })

  it('keeps live events only for groups that are open', () => {
    const store = useKafkaLagStore.getState()
    store.apply('p', 'closed', s(1, 1))
    expect(useKafkaLagStore.getState().byGroup[lagKey('p', 'closed')]).toBeUndefined()

    useKafkaLagStore.setState({ byGroup: { [lagKey('p', 'billing')]: open([s(1, 10)]) } })
    store.apply('p', 'billing', s(2, 8))
    store.apply('p', 'billing', s(2, 8))
    store.apply('other', 'billing', s(3, 1))
    expect(
      useKafkaLagStore.getState().byGroup[lagKey('p', 'billing')]?.samples.map((x) => x.totalLag),
    ).toEqual([10, 8])
    store.drop('p', 'billing')
    expect(useKafkaLagStore.getState().byGroup[lagKey('p', 'billing')]).toBeUndefined()
  })
})
