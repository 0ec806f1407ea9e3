import { diffLines } from 'diff'

/**
 * A line diff of two payloads, ready to draw: each line marked added, removed or the same, long
 * unchanged stretches folded to a few lines of context. jsdiff gets a time budget so that two huge,
 * very different payloads give up with a message rather than freeze the window.
 */
export type DiffLineKind = 'added' | 'removed' | 'same' | 'fold'

export interface DiffLine {
  kind: DiffLineKind
  text: string
}

export interface PreparedDiff {
  lines: DiffLine[]
  added: number
  removed: number
  /** jsdiff ran out of time. */
  gaveUp: boolean
}

export const DIFF_CONTEXT = 3
export const DIFF_TIMEOUT_MS = 1500

function splitLines(value: string): string[] {
  const lines = value.split('\n')
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  return lines
}

export function prepareDiff(older: string, newer: string, context = DIFF_CONTEXT): PreparedDiff {
  const changes = diffLines(older, newer, { timeout: DIFF_TIMEOUT_MS })
  if (!changes) return { lines: [], added: 0, removed: 0, gaveUp: true }
  const lines: DiffLine[] = []
  let added = 0
  let removed = 0
  changes.forEach((change, index) => {
    const text = splitLines(change.value)
    if (change.added || change.removed) {
      const kind = change.added ? 'added' : 'removed'
      if (change.added) added += text.length
      else removed += text.length
      for (const t of text) lines.push({ kind, text: t })
      return
    }
    // unchanged: keep `context` lines next to changes, fold the middle
    const first = index === 0
    const last = index === changes.length - 1
    const head = first ? 0 : context
    const tail = last ? 0 : context
    if (text.length <= head + tail + 1) {
      for (const t of text) lines.push({ kind: 'same', text: t })
      return
    }
    for (const t of text.slice(0, head)) lines.push({ kind: 'same', text: t })
    lines.push({ kind: 'fold', text: `${text.length - head - tail} unchanged lines` })
    for (const t of text.slice(text.length - tail)) lines.push({ kind: 'same', text: t })
  })
  return { lines, added, removed, gaveUp: false }
}
