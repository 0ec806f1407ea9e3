import { z } from 'zod'
import { MessageSummary } from './messages'
import { ProfileId } from './profiles'

/**
 * The topic tree lives in the core; the renderer holds a *view* of it: which nodes are expanded and
 * which topic is selected. It gets a snapshot when the view changes and then coalesced deltas (at
 * most ten a second) of the nodes it can see, never one event per message.
 *
 * A node is named by its `path`, the topic up to and including its level. Levels never contain '/',
 * so a node's parent is the path up to the last '/', or the root when there is none. Empty levels
 * are real: "/a" is the node "a" below the top-level node "" (the empty level).
 */

/** Bytes of the last payload shown inline in a tree row. */
export const TREE_PREVIEW_BYTES = 64

export function parentPath(path: string): string | null {
  const i = path.lastIndexOf('/')
  return i < 0 ? null : path.slice(0, i)
}

export function levelName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

export const NodeSummary = z.strictObject({
  path: z.string(),
  /** Messages on this topic and every topic below. */
  messages: z.number().int(),
  /** Messages on exactly this topic. */
  own: z.number().int(),
  /** Topics with at least one message, this one included. */
  topics: z.number().int(),
  children: z.number().int(),
  /** Newest message anywhere in the subtree, ms since the epoch. */
  lastAt: z.number().nullable(),
  /** Messages per second in the subtree, smoothed over about ten seconds. */
  rate: z.number(),
  /** The last message on exactly this topic. */
  last: z
    .strictObject({
      id: z.number().int(),
      receivedAt: z.number(),
      size: z.number().int(),
      preview: z.string().nullable(),
      previewTruncated: z.boolean(),
      retain: z.boolean(),
    })
    .nullable(),
  /** The broker holds a retained message for this topic (as far as this connection has seen). */
  retained: z.boolean(),
  /**
   * This topic's own messages were seen since the app started, as opposed to known from history
   * only. Meaningful for nodes with messages of their own (`own > 0`); false on bare levels.
   */
  live: z.boolean(),
})
export type NodeSummary = z.infer<typeof NodeSummary>

export const TreeTotals = z.strictObject({
  messages: z.number().int(),
  topics: z.number().int(),
  nodes: z.number().int(),
  rate: z.number(),
})
export type TreeTotals = z.infer<typeof TreeTotals>

export const SeriesPoint = z.tuple([z.number(), z.number()])
export type SeriesPoint = z.infer<typeof SeriesPoint>

/** What the detail pane of the selected topic shows. */
export const TopicDetail = z.strictObject({
  path: z.string(),
  node: NodeSummary.nullable(),
  /** Newest first. In a snapshot: the recent history; in a delta: the messages since the last one. */
  messages: z.array(MessageSummary),
  /** Messages of this topic that arrived since the last delta but are not in `messages` (cap). */
  skipped: z.number().int(),
  /** Numeric values over time: the payload as a number, or the chosen JSON field. Oldest first. */
  series: z.array(SeriesPoint),
  /** JSON fields of the last payload that hold numbers, for the chart's field picker. */
  numericFields: z.array(z.string()),
  /** Snapshots: older messages than those listed exist (`getTopicMessages`). Always false in deltas. */
  olderAvailable: z.boolean(),
})
export type TopicDetail = z.infer<typeof TopicDetail>

export const TreeViewRequest = z.strictObject({
  profileId: ProfileId,
  /** Chosen by the renderer; deltas carry it back. */
  viewId: z.string().min(1).max(64),
  /** Paths of expanded nodes; the root is always expanded. */
  expanded: z.array(z.string().max(65535)).max(100_000),
  selected: z.string().max(65535).nullable(),
  /** JSON path (dot-separated) of the field to chart, or null for the payload as a number. */
  chartField: z.string().max(1024).nullable().default(null),
})
export type TreeViewRequest = z.input<typeof TreeViewRequest>

export const TreeChildren = z.strictObject({ parent: z.string().nullable(), nodes: z.array(NodeSummary) })

export const TreeSnapshot = z.strictObject({
  viewId: z.string(),
  totals: TreeTotals,
  /**
   * Children lists: for a new view, the root's and every expanded node's; for a view that changes,
   * only those of nodes expanded since its previous request (deltas kept the others current).
   */
  children: z.array(TreeChildren),
  detail: TopicDetail.nullable(),
})
export type TreeSnapshot = z.infer<typeof TreeSnapshot>

export const TreeDelta = z.strictObject({
  type: z.literal('tree.delta'),
  profileId: ProfileId,
  viewId: z.string(),
  totals: TreeTotals,
  /** Visible nodes that changed or appeared since the last delta (a parent is expanded or root). */
  nodes: z.array(NodeSummary),
  /** Paths of visible nodes that are gone (tree cleared). */
  removed: z.array(z.string()),
  detail: TopicDetail.nullable(),
})
export type TreeDelta = z.infer<typeof TreeDelta>
