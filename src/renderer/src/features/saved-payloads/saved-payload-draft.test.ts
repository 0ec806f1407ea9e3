import { describe, expect, it } from 'vitest'
import type { SavedPayload } from '../../../../shared/saved-payloads'
import { draftErrors, draftOf, inputOf, NEW_DRAFT } from './saved-payload-draft'

const saved = (payload: Uint8Array): SavedPayload => ({
  id: 1,
  folder: 'a/b',
  name: 'cmd',
  protocol: 'mqtt',
  topic: 'x/y',
  qos: 1,
  retain: true,
  properties: { contentType: 'application/json' },
  note: 'n',
  size: payload.length,
  payload,
  createdAt: 0,
  updatedAt: 0,
})

describe('saved payload draft', () => {
  it('edits text payloads and keeps what the form does not show', () => {
    const s = saved(new TextEncoder().encode('{"on":true}'))
    const d = draftOf(s)
    expect(d).toMatchObject({ name: 'cmd', folder: 'a/b', qos: 1, retain: true, text: '{"on":true}' })
    const input = inputOf({ ...d, text: 'off' }, s)
    expect(new TextDecoder().decode(input.payload)).toBe('off')
    expect(input.properties).toEqual({ contentType: 'application/json' })
  })

  it('keeps binary bytes as they are', () => {
    const bytes = Uint8Array.from([0xff, 0x00, 0x01])
    const s = saved(bytes)
    const d = draftOf(s)
    expect(d.text).toBeNull()
    expect(inputOf({ ...d, name: 'renamed' }, s).payload).toBe(bytes)
  })

  it('checks name and topic', () => {
    expect(draftErrors(NEW_DRAFT)).toEqual({ name: 'Name is required' })
    expect(draftErrors({ ...NEW_DRAFT, name: 'x', topic: 'a/#' })).toEqual({
      topic: 'A topic to publish to cannot hold + or #',
    })
    expect(inputOf({ ...NEW_DRAFT, name: ' x ' }, null)).toMatchObject({ name: 'x', protocol: 'mqtt' })
  })
})
