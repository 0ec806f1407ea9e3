/**
 * A browser cannot lay out an element taller than about 33 million pixels, so a hex dump of more than
 * SECTION_LINES lines (24 MiB at 16 bytes a line) is split into sections the user picks from; each
 * is one virtual list. Below that (a 10 MB payload is 655,360 lines) there is one section.
 */
export const BYTES_PER_LINE = 16
export const SECTION_LINES = 1_500_000

export interface HexSection {
  /** First line (of the whole dump) and number of lines in the section. */
  firstLine: number
  lines: number
  /** Byte range [start, end). */
  start: number
  end: number
}

export function hexSections(size: number, sectionLines = SECTION_LINES): HexSection[] {
  const total = Math.ceil(size / BYTES_PER_LINE)
  const sections: HexSection[] = []
  for (let first = 0; first < total || sections.length === 0; first += sectionLines) {
    const lines = Math.min(sectionLines, total - first)
    sections.push({
      firstLine: first,
      lines,
      start: first * BYTES_PER_LINE,
      end: Math.min(size, (first + lines) * BYTES_PER_LINE),
    })
    if (total === 0) break
  }
  return sections
}

/** Which section holds `offset`, and its line within that section. */
export function locateOffset(
  offset: number,
  sectionLines = SECTION_LINES,
): { section: number; line: number } {
  const line = Math.floor(offset / BYTES_PER_LINE)
  return { section: Math.floor(line / sectionLines), line: line % sectionLines }
}

/**
 * Where byte `k` of a line's hex text sits: hexDumpLines writes two digits per byte, one space
 * between bytes and two after every eighth, so byte k starts at 3k plus one per group passed.
 */
export function hexColumn(k: number): number {
  return k * 3 + Math.floor(k / 8)
}
