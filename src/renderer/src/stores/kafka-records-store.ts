import { create } from 'zustand'
import type { KafkaBrowseRequest } from '../../../shared/kafka'
import type { MessageSummary } from '../../../shared/messages'
import { api } from '../api/client'
import {
  browseRequest,
  continueRequest,
  newBrowseDraft,
  type BrowseDraft,
} from '../features/kafka/browse-draft'
import { appendRecords, recordKey } from '../features/kafka/record-rows'

/**
 * The records browser of each topic opened: the form, the records read (pages, then live ones),
 * where the next page starts, the record picked, and the live tail. Kept per profile and topic, so
 * leaving a topic and coming back finds the list as it was.
 */

export interface TailState {
  /** The core's tail id; null while it starts. */
  id: string | null
  /** History rows above this id are new to the list. */
  lastId: number
  /** Some live records were not listed: too many came at once (they are in the history). */
  missed: boolean
  error: string | null
}

export interface TopicRecords {
  draft: BrowseDraft
  records: MessageSummary[]
  /** The last page's request, continued by "load more". */
  request: KafkaBrowseRequest | null
  next: { partition: number; offset: string }[]
  reachedEnd: boolean
  /** Records the broker handed over for this list, matching the filters or not. */
  scanned: number
  /** Records not kept because the list is full. */
  dropped: number
  loading: 'read' | 'more' | null
  error: string | null
  /** `recordKey` of the record shown below the list. */
  selected: string | null
  tail: TailState | null
}

export function recordsKey(profileId: string, topic: string): string {
  return `${profileId}\u0000${topic}`
}

export function newTopicRecords(): TopicRecords {
  return {
    draft: newBrowseDraft(),
    records: [],
    request: null,
    next: [],
    reachedEnd: false,
    scanned: 0,
    dropped: 0,
    loading: null,
    error: null,
    selected: null,
    tail: null,
  }
}

interface KafkaRecordsState {
  byTopic: Record<string, TopicRecords>
  setDraft(profileId: string, topic: string, patch: Partial<BrowseDraft>): void
  /** Reads the first page the form describes, replacing the list. */
  read(profileId: string, topic: string, partitionCount: number): Promise<void>
  /** Reads the page after the last one and appends it. */
  more(profileId: string, topic: string): Promise<void>
  select(profileId: string, topic: string, key: string | null): void
  /** Live records (oldest first) from the tail; `missed` when some could not be listed. */
  appendLive(
    profileId: string,
    topic: string,
    records: MessageSummary[],
    lastId: number,
    missed: boolean,
  ): void
  setTail(profileId: string, topic: string, tail: TailState | null): void
}

const generation = new Map<string, number>()

export const useKafkaRecordsStore = create<KafkaRecordsState>()((set, get) => {
  function current(key: string): TopicRecords {
    return get().byTopic[key] ?? newTopicRecords()
  }
  function patch(key: string, p: Partial<TopicRecords>) {
    set({ byTopic: { ...get().byTopic, [key]: { ...current(key), ...p } } })
  }
  function bump(key: string): number {
    const g = (generation.get(key) ?? 0) + 1
    generation.set(key, g)
    return g
  }

  async function page(key: string, request: KafkaBrowseRequest, append: boolean) {
    const mine = bump(key)
    patch(key, { loading: append ? 'more' : 'read', error: null })
    try {
      const page = await api().browseKafka(request)
      if (generation.get(key) !== mine) return
      const before = current(key)
      const base = append ? before.records : []
      const { records, dropped } = appendRecords(base, page.records)
      patch(key, {
        records,
        request,
        next: page.next,
        reachedEnd: page.reachedEnd,
        scanned: (append ? before.scanned : 0) + page.scanned,
        dropped: (append ? before.dropped : 0) + dropped,
        loading: null,
        selected: append ? before.selected : records[0] ? recordKey(records[0]) : null,
      })
    } catch (err) {
      if (generation.get(key) !== mine) return
      patch(key, { loading: null, error: err instanceof Error ? err.message : String(err) })
    }
  }

  return {
    byTopic: {},
    setDraft(profileId, topic, p) {
      const key = recordsKey(profileId, topic)
      patch(key, { draft: { ...current(key).draft, ...p } })
    },
    async read(profileId, topic, partitionCount) {
      const key = recordsKey(profileId, topic)
      const built = browseRequest(current(key).draft, { profileId, topic, partitionCount })
      if (!built.ok) {
        patch(key, { error: built.error })
        return
      }
      await page(key, built.request, false)
    },
    async more(profileId, topic) {
      const key = recordsKey(profileId, topic)
      const s = current(key)
      const request = s.request && continueRequest(s.request, s.next)
      if (!request) return
      await page(key, request, true)
    },
    select(profileId, topic, selected) {
      patch(recordsKey(profileId, topic), { selected })
    },
    appendLive(profileId, topic, live, lastId, missed) {
      const key = recordsKey(profileId, topic)
      const s = current(key)
      if (!s.tail) return
      const { records, dropped } = appendRecords(s.records, live)
      patch(key, {
        records,
        dropped: s.dropped + dropped,
        tail: { ...s.tail, lastId: Math.max(s.tail.lastId, lastId), missed: s.tail.missed || missed },
      })
    },
    setTail(profileId, topic, tail) {
      patch(recordsKey(profileId, topic), { tail })
    },
  }
})

const NONE = newTopicRecords()

export function useTopicRecords(profileId: string, topic: string): TopicRecords {
  return useKafkaRecordsStore((s) => s.byTopic[recordsKey(profileId, topic)] ?? NONE)
}
