import { describe, expect, it } from 'vitest'
import {
  draftFromBytes,
  draftFromText,
  payloadStatus,
  payloadToSend,
  switchMode,
  type PayloadDraft,
} from './payload-draft'

const d = (p: Partial<PayloadDraft>): PayloadDraft => ({ mode: 'text', text: '', template: false, ...p })
const utf8 = (s: string) => new TextEncoder().encode(s)

describe('payload editor modes', () => {
  it('converts between modes without changing the bytes', () => {
    const hex = switchMode(d({ text: 'hi' }), 'hex')
    expect(hex).toEqual({ ok: true, draft: { mode: 'hex', text: '68 69', template: false } })
    if (!hex.ok) return
    const b64 = switchMode(hex.draft, 'base64')
    expect(b64).toEqual({ ok: true, draft: { mode: 'base64', text: 'aGk=', template: false } })
    if (!b64.ok) return
    expect(switchMode(b64.draft, 'text')).toEqual({ ok: true, draft: d({ text: 'hi' }) })
  })

  it('stays in the old mode and says why when the bytes are not text', () => {
    const r = switchMode(d({ mode: 'hex', text: 'ff fe' }), 'text')
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.reason).toMatch(/^Can't show this payload as Text: .*not valid UTF-8/)
  })

  it("refuses to leave a mode whose text is not valid, with the parser's reason", () => {
    const r = switchMode(d({ mode: 'hex', text: '6' }), 'text')
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/Odd number of hex digits/) })
  })

  it('keeps a template in the text modes', () => {
    const t = d({ mode: 'json', text: '{"n": {{counter}}}', template: true })
    expect(switchMode(t, 'hex')).toEqual({
      ok: false,
      reason: 'A template is text: turn Template off to edit the payload as Hex.',
    })
    expect(switchMode(t, 'text')).toEqual({ ok: true, draft: { ...t, mode: 'text' } })
  })

  it('shows the first JSON error with line and column, and will not send it', () => {
    const bad = d({ mode: 'json', text: '{\n  "a": 1,\n}' })
    const s = payloadStatus(bad)
    expect(s.json).toEqual({ line: 3, column: 1, message: "Trailing comma before '}'" })
    expect(s.size).toBeNull()
    expect(payloadToSend(bad)).toEqual({
      ok: false,
      error: expect.stringMatching(/^The JSON has an error at line 3, column 1/),
      short: 'JSON error at line 3, column 1',
    })
    // the same text as Text goes out as it is
    expect(payloadToSend({ ...bad, mode: 'text' })).toEqual({
      ok: true,
      payload: utf8(bad.text),
      template: false,
    })
  })

  it('sends the bytes of hex and base64, and says what is wrong with them', () => {
    expect(payloadToSend(d({ mode: 'hex', text: '00 ff' }))).toEqual({
      ok: true,
      payload: new Uint8Array([0, 255]),
      template: false,
    })
    expect(payloadStatus(d({ mode: 'base64', text: 'aGk=' })).size).toBe(2)
    const bad = payloadToSend(d({ mode: 'base64', text: 'a!' }))
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/Invalid base64 character '!'/) })
  })

  it('resolves a template for the preview, checks the JSON of that, and sends the template text', () => {
    const t = d({ mode: 'json', text: '{"n": {{counter}}}', template: true })
    const s = payloadStatus(t)
    expect(s).toMatchObject({ json: null, template: [], preview: '{"n": 1}', blocker: null, size: 18 })
    expect(payloadToSend(t)).toEqual({ ok: true, payload: utf8(t.text), template: true })
    const broken = payloadStatus({ ...t, text: '{"n": {{counter}}' })
    expect(broken.json?.message).toMatch(/end of input/)
    expect(broken.blocker).toMatch(/^The resolved payload is not valid JSON/)
  })

  it('lists template errors with their offsets and will not send them', () => {
    const t = d({ text: 'a {{nope}}', template: true })
    const s = payloadStatus(t)
    expect(s.template).toHaveLength(1)
    expect(s.template[0]!.offset).toBe(2)
    expect(s.preview).toBeNull()
    expect(payloadToSend(t)).toEqual({
      ok: false,
      error: expect.stringMatching(/^Template: /),
      short: 'template error at character 3',
    })
  })

  it('loads a logged payload in the mode that fits it', () => {
    expect(draftFromBytes(utf8('{"a":1}'), false)).toEqual({ mode: 'json', text: '{"a":1}', template: false })
    expect(draftFromBytes(utf8('on'), false)).toEqual({ mode: 'text', text: 'on', template: false })
    expect(draftFromBytes(new Uint8Array([0xff, 0]), false)).toEqual({
      mode: 'hex',
      text: 'ff 00',
      template: false,
    })
    expect(draftFromText('{"n":{{counter}}}', true)).toEqual({
      mode: 'json',
      text: '{"n":{{counter}}}',
      template: true,
    })
    expect(draftFromText('n={{counter}}', true)).toEqual({
      mode: 'text',
      text: 'n={{counter}}',
      template: true,
    })
  })
})
