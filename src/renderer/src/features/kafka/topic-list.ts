import type { KafkaTopicSummary } from '../../../../shared/kafka'

/** The topic list's search, "hide internal" and column sort. */

export type TopicSortKey = 'name' | 'partitions' | 'messages' | 'size' | 'groups' | 'lag'
export interface TopicSort {
  key: TopicSortKey
  desc: boolean
}

/** The lag of every group on the topic added up; null when no group has a commit on it. */
export function topicLag(topic: Pick<KafkaTopicSummary, 'groups'>): number | null {
  let sum: number | null = null
  for (const g of topic.groups) if (g.lag !== null) sum = (sum ?? 0) + g.lag
  return sum
}

function sortValue(t: KafkaTopicSummary, key: TopicSortKey): number | string | null {
  switch (key) {
    case 'name':
      return t.name
    case 'partitions':
      return t.partitions
    case 'messages':
      return t.messages
    case 'size':
      return t.sizeBytes
    case 'groups':
      return t.groups.length
    case 'lag':
      return topicLag(t)
  }
}

/**
 * Compares by a column; a missing figure ("—") sorts last whichever way, and equal figures fall
 * back to the name so the order never flickers between refreshes.
 */
export function compareBy<T>(
  value: (item: T) => number | string | null,
  name: (item: T) => string,
  desc: boolean,
): (a: T, b: T) => number {
  return (a, b) => {
    const va = value(a)
    const vb = value(b)
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1
    } else if (va !== vb) {
      const c = typeof va === 'string' && typeof vb === 'string' ? va.localeCompare(vb) : va < vb ? -1 : 1
      return desc ? -c : c
    }
    const na = name(a)
    const nb = name(b)
    return na === nb ? 0 : na < nb ? -1 : 1
  }
}

export function visibleTopics(
  topics: readonly KafkaTopicSummary[],
  opts: { search: string; hideInternal: boolean; sort: TopicSort },
): KafkaTopicSummary[] {
  const q = opts.search.trim().toLowerCase()
  return topics
    .filter((t) => (!opts.hideInternal || !t.internal) && (q === '' || t.name.toLowerCase().includes(q)))
    .sort(
      compareBy(
        (t) => sortValue(t, opts.sort.key),
        (t) => t.name,
        opts.sort.desc,
      ),
    )
}

/** A click on a column header: the same column flips, another starts in its natural direction. */
export function nextSort<K extends string>(
  current: { key: K; desc: boolean },
  key: K,
  textKeys: readonly K[],
) {
  if (current.key === key) return { key, desc: !current.desc }
  return { key, desc: !textKeys.includes(key) }
}
