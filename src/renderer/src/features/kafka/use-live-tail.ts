import { useCallback, useEffect, useRef } from 'react'
import type { HistoryFilterInput } from '../../../../shared/history'
import type { MessageSummary } from '../../../../shared/messages'
import { api } from '../../api/client'
import { notifyError } from '../../stores/notices-store'
import { recordsKey, useKafkaRecordsStore } from '../../stores/kafka-records-store'
import { matchesFilter } from './record-rows'

/** How often the list looks for records the tail stored. */
export const TAIL_POLL_MS = 1000
/** History rows read per look, at most PAGES pages of them; more in one second are left out. */
const PAGE = 500
const PAGES = 4

/**
 * The live tail of a topic in its records list. The core follows the topic (`startKafkaTail`) and
 * stores each record in the history under `topic/partition`; the list reads what is new there
 * every second (one keyset query over all partitions), keeps what the browser's partitions and
 * filters let through, and appends it. Leaving the topic stops the tail.
 */
export function useLiveTail(profileId: string, topic: string) {
  const key = recordsKey(profileId, topic)
  const tailId = useKafkaRecordsStore((s) => s.byTopic[key]?.tail?.id ?? null)
  const running = useRef<string | null>(null)

  const start = useCallback(async () => {
    const store = useKafkaRecordsStore.getState()
    const partitions = store.byTopic[key]?.draft.partitions ?? null
    store.setTail(profileId, topic, { id: null, lastId: 0, missed: false, error: null })
    try {
      // what is stored already is not live: remember where the history stands now
      const newest = await api().queryHistory({
        filter: { profileId, topic: `${topic}/+`, direction: 'in' },
        limit: 1,
      })
      const status = await api().startKafkaTail({ profileId, topic, partitions })
      running.current = status.id
      useKafkaRecordsStore.getState().setTail(profileId, topic, {
        id: status.id,
        lastId: newest.hits[0]?.id ?? 0,
        missed: false,
        error: status.error,
      })
    } catch (err) {
      useKafkaRecordsStore.getState().setTail(profileId, topic, null)
      notifyError('Could not start the live tail', err)
    }
  }, [key, profileId, topic])

  const stop = useCallback(async () => {
    const id = running.current ?? useKafkaRecordsStore.getState().byTopic[key]?.tail?.id ?? null
    running.current = null
    useKafkaRecordsStore.getState().setTail(profileId, topic, null)
    if (id !== null)
      await api()
        .stopKafkaTail({ id })
        .catch(() => undefined)
  }, [key, profileId, topic])

  // follow the history while the tail runs
  useEffect(() => {
    if (tailId === null) return
    let cancelled = false
    let busy = false
    const timer = setInterval(() => {
      if (busy) return
      busy = true
      void (async () => {
        try {
          const s = useKafkaRecordsStore.getState().byTopic[key]
          if (!s?.tail) return
          const { records, newestId, missed } = await readNew(s.tail.lastId)
          if (cancelled) return
          const d = s.draft
          const wanted = records.filter(
            (r) =>
              (d.partitions === null || (r.kafka !== null && d.partitions.includes(r.kafka.partition))) &&
              matchesFilter(r, { key: d.key, header: d.header, text: d.text }),
          )
          if (newestId > s.tail.lastId || missed)
            useKafkaRecordsStore.getState().appendLive(profileId, topic, wanted, newestId, missed)
        } catch {
          // the next look tries again; the tail's own state comes by event
        } finally {
          busy = false
        }
      })()
    }, TAIL_POLL_MS)

    async function readNew(lastId: number) {
      const history: HistoryFilterInput = { profileId, topic: `${topic}/+`, direction: 'in' }
      const found: MessageSummary[] = []
      let beforeId: number | null = null
      let missed = false
      for (let page = 0; page < PAGES; page++) {
        const res = await api().queryHistory({ filter: history, beforeId, limit: PAGE })
        const fresh = res.hits.filter((h) => h.id > lastId)
        found.push(...fresh)
        if (fresh.length < res.hits.length || res.nextBeforeId === null) break
        beforeId = res.nextBeforeId
        if (page === PAGES - 1) missed = true
      }
      const newestId = found.reduce((m, r) => Math.max(m, r.id), lastId)
      // newest first from the history; the list runs oldest first
      return { records: found.reverse(), newestId, missed }
    }

    return () => {
      cancelled = true
      clearInterval(timer)
    }
  }, [tailId, key, profileId, topic])

  // leaving the topic stops its tail
  useEffect(() => {
    return () => {
      const id = running.current
      running.current = null
      useKafkaRecordsStore.getState().setTail(profileId, topic, null)
      if (id !== null)
        void api()
          .stopKafkaTail({ id })
          .catch(() => undefined)
    }
  }, [profileId, topic])

  return { running: tailId !== null, start, stop }
}
