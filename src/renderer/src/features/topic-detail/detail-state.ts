import type { MessageSummary } from '../../../../shared/messages'
import type { NodeSummary, SeriesPoint, TopicDetail } from '../../../../shared/topic-tree'
import { appendToWindow, trimWindow } from './chart-window'

/**
 * What the detail pane holds for the selected topic: the snapshot's recent history, grown by each
 * delta's new messages and by "load older" pages, and the chart's window of points.
 */
export interface DetailState {
  path: string
  node: NodeSummary | null
  /** Newest first. */
  messages: readonly MessageSummary[]
  /** Messages that arrived faster than the deltas list them: in the history, not in this list. */
  skipped: number
  series: readonly SeriesPoint[]
  numericFields: readonly string[]
  /**
   * Nothing older than the list's last message is stored: the snapshot said so (`olderAvailable`
   * false), or "load older" reached the first message. Trimming the list's tail makes it false again.
   */
  olderDone: boolean
}

/** Live messages kept in the list; older pages the user loads come on top of this. */
export const LIVE_MESSAGES_KEPT = 1000
/** The list never grows beyond this, whatever was loaded. */
export const MESSAGES_KEPT_MAX = 20_000

export function detailFromSnapshot(d: TopicDetail): DetailState {
  return {
    path: d.path,
    node: d.node,
    messages: d.messages,
    skipped: d.skipped,
    series: trimWindow(d.series),
    numericFields: d.numericFields,
    olderDone: !d.olderAvailable,
  }
}

/** Merges a delta's detail: new messages go on top (ids only grow), points onto the chart. */
export function mergeDetailDelta(state: DetailState, d: TopicDetail): DetailState {
  if (d.path !== state.path) return state
  const newestId = state.messages[0]?.id ?? -Infinity
  const fresh = d.messages.filter((m) => m.id > newestId)
  let messages = state.messages
  let olderDone = state.olderDone
  if (fresh.length > 0) {
    const merged = [...fresh, ...state.messages]
    // trim the oldest; keep at least what the user loaded by hand up to the hard cap
    const keep = Math.min(MESSAGES_KEPT_MAX, Math.max(LIVE_MESSAGES_KEPT, state.messages.length))
    if (merged.length > keep) {
      messages = merged.slice(0, keep)
      olderDone = false // what was trimmed can be loaded again
    } else {
      messages = merged
    }
  }
  return {
    path: state.path,
    node: d.node ?? state.node,
    messages,
    skipped: state.skipped + d.skipped,
    series: d.series.length > 0 ? appendToWindow(state.series, d.series) : state.series,
    numericFields: d.numericFields.length > 0 ? d.numericFields : state.numericFields,
    olderDone,
  }
}

/** Adds a page of older messages (newest first) below the list. */
export function appendOlder(state: DetailState, page: readonly MessageSummary[], limit: number): DetailState {
  const oldestId = state.messages[state.messages.length - 1]?.id ?? Infinity
  const older = page.filter((m) => m.id < oldestId)
  const messages = [...state.messages, ...older].slice(0, MESSAGES_KEPT_MAX)
  return { ...state, messages, olderDone: page.length < limit }
}
