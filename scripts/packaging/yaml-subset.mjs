// A YAML reader for the subset that the project's own YAML files use (the Flatpak manifest,
// electron-builder.yml, the release workflow), so that checking them needs no YAML dependency.
// Supported: block mappings and sequences, `- key: value` items, plain / single- / double-quoted
// scalars, literal (`|`) and folded (`>`) block scalars with chomping, one-line flow sequences of
// scalars, `{}`, and comments. Anything else (anchors, aliases, tags, flow mappings, multi-line
// flow or quoted scalars, several documents) is refused with its line number instead of being
// read differently from a real YAML parser.

/** @param {string} text @param {string} [source] */
export function parseYaml(text, source = 'YAML') {
  return new YamlSubsetParser(text, source).document()
}

export class YamlSyntaxError extends Error {
  /** @param {string} source @param {number} line 1-based @param {string} message */
  constructor(source, line, message) {
    super(`${source}:${line}: ${message}`)
    this.name = 'YamlSyntaxError'
    this.line = line
  }
}

const INT = /^[-+]?[0-9]+$/
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/

class YamlSubsetParser {
  /** @param {string} text @param {string} source */
  constructor(text, source) {
    this.lines = text.replace(/\r\n?/g, '\n').split('\n')
    this.source = source
    this.pos = 0
    /** Lines rewritten in place: the rest of a `- key: value` item becomes a mapping line. */
    this.overrides = new Map()
  }

  fail(line, message) {
    throw new YamlSyntaxError(this.source, line, message)
  }

  document() {
    const first = this.peek()
    if (first && first.content === '---') this.pos = first.index + 1
    const start = this.peek()
    if (!start) return null
    if (start.indent !== 0) this.fail(start.line, 'the document must start at column 1')
    const value = this.block(0)
    const rest = this.peek()
    if (rest) {
      if (rest.content === '---' || rest.content === '...')
        this.fail(rest.line, 'only one document is supported')
      this.fail(rest.line, 'unexpected indentation')
    }
    return value
  }

  /** The next line that holds something, without consuming it. */
  peek() {
    for (let i = this.pos; i < this.lines.length; i++) {
      const override = this.overrides.get(i)
      if (override) return { ...override, index: i, line: i + 1 }
      const raw = this.lines[i]
      const indent = raw.length - raw.trimStart().length
      const content = raw.trim()
      if (content === '' || content.startsWith('#')) continue
      if (/^ *\t/.test(raw)) this.fail(i + 1, 'tabs are not allowed in indentation')
      return { indent, content, index: i, line: i + 1 }
    }
    return null
  }

  /** Consumes the line `peek` returned. */
  take(entry) {
    this.overrides.delete(entry.index)
    this.pos = entry.index + 1
  }

  block(indent) {
    const next = this.peek()
    if (!next) return null
    return isSequenceItem(next.content) ? this.sequence(next.indent) : this.mapping(next.indent, indent)
  }

  sequence(indent) {
    const items = []
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      if (!isSequenceItem(line.content)) break
      const afterDash = line.content.slice(1)
      const rest = stripComment(afterDash.trimStart())
      const column = indent + 1 + (afterDash.length - afterDash.trimStart().length)
      if (keyOf(rest) !== null) {
        // `- key: value`: the item is a mapping whose keys line up with `key`.
        this.overrides.set(line.index, { indent: column, content: rest })
        items.push(this.mapping(column, indent))
        continue
      }
      this.take(line)
      items.push(this.valueAfterIndicator(rest, indent, line.line, true))
    }
    const after = this.peek()
    if (after && after.indent > indent) this.fail(after.line, 'unexpected indentation')
    return items
  }

  mapping(indent, parentIndent) {
    if (indent < parentIndent) return null
    const map = {}
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      if (isSequenceItem(line.content) || line.content === '---' || line.content === '...') break
      const key = keyOf(stripComment(line.content))
      if (key === null) this.fail(line.line, `expected "key: value", found ${JSON.stringify(line.content)}`)
      if (Object.prototype.hasOwnProperty.call(map, key.key))
        this.fail(line.line, `duplicate key "${key.key}"`)
      this.take(line)
      map[key.key] = this.valueAfterIndicator(key.rest, indent, line.line, false)
    }
    const after = this.peek()
    if (after && after.indent > indent) this.fail(after.line, 'unexpected indentation')
    return map
  }

  /** The value after `key:` or `-`, on the same line or in the block below. */
  valueAfterIndicator(rest, indent, lineNo, inSequence) {
    if (rest === '') {
      const next = this.peek()
      if (!next) return null
      // A mapping's sequence may sit at the key's own indentation (`key:\n- a`).
      const nested =
        next.indent > indent || (!inSequence && next.indent === indent && isSequenceItem(next.content))
      return nested ? this.block(indent) : null
    }
    if (rest.startsWith('|') || rest.startsWith('>')) return this.blockScalar(rest, indent, lineNo)
    const value = this.scalar(rest, lineNo)
    // A scalar continued on a deeper line is legal YAML that this reader refuses.
    const next = this.peek()
    if (next && next.indent > indent) this.fail(next.line, 'multi-line scalars are not supported')
    return value
  }

  blockScalar(header, indent, lineNo) {
    const match = /^([|>])([-+]?)([1-9]?)([-+]?)$/.exec(header)
    if (!match) this.fail(lineNo, `unsupported block scalar header ${JSON.stringify(header)}`)
    const [, style, chompA, explicit, chompB] = match
    const chomp = chompA || chompB
    const body = []
    let blockIndent = explicit ? indent + Number(explicit) : 0
    let i = this.pos
    for (; i < this.lines.length; i++) {
      const raw = this.lines[i]
      if (raw.trim() === '') {
        body.push('')
        continue
      }
      const lead = raw.length - raw.trimStart().length
      if (blockIndent === 0) {
        if (lead <= indent) break
        blockIndent = lead
      }
      if (lead < blockIndent) break
      body.push(raw.slice(blockIndent))
    }
    // Blank lines at the end belong to the block only for "keep" chomping.
    let end = body.length
    while (end > 0 && body[end - 1] === '') end--
    const trailingBlank = body.length - end
    this.pos = i
    const lines = body.slice(0, end)
    let text = style === '|' ? lines.join('\n') : foldLines(lines)
    if (lines.length === 0) return ''
    if (chomp === '-') return text
    text += '\n'
    if (chomp === '+') text += '\n'.repeat(trailingBlank)
    return text
  }

  scalar(text, lineNo) {
    const first = text[0]
    if (first === '"' || first === "'") {
      const { value, end } = readQuoted(text, 0, this, lineNo)
      const after = text.slice(end).trim()
      if (after !== '' && !after.startsWith('#'))
        this.fail(lineNo, `unexpected text after a quoted scalar: ${after}`)
      return value
    }
    if (first === '[') return this.flowSequence(text, lineNo)
    if (first === '{') {
      if (/^\{\s*\}$/.test(text)) return {}
      this.fail(lineNo, 'flow mappings ({…}) are not supported: write a block mapping')
    }
    if ('&*!%@`?|>'.includes(first))
      this.fail(lineNo, `"${first}" (anchors, aliases, tags, …) is not supported`)
    return plainScalar(text)
  }

  flowSequence(text, lineNo) {
    const close = findClosingBracket(text, this, lineNo)
    const after = text.slice(close + 1).trim()
    if (after !== '' && !after.startsWith('#'))
      this.fail(lineNo, `unexpected text after a flow sequence: ${after}`)
    const inner = text.slice(1, close).trim()
    if (inner === '') return []
    const items = []
    let i = 0
    while (i < inner.length) {
      while (inner[i] === ' ') i++
      if (inner[i] === '"' || inner[i] === "'") {
        const { value, end } = readQuoted(inner, i, this, lineNo)
        items.push(value)
        i = end
        while (inner[i] === ' ') i++
        if (i < inner.length && inner[i] !== ',') this.fail(lineNo, 'expected "," in a flow sequence')
        i++
        continue
      }
      let end = inner.indexOf(',', i)
      if (end === -1) end = inner.length
      const item = inner.slice(i, end).trim()
      if (item === '' || /[[\]{}]/.test(item))
        this.fail(lineNo, 'only flat flow sequences of scalars are supported')
      items.push(plainScalar(item))
      i = end + 1
    }
    return items
  }
}

function isSequenceItem(content) {
  return content === '-' || content.startsWith('- ')
}

/** `key: rest` → {key, rest}; null when the line is not a mapping entry. */
function keyOf(content) {
  if (content === '' || content.startsWith('#')) return null
  if (content[0] === '"' || content[0] === "'") {
    let quoted
    try {
      quoted = readQuoted(content, 0, null, 0)
    } catch {
      return null
    }
    const after = content.slice(quoted.end)
    if (!/^:( |$)/.test(after)) return null
    return { key: quoted.value, rest: after.slice(1).trim() }
  }
  // The first ": " (or a final ":") ends the key, as in YAML: "https://x" is no key.
  for (let i = 0; i < content.length; i++) {
    if (content[i] === ':' && (i + 1 === content.length || content[i + 1] === ' ')) {
      const key = content.slice(0, i).trim()
      return key === '' ? null : { key, rest: content.slice(i + 1).trim() }
    }
  }
  return null
}

/** Drops a trailing ` # comment` that is outside quotes. */
function stripComment(text) {
  let quote = null
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quote) {
      if (c === '\\' && quote === '"') i++
      else if (c === quote) quote = null
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s[,]/.test(text[i - 1]))) {
      quote = c
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      return text.slice(0, i).trimEnd()
    }
  }
  return text
}

const ESCAPES = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', '/': '/', 0: '\0', ' ': ' ' }

function readQuoted(text, start, parser, lineNo) {
  const quote = text[start]
  let value = ''
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]
    if (quote === "'") {
      if (c === "'") {
        if (text[i + 1] === "'") {
          value += "'"
          i++
          continue
        }
        return { value, end: i + 1 }
      }
      value += c
      continue
    }
    if (c === '"') return { value, end: i + 1 }
    if (c === '\\') {
      const e = text[i + 1]
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16))
        i += 5
        continue
      }
      if (e === undefined || !(e in ESCAPES)) {
        if (parser) parser.fail(lineNo, `unsupported escape \\${e ?? ''}`)
        throw new Error('bad escape')
      }
      value += ESCAPES[e]
      i++
      continue
    }
    value += c
  }
  if (parser) parser.fail(lineNo, 'unterminated quoted scalar (multi-line quoted scalars are not supported)')
  throw new Error('unterminated')
}

function findClosingBracket(text, parser, lineNo) {
  let quote = null
  for (let i = 1; i < text.length; i++) {
    const c = text[i]
    if (quote) {
      if (c === '\\' && quote === '"') i++
      else if (c === quote) quote = null
    } else if (c === '"' || c === "'") quote = c
    else if (c === '[') parser.fail(lineNo, 'nested flow sequences are not supported')
    else if (c === ']') return i
  }
  return parser.fail(lineNo, 'unterminated flow sequence (multi-line flow sequences are not supported)')
}

function foldLines(lines) {
  let out = ''
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (i === 0) out = line
    else if (line === '' || line.startsWith(' ') || lines[i - 1] === '' || lines[i - 1].startsWith(' '))
      out += '\n' + line
    else out += ' ' + line
  }
  return out
}

/** YAML 1.2 core schema, as js-yaml and libyaml-based readers resolve plain scalars. */
function plainScalar(text) {
  if (text === '' || text === '~' || /^(null|Null|NULL)$/.test(text)) return null
  if (/^(true|True|TRUE)$/.test(text)) return true
  if (/^(false|False|FALSE)$/.test(text)) return false
  if (INT.test(text) || FLOAT.test(text)) return Number(text)
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16)
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.slice(2), 8)
  return text
}
