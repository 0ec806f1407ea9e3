import { z } from 'zod'
import { ProfileId } from './profiles'

/**
 * The MQTT broker the app can run in its own process (aedes), for debugging devices with no broker
 * installed, and the device view only a broker can give: who is connected, with which settings,
 * and every connect, disconnect (and why), subscribe, publish and will, per client.
 */

const Port = z.number().int().min(1).max(65535)

export const BuiltInBrokerSettings = z.strictObject({
  /** null: 1883, or the next free port after it. */
  port: Port.nullable().default(null),
  /** false: bound to 127.0.0.1 only. true: every interface, so devices on the LAN can connect. */
  lan: z.boolean().default(false),
  /** Empty: anyone may connect. Else clients must give this user and `password`. */
  username: z.string().max(255).default(''),
  /** Write-only: kept encrypted as the built-in profile's password; null keeps the stored one. */
  password: z.string().max(255).nullable().default(null),
  /** Also listen for MQTT over WebSocket (path /mqtt); null port: 9001 or the next free one. */
  websocket: z.boolean().default(false),
  websocketPort: Port.nullable().default(null),
})
export type BuiltInBrokerSettings = z.input<typeof BuiltInBrokerSettings>

export const BuiltInBrokerStatus = z.strictObject({
  state: z.enum(['stopped', 'starting', 'running', 'failed']),
  /** Why it failed (e.g. "port 1883 is in use"), or null. */
  error: z.string().nullable(),
  /** The settings in use (or last used), the password left out. */
  settings: z.strictObject({
    port: Port.nullable(),
    lan: z.boolean(),
    username: z.string(),
    passwordSet: z.boolean(),
    websocket: z.boolean(),
    websocketPort: Port.nullable(),
  }),
  /** Where it listens: the bound address and ports, null while stopped. */
  bindAddress: z.string().nullable(),
  port: Port.nullable(),
  websocketPort: Port.nullable(),
  /** This machine's LAN addresses (non-internal IPv4/IPv6): what a device on the LAN connects to. */
  lanAddresses: z.array(z.string()),
  /** The profile the app itself connects to the broker with (it appears in the sidebar). */
  profileId: ProfileId.nullable(),
  clientsConnected: z.number().int(),
  startedAt: z.number().nullable(),
  demo: z.strictObject({ running: z.boolean(), published: z.number().int() }),
})
export type BuiltInBrokerStatus = z.infer<typeof BuiltInBrokerStatus>

export const BrokerWill = z.strictObject({
  topic: z.string(),
  /** The first 256 bytes as text (null when binary), and the full size. */
  preview: z.string().nullable(),
  size: z.number().int(),
  qos: z.number().int(),
  retain: z.boolean(),
})

export const DisconnectReason = z.enum([
  /** The client sent DISCONNECT. */
  'clean',
  /** No packet within 1.5 × keepalive: the broker closed it (and sent its will). */
  'keepalive-timeout',
  /** The socket closed or failed without a DISCONNECT (power cut, Wi-Fi lost, reset). */
  'socket-error',
  /** The client sent something that is not MQTT, or broke the protocol. */
  'protocol-error',
  /** Another connection came with the same client id. */
  'taken-over',
  /** The broker refused the CONNECT (bad credentials, bad client id, unsupported version). */
  'refused',
  /** The broker was stopped. */
  'broker-stopped',
])
export type DisconnectReason = z.infer<typeof DisconnectReason>

/** One connection of a client to the built-in broker (a client id reconnecting is a new one). */
export const BrokerClient = z.strictObject({
  /** Unique per connection: the client id is not (a device reconnects with the same one). */
  connectionId: z.string(),
  clientId: z.string(),
  /** host:port as the broker saw the socket. */
  address: z.string(),
  /** 3 (3.1), 4 (3.1.1), 5. */
  protocolVersion: z.number().int(),
  keepalive: z.number().int(),
  cleanSession: z.boolean(),
  username: z.string().nullable(),
  will: BrokerWill.nullable(),
  connectedAt: z.number(),
  connected: z.boolean(),
  disconnectedAt: z.number().nullable(),
  disconnectReason: DisconnectReason.nullable(),
  /** The words behind the reason (the socket error, the parser's message). */
  disconnectDetail: z.string().nullable(),
  subscriptions: z.array(z.strictObject({ topic: z.string(), qos: z.number().int() })),
  publishesIn: z.number().int(),
  lastPacketAt: z.number().nullable(),
  /** Raw packet capture is on for this connection. */
  capturing: z.boolean(),
})
export type BrokerClient = z.infer<typeof BrokerClient>

export const BrokerEventKind = z.enum([
  'connect',
  'connect-refused',
  'disconnect',
  'subscribe',
  'unsubscribe',
  'publish',
  'will',
  'keepalive-timeout',
  'error',
])

/** One line of a client's timeline. */
export const BrokerEvent = z.strictObject({
  id: z.number().int(),
  at: z.number(),
  connectionId: z.string(),
  clientId: z.string(),
  kind: BrokerEventKind,
  /** The line as the user reads it ("published home/temp (5 B, QoS 1, retained)"). */
  text: z.string(),
  topic: z.string().nullable(),
  qos: z.number().int().nullable(),
  retain: z.boolean().nullable(),
  /** Payload text (first 256 bytes; null when binary or none) and size, for publishes and wills. */
  preview: z.string().nullable(),
  size: z.number().int().nullable(),
  reason: DisconnectReason.nullable(),
})
export type BrokerEvent = z.infer<typeof BrokerEvent>

/** A raw MQTT packet of a captured connection, decoded by mqtt-packet. */
export const BrokerPacket = z.strictObject({
  at: z.number(),
  direction: z.enum(['in', 'out']),
  /** connect, connack, publish, puback, subscribe, pingreq… */
  type: z.string(),
  /** The packet as JSON text (payload as text or hex), for the packet list. */
  json: z.string(),
  /** The packet's bytes as hex (first 4 KiB). */
  hex: z.string(),
  size: z.number().int(),
})
export type BrokerPacket = z.infer<typeof BrokerPacket>

export const StartBuiltInBroker = z.strictObject({
  settings: BuiltInBrokerSettings.default(() => BuiltInBrokerSettings.parse({})),
})
export const BrokerClientRef = z.strictObject({ connectionId: z.string().max(64) })
