import { z } from 'zod'
import { DEFAULT_SUBSCRIPTIONS, MqttSubscription } from './subscriptions'

/**
 * Connection profiles for the three protocols. The config half of a profile is plain data that may
 * travel to the renderer and into exports; the secret half (passwords, private keys, passphrases)
 * never does: the core keeps it encrypted and only reports which secrets are set.
 */

const name = z.string().trim().min(1, 'Name is required').max(120, 'Name is at most 120 characters')
const host = z
  .string()
  .trim()
  .min(1, 'Host is required')
  .max(253, 'Host is at most 253 characters')
  .regex(/^[^\s/?#@]+$/, 'Host is a name or an address, without scheme, path or spaces')
const port = z
  .number({ error: 'Port must be a number' })
  .int('Port must be a whole number')
  .min(1, 'Port is from 1 to 65535')
  .max(65535, 'Port is from 1 to 65535')
const pem = z.string().max(256 * 1024, 'A PEM file is at most 256 KiB')

/** TLS settings; whether TLS is used at all is the protocol's own field (scheme or transport). */
export const TlsSettings = z.strictObject({
  /** PEM of the CA to trust; empty means the system's CAs. */
  ca: pem.default(''),
  /** PEM of the client certificate; its key is a secret (`tlsKey`). */
  cert: pem.default(''),
  /** Verify the server's certificate and name. Turning it off is unsafe and the UI says so. */
  verify: z.boolean().default(true),
})
export type TlsSettings = z.infer<typeof TlsSettings>
const tlsDefaults = (): TlsSettings => ({ ca: '', cert: '', verify: true })

export const MqttWill = z.strictObject({
  topic: z
    .string()
    .min(1, 'Will topic is required')
    .max(65535)
    .refine((t) => !/[+#]/.test(t), 'Will topic must not contain wildcards'),
  payload: z
    .string()
    .max(1024 * 1024)
    .default(''),
  qos: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
  retain: z.boolean().default(false),
})

export const MqttConfig = z.strictObject({
  protocol: z.literal('mqtt'),
  name,
  host,
  port: port.default(1883),
  transport: z.enum(['mqtt', 'mqtts', 'ws', 'wss']).default('mqtt'),
  /** WebSocket path, used by ws/wss only. */
  path: z.string().max(1024).default('/mqtt'),
  /** Empty means "generate one per connection". */
  clientId: z.string().max(65535).default(''),
  mqttVersion: z.union([z.literal(4), z.literal(5)]).default(4),
  username: z.string().max(65535).default(''),
  cleanStart: z.boolean().default(true),
  /** MQTT 5 session expiry interval in seconds (0: the session ends with the connection). */
  sessionExpiry: z.number().int().min(0).max(0xffffffff).default(0),
  keepalive: z.number().int('Keepalive is whole seconds').min(0).max(65535).default(60),
  connectTimeoutMs: z.number().int().min(1000).max(120_000).default(10_000),
  tls: TlsSettings.default(tlsDefaults),
  will: MqttWill.nullable().default(null),
  /** Subscribed on every connect; edited from the subscriptions panel while connected too. */
  subscriptions: z
    .array(MqttSubscription)
    .max(1000)
    .default(() => DEFAULT_SUBSCRIPTIONS.map((s) => MqttSubscription.parse(s))),
})

export const AmqpConfig = z.strictObject({
  protocol: z.literal('amqp'),
  name,
  scheme: z.enum(['amqp', 'amqps']).default('amqp'),
  host,
  port: port.default(5672),
  vhost: z.string().max(255).default('/'),
  username: z.string().max(255).default('guest'),
  heartbeat: z.number().int().min(0).max(3600).default(30),
  connectTimeoutMs: z.number().int().min(1000).max(120_000).default(10_000),
  tls: TlsSettings.default(tlsDefaults),
  /** Management plugin base URL; empty means "derive from host, port 15672". */
  managementUrl: z
    .string()
    .max(2048)
    .refine(
      (u) => u === '' || /^https?:\/\/[^\s]+$/.test(u),
      'Management URL must start with http:// or https://',
    )
    .default(''),
  /** Management API user; empty means the AMQP username (its password: `managementPassword`, else the AMQP one). */
  managementUsername: z.string().max(255).default(''),
  /**
   * Queues and exchanges to check over pure AMQP (passive declare) when the management API is not
   * reachable: the user names them, since AMQP itself cannot list anything.
   */
  watched: z
    .array(z.strictObject({ kind: z.enum(['queue', 'exchange']), name: z.string().min(1).max(255) }))
    .max(500)
    .default([]),
})

const brokerAddress = z
  .string()
  .trim()
  .regex(/^[^\s/:]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/, 'Each broker is host:port')
  .refine((b) => {
    const p = Number(b.slice(b.lastIndexOf(':') + 1))
    return p >= 1 && p <= 65535
  }, 'Broker port is from 1 to 65535')

export const KafkaConfig = z.strictObject({
  protocol: z.literal('kafka'),
  name,
  brokers: z.array(brokerAddress).min(1, 'At least one bootstrap broker is required').max(64),
  clientId: z.string().max(255).default('brokerlens'),
  ssl: z.boolean().default(false),
  tls: TlsSettings.default(tlsDefaults),
  sasl: z.enum(['none', 'plain', 'scram-sha-256', 'scram-sha-512']).default('none'),
  username: z.string().max(255).default(''),
  connectTimeoutMs: z.number().int().min(1000).max(120_000).default(10_000),
})

export const ProfileConfig = z.discriminatedUnion('protocol', [MqttConfig, AmqpConfig, KafkaConfig])
export type ProfileConfig = z.infer<typeof ProfileConfig>
export type ProfileConfigInput = z.input<typeof ProfileConfig>
export type MqttConfig = z.infer<typeof MqttConfig>
export type AmqpConfig = z.infer<typeof AmqpConfig>
export type KafkaConfig = z.infer<typeof KafkaConfig>
export type Protocol = ProfileConfig['protocol']
export const Protocol = z.enum(['mqtt', 'amqp', 'kafka'])

export const SECRET_NAMES = ['password', 'tlsKey', 'tlsPassphrase', 'managementPassword'] as const
export const SecretName = z.enum(SECRET_NAMES)
export type SecretName = z.infer<typeof SecretName>

/** A secret edit: a string sets it, null clears it, absent keeps what is stored. */
export const SecretsPatch = z.strictObject({
  password: z.string().max(65535).nullable().optional(),
  tlsKey: pem.nullable().optional(),
  tlsPassphrase: z.string().max(65535).nullable().optional(),
  /** AMQP profiles: the management API's password when it differs from the AMQP one. */
  managementPassword: z.string().max(65535).nullable().optional(),
})
export type SecretsPatch = z.infer<typeof SecretsPatch>
export type Secrets = Partial<Record<SecretName, string>>

export const ProfileId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not a profile id')

export const Profile = z.strictObject({
  id: ProfileId,
  config: ProfileConfig,
  /** Which secrets are stored, never their values. */
  secretsSet: z.array(SecretName),
  createdAt: z.number(),
  updatedAt: z.number(),
})
export type Profile = z.infer<typeof Profile>

/** The file format of an export: versioned so that later releases can still import it. */
export const ProfileExportFile = z.strictObject({
  format: z.literal('brokerlens-profiles'),
  version: z.literal(1),
  exportedAt: z.string(),
  profiles: z
    .array(
      z.strictObject({
        config: z.unknown(),
        secrets: z.record(z.string(), z.string()).optional(),
      }),
    )
    .max(10_000),
})
export type ProfileExportFile = z.infer<typeof ProfileExportFile>

/** A one-line description of where a profile connects, for lists and logs. */
export function describeEndpoint(config: ProfileConfig): string {
  switch (config.protocol) {
    case 'mqtt': {
      const path = config.transport === 'ws' || config.transport === 'wss' ? config.path : ''
      return `${config.transport}://${config.host}:${config.port}${path}`
    }
    case 'amqp':
      return `${config.scheme}://${config.host}:${config.port}${config.vhost === '/' ? '' : '/' + encodeURIComponent(config.vhost)}`
    case 'kafka':
      return `${config.ssl ? 'kafka+ssl' : 'kafka'}://${config.brokers.join(',')}`
  }
}
