import type { AmqpWatchedName } from '../../../../shared/amqp'
import type { AmqpConfig } from '../../../../shared/profiles'

/**
 * The names a profile watches when the management API is not there (AMQP itself lists nothing):
 * kept in the profile's `watched`, each shown with what its last check said.
 */

export type Watched = AmqpConfig['watched'][number]
export type WatchKind = Watched['kind']

/** As many as the profile schema allows. */
export const MAX_WATCHED = 500

export interface WatchedRow extends Watched {
  /** ok: it exists; missing: the broker's words; unchecked: not in the last topology read. */
  check: { state: 'ok' } | { state: 'error'; error: string } | { state: 'unchecked' }
}

export function watchedRows(
  watched: readonly Watched[],
  checked: readonly AmqpWatchedName[] | null,
): WatchedRow[] {
  return watched.map((w) => {
    const found = checked?.find((c) => c.kind === w.kind && c.name === w.name)
    return {
      ...w,
      check: !found
        ? { state: 'unchecked' }
        : found.error === null
          ? { state: 'ok' }
          : { state: 'error', error: found.error },
    }
  })
}

const encoder = new TextEncoder()

export function addWatched(
  watched: readonly Watched[],
  kind: WatchKind,
  rawName: string,
): { ok: true; watched: Watched[] } | { ok: false; error: string } {
  const name = rawName.trim()
  if (name === '') return { ok: false, error: 'Type a queue or exchange name' }
  if (encoder.encode(name).length > 255) return { ok: false, error: 'At most 255 bytes (UTF-8)' }
  if (watched.some((w) => w.kind === kind && w.name === name))
    return { ok: false, error: `The ${kind} “${name}” is watched already` }
  if (watched.length >= MAX_WATCHED) return { ok: false, error: `At most ${MAX_WATCHED} names` }
  return { ok: true, watched: [...watched, { kind, name }] }
}

export function removeWatched(watched: readonly Watched[], kind: WatchKind, name: string): Watched[] {
  return watched.filter((w) => !(w.kind === kind && w.name === name))
}

/** The profile's config with a new list; every other field kept exactly as it is. */
export function withWatched(config: AmqpConfig, watched: Watched[]): AmqpConfig {
  return { ...config, watched }
}
