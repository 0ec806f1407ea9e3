import type { HistoryHit } from '../../../../shared/history'
import type { SavedPayloadSummary } from '../../../../shared/saved-payloads'
import type { ListFilter } from '../../stores/history-list-store'
import { describeFilter } from '../history/history-filter'
import type { ReplaySource } from './replay-form'

/**
 * What the replay dialog can be opened with. One history message is asked for by its topic and
 * exact time (the contract has no message-id source): the dialog counts what that covers, so two
 * messages of the same topic in the same millisecond show as 2 before anything is sent.
 */
export function replaySourceOfHit(hit: HistoryHit): ReplaySource {
  return {
    kind: 'history',
    filter: {
      profileId: hit.profileId,
      topic: hit.topic,
      from: hit.receivedAt,
      to: hit.receivedAt,
      direction: hit.direction,
    },
    label: `the message of ${new Date(hit.receivedAt).toLocaleString()} on ${hit.topic}`,
    sampleTopic: hit.topic,
  }
}

export function replaySourceOfFilter(
  filter: ListFilter,
  profileName: string,
  sampleTopic: string | null,
): ReplaySource {
  return {
    kind: 'history',
    filter,
    label: `history: ${describeFilter(filter, profileName)}`,
    sampleTopic,
  }
}

export function replaySourceOfSaved(payloads: readonly SavedPayloadSummary[]): ReplaySource {
  const first = payloads[0]
  return {
    kind: 'saved',
    ids: payloads.map((p) => p.id),
    label:
      payloads.length === 1 && first ? `saved payload “${first.name}”` : `${payloads.length} saved payloads`,
    sampleTopic: payloads.find((p) => p.topic !== '')?.topic ?? null,
  }
}
