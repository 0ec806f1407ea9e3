import { describe, expect, it } from 'vitest'
import {
  argumentsToText,
  helperArgument,
  parseArguments,
  queueHelperValues,
  setArgument,
} from './amqp-arguments'

describe('arguments as JSON', () => {
  it('takes blank as none and an object as the arguments', () => {
    expect(parseArguments('  ')).toEqual({ ok: true, value: {} })
    expect(parseArguments('{"x-max-length": 10, "x-overflow": "reject-publish"}')).toEqual({
      ok: true,
      value: { 'x-max-length': 10, 'x-overflow': 'reject-publish' },
    })
  })

  it('says where the JSON is broken', () => {
    const r = parseArguments('{\n  "x-max-length": 10,\n}')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatch(/^Line 3, column 1: /)
  })

  it('refuses what is not an object, names that are empty or too long, and inexact numbers', () => {
    expect(parseArguments('[1]')).toEqual({ ok: false, error: expect.stringContaining('a JSON object') })
    expect(parseArguments('null')).toEqual({ ok: false, error: expect.stringContaining('a JSON object') })
    expect(parseArguments('{"": 1}')).toEqual({ ok: false, error: 'An argument needs a name' })
    expect(parseArguments(`{"${'k'.repeat(256)}": 1}`).ok).toBe(false)
    const big = parseArguments('{"x-max-length-bytes": 12345678901234567890}')
    expect(big.ok).toBe(false)
    if (!big.ok) expect(big.error).toContain('cannot be sent exactly')
    expect(parseArguments('{"nested": {"a": [9007199254740993]}}').ok).toBe(false)
    expect(parseArguments('{"ttl": 9007199254740991, "f": 1.5e300}').ok).toBe(true)
  })

  it('sets and removes one argument, keeping the others in order', () => {
    const one = setArgument('', 'x-message-ttl', 60000)
    expect(one).toEqual({ ok: true, text: '{\n  "x-message-ttl": 60000\n}' })
    const two = setArgument('{"b": 1, "a": 2}', 'b', 5)
    expect(two.ok && JSON.parse(two.text)).toEqual({ b: 5, a: 2 })
    expect(two.ok && Object.keys(JSON.parse(two.text) as object)).toEqual(['b', 'a'])
    expect(setArgument('{"a": 1}', 'a', undefined)).toEqual({ ok: true, text: '' })
    // a broken text is not overwritten
    expect(setArgument('{"a": ', 'b', 1).ok).toBe(false)
    expect(argumentsToText({})).toBe('')
  })

  it('reads the helper fields from the text and turns their input into arguments', () => {
    expect(
      queueHelperValues('{"x-message-ttl": 5000, "x-max-length": "many", "x-dead-letter-exchange": "dlx"}'),
    ).toEqual({ messageTtl: 5000, maxLength: '', deadLetterExchange: 'dlx' })
    expect(queueHelperValues('{broken')).toEqual({ messageTtl: '', maxLength: '', deadLetterExchange: '' })
    expect(helperArgument('messageTtl', '')).toBeUndefined()
    expect(helperArgument('messageTtl', 1500.7)).toBe(1500)
    expect(helperArgument('maxLength', '20')).toBe(20)
    expect(helperArgument('deadLetterExchange', '')).toBeUndefined()
    expect(helperArgument('deadLetterExchange', 'dlx')).toBe('dlx')
  })
})
