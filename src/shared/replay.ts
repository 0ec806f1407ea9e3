import { z } from 'zod'
import { HistoryFilter } from './history'
import { ProfileId } from './profiles'

export const ReplayRequest = z.strictObject({
  source: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('saved'), ids: z.array(z.number().int()).min(1).max(100_000) }),
    z.strictObject({ kind: z.literal('history'), filter: HistoryFilter }),
  ]),
  targetProfileId: ProfileId,
  /** Rewrites topics that start with `from` to start with `to` (e.g. `prod/` → `test/`). */
  rewrite: z
    .strictObject({ from: z.string().max(65535), to: z.string().max(65535) })
    .nullable()
    .default(null),
  /** 'original': the recorded gaps divided by `speed`; 'asap': as fast as the broker acknowledges. */
  pace: z.enum(['original', 'asap']).default('original'),
  speed: z.number().min(0.1).max(100).default(1),
  loop: z.boolean().default(false),
})
export type ReplayRequest = z.input<typeof ReplayRequest>

export const ReplayState = z.enum(['running', 'paused', 'waiting', 'done', 'stopped', 'failed'])

export const ReplayStatus = z.strictObject({
  id: z.string(),
  state: ReplayState,
  targetProfileId: ProfileId,
  sent: z.number().int(),
  /** Messages per pass; null while a history source is still being counted. */
  total: z.number().int().nullable(),
  pass: z.number().int(),
  /** The newest log lines: what was sent, waits, reconnects, errors. */
  log: z.array(z.strictObject({ at: z.number(), text: z.string() })),
})
export type ReplayStatus = z.infer<typeof ReplayStatus>
