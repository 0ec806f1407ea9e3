/**
 * JSON text as a flat table of nodes in document order, for the tree view. Hand-written rather than
 * `JSON.parse` for three reasons: numbers stay as written (a 64-bit id or a 30-digit decimal is shown
 * exactly, not rounded), a subtree is the contiguous range `[i, end[i])` so collapsing skips it in
 * O(1), and the table is typed arrays, so a document of 500,000 values costs a few MB, not a few
 * hundred MB of objects. Nothing is rendered from here: the view asks for the rows it shows.
 */

export type JsonNodeKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null'

const KINDS: readonly JsonNodeKind[] = ['object', 'array', 'string', 'number', 'boolean', 'null']
const OBJECT = 0
const ARRAY = 1
const STRING = 2
const NUMBER = 3
const BOOLEAN = 4
const NULL = 5

export interface JsonOutline {
  readonly text: string
  readonly count: number
  /** Index into KINDS. */
  readonly kind: Uint8Array
  readonly depth: Int32Array
  /** One past the last node of the subtree: the next sibling, or where the parent's next one is. */
  readonly end: Int32Array
  readonly parent: Int32Array
  /** Direct children of objects and arrays. */
  readonly children: Int32Array
  /** Key literal (with its quotes) in `text`, -1 for array elements and the root. */
  readonly keyStart: Int32Array
  readonly keyEnd: Int32Array
  /** Position among its siblings: the array index of an element. */
  readonly index: Int32Array
  /** The value's literal in `text` (scalars), or its opening bracket (containers). */
  readonly valueStart: Int32Array
  readonly valueEnd: Int32Array
}

export type OutlineResult =
  { ok: true; outline: JsonOutline } | { ok: false; message: string; offset: number }

class ParseError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message)
  }
}

/** Growable columns of the table. */
class Columns {
  size = 0
  kind = new Uint8Array(64)
  depth = new Int32Array(64)
  end = new Int32Array(64)
  parent = new Int32Array(64)
  children = new Int32Array(64)
  keyStart = new Int32Array(64)
  keyEnd = new Int32Array(64)
  index = new Int32Array(64)
  valueStart = new Int32Array(64)
  valueEnd = new Int32Array(64)

  add(kind: number, depth: number, parent: number, keyStart: number, keyEnd: number, valueStart: number) {
    if (this.size === this.kind.length) this.grow()
    const i = this.size++
    this.kind[i] = kind
    this.depth[i] = depth
    this.end[i] = i + 1
    this.parent[i] = parent
    this.children[i] = 0
    this.keyStart[i] = keyStart
    this.keyEnd[i] = keyEnd
    this.index[i] = parent >= 0 ? this.children[parent]! : 0
    this.valueStart[i] = valueStart
    this.valueEnd[i] = valueStart + 1
    if (parent >= 0) this.children[parent]!++
    return i
  }

  private grow() {
    const n = this.kind.length * 2
    const more = <T extends Uint8Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n)
      b.set(a)
      return b
    }
    this.kind = more(this.kind)
    this.depth = more(this.depth)
    this.end = more(this.end)
    this.parent = more(this.parent)
    this.children = more(this.children)
    this.keyStart = more(this.keyStart)
    this.keyEnd = more(this.keyEnd)
    this.index = more(this.index)
    this.valueStart = more(this.valueStart)
    this.valueEnd = more(this.valueEnd)
  }
}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
// eslint-disable-next-line no-control-regex -- control characters end a run: they are errors in strings
const PLAIN_STRING_CHARS = /[^"\\\u0000-\u001f]*/y

function isWs(c: number) {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
}

function isHex(c: number) {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
}

/** Parses JSON text (RFC 8259, one value, whitespace around it allowed) into an outline. */
export function parseOutline(text: string): OutlineResult {
  try {
    return { ok: true, outline: build(text) }
  } catch (err) {
    if (err instanceof ParseError) return { ok: false, message: err.message, offset: err.offset }
    throw err
  }
}

function build(text: string): JsonOutline {
  const n = text.length
  const t = new Columns()
  let pos = 0
  // the open containers, innermost last (no recursion: 100,000 nested arrays must not overflow)
  const stack: number[] = []

  const skipWs = () => {
    while (pos < n && isWs(text.charCodeAt(pos))) pos++
  }
  const describe = (at: number) => (at >= n ? 'the end of the text' : `"${text[at]}"`)

  const scanString = (): number => {
    // at the opening quote; returns the position after the closing one
    let p = pos + 1
    for (;;) {
      // runs of plain characters are skipped by the regex engine, far faster than this loop
      PLAIN_STRING_CHARS.lastIndex = p
      PLAIN_STRING_CHARS.test(text)
      p = PLAIN_STRING_CHARS.lastIndex
      if (p >= n) throw new ParseError('Unterminated string', pos)
      const c = text.charCodeAt(p)
      if (c === 0x22) return p + 1
      if (c < 0x20) throw new ParseError('Control character in a string', p)
      if (c === 0x5c) {
        const e = text.charCodeAt(p + 1)
        if (e === 0x75) {
          for (let k = 2; k < 6; k++)
            if (!isHex(text.charCodeAt(p + k))) throw new ParseError('Bad \\u escape', p)
          p += 6
          continue
        }
        // " \ / b f n r t
        if (![0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74].includes(e))
          throw new ParseError('Bad escape in a string', p)
        p += 2
        continue
      }
      p++
    }
  }

  /** One value at `pos` (after whitespace), with its key already scanned. */
  const value = (keyStart: number, keyEnd: number) => {
    const parent = stack.length ? stack[stack.length - 1]! : -1
    const depth = stack.length
    const c = text.charCodeAt(pos)
    if (c === 0x7b || c === 0x5b) {
      const i = t.add(c === 0x7b ? OBJECT : ARRAY, depth, parent, keyStart, keyEnd, pos)
      stack.push(i)
      pos++
      return
    }
    if (c === 0x22) {
      const i = t.add(STRING, depth, parent, keyStart, keyEnd, pos)
      pos = scanString()
      t.valueEnd[i] = pos
      return
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER_RE.lastIndex = pos
      const m = NUMBER_RE.exec(text)
      if (!m) throw new ParseError('Bad number', pos)
      const i = t.add(NUMBER, depth, parent, keyStart, keyEnd, pos)
      pos += m[0].length
      t.valueEnd[i] = pos
      return
    }
    for (const [word, kind] of [
      ['true', BOOLEAN],
      ['false', BOOLEAN],
      ['null', NULL],
    ] as const) {
      if (text.startsWith(word, pos)) {
        const i = t.add(kind, depth, parent, keyStart, keyEnd, pos)
        pos += word.length
        t.valueEnd[i] = pos
        return
      }
    }
    throw new ParseError(`Unexpected ${describe(pos)}`, pos)
  }

  /** A member's key and colon, then its value. */
  const member = () => {
    skipWs()
    if (text.charCodeAt(pos) !== 0x22) throw new ParseError(`Expected a key, found ${describe(pos)}`, pos)
    const keyStart = pos
    pos = scanString()
    const keyEnd = pos
    skipWs()
    if (text.charCodeAt(pos) !== 0x3a) throw new ParseError(`Expected ":", found ${describe(pos)}`, pos)
    pos++
    skipWs()
    value(keyStart, keyEnd)
  }

  skipWs()
  value(-1, -1)
  // after each value: close what ends here, then read the next member or element
  for (;;) {
    if (stack.length === 0) break
    const top = stack[stack.length - 1]!
    const isObject = t.kind[top] === OBJECT
    const close = isObject ? 0x7d : 0x5d
    skipWs()
    const c = text.charCodeAt(pos)
    if (c === close) {
      pos++
      t.valueEnd[top] = pos
      t.end[top] = t.size
      stack.pop()
      continue
    }
    // the first member or element comes without a comma before it
    if (t.children[top] === 0) {
      if (isObject) member()
      else value(-1, -1)
      continue
    }
    if (c !== 0x2c)
      throw new ParseError(`Expected "," or "${isObject ? '}' : ']'}", found ${describe(pos)}`, pos)
    pos++
    skipWs()
    if (isObject) member()
    else value(-1, -1)
  }
  skipWs()
  if (pos < n) throw new ParseError(`Unexpected ${describe(pos)} after the JSON value`, pos)

  return {
    text,
    count: t.size,
    kind: t.kind.subarray(0, t.size),
    depth: t.depth.subarray(0, t.size),
    end: t.end.subarray(0, t.size),
    parent: t.parent.subarray(0, t.size),
    children: t.children.subarray(0, t.size),
    keyStart: t.keyStart.subarray(0, t.size),
    keyEnd: t.keyEnd.subarray(0, t.size),
    index: t.index.subarray(0, t.size),
    valueStart: t.valueStart.subarray(0, t.size),
    valueEnd: t.valueEnd.subarray(0, t.size),
  }
}

export function nodeKind(o: JsonOutline, i: number): JsonNodeKind {
  return KINDS[o.kind[i]!]!
}

export function isContainer(o: JsonOutline, i: number): boolean {
  return o.kind[i] === OBJECT || o.kind[i] === ARRAY
}

/** The member name (decoded), the array index, or null for the root. */
export function nodeKey(o: JsonOutline, i: number): string | number | null {
  if (o.parent[i]! < 0) return null
  if (o.keyStart[i]! < 0) return o.index[i]!
  const literal = o.text.slice(o.keyStart[i], o.keyEnd[i])
  return literal.includes('\\') ? (JSON.parse(literal) as string) : literal.slice(1, -1)
}

/** A scalar's literal as written (strings keep their quotes and escapes, numbers every digit). */
export function scalarText(o: JsonOutline, i: number, max = 400): string {
  const start = o.valueStart[i]!
  const end = o.valueEnd[i]!
  return end - start > max ? `${o.text.slice(start, start + max)}…` : o.text.slice(start, end)
}

/** Length of a scalar's literal, to say how much a cut one holds. */
export function scalarLength(o: JsonOutline, i: number): number {
  return o.valueEnd[i]! - o.valueStart[i]!
}

/** `{ "a": 1, "b": {…} }` or `[ 1, 2, … ]`: a collapsed container's first children, cut at `max`. */
export function containerPreview(o: JsonOutline, i: number, max = 120): string {
  const obj = o.kind[i] === OBJECT
  const parts: string[] = []
  let length = 0
  let cut = false
  for (let j = i + 1; j < o.end[i]!; j = o.end[j]!) {
    const k = o.kind[j]!
    const v = k === OBJECT ? '{…}' : k === ARRAY ? '[…]' : scalarText(o, j, 40)
    const part = obj ? `${JSON.stringify(nodeKey(o, j))}: ${v}` : v
    if (length + part.length > max) {
      cut = true
      break
    }
    parts.push(part)
    length += part.length + 2
  }
  const body = parts.join(', ') + (cut ? (parts.length ? ', …' : '…') : '')
  if (!body) return obj ? '{}' : '[]'
  return obj ? `{ ${body} }` : `[ ${body} ]`
}

/** Where a container sits, as a string stable across messages of the same shape ("device/0/name"). */
export function containerPaths(o: JsonOutline): Map<number, string> {
  const paths = new Map<number, string>()
  const own: string[] = new Array<string>(o.count)
  for (let i = 0; i < o.count; i++) {
    const p = o.parent[i]!
    const key = nodeKey(o, i)
    // \u0001 cannot appear unescaped in a key, so paths never collide
    own[i] = p < 0 ? '' : `${own[p]}\u0001${key === null ? '' : String(key)}`
    if (o.kind[i] === OBJECT || o.kind[i] === ARRAY) paths.set(i, own[i]!)
  }
  return paths
}

/**
 * Which containers are open: `base` says what all of them are ("auto" opens the first levels, all
 * of them for small documents), and `toggled` names the ones the user flipped against it.
 */
export type OpenBase = 'auto' | 'open' | 'closed'

/** Documents up to this many nodes open fully; larger ones open their first two levels. */
export const AUTO_OPEN_ALL = 2000
const AUTO_DEPTH = 2

export function openFlags(
  o: JsonOutline,
  paths: Map<number, string>,
  base: OpenBase,
  toggled: ReadonlySet<string>,
): Uint8Array {
  const flags = new Uint8Array(o.count)
  const autoDepth = o.count <= AUTO_OPEN_ALL ? Infinity : AUTO_DEPTH
  for (const [i, path] of paths) {
    const d = o.depth[i]!
    // "closed" keeps the root open: collapsing everything should still show the top-level keys
    const byBase = base === 'open' ? true : base === 'closed' ? d === 0 : d < autoDepth
    flags[i] = byBase !== toggled.has(path) ? 1 : 0
  }
  return flags
}

/** The nodes on screen in order: every node whose ancestors are all open. */
export function visibleRows(o: JsonOutline, open: Uint8Array): Int32Array {
  const rows = new Int32Array(o.count)
  let n = 0
  let i = 0
  while (i < o.count) {
    rows[n++] = i
    const container = o.kind[i] === OBJECT || o.kind[i] === ARRAY
    i = container && !open[i] ? o.end[i]! : i + 1
  }
  return rows.subarray(0, n)
}
