import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkJson, formatJson, lineColumnAt, minifyJson } from './json-text'

function format(text: string, indent?: number): string {
  const r = formatJson(text, indent)
  if (!r.ok) throw new Error(r.message)
  return r.text
}

function minify(text: string): string {
  const r = minifyJson(text)
  if (!r.ok) throw new Error(r.message)
  return r.text
}

describe('checkJson', () => {
  it('accepts every document JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
        expect(checkJson(JSON.stringify(value, null, indent))).toEqual({ ok: true })
      }),
    )
  })

  it('accepts scalars, white space around the value and every escape', () => {
    for (const text of [
      '0',
      '-0.5e-7',
      ' true ',
      'null',
      '"a\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9"',
      '\r\n[ ]\t',
      '{}',
    ]) {
      expect(checkJson(text), text).toEqual({ ok: true })
    }
  })

  const broken: [string, string, string, number, number][] = [
    [
      'a missing comma in an object',
      '{\n  "a": 1\n  "b": 2\n}',
      "Expected ',' or '}' after a property value, found '\"'",
      3,
      3,
    ],
    [
      'a missing comma in an array',
      '[1, 2 3]',
      "Expected ',' or ']' after an array element, found '3'",
      1,
      7,
    ],
    ['a trailing comma in an object', '{"a": 1,\n}', "Trailing comma before '}'", 2, 1],
    ['a trailing comma in an array', '[1,2,]', "Trailing comma before ']'", 1, 6],
    ['a missing colon', '{"a" 1}', "Expected ':' after a property name, found '1'", 1, 6],
    ['an unquoted key', '{\n  name: 1}', "Expected a property name in double quotes, found 'n'", 2, 3],
    ['single quotes', "{'a': 1}", 'Property names must use double quotes', 1, 2],
    ['a single-quoted value', "[1, 'x']", 'Strings must use double quotes', 1, 5],
    ['an unknown word', '{"a": undefined}', "Unexpected word 'undefined': expected a JSON value", 1, 7],
    ['a misspelt literal', '[tru]', "Unexpected word 'tru': expected a JSON value", 1, 2],
    ['a literal followed by letters', '[nullx]', "Unexpected word 'nullx': expected a JSON value", 1, 2],
    ['an unterminated string', '{"a": "b\n', 'Control character U+000A in a string must be escaped', 1, 9],
    ['an unterminated string at the end', '["abc', 'Unterminated string', 1, 2],
    ['a bad escape', '["a\\x"]', "Bad escape '\\x' in string", 1, 4],
    ['a short unicode escape', '["\\u12G4"]', 'Bad Unicode escape', 1, 3],
    ['a tab inside a string', '"a\tb"', 'Control character U+0009 in a string must be escaped', 1, 3],
    ['leading zeros', '[007]', 'Numbers cannot have leading zeros', 1, 2],
    ['a lone minus', '[-]', 'No digits after the minus sign', 1, 3],
    ['a bare decimal point', '[1.]', 'Expected a digit after the decimal point', 1, 4],
    ['an empty exponent', '[1e+]', 'Expected a digit in the exponent', 1, 5],
    ['a plus sign', '[+1]', "Unexpected '+': expected a JSON value", 1, 2],
    [
      'an unclosed object',
      '{"a": [1, 2]',
      "Unexpected end of input: expected ',' or '}' after a property value",
      1,
      13,
    ],
    [
      'an unclosed array',
      '[1,\n2',
      "Unexpected end of input: expected ',' or ']' after an array element",
      2,
      2,
    ],
    ['a missing value', '{"a": }', "Unexpected '}': expected a JSON value", 1, 7],
    ['a value cut off after the colon', '{"a":', 'Unexpected end of input: expected a JSON value', 1, 6],
    ['a second value', '{} {}', "Unexpected '{' after the end of the JSON value", 1, 4],
    ['a comment', '{\n// note\n"a": 1}', "Expected a property name in double quotes, found '/'", 2, 1],
    ['a comment where a value goes', '[1, /* x */ 2]', 'Comments are not allowed in JSON', 1, 5],
    ['an empty document', '  \n ', 'The document is empty', 2, 2],
    ['a mismatched bracket', '[1}', "Expected ',' or ']' after an array element, found '}'", 1, 3],
    ['a byte order mark', '\ufeff{}', 'Unexpected U+FEFF: expected a JSON value', 1, 1],
    ['CRLF line ends', '{\r\n"a": 1,\r\n"b" 2}', "Expected ':' after a property name", 3, 5],
  ]
  it.each(broken)('reports %s with line and column', (_name, text, message, line, column) => {
    const r = checkJson(text)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.message).toContain(message)
    expect({ line: r.line, column: r.column }).toEqual({ line, column })
    expect(lineColumnAt(text, r.offset)).toEqual({ line, column })
    // formatJson and minifyJson report the same error
    expect(formatJson(text)).toEqual(r)
    expect(minifyJson(text)).toEqual(r)
  })

  it('agrees with JSON.parse on random text', () => {
    const alphabet = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"',
      ' ',
      '1',
      '0',
      '-',
      '.',
      'e',
      'a',
      'true',
      'null',
      '\\',
      '\n',
    )
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 14 }), (parts) => {
        const text = parts.join('')
        let valid = true
        try {
          JSON.parse(text)
        } catch {
          valid = false
        }
        expect(checkJson(text).ok).toBe(valid)
      }),
      { numRuns: 5000 },
    )
  })
})

describe('formatJson / minifyJson', () => {
  it('formats like JSON.stringify with an indent', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 8 }), (value, indent) => {
        expect(format(JSON.stringify(value), indent)).toBe(JSON.stringify(value, null, indent))
        expect(minify(JSON.stringify(value, null, 3))).toBe(JSON.stringify(value))
      }),
    )
    expect(format('{"a":[1,{"b":{}},[]],"c":""}')).toBe(
      '{\n  "a": [\n    1,\n    {\n      "b": {}\n    },\n    []\n  ],\n  "c": ""\n}',
    )
  })

  it('keeps numbers and escapes exactly as written', () => {
    const text =
      '{"big":12345678901234567890,"huge":1.0e+400,"neg":-0.000,"s":"\\u00e9\\/\\n","k\\"ey":[1E5]}'
    expect(minify(format(text))).toBe(text)
    expect(format(text)).toContain('"big": 12345678901234567890')
    expect(format(text)).toContain('"huge": 1.0e+400')
    expect(format(text)).toContain('"s": "\\u00e9\\/\\n"')
  })

  it('round-trips losslessly: minify(format(x)) === minify(x)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 1, 2, 4), (value, indent) => {
        const messy = JSON.stringify(value, null, '\t \r\n'.slice(0, indent))
        expect(minify(format(messy, indent))).toBe(minify(messy))
        expect(format(format(messy))).toBe(format(messy))
      }),
    )
  })

  it('keeps lone surrogates in strings', () => {
    const text = '["\ud800", "x\udfff"]'
    expect(minify(text)).toBe('["\ud800","x\udfff"]')
  })

  it('handles deep nesting without recursion', () => {
    const depth = 100_000
    const text = '['.repeat(depth) + ']'.repeat(depth)
    expect(checkJson(text)).toEqual({ ok: true })
    expect(minify(text)).toBe(text)
  })

  it('checks, formats and minifies 10 MB of JSON quickly', { timeout: 30_000 }, () => {
    const items = Array.from({ length: 60_000 }, (_, i) => ({
      id: i,
      name: `sensor ${i} "quoted" \u00e9`,
      value: i * 0.37,
      tags: ['a', 'b\n'],
      ok: i % 2 === 0,
      nested: { x: null, y: [1, 2, 3] },
    }))
    const pretty = JSON.stringify(items, null, 2)
    const compact = JSON.stringify(items)
    expect(compact.length).toBeGreaterThan(7_000_000)
    expect(pretty.length).toBeGreaterThan(10_000_000)
    const t0 = performance.now()
    expect(checkJson(pretty).ok).toBe(true)
    const formatted = formatJson(compact)
    const minified = minifyJson(pretty)
    const elapsed = performance.now() - t0
    expect(formatted.ok && formatted.text === pretty).toBe(true)
    expect(minified.ok && minified.text === compact).toBe(true)
    // About 0.4 s for all three on a laptop; loose for a busy CI machine.
    expect(elapsed).toBeLessThan(6000)
  })
})
