/**
 * A JSON Lines file goes to the core in pieces of about `IMPORT_CHUNK_CHARS`, each cut after a line
 * break so no line is ever split, each with the number of its first line so the core's error
 * reports name the line of the file. The file is read a slice at a time: a 500 MB export never sits
 * in the page as one string.
 */
export const IMPORT_CHUNK_CHARS = 2 * 1024 * 1024

export interface ImportChunk {
  text: string
  /** The file's line number (from 1) of the chunk's first line. */
  firstLine: number
}

/**
 * Takes decoded text as it is read and gives back whole-line chunks. `push` returns the chunks that
 * are complete; `end` the rest. A line longer than the target size makes a chunk of its own.
 */
export class LineChunker {
  private pending = ''
  private nextLine = 1

  constructor(private readonly target = IMPORT_CHUNK_CHARS) {}

  push(text: string): ImportChunk[] {
    this.pending += text
    const out: ImportChunk[] = []
    while (this.pending.length >= this.target) {
      // cut after the last line break within the target, or after the first one beyond it
      let cut = this.pending.lastIndexOf('\n', this.target - 1)
      if (cut < 0) cut = this.pending.indexOf('\n', this.target)
      if (cut < 0) break // one line still being read
      out.push(this.take(cut + 1))
    }
    return out
  }

  end(): ImportChunk[] {
    if (this.pending === '') return []
    return [this.take(this.pending.length)]
  }

  private take(length: number): ImportChunk {
    const text = this.pending.slice(0, length)
    this.pending = this.pending.slice(length)
    const chunk = { text, firstLine: this.nextLine }
    this.nextLine += countLines(text)
    return chunk
  }
}

/** Lines a chunk holds: its line breaks (chunks end with one, except perhaps the last). */
function countLines(text: string): number {
  let n = 0
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++
  return n
}

/** Bytes read from the file per step. */
const READ_BYTES = 1024 * 1024

/**
 * Reads a file (a Blob) slice by slice and yields its whole-line chunks; `onRead` gets the bytes
 * read so far for the progress bar. UTF-8 characters cut by a slice boundary are joined by the
 * streaming decoder (which also drops a leading byte order mark).
 */
export async function* readLineChunks(
  file: Blob,
  onRead: (bytes: number) => void = () => {},
  target = IMPORT_CHUNK_CHARS,
): AsyncGenerator<ImportChunk> {
  const decoder = new TextDecoder('utf-8')
  const chunker = new LineChunker(target)
  for (let at = 0; at < file.size; at += READ_BYTES) {
    const end = Math.min(file.size, at + READ_BYTES)
    const buffer = await file.slice(at, end).arrayBuffer()
    const text = decoder.decode(new Uint8Array(buffer), { stream: end < file.size })
    onRead(end)
    yield* chunker.push(text)
  }
  yield* chunker.push(decoder.decode())
  yield* chunker.end()
}
