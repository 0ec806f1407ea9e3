import { describe, expect, it } from 'vitest'
import { draftDiffers, draftFromSettings, parseDraft, type SettingsDraft } from './settings-draft'

const inUse = {
  port: null,
  lan: false,
  username: '',
  passwordSet: false,
  websocket: false,
  websocketPort: null,
}
const draft = (over: Partial<SettingsDraft> = {}): SettingsDraft => ({ ...draftFromSettings(inUse), ...over })

describe('the broker settings form', () => {
  it('starts from the settings in use, ports empty when the broker picks them', () => {
    expect(draftFromSettings({ ...inUse, port: 1884, websocketPort: 9001, websocket: true })).toEqual({
      port: '1884',
      lan: false,
      username: '',
      password: '',
      websocket: true,
      websocketPort: '9001',
    })
  })

  it('turns an empty port into "pick one" and a typed one into a number', () => {
    expect(parseDraft(draft(), false)).toEqual({
      ok: true,
      settings: {
        port: null,
        lan: false,
        username: '',
        password: null,
        websocket: false,
        websocketPort: null,
      },
    })
    const parsed = parseDraft(
      draft({ port: ' 18830 ', websocket: true, websocketPort: '9101', lan: true }),
      false,
    )
    expect(parsed).toMatchObject({ ok: true, settings: { port: 18830, websocketPort: 9101, lan: true } })
  })

  it('refuses ports that are not ports, and one port for both listeners', () => {
    expect(parseDraft(draft({ port: '70000' }), false)).toEqual({
      ok: false,
      errors: { port: 'A port is between 1 and 65535' },
    })
    expect(parseDraft(draft({ port: '18a' }), false)).toMatchObject({
      ok: false,
      errors: { port: expect.any(String) },
    })
    expect(parseDraft(draft({ port: '1885', websocket: true, websocketPort: '1885' }), false)).toMatchObject({
      ok: false,
      errors: { websocketPort: 'MQTT and WebSocket need ports of their own' },
    })
  })

  it('ignores the WebSocket port while that listener is off', () => {
    expect(parseDraft(draft({ websocket: false, websocketPort: 'x' }), false)).toMatchObject({
      ok: true,
      settings: { websocketPort: null },
    })
  })

  it('needs a password with a new user name, keeps the stored one when left empty', () => {
    expect(parseDraft(draft({ username: 'pico' }), false)).toMatchObject({
      ok: false,
      errors: { password: expect.any(String) },
    })
    expect(parseDraft(draft({ username: 'pico' }), true)).toMatchObject({
      ok: true,
      settings: { username: 'pico', password: null },
    })
    expect(parseDraft(draft({ username: 'pico', password: 's3cret' }), false)).toMatchObject({
      ok: true,
      settings: { username: 'pico', password: 's3cret' },
    })
    // no user name: nobody is asked for a password, so none is sent
    expect(parseDraft(draft({ password: 'stray' }), false)).toMatchObject({
      ok: true,
      settings: { password: null },
    })
  })

  it('says whether a restart would change anything', () => {
    expect(draftDiffers(draft(), inUse)).toBe(false)
    expect(draftDiffers(draft({ lan: true }), inUse)).toBe(true)
    expect(draftDiffers(draft({ password: 'x' }), inUse)).toBe(true)
    expect(draftDiffers(draft({ websocketPort: '9001' }), inUse)).toBe(false)
  })
})
