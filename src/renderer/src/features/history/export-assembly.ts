import type { ApiInput, ApiResult } from '../../../../shared/api'
import type { HistoryFilterInput } from '../../../../shared/history'
import { fileSlug } from '../import-export/download-file'

export type ExportFormat = 'jsonl' | 'csv'

export const EXPORT_TYPES: Record<ExportFormat, string> = {
  jsonl: 'application/jsonl',
  csv: 'text/csv',
}

/** Messages asked for per `exportHistory` call: big enough to be quick, small enough to cancel. */
export const EXPORT_CHUNK = 2000

export type FetchExportChunk = (input: ApiInput<'exportHistory'>) => Promise<ApiResult<'exportHistory'>>

export interface ExportProgress {
  exported: number
  total: number
}

/**
 * Runs an export: `exportHistory` oldest first, each call going on from the last one's `next`,
 * until `next` is null. The text of each chunk is kept as it came (the core puts the CSV header on
 * the first chunk only), so the file is those parts in order. Stops between calls when `signal` is
 * aborted, throwing an AbortError; messages that arrive meanwhile are not in the file (the end is
 * where the walk reached, so the count may exceed the `countHistory` total asked for first).
 */
export async function assembleExport(
  fetchChunk: FetchExportChunk,
  filter: HistoryFilterInput & { profileId: string },
  format: ExportFormat,
  total: number,
  onProgress: (p: ExportProgress) => void = () => {},
  signal?: AbortSignal,
  chunk = EXPORT_CHUNK,
): Promise<{ parts: string[]; exported: number }> {
  const parts: string[] = []
  let exported = 0
  let afterId: number | null = null
  for (;;) {
    signal?.throwIfAborted()
    const res: ApiResult<'exportHistory'> = await fetchChunk({ filter, format, afterId, limit: chunk })
    signal?.throwIfAborted()
    if (res.text !== '') parts.push(res.text)
    exported += res.exported
    onProgress({ exported, total: Math.max(total, exported) })
    if (res.next === null) break
    afterId = res.next
  }
  return { parts, exported }
}

/** The parts as a file's contents. */
export function exportBlob(parts: string[], format: ExportFormat): Blob {
  return new Blob(parts, { type: EXPORT_TYPES[format] })
}

/** "brokerlens-homelab-zigbee2mqtt-kitchen-2024-06-01.jsonl": profile, scope, day, format. */
export function historyFileName(
  profileName: string,
  topic: string | null,
  format: ExportFormat,
  now = new Date(),
): string {
  const day = now.toISOString().slice(0, 10)
  const scope =
    topic === null ? '' : `-${fileSlug(topic.replace(/#/g, 'all').replace(/\+/g, 'any').replace(/\//g, ' '))}`
  return `brokerlens-${fileSlug(profileName)}${scope}-${day}.${format}`
}
