/** One piece of a snippet: plain, or a match to draw inside <mark>. */
export interface SnippetSegment {
  text: string
  mark: boolean
}

/**
 * Cuts a search snippet into plain and marked pieces. The core sends one range per occurrence of
 * each word, so ranges can overlap ("temp" inside "temperature") or come unsorted; they are clamped
 * to the text and merged, so every character is drawn exactly once.
 */
export function highlightSegments(
  text: string,
  ranges: readonly (readonly [number, number])[],
): SnippetSegment[] {
  const clean = ranges
    .map(([a, b]) => [Math.max(0, Math.min(a, text.length)), Math.max(0, Math.min(b, text.length))] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1])
  const merged: [number, number][] = []
  for (const [a, b] of clean) {
    const last = merged[merged.length - 1]
    if (last && a <= last[1]) last[1] = Math.max(last[1], b)
    else merged.push([a, b])
  }
  const out: SnippetSegment[] = []
  let at = 0
  for (const [a, b] of merged) {
    if (a > at) out.push({ text: text.slice(at, a), mark: false })
    out.push({ text: text.slice(a, b), mark: true })
    at = b
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false })
  return out
}

/** Line breaks and runs of white space as one space: a snippet is drawn on one line. */
export function oneLine(segments: SnippetSegment[]): SnippetSegment[] {
  return segments.map((s) => ({ ...s, text: s.text.replace(/\s+/g, ' ') }))
}
