import type { ApiIssue } from '../../../../shared/api-error'
import {
  AmqpConfig,
  KafkaConfig,
  MqttConfig,
  SecretsPatch,
  type ProfileConfig,
  type Protocol,
  type SecretName,
} from '../../../../shared/profiles'

/**
 * The editor's model: a draft that holds what the inputs hold (numbers may be empty while typing,
 * the will may be switched off but keep its text), turned into a config that the contract's own
 * zod schemas check. Errors are keyed by the config path ("host", "tls.ca", "brokers.1") so that the
 * core's `issues` land under the same fields.
 */

/** What Mantine's NumberInput holds: a number, or a string while empty or half typed. */
export type NumberValue = number | string

export interface TlsDraft {
  ca: string
  cert: string
  verify: boolean
}

export interface MqttDraft {
  protocol: 'mqtt'
  name: string
  host: string
  port: NumberValue
  transport: MqttConfig['transport']
  path: string
  clientId: string
  mqttVersion: 4 | 5
  username: string
  cleanStart: boolean
  sessionExpiry: NumberValue
  keepalive: NumberValue
  connectTimeoutSec: NumberValue
  tls: TlsDraft
  willEnabled: boolean
  will: { topic: string; payload: string; qos: 0 | 1 | 2; retain: boolean }
}

export interface AmqpDraft {
  protocol: 'amqp'
  name: string
  scheme: AmqpConfig['scheme']
  host: string
  port: NumberValue
  vhost: string
  username: string
  heartbeat: NumberValue
  connectTimeoutSec: NumberValue
  tls: TlsDraft
  managementUrl: string
  managementUsername: string
  /** Edited from the AMQP workspace, not the form: carried through unchanged. */
  watched: AmqpConfig['watched']
}

export interface KafkaDraft {
  protocol: 'kafka'
  name: string
  brokers: string[]
  clientId: string
  ssl: boolean
  tls: TlsDraft
  sasl: KafkaConfig['sasl']
  username: string
  connectTimeoutSec: NumberValue
}

export type ProfileDraft = MqttDraft | AmqpDraft | KafkaDraft

/** A secret's edit state: keep what is stored, set a new value, or clear it. */
export type SecretDraft = { mode: 'keep' } | { mode: 'set'; value: string } | { mode: 'clear' }
export type SecretsDraft = Record<SecretName, SecretDraft>

export type FieldErrors = Record<string, string>

export const MQTT_USUAL_PORTS: Record<MqttDraft['transport'], number> = {
  mqtt: 1883,
  mqtts: 8883,
  ws: 8080,
  wss: 8081,
}
export const AMQP_USUAL_PORTS: Record<AmqpDraft['scheme'], number> = { amqp: 5672, amqps: 5671 }

const tlsDraft = (tls: { ca: string; cert: string; verify: boolean }): TlsDraft => ({ ...tls })
const seconds = (ms: number) => Math.round(ms / 100) / 10

export function draftFromConfig(config: ProfileConfig): ProfileDraft {
  switch (config.protocol) {
    case 'mqtt':
      return {
        protocol: 'mqtt',
        name: config.name,
        host: config.host,
        port: config.port,
        transport: config.transport,
        path: config.path,
        clientId: config.clientId,
        mqttVersion: config.mqttVersion,
        username: config.username,
        cleanStart: config.cleanStart,
        sessionExpiry: config.sessionExpiry,
        keepalive: config.keepalive,
        connectTimeoutSec: seconds(config.connectTimeoutMs),
        tls: tlsDraft(config.tls),
        willEnabled: config.will !== null,
        will: config.will ? { ...config.will } : { topic: '', payload: '', qos: 0, retain: false },
      }
    case 'amqp':
      return {
        protocol: 'amqp',
        name: config.name,
        scheme: config.scheme,
        host: config.host,
        port: config.port,
        vhost: config.vhost,
        username: config.username,
        heartbeat: config.heartbeat,
        connectTimeoutSec: seconds(config.connectTimeoutMs),
        tls: tlsDraft(config.tls),
        managementUrl: config.managementUrl,
        managementUsername: config.managementUsername,
        watched: config.watched,
      }
    case 'kafka':
      return {
        protocol: 'kafka',
        name: config.name,
        brokers: config.brokers.length ? [...config.brokers] : [''],
        clientId: config.clientId,
        ssl: config.ssl,
        tls: tlsDraft(config.tls),
        sasl: config.sasl,
        username: config.username,
        connectTimeoutSec: seconds(config.connectTimeoutMs),
      }
  }
}

/** A fresh draft with the schema's defaults and a local broker. */
export function newDraft(protocol: Protocol): ProfileDraft {
  switch (protocol) {
    case 'mqtt':
      return draftFromConfig(MqttConfig.parse({ protocol, name: 'x', host: 'localhost' }))
    case 'amqp':
      return draftFromConfig(AmqpConfig.parse({ protocol, name: 'x', host: 'localhost' }))
    case 'kafka':
      return draftFromConfig(KafkaConfig.parse({ protocol, name: 'x', brokers: ['localhost:9092'] }))
  }
}

export function newNamedDraft(protocol: Protocol): ProfileDraft {
  return { ...newDraft(protocol), name: '' }
}

export function emptySecrets(): SecretsDraft {
  return {
    password: { mode: 'keep' },
    tlsKey: { mode: 'keep' },
    tlsPassphrase: { mode: 'keep' },
    managementPassword: { mode: 'keep' },
  }
}

/** SecretsPatch semantics: a string sets, null clears, absent keeps. Empty new values keep too. */
export function secretsPatchFrom(secrets: SecretsDraft): SecretsPatch | undefined {
  const patch: SecretsPatch = {}
  for (const name of Object.keys(secrets) as SecretName[]) {
    const s = secrets[name]
    if (s.mode === 'clear') patch[name] = null
    else if (s.mode === 'set' && s.value !== '') patch[name] = s.value
  }
  return Object.keys(patch).length ? patch : undefined
}

/** Number fields: empty is an error of its own rather than a silent default. */
function num(value: NumberValue, path: string, label: string, errors: FieldErrors): number | undefined {
  if (typeof value === 'number') return value
  const t = value.trim()
  if (t === '' || t === '-') {
    errors[path] = `${label} is required`
    return undefined
  }
  const n = Number(t)
  if (!Number.isFinite(n)) {
    errors[path] = `${label} must be a number`
    return undefined
  }
  return n
}

function timeoutMs(draft: { connectTimeoutSec: NumberValue }, errors: FieldErrors): number | undefined {
  const s = num(draft.connectTimeoutSec, 'connectTimeoutMs', 'Connect timeout', errors)
  if (s === undefined) return undefined
  if (s < 1 || s > 120) {
    errors.connectTimeoutMs = 'Connect timeout is from 1 to 120 seconds'
    return undefined
  }
  return Math.round(s * 1000)
}

/** The object handed to the zod schema (numbers already checked for emptiness). */
export function configInputFromDraft(draft: ProfileDraft, errors: FieldErrors): Record<string, unknown> {
  switch (draft.protocol) {
    case 'mqtt':
      return {
        protocol: 'mqtt',
        name: draft.name,
        host: draft.host,
        port: num(draft.port, 'port', 'Port', errors),
        transport: draft.transport,
        path: draft.path,
        clientId: draft.clientId,
        mqttVersion: draft.mqttVersion,
        username: draft.username,
        cleanStart: draft.cleanStart,
        sessionExpiry:
          draft.mqttVersion === 5 ? num(draft.sessionExpiry, 'sessionExpiry', 'Session expiry', errors) : 0,
        keepalive: num(draft.keepalive, 'keepalive', 'Keepalive', errors),
        connectTimeoutMs: timeoutMs(draft, errors),
        tls: { ...draft.tls },
        will: draft.willEnabled ? { ...draft.will } : null,
      }
    case 'amqp':
      return {
        protocol: 'amqp',
        name: draft.name,
        scheme: draft.scheme,
        host: draft.host,
        port: num(draft.port, 'port', 'Port', errors),
        vhost: draft.vhost,
        username: draft.username,
        heartbeat: num(draft.heartbeat, 'heartbeat', 'Heartbeat', errors),
        connectTimeoutMs: timeoutMs(draft, errors),
        tls: { ...draft.tls },
        managementUrl: draft.managementUrl.trim(),
        managementUsername: draft.managementUsername.trim(),
        watched: draft.watched,
      }
    case 'kafka':
      return {
        protocol: 'kafka',
        name: draft.name,
        brokers: draft.brokers.map((b) => b.trim()).filter((b) => b !== ''),
        clientId: draft.clientId,
        ssl: draft.ssl,
        tls: { ...draft.tls },
        sasl: draft.sasl,
        username: draft.sasl === 'none' ? '' : draft.username,
        connectTimeoutMs: timeoutMs(draft, errors),
      }
  }
}

const schemaOf = { mqtt: MqttConfig, amqp: AmqpConfig, kafka: KafkaConfig } as const

export interface DraftCheck {
  config: ProfileConfig | null
  secrets: SecretsPatch | undefined
  errors: FieldErrors
}

/** Validates with the contract's schemas; the first message per field wins. */
export function checkDraft(draft: ProfileDraft, secrets: SecretsDraft): DraftCheck {
  const errors: FieldErrors = {}
  const input = configInputFromDraft(draft, errors)
  const parsed = schemaOf[draft.protocol].safeParse(input)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const raw = issue.path.map(String).join('.')
      const path = draft.protocol === 'kafka' ? fieldKeyForKafka(draft, raw) : raw
      // an emptiness error of our own beats zod's "expected number, received undefined"
      if (!(path in errors)) errors[path] = issue.message
    }
  }
  if (draft.protocol === 'kafka' && draft.brokers.every((b) => b.trim() === '')) {
    errors.brokers ??= 'At least one bootstrap broker is required'
  }
  if (draft.protocol === 'kafka' && draft.sasl !== 'none' && draft.username.trim() === '') {
    errors.username ??= 'A user name is required for SASL'
  }
  const patch = secretsPatchFrom(secrets)
  const secretsParsed = SecretsPatch.safeParse(patch ?? {})
  if (!secretsParsed.success) {
    for (const issue of secretsParsed.error.issues)
      errors[`secrets.${issue.path.map(String).join('.')}`] ??= issue.message
  }
  const ok = parsed.success && Object.keys(errors).length === 0
  return { config: ok ? (parsed.data as ProfileConfig) : null, secrets: patch, errors }
}

/**
 * Empty broker rows are dropped before validation, so an error on brokers.N of the validated config
 * points at the N-th non-empty row of the draft.
 */
export function fieldKeyForKafka(draft: KafkaDraft, path: string): string {
  const m = /^brokers\.(\d+)$/.exec(path)
  if (!m) return path
  const rows: number[] = []
  draft.brokers.forEach((b, i) => {
    if (b.trim() !== '') rows.push(i)
  })
  const row = rows[Number(m[1])]
  return row === undefined ? 'brokers' : `brokers.${row}`
}

/** The core's `issues` (paths like "config.host", "secrets.password") as field errors. */
export function fieldErrorsFromIssues(
  issues: ApiIssue[] | undefined,
  draft: ProfileDraft,
): { errors: FieldErrors; unplaced: string[] } {
  const errors: FieldErrors = {}
  const unplaced: string[] = []
  for (const issue of issues ?? []) {
    let path = issue.path
    if (path.startsWith('config.')) path = path.slice('config.'.length)
    if (draft.protocol === 'kafka') path = fieldKeyForKafka(draft, path)
    if (path === '' || path === 'config' || !isKnownField(draft, path))
      unplaced.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message)
    else errors[path] ??= issue.message
  }
  return { errors, unplaced }
}

const COMMON_FIELDS = [
  'name',
  'connectTimeoutMs',
  'tls.ca',
  'tls.cert',
  'tls.verify',
  'secrets.password',
  'secrets.tlsKey',
  'secrets.tlsPassphrase',
]
const FIELDS: Record<Protocol, string[]> = {
  mqtt: [
    'host',
    'port',
    'transport',
    'path',
    'clientId',
    'mqttVersion',
    'username',
    'cleanStart',
    'sessionExpiry',
    'keepalive',
    'will',
    'will.topic',
    'will.payload',
    'will.qos',
    'will.retain',
  ],
  amqp: [
    'scheme',
    'host',
    'port',
    'vhost',
    'username',
    'heartbeat',
    'managementUrl',
    'managementUsername',
    'secrets.managementPassword',
  ],
  kafka: ['brokers', 'clientId', 'ssl', 'sasl', 'username'],
}

function isKnownField(draft: ProfileDraft, path: string): boolean {
  if (COMMON_FIELDS.includes(path) || FIELDS[draft.protocol].includes(path)) return true
  return draft.protocol === 'kafka' && /^brokers\.\d+$/.test(path)
}

/** Which editor tab holds a field, to mark tabs that have errors. */
export type EditorTab = 'general' | 'auth' | 'tls' | 'advanced' | 'will'
export function tabOfField(protocol: Protocol, path: string): EditorTab {
  if (
    path.startsWith('tls.') ||
    path === 'secrets.tlsKey' ||
    path === 'secrets.tlsPassphrase' ||
    path === 'ssl'
  )
    return 'tls'
  if (path === 'username' || path === 'secrets.password' || path === 'sasl') return 'auth'
  if (path.startsWith('will')) return 'will'
  const advanced: Record<Protocol, string[]> = {
    mqtt: ['clientId', 'mqttVersion', 'cleanStart', 'sessionExpiry', 'keepalive', 'connectTimeoutMs'],
    amqp: [
      'heartbeat',
      'connectTimeoutMs',
      'managementUrl',
      'managementUsername',
      'secrets.managementPassword',
    ],
    kafka: ['clientId', 'connectTimeoutMs'],
  }
  return advanced[protocol].includes(path) ? 'advanced' : 'general'
}

/** Whether the draft's settings use TLS at all (the TLS tab says so when not). */
export function usesTls(draft: ProfileDraft): boolean {
  switch (draft.protocol) {
    case 'mqtt':
      return draft.transport === 'mqtts' || draft.transport === 'wss'
    case 'amqp':
      return draft.scheme === 'amqps'
    case 'kafka':
      return draft.ssl
  }
}

/** The usual port for a new transport, unless the user typed a port of their own. */
export function suggestedPort<K extends string>(
  usual: Record<K, number>,
  from: K,
  to: K,
  port: NumberValue,
): NumberValue {
  const current = typeof port === 'number' ? port : port.trim() === '' ? null : Number(port)
  return current === null || current === usual[from] ? usual[to] : port
}

/** Splits a pasted "a:1, b:2" into rows. */
export function splitBrokerList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}
