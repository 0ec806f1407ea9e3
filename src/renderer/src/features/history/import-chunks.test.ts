import { describe, expect, it } from 'vitest'
import { LineChunker, readLineChunks, type ImportChunk } from './import-chunks'

const lines = (n: number, width = 9) =>
  Array.from({ length: n }, (_, i) => `${String(i + 1).padStart(width - 1, '0')}\n`).join('')

function whole(chunks: ImportChunk[]): string {
  return chunks.map((c) => c.text).join('')
}

describe('import chunks', () => {
  it('cuts at line boundaries near the target size and numbers the first line of each', () => {
    const c = new LineChunker(40) // four 10-char lines… almost: 9 + '\n'
    const text = lines(10)
    const chunks = [...c.push(text), ...c.end()]
    expect(whole(chunks)).toBe(text)
    for (const ch of chunks.slice(0, -1)) {
      expect(ch.text.endsWith('\n')).toBe(true)
      expect(ch.text.length).toBeLessThanOrEqual(40)
    }
    expect(chunks.map((ch) => ch.firstLine)).toEqual([1, 5, 9])
    expect(chunks.map((ch) => ch.text.split('\n')[0])).toEqual(['00000001', '00000005', '00000009'])
  })

  it('keeps a line whole however it arrives, and a long line makes a chunk of its own', () => {
    const c = new LineChunker(16)
    const long = `${'x'.repeat(50)}\n`
    const text = `short\n${long}tail`
    const chunks: ImportChunk[] = []
    for (const piece of text.match(/.{1,7}/gs)!) chunks.push(...c.push(piece))
    chunks.push(...c.end())
    expect(whole(chunks)).toBe(text)
    expect(chunks).toEqual([
      { text: 'short\n', firstLine: 1 },
      { text: long, firstLine: 2 },
      { text: 'tail', firstLine: 3 },
    ])
  })

  it('reads a file in slices, joining characters cut between them', async () => {
    const text = `${'é'.repeat(700_000)}\n{"topic":"温度"}\n`
    const file = new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), text]) // with a byte order mark
    const read: number[] = []
    const chunks: ImportChunk[] = []
    for await (const ch of readLineChunks(file, (n) => read.push(n), 1000)) chunks.push(ch)
    expect(whole(chunks)).toBe(text)
    expect(chunks.map((c) => c.firstLine)).toEqual([1, 2])
    expect(read.at(-1)).toBe(file.size)
  })
})
