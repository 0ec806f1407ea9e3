import { create } from 'zustand'
import type { KafkaClusterInfo, KafkaGroupSummary, KafkaTopicSummary } from '../../../shared/kafka'
import { api } from '../api/client'

/**
 * A Kafka profile's cluster, topic list and group list as last read, with when, and why the last
 * read failed. A read that another read overtook is dropped, so a slow answer never replaces a
 * newer one.
 */

export interface Loaded<T> {
  data: T | null
  loading: boolean
  error: string | null
  /** When `data` was read (ms). */
  at: number | null
}

export interface KafkaClusterData {
  cluster: Loaded<KafkaClusterInfo>
  topics: Loaded<KafkaTopicSummary[]>
  groups: Loaded<KafkaGroupSummary[]>
}

type Part = keyof KafkaClusterData

const EMPTY: Loaded<never> = { data: null, loading: false, error: null, at: null }
const START: KafkaClusterData = { cluster: EMPTY, topics: EMPTY, groups: EMPTY }

interface KafkaClusterState {
  byProfile: Record<string, KafkaClusterData>
  loadCluster(profileId: string): Promise<void>
  loadTopics(profileId: string): Promise<void>
  loadGroups(profileId: string): Promise<void>
}

const generation = new Map<string, number>()

export const useKafkaClusterStore = create<KafkaClusterState>()((set, get) => {
  function patch(profileId: string, part: Part, value: Partial<Loaded<unknown>>) {
    const current = get().byProfile[profileId] ?? START
    set({
      byProfile: {
        ...get().byProfile,
        [profileId]: { ...current, [part]: { ...current[part], ...value } },
      },
    })
  }

  async function load<P extends Part>(
    profileId: string,
    part: P,
    read: () => Promise<NonNullable<KafkaClusterData[P]['data']>>,
  ) {
    const key = `${profileId}\u0000${part}`
    const mine = (generation.get(key) ?? 0) + 1
    generation.set(key, mine)
    patch(profileId, part, { loading: true })
    try {
      const data = await read()
      if (generation.get(key) !== mine) return
      patch(profileId, part, { data, loading: false, error: null, at: Date.now() })
    } catch (err) {
      if (generation.get(key) !== mine) return
      patch(profileId, part, { loading: false, error: err instanceof Error ? err.message : String(err) })
    }
  }

  return {
    byProfile: {},
    loadCluster: (profileId) => load(profileId, 'cluster', () => api().kafkaCluster({ profileId })),
    loadTopics: (profileId) => load(profileId, 'topics', () => api().listKafkaTopics({ profileId })),
    loadGroups: (profileId) => load(profileId, 'groups', () => api().listKafkaGroups({ profileId })),
  }
})

export function useKafkaCluster(profileId: string): KafkaClusterData {
  return useKafkaClusterStore((s) => s.byProfile[profileId] ?? START)
}
