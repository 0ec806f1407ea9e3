/**
 * Payload templates: placeholders in a payload's text that are filled in each time it is sent.
 *
 *   {{timestamp}}     milliseconds since the epoch
 *   {{iso}}           the same moment in ISO 8601 (UTC)
 *   {{uuid}}          a random UUID (a new one at each occurrence)
 *   {{counter}}       1 for the first message sent, 2 for the next, …
 *   {{random A B}}    an integer in [A, B] when both are integers, else a decimal number with as many
 *                     decimals as the more precise bound ({{random 0 1.50}} → e.g. 0.73)
 *
 * White space inside the braces is allowed ({{ random 1 6 }}); `\{{` stands for a literal `{{`.
 */

export interface TemplateContext {
  counter: number
  /** Milliseconds since the epoch; one value per message, so {{timestamp}} and {{iso}} agree. */
  now: number
  uuid(): string
  /** A number in [0, 1). */
  random(): number
}

export interface TemplateError {
  message: string
  /** Offset of the placeholder's `{{` in the text. */
  offset: number
  /** Length of the placeholder (to the end of the text for an unclosed one). */
  length: number
}

type Placeholder =
  | { name: 'timestamp' | 'iso' | 'uuid' | 'counter' }
  | { name: 'random'; low: number; high: number; decimals: number | null }

type Segment = string | Placeholder

const KNOWN = '{{timestamp}}, {{iso}}, {{uuid}}, {{counter}} and {{random A B}}'
const NUMBER = /^-?\d+(?:\.(\d+))?$/

/** Reads one placeholder's content (between the braces); a string is an error message. */
function readPlaceholder(content: string): Placeholder | string {
  const words = content
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '')
  const [name, ...args] = words
  if (name === undefined) return `Empty placeholder '{{${content}}}': the placeholders are ${KNOWN}`
  switch (name) {
    case 'timestamp':
    case 'iso':
    case 'uuid':
    case 'counter':
      if (args.length > 0) return `{{${name}}} takes no arguments (found '${args.join(' ')}')`
      return { name }
    case 'random': {
      if (args.length !== 2) {
        return `{{random}} needs two numbers, the lower and upper bound: {{random A B}}, e.g. {{random 1 100}}`
      }
      const [a, b] = args as [string, string]
      for (const arg of [a, b]) {
        if (!NUMBER.test(arg)) return `{{random ${a} ${b}}}: '${arg}' is not a number`
      }
      const low = Number(a)
      const high = Number(b)
      if (low > high) return `{{random ${a} ${b}}}: the lower bound ${a} is greater than the upper bound ${b}`
      const decimalsA = NUMBER.exec(a)![1]?.length
      const decimalsB = NUMBER.exec(b)![1]?.length
      if (decimalsA === undefined && decimalsB === undefined) {
        if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) {
          return `{{random ${a} ${b}}}: integer bounds must lie within ±${Number.MAX_SAFE_INTEGER}`
        }
        return { name, low, high, decimals: null }
      }
      return { name, low, high, decimals: Math.min(20, Math.max(decimalsA ?? 0, decimalsB ?? 0)) }
    }
    default:
      return `Unknown placeholder '{{${name}}}': the placeholders are ${KNOWN}`
  }
}

function parseTemplate(text: string): { segments: Segment[]; errors: TemplateError[] } {
  const segments: Segment[] = []
  const errors: TemplateError[] = []
  let literal = ''
  let i = 0
  for (;;) {
    const open = text.indexOf('{{', i)
    if (open < 0) break
    if (open > 0 && text.charCodeAt(open - 1) === 92) {
      // \{{ → a literal {{
      literal += text.slice(i, open - 1) + '{{'
      i = open + 2
      continue
    }
    literal += text.slice(i, open)
    const close = text.indexOf('}}', open + 2)
    if (close < 0) {
      errors.push({
        message: `Unclosed '{{' at offset ${open}: end the placeholder with '}}', or write '\\{{' for a literal '{{'`,
        offset: open,
        length: text.length - open,
      })
      i = open
      break
    }
    const placeholder = readPlaceholder(text.slice(open + 2, close))
    if (typeof placeholder === 'string') {
      errors.push({ message: placeholder, offset: open, length: close + 2 - open })
    } else {
      if (literal !== '') segments.push(literal)
      literal = ''
      segments.push(placeholder)
    }
    i = close + 2
  }
  literal += text.slice(i)
  if (literal !== '') segments.push(literal)
  return { segments, errors }
}

/** Every problem of a template, in text order: unknown placeholders, bad bounds, an unclosed `{{`. */
export function templateErrors(text: string): TemplateError[] {
  return parseTemplate(text).errors
}

/**
 * Whether the text uses template syntax at all (a placeholder, or an escaped `\{{`), i.e. whether
 * renderTemplate could give anything but the text itself.
 */
export function hasPlaceholders(text: string): boolean {
  return text.includes('{{')
}

function renderRandom(p: Extract<Placeholder, { name: 'random' }>, r: number): string {
  if (p.decimals === null) return String(Math.min(p.high, p.low + Math.floor(r * (p.high - p.low + 1))))
  const fixed = Math.min(p.high, p.low + r * (p.high - p.low)).toFixed(p.decimals)
  return /^-0(?:\.0+)?$/.test(fixed) ? fixed.slice(1) : fixed // no "-0.00"
}

/** The text with every placeholder filled in; throws an Error (the first of templateErrors) if it has errors. */
export function renderTemplate(text: string, context: TemplateContext): string {
  const { segments, errors } = parseTemplate(text)
  if (errors.length > 0) throw new Error(errors[0]!.message)
  let out = ''
  for (const s of segments) {
    if (typeof s === 'string') {
      out += s
      continue
    }
    switch (s.name) {
      case 'timestamp':
        out += String(context.now)
        break
      case 'iso':
        out += new Date(context.now).toISOString()
        break
      case 'uuid':
        out += context.uuid()
        break
      case 'counter':
        out += String(context.counter)
        break
      case 'random':
        out += renderRandom(s, context.random())
        break
    }
  }
  return out
}

/** The context for the `counter`-th message sent now: the clock, crypto-random UUIDs, Math.random. */
export function defaultTemplateContext(counter: number): TemplateContext {
  return {
    counter,
    now: Date.now(),
    uuid: () => globalThis.crypto.randomUUID(),
    random: Math.random,
  }
}
