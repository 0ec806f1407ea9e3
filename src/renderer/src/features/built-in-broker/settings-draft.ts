import type { BuiltInBrokerSettings, BuiltInBrokerStatus } from '../../../../shared/built-in-broker'

/** The settings form as typed: ports as text (empty: let the broker pick), the password write-only. */
export interface SettingsDraft {
  port: string
  lan: boolean
  username: string
  /** Empty keeps the stored password. */
  password: string
  websocket: boolean
  websocketPort: string
}

export type SettingsErrors = Partial<Record<keyof SettingsDraft, string>>

type InUse = BuiltInBrokerStatus['settings']

export function draftFromSettings(s: InUse): SettingsDraft {
  return {
    port: s.port === null ? '' : String(s.port),
    lan: s.lan,
    username: s.username,
    password: '',
    websocket: s.websocket,
    websocketPort: s.websocketPort === null ? '' : String(s.websocketPort),
  }
}

function parsePort(text: string): number | null | string {
  const t = text.trim()
  if (t === '') return null
  if (!/^\d+$/.test(t)) return 'A port is a whole number'
  const n = Number(t)
  if (n < 1 || n > 65535) return 'A port is between 1 and 65535'
  return n
}

/** The settings to start with, or what is wrong with the form, field by field. */
export function parseDraft(
  draft: SettingsDraft,
  passwordSet: boolean,
): { ok: true; settings: BuiltInBrokerSettings } | { ok: false; errors: SettingsErrors } {
  const errors: SettingsErrors = {}
  const port = parsePort(draft.port)
  if (typeof port === 'string') errors.port = port
  const wsPort = draft.websocket ? parsePort(draft.websocketPort) : null
  if (typeof wsPort === 'string') errors.websocketPort = wsPort
  if (typeof port === 'number' && port === wsPort)
    errors.websocketPort = 'MQTT and WebSocket need ports of their own'
  const username = draft.username.trim()
  if (username !== draft.username) errors.username = 'No spaces around the user name'
  if (username !== '' && draft.password === '' && !passwordSet)
    errors.password = 'Give a password to go with the user name'
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    settings: {
      port: port as number | null,
      lan: draft.lan,
      username,
      password: username === '' || draft.password === '' ? null : draft.password,
      websocket: draft.websocket,
      websocketPort: draft.websocket ? (wsPort as number | null) : null,
    },
  }
}

/** Whether the form differs from what the broker runs with (a restart would change something). */
export function draftDiffers(draft: SettingsDraft, inUse: InUse): boolean {
  const base = draftFromSettings(inUse)
  return (
    draft.password !== '' ||
    draft.port.trim() !== base.port ||
    draft.lan !== base.lan ||
    draft.username.trim() !== base.username ||
    draft.websocket !== base.websocket ||
    (draft.websocket && draft.websocketPort.trim() !== base.websocketPort)
  )
}
