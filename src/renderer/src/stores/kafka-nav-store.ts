import { create } from 'zustand'

/**
 * Where the user is in each Kafka profile's workspace: the tab, the topic and the group opened, and
 * the topic's own tab. Kept per profile so going to another connection and back lands in place.
 */

export type KafkaTab = 'overview' | 'topics' | 'groups' | 'messages' | 'publish'
export type TopicTab = 'records' | 'partitions' | 'configs'

export interface KafkaNav {
  tab: KafkaTab
  topic: string | null
  topicTab: TopicTab
  group: string | null
  /** The lists' searches, kept while a topic or group is open. */
  topicSearch: string
  hideInternal: boolean
  groupSearch: string
}

const START: KafkaNav = {
  tab: 'overview',
  topic: null,
  topicTab: 'records',
  group: null,
  topicSearch: '',
  hideInternal: true,
  groupSearch: '',
}

interface KafkaNavState {
  byProfile: Record<string, KafkaNav>
  set(profileId: string, patch: Partial<KafkaNav>): void
  /** Opens a topic on the topics tab (from a group's offsets, say). */
  openTopic(profileId: string, topic: string | null, topicTab?: TopicTab): void
  /** Opens a group on the groups tab (from a topic's group list, say). */
  openGroup(profileId: string, group: string | null): void
}

export const useKafkaNavStore = create<KafkaNavState>()((set, get) => ({
  byProfile: {},
  set(profileId, patch) {
    const current = get().byProfile[profileId] ?? START
    set({ byProfile: { ...get().byProfile, [profileId]: { ...current, ...patch } } })
  },
  openTopic(profileId, topic, topicTab) {
    get().set(profileId, { tab: 'topics', topic, ...(topicTab ? { topicTab } : {}) })
  },
  openGroup(profileId, group) {
    get().set(profileId, { tab: 'groups', group })
  },
}))

export function useKafkaNav(profileId: string): KafkaNav {
  return useKafkaNavStore((s) => s.byProfile[profileId] ?? START)
}
