import { describe, expect, it } from 'vitest'
import { assembleExport, exportBlob, historyFileName, type FetchExportChunk } from './export-assembly'

/** A fake core: 5 messages, CSV header on the first chunk only, as the real one does. */
function fakeCore(format: 'jsonl' | 'csv', calls: (number | null)[]): FetchExportChunk {
  const ids = [1, 2, 3, 4, 5]
  return async ({ afterId = null, limit = 2000 }) => {
    calls.push(afterId)
    const rest = ids.filter((id) => afterId === null || id > afterId)
    const page = rest.slice(0, limit)
    const lines = page.map((id) => (format === 'csv' ? `${id},t` : JSON.stringify({ id })))
    if (format === 'csv' && afterId === null) lines.unshift('id,topic')
    return {
      text: lines.length > 0 ? `${lines.join('\n')}\n` : '',
      next: rest.length > limit ? page[page.length - 1]! : null,
      exported: page.length,
    }
  }
}

const filter = { profileId: 'p1' }

describe('history export', () => {
  it('walks the chunks with afterId = next and joins them into one file', async () => {
    const calls: (number | null)[] = []
    const progress: number[] = []
    const { parts, exported } = await assembleExport(
      fakeCore('jsonl', calls),
      filter,
      'jsonl',
      5,
      (p) => progress.push(p.exported),
      undefined,
      2,
    )
    expect(calls).toEqual([null, 2, 4])
    expect(progress).toEqual([2, 4, 5])
    expect(exported).toBe(5)
    const text = await exportBlob(parts, 'jsonl').text()
    expect(
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual([1, 2, 3, 4, 5])
  })

  it('keeps one CSV header', async () => {
    const { parts } = await assembleExport(fakeCore('csv', []), filter, 'csv', 5, undefined, undefined, 2)
    const text = await exportBlob(parts, 'csv').text()
    expect(text.split('\n').filter((l) => l === 'id,topic')).toHaveLength(1)
    expect(text.trim().split('\n')).toHaveLength(6)
    expect(exportBlob(parts, 'csv').type).toBe('text/csv')
  })

  it('stops between chunks when cancelled', async () => {
    const calls: (number | null)[] = []
    const ctl = new AbortController()
    const run = assembleExport(fakeCore('jsonl', calls), filter, 'jsonl', 5, () => ctl.abort(), ctl.signal, 2)
    await expect(run).rejects.toThrow()
    expect(calls).toEqual([null])
  })

  it('never reports a total below what was exported', async () => {
    const totals: number[] = []
    await assembleExport(fakeCore('jsonl', []), filter, 'jsonl', 3, (p) => totals.push(p.total), undefined, 2)
    expect(totals).toEqual([3, 4, 5])
  })

  it('names the file after the profile, scope and day', () => {
    const d = new Date('2024-06-01T10:00:00Z')
    expect(historyFileName('Homelab', 'zigbee2mqtt/#', 'jsonl', d)).toBe(
      'brokerlens-homelab-zigbee2mqtt-all-2024-06-01.jsonl',
    )
    expect(historyFileName('Homelab', null, 'csv', d)).toBe('brokerlens-homelab-2024-06-01.csv')
  })
})
