/**
 * JSON checking, formatting and minifying with a scanner of our own. Not JSON.parse: its error
 * messages change between V8 versions (and differ in browsers), it gives no line or column, and a
 * parse/stringify round trip rewrites numbers (12345678901234567890 → 12345678901234567000, 1.0 → 1)
 * and string escapes. Here every number and string is copied exactly as written; only the white
 * space between tokens changes.
 */
import { describeChar } from './text-chars'

export interface JsonError {
  ok: false
  message: string
  /** UTF-16 offset in the text, as Monaco's `getPositionAt` takes it. */
  offset: number
  /** 1-based. */
  line: number
  /** 1-based, in UTF-16 code units. */
  column: number
}

export type JsonCheckResult = { ok: true } | JsonError
export type JsonTextResult = { ok: true; text: string } | JsonError

class JsonSyntaxError {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

const OBJECT = 1
const ARRAY = 2

// Character codes
const TAB = 9
const LF = 10
const CR = 13
const SPACE = 32
const QUOTE = 34
const COMMA = 44
const MINUS = 45
const DOT = 46
const SLASH = 47
const ZERO = 48
const NINE = 57
const COLON = 58
const OPEN_BRACKET = 91
const BACKSLASH = 92
const CLOSE_BRACKET = 93
const OPEN_BRACE = 123
const CLOSE_BRACE = 125

type Mode = 'check' | 'minify' | 'format'

/** Characters a formatted or minified text may have beyond four times its input. */
const MAX_OUTPUT_BASE = 16 * 1024 * 1024
/** How an error for a valid document too large to format begins (it is valid JSON all the same). */
export const TOO_LARGE = 'Too large to format'

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE
}

function isHexDigit(code: number): boolean {
  return isDigit(code) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102)
}

function skipWhitespace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i)
    if (c === SPACE || c === LF || c === CR || c === TAB) i++
    else return i
  }
}

// Runs of ordinary string characters are skipped by the regex engine, much faster than a JS loop.
// eslint-disable-next-line no-control-regex
const PLAIN_STRING_CHARS = /[^"\\\u0000-\u001f]*/y

/** Offset just past the closing quote of the string whose opening quote is at `start`. */
function scanString(text: string, start: number): number {
  const n = text.length
  let j = start + 1
  for (;;) {
    PLAIN_STRING_CHARS.lastIndex = j
    PLAIN_STRING_CHARS.test(text)
    j = PLAIN_STRING_CHARS.lastIndex
    if (j >= n) throw new JsonSyntaxError("Unterminated string: no closing '\"'", start)
    const c = text.charCodeAt(j)
    if (c === QUOTE) return j + 1
    if (c === BACKSLASH) {
      const e = text.charCodeAt(j + 1)
      if (e === 117) {
        // \uXXXX
        for (let k = 2; k < 6; k++) {
          if (!isHexDigit(text.charCodeAt(j + k))) {
            throw new JsonSyntaxError('Bad Unicode escape: \\u needs four hex digits', j)
          }
        }
        j += 6
      } else if (
        e === QUOTE ||
        e === BACKSLASH ||
        e === SLASH ||
        e === 98 || // b
        e === 102 || // f
        e === 110 || // n
        e === 114 || // r
        e === 116 // t
      ) {
        j += 2
      } else if (j + 1 >= n) {
        throw new JsonSyntaxError("Unterminated string: no closing '\"'", start)
      } else {
        throw new JsonSyntaxError(`Bad escape '\\${text[j + 1]}' in string`, j)
      }
    } else {
      throw new JsonSyntaxError(
        `Control character ${describeChar(text, j)} in a string must be escaped (\\n, \\t, \\u00XX)`,
        j,
      )
    }
  }
}

/** Offset just past the number that starts at `start` (a '-' or a digit). */
function scanNumber(text: string, start: number): number {
  let j = start
  if (text.charCodeAt(j) === MINUS) {
    j++
    if (!isDigit(text.charCodeAt(j))) throw new JsonSyntaxError('No digits after the minus sign', j)
  }
  if (text.charCodeAt(j) === ZERO) {
    j++
    if (isDigit(text.charCodeAt(j))) throw new JsonSyntaxError('Numbers cannot have leading zeros', j - 1)
  } else {
    while (isDigit(text.charCodeAt(j))) j++
  }
  if (text.charCodeAt(j) === DOT) {
    j++
    if (!isDigit(text.charCodeAt(j))) throw new JsonSyntaxError('Expected a digit after the decimal point', j)
    while (isDigit(text.charCodeAt(j))) j++
  }
  const e = text.charCodeAt(j)
  if (e === 101 || e === 69) {
    // e / E
    j++
    const sign = text.charCodeAt(j)
    if (sign === 43 || sign === MINUS) j++
    if (!isDigit(text.charCodeAt(j))) throw new JsonSyntaxError('Expected a digit in the exponent', j)
    while (isDigit(text.charCodeAt(j))) j++
  }
  return j
}

function isWordChar(code: number): boolean {
  return (
    (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || isDigit(code) || code === 95 || code === 36
  )
}

/** Offset just past `true`, `false` or `null` at `start`, or -1 when none is there. */
function scanLiteral(text: string, start: number): number {
  const c = text.charCodeAt(start)
  const word = c === 116 ? 'true' : c === 102 ? 'false' : c === 110 ? 'null' : null
  if (word === null || !text.startsWith(word, start)) return -1
  // "nullx" and "true1" are one unknown word, not a literal followed by junk.
  return isWordChar(text.charCodeAt(start + word.length)) ? -1 : start + word.length
}

/** The error for what stands at `i` where a value was expected. */
function valueExpected(text: string, i: number, afterComma: boolean): JsonSyntaxError {
  if (i >= text.length) return new JsonSyntaxError('Unexpected end of input: expected a JSON value', i)
  const c = text.charCodeAt(i)
  if ((c === CLOSE_BRACKET || c === CLOSE_BRACE) && afterComma) {
    return new JsonSyntaxError(`Trailing comma before ${describeChar(text, i)}`, i)
  }
  if (c === 39) return new JsonSyntaxError('Strings must use double quotes', i) // '
  if (c === SLASH && (text.charCodeAt(i + 1) === SLASH || text.charCodeAt(i + 1) === 42)) {
    return new JsonSyntaxError('Comments are not allowed in JSON', i)
  }
  const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 40))
  if (word) return new JsonSyntaxError(`Unexpected word '${word[0]}': expected a JSON value`, i)
  return new JsonSyntaxError(`Unexpected ${describeChar(text, i)}: expected a JSON value`, i)
}

/**
 * The output, as UTF-16 code units in a growing buffer. Pushing millions of small slices into an array
 * and joining them costs several times more; the buffer also keeps lone surrogates as they are.
 */
class OutputBuffer {
  private buf: Uint16Array
  length = 0

  constructor(sizeHint: number) {
    this.buf = new Uint16Array(Math.max(1024, sizeHint + (sizeHint >> 2)))
  }

  copy(source: string, from: number, to: number): void {
    const count = to - from
    if (count <= 0) return
    if (this.length + count > this.buf.length) {
      const bigger = new Uint16Array(Math.max(this.buf.length * 2, this.length + count))
      bigger.set(this.buf.subarray(0, this.length))
      this.buf = bigger
    }
    const buf = this.buf
    let o = this.length
    for (let k = from; k < to; k++) buf[o++] = source.charCodeAt(k)
    this.length = o
  }

  toString(): string {
    const CHUNK = 8192 // String.fromCharCode takes its arguments on the stack
    const chunks: string[] = []
    for (let start = 0; start < this.length; start += CHUNK) {
      const end = Math.min(this.length, start + CHUNK)
      chunks.push(String.fromCharCode.apply(null, this.buf.subarray(start, end) as unknown as number[]))
    }
    return chunks.join('')
  }
}

/**
 * One pass of RFC 8259's grammar over the text. The output is the input with every gap between two
 * tokens replaced by the gap the mode wants ('' to minify; line breaks, indents and ': ' to format).
 * Tokens are never rebuilt, only copied, and runs of text whose gaps are already right are copied in
 * one go; a document already in the wanted form comes back as the same string, with no copy at all.
 */
function scan(text: string, mode: Mode, indentUnit: string): string {
  const n = text.length
  const format = mode === 'format'
  const emit = mode !== 'check'
  const out = emit ? new OutputBuffer(n) : null
  // Indents grow with depth, so pretty text can be quadratic in the input: 400 kB of nested
  // brackets would be tens of GB. Past this budget the text is refused rather than built.
  const budget = MAX_OUTPUT_BASE + 4 * n
  let copied = 0 // text before this offset is already in `out`
  const newlines: string[] = ['\n']
  const newline = (depth: number): string => {
    while (newlines.length <= depth) newlines.push(newlines[newlines.length - 1]! + indentUnit)
    return newlines[depth]!
  }
  /** The gap text[from, to) becomes `wanted`. */
  const gap = (from: number, to: number, wanted: string): void => {
    if (to - from === wanted.length && (wanted.length === 0 || text.startsWith(wanted, from))) return
    if (out!.length + (from - copied) + wanted.length > budget) {
      throw new JsonSyntaxError(
        `${TOO_LARGE}: the formatted text would pass ${budget.toLocaleString('en')} characters (nested too deeply?)`,
        from,
      )
    }
    out!.copy(text, copied, from)
    out!.copy(wanted, 0, wanted.length)
    copied = to
  }

  const stack: number[] = []
  let i = skipWhitespace(text, 0)
  if (i >= n) throw new JsonSyntaxError('The document is empty: expected a JSON value', i)
  if (emit) gap(0, i, '')

  // `value` parses one value at i (white space already skipped); `afterValue` handles what follows
  // it; `key` reads a property name and its colon.
  let state: 0 | 1 | 2 = 0 // 0 value, 1 afterValue, 2 key
  let afterComma = false
  for (;;) {
    if (state === 0) {
      const c = text.charCodeAt(i)
      if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        const close = c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET
        const from = ++i
        i = skipWhitespace(text, i)
        if (text.charCodeAt(i) === close) {
          if (emit) gap(from, i, '')
          i++
          state = 1
          continue
        }
        stack.push(c === OPEN_BRACE ? OBJECT : ARRAY)
        if (emit) gap(from, i, format ? newline(stack.length) : '')
        afterComma = false
        if (c === OPEN_BRACE) state = 2
        else if (i >= n) throw valueExpected(text, i, false)
        continue
      }
      if (c === QUOTE) i = scanString(text, i)
      else if (c === MINUS || isDigit(c)) i = scanNumber(text, i)
      else {
        const end = scanLiteral(text, i)
        if (end < 0) throw valueExpected(text, i, afterComma)
        i = end
      }
      state = 1
      continue
    }

    if (state === 1) {
      const from = i
      i = skipWhitespace(text, i)
      const top = stack[stack.length - 1]
      if (top === undefined) {
        if (i < n)
          throw new JsonSyntaxError(`Unexpected ${describeChar(text, i)} after the end of the JSON value`, i)
        if (!out) return ''
        if (copied === 0 && from === n) return text // nothing to change
        out.copy(text, copied, from) // trailing white space dropped
        return out.toString()
      }
      const c = text.charCodeAt(i)
      if (c === COMMA) {
        if (emit) gap(from, i, '')
        const afterCommaFrom = ++i
        i = skipWhitespace(text, i)
        if (emit) gap(afterCommaFrom, i, format ? newline(stack.length) : '')
        afterComma = true
        if (top === OBJECT) state = 2
        else if (i >= n) throw valueExpected(text, i, true)
        else state = 0
        continue
      }
      if ((top === OBJECT && c === CLOSE_BRACE) || (top === ARRAY && c === CLOSE_BRACKET)) {
        stack.pop()
        if (emit) gap(from, i, format ? newline(stack.length) : '')
        i++
        continue
      }
      const expected =
        top === OBJECT
          ? "Expected ',' or '}' after a property value"
          : "Expected ',' or ']' after an array element"
      if (i >= n) {
        throw new JsonSyntaxError(
          `Unexpected end of input: ${expected[0]!.toLowerCase()}${expected.slice(1)}`,
          i,
        )
      }
      throw new JsonSyntaxError(`${expected}, found ${describeChar(text, i)}`, i)
    }

    // state 2: a property name, white space already skipped
    const c = text.charCodeAt(i)
    if (c !== QUOTE) {
      if (i >= n) throw new JsonSyntaxError('Unexpected end of input: expected a property name', i)
      if (c === CLOSE_BRACE && afterComma) throw new JsonSyntaxError("Trailing comma before '}'", i)
      if (c === 39) throw new JsonSyntaxError('Property names must use double quotes', i)
      throw new JsonSyntaxError(
        `Expected a property name in double quotes, found ${describeChar(text, i)}`,
        i,
      )
    }
    i = scanString(text, i)
    let from = i
    i = skipWhitespace(text, i)
    if (text.charCodeAt(i) !== COLON) {
      if (i >= n) throw new JsonSyntaxError("Unexpected end of input: expected ':' after a property name", i)
      throw new JsonSyntaxError(`Expected ':' after a property name, found ${describeChar(text, i)}`, i)
    }
    if (emit) gap(from, i, '')
    from = ++i
    i = skipWhitespace(text, i)
    if (emit) gap(from, i, format ? ' ' : '')
    afterComma = false
    if (i >= n) throw valueExpected(text, i, false)
    state = 0
  }
}

/** 1-based line and column of a UTF-16 offset; \r\n, \n and a lone \r each end a line (as in Monaco). */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

function run(text: string, mode: Mode, indentUnit: string): { ok: true; text: string } | JsonError {
  try {
    return { ok: true, text: scan(text, mode, indentUnit) }
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e
    return { ok: false, message: e.message, offset: e.offset, ...lineColumnAt(text, e.offset) }
  }
}

/** Whether `text` is one valid JSON document (RFC 8259; white space around it allowed). */
export function checkJson(text: string): JsonCheckResult {
  const result = run(text, 'check', '')
  return result.ok ? { ok: true } : result
}

/**
 * Pretty-prints like JSON.stringify(value, null, indent), but from the tokens as written; like it, an
 * indent below 1 gives the compact form and one above 10 counts as 10.
 */
export function formatJson(text: string, indent = 2): JsonTextResult {
  const spaces = Math.min(10, Math.floor(indent))
  return spaces >= 1 ? run(text, 'format', ' '.repeat(spaces)) : run(text, 'minify', '')
}

/** Removes all white space between tokens. */
export function minifyJson(text: string): JsonTextResult {
  return run(text, 'minify', '')
}
