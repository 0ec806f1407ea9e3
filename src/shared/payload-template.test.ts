import { describe, expect, it } from 'vitest'
import {
  defaultTemplateContext,
  hasPlaceholders,
  renderTemplate,
  templateErrors,
  type TemplateContext,
} from './payload-template'

function context(overrides: Partial<TemplateContext> = {}): TemplateContext {
  let n = 0
  return {
    counter: 7,
    now: Date.UTC(2024, 4, 6, 7, 8, 9, 123),
    uuid: () => `uuid-${++n}`,
    random: () => 0.5,
    ...overrides,
  }
}

describe('renderTemplate', () => {
  it('fills in every placeholder from the context', () => {
    const text =
      '{"t": {{timestamp}}, "at": "{{iso}}", "id": "{{uuid}}", "n": {{counter}}, "again": "{{uuid}}"}'
    expect(renderTemplate(text, context())).toBe(
      '{"t": 1714979289123, "at": "2024-05-06T07:08:09.123Z", "id": "uuid-1", "n": 7, "again": "uuid-2"}',
    )
  })

  it('allows white space inside the braces', () => {
    expect(renderTemplate('{{ counter }}|{{\trandom  1   6 }}', context())).toBe('7|4')
  })

  it('renders integers in [A, B], both ends reachable', () => {
    const at = (r: number) => renderTemplate('{{random 1 6}}', context({ random: () => r }))
    expect(at(0)).toBe('1')
    expect(at(0.999999)).toBe('6')
    expect(at(0.5)).toBe('4')
    expect(renderTemplate('{{random -5 -5}}', context())).toBe('-5')
    expect(renderTemplate('{{random -10 10}}', context({ random: () => 0 }))).toBe('-10')
  })

  it('renders decimals with the larger number of decimals given', () => {
    expect(renderTemplate('{{random 0 1.50}}', context({ random: () => 0.5 }))).toBe('0.75')
    expect(renderTemplate('{{random 20.5 25}}', context({ random: () => 0.25 }))).toBe('21.6')
    expect(renderTemplate('{{random -1.0 1.0}}', context({ random: () => 0.4999 }))).toBe('0.0')
    const values = Array.from({ length: 200 }, (_, i) =>
      Number(renderTemplate('{{random 1.5 2.5}}', context({ random: () => i / 200 }))),
    )
    expect(Math.min(...values)).toBeGreaterThanOrEqual(1.5)
    expect(Math.max(...values)).toBeLessThanOrEqual(2.5)
  })

  it('turns \\{{ into a literal {{ and leaves lone braces alone', () => {
    expect(renderTemplate('\\{{counter}} = {{counter}}', context())).toBe('{{counter}} = 7')
    expect(renderTemplate('{"a": {"b": 1}} }} {', context())).toBe('{"a": {"b": 1}} }} {')
    expect(renderTemplate('', context())).toBe('')
  })

  it('is deterministic given the context', () => {
    const text = '{{uuid}} {{random 1 1000}} {{timestamp}}'
    expect(renderTemplate(text, context())).toBe(renderTemplate(text, context()))
  })

  it('throws the first error', () => {
    expect(() => renderTemplate('{{nope}} {{random 2 1}}', context())).toThrow(
      "Unknown placeholder '{{nope}}'",
    )
  })
})

describe('templateErrors', () => {
  const cases: [string, string, string, number][] = [
    ['an unknown name', 'a {{time}} b', "Unknown placeholder '{{time}}'", 2],
    ['an empty placeholder', 'x{{  }}', 'Empty placeholder', 1],
    ['arguments where none are taken', '{{uuid v4}}', "{{uuid}} takes no arguments (found 'v4')", 0],
    ['random without bounds', '{{random}}', '{{random}} needs two numbers', 0],
    ['random with one bound', '{{random 5}}', '{{random}} needs two numbers', 0],
    ['random with a word', '{{random 1 ten}}', "{{random 1 ten}}: 'ten' is not a number", 0],
    [
      'random with A > B',
      '{{random 10 5}}',
      '{{random 10 5}}: the lower bound 10 is greater than the upper bound 5',
      0,
    ],
    ['random with huge integers', '{{random 0 99999999999999999999}}', 'integer bounds must lie within', 0],
    ['an unclosed {{', '{"n": {{counter}, "x": 1}', "Unclosed '{{' at offset 6", 6],
  ]
  it.each(cases)('%s', (_name, text, message, offset) => {
    const errors = templateErrors(text)
    expect(errors).toHaveLength(1)
    expect(errors[0]!.message).toContain(message)
    expect(errors[0]!.offset).toBe(offset)
    expect(() => renderTemplate(text, context())).toThrow(errors[0]!.message)
  })

  it('lists every error in text order, with lengths for markers', () => {
    const text = '{{a}} {{counter}} {{random x 1}}'
    expect(templateErrors(text).map((e) => [e.offset, e.length])).toEqual([
      [0, 5],
      [18, 14],
    ])
    expect(templateErrors('{{counter}} {{iso}} \\{{nothing}}')).toEqual([])
  })
})

describe('hasPlaceholders / defaultTemplateContext', () => {
  it('says whether rendering can change the text', () => {
    expect(hasPlaceholders('{"a": {"b": 1}}')).toBe(false)
    expect(hasPlaceholders('n={{counter}}')).toBe(true)
    expect(hasPlaceholders('\\{{literal')).toBe(true)
  })

  it('uses the clock, random UUIDs and Math.random', () => {
    const before = Date.now()
    const ctx = defaultTemplateContext(3)
    expect(ctx.counter).toBe(3)
    expect(ctx.now).toBeGreaterThanOrEqual(before)
    expect(ctx.now).toBeLessThanOrEqual(Date.now())
    expect(ctx.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(ctx.uuid()).not.toBe(ctx.uuid())
    const r = ctx.random()
    expect(r).toBeGreaterThanOrEqual(0)
    expect(r).toBeLessThan(1)
    expect(renderTemplate('{{counter}}', ctx)).toBe('3')
  })
})
