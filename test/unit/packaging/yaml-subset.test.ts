// The YAML subset reader behind the packaging checks: it must read what a real YAML parser reads,
// and refuse (with the line) what it does not support rather than read it differently.
import { describe, expect, it } from 'vitest'
import { parseYaml, YamlSyntaxError } from '../../../scripts/packaging/yaml-subset.mjs'

describe('parseYaml', () => {
  it('reads mappings, sequences and `- key: value` items', () => {
    const text = [
      'id: app',
      'list:',
      '  - a',
      '  - b',
      'same-indent:',
      '- x',
      'modules:',
      '  - name: one',
      '    sources:',
      '      - type: dir',
      '        path: ..',
      '      - generated.json',
      '  - name: two',
      'empty:',
      'last: 1',
    ].join('\n')
    expect(parseYaml(text)).toEqual({
      id: 'app',
      list: ['a', 'b'],
      'same-indent': ['x'],
      modules: [{ name: 'one', sources: [{ type: 'dir', path: '..' }, 'generated.json'] }, { name: 'two' }],
      empty: null,
      last: 1,
    })
  })

  it('resolves plain scalars like YAML 1.2 and keeps quoted ones as strings', () => {
    expect(
      parseYaml(
        [
          'a: 24.08',
          "b: '24.08'",
          'c: "say \\"hi\\"\\n"',
          "d: 'it''s'",
          'e: true',
          'f: off',
          'g: ~',
          'h: --share=network',
          'i: https://example.org/x#y',
          'j: value # a comment',
          "k: '#not a comment'",
          'on: push',
        ].join('\n'),
      ),
    ).toEqual({
      a: 24.08,
      b: '24.08',
      c: 'say "hi"\n',
      d: "it's",
      e: true,
      f: 'off',
      g: null,
      h: '--share=network',
      i: 'https://example.org/x#y',
      j: 'value',
      k: '#not a comment',
      on: 'push',
    })
  })

  it('reads literal and folded block scalars with their chomping', () => {
    const text = [
      'keep: |',
      '  line one',
      '    indented',
      '',
      '  line three',
      'strip: |-',
      '  no newline',
      'folded: >',
      '  a',
      '  b',
      'after: x',
    ].join('\n')
    expect(parseYaml(text)).toEqual({
      keep: 'line one\n  indented\n\nline three\n',
      strip: 'no newline',
      folded: 'a b\n',
      after: 'x',
    })
  })

  it('reads one-line flow sequences and empty collections', () => {
    expect(parseYaml("arch: [x64, 'arm64', 1]\nnone: []\nobj: {}")).toEqual({
      arch: ['x64', 'arm64', 1],
      none: [],
      obj: {},
    })
  })

  it.each([
    ['an anchor', 'a: &x 1', /anchors, aliases, tags/],
    ['a tag', 'a: !!str 1', /anchors, aliases, tags/],
    ['a flow mapping', 'a: {b: 1}', /flow mappings/],
    ['a duplicate key', 'a: 1\na: 2', /duplicate key "a"/],
    ['a second document', 'a: 1\n---\nb: 2', /only one document/],
    ['a continued plain scalar', 'a: one\n  two', /multi-line scalars/],
    ['a tab in the indentation', 'a:\n\t- b', /tabs/],
  ])('refuses %s, naming the line', (_what, text, message) => {
    let error: unknown
    try {
      parseYaml(text, 'test.yml')
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(YamlSyntaxError)
    expect((error as Error).message).toMatch(/^test\.yml:\d+: /)
    expect((error as Error).message).toMatch(message)
  })
})
