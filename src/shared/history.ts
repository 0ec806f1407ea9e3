import { z } from 'zod'
import { MessageSummary, Qos } from './messages'
import { ProfileId } from './profiles'

/** What the history panel asks for. Every field narrows; none given means "all of the profile's". */
export const HistoryFilter = z.strictObject({
  profileId: ProfileId,
  /** An exact topic, or an MQTT filter with + and # (a subtree: `home/#`). */
  topic: z.string().max(65535).nullable().default(null),
  from: z.number().nullable().default(null),
  to: z.number().nullable().default(null),
  /** Words to find in payload text, each as a prefix, all of them. */
  text: z.string().max(1000).nullable().default(null),
  direction: z.enum(['in', 'out']).nullable().default(null),
  retain: z.boolean().nullable().default(null),
  qos: Qos.nullable().default(null),
  minSize: z.number().int().min(0).nullable().default(null),
  maxSize: z.number().int().min(0).nullable().default(null),
})
export type HistoryFilter = z.infer<typeof HistoryFilter>
export type HistoryFilterInput = z.input<typeof HistoryFilter>

export const HistoryHit = MessageSummary.extend({
  /** For text searches: a stretch of the payload around the first match, and where the matches are. */
  snippet: z
    .strictObject({ text: z.string(), ranges: z.array(z.tuple([z.number(), z.number()])) })
    .nullable(),
})
export type HistoryHit = z.infer<typeof HistoryHit>

export const HistoryPage = z.strictObject({
  hits: z.array(HistoryHit),
  /** Pass as `beforeId` for the next (older) page; null at the end. */
  nextBeforeId: z.number().int().nullable(),
})
export type HistoryPage = z.infer<typeof HistoryPage>

export const HistoryStats = z.strictObject({
  /** Bytes the database uses (pages in use), against the budget. */
  usedBytes: z.number(),
  budgetBytes: z.number(),
  messages: z.number().int(),
  oldestAt: z.number().nullable(),
  /** Messages removed to stay within the budget since the app started, and the newest of them. */
  prunedMessages: z.number().int(),
  prunedUpToAt: z.number().nullable(),
  /** Profiles whose history is paused (the tree still updates). */
  paused: z.array(ProfileId),
  /** The last write failure (a full disk), while it lasts; messages wait in memory meanwhile. */
  writeError: z.string().nullable(),
  pendingWrites: z.number().int(),
  /** Messages not stored since the app started: too many waited for a failed write. */
  droppedWrites: z.number().int(),
})
export type HistoryStats = z.infer<typeof HistoryStats>
