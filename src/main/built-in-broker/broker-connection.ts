import type { IConnectPacket } from 'mqtt-packet'
import type { BrokerClient, BrokerPacket, DisconnectReason } from '../../shared/built-in-broker'
import { PREVIEW_BYTES } from '../../shared/messages'
import { payloadPreview } from '../../shared/payload-preview'
import type { ConnectionTap } from './connection-tap'
import { noSignals, type DisconnectSignals, type Ending } from './disconnect-reason'
import { RingBuffer } from './ring-buffer'

type BrokerWill = NonNullable<BrokerClient['will']>

/** Captured packets kept per connection. */
export const CAPTURE_PACKETS = 500

export type Phase = 'connecting' | 'connected' | 'ended'

/**
 * One connection to the built-in broker, from its first byte to its close: what its CONNECT said,
 * what it did, why it ended, and its captured packets. A device that reconnects is a new one.
 */
export class BrokerConnection {
  clientId = ''
  protocolVersion = 0
  keepalive = 0
  cleanSession = true
  username: string | null = null
  will: BrokerWill | null = null
  /** The CONNECT was seen (decoded), and the CONNACK answering it. */
  connectSeen = false
  connackSeen = false
  phase: Phase = 'connecting'
  disconnectedAt: number | null = null
  disconnectReason: DisconnectReason | null = null
  disconnectDetail: string | null = null
  readonly subscriptions = new Map<string, number>()
  publishesIn = 0
  lastPacketAt: number | null = null
  capturing = false
  /** The CONNECT and CONNACK are always kept (they are what one asks about first); the rest while capturing. */
  readonly packets = new RingBuffer<BrokerPacket>(CAPTURE_PACKETS)
  readonly signals: DisconnectSignals = noSignals()
  tap: ConnectionTap | null = null

  constructor(
    readonly connectionId: string,
    readonly address: string,
    readonly connectedAt: number,
  ) {}

  /** Fills in what the CONNECT says about the client. */
  connected(packet: IConnectPacket): void {
    this.connectSeen = true
    this.clientId = packet.clientId
    this.protocolVersion = packet.protocolVersion ?? 4
    this.keepalive = packet.keepalive ?? 0
    this.cleanSession = packet.clean ?? true
    this.username = packet.username ?? null
    this.will = packet.will ? willOf(packet.will) : null
  }

  end(ending: Ending, at: number): void {
    this.phase = 'ended'
    this.disconnectedAt = at
    this.disconnectReason = ending.reason
    this.disconnectDetail = ending.detail
    this.capturing = false
  }

  toClient(): BrokerClient {
    return {
      connectionId: this.connectionId,
      clientId: this.clientId,
      address: this.address,
      protocolVersion: this.protocolVersion,
      keepalive: this.keepalive,
      cleanSession: this.cleanSession,
      username: this.username,
      will: this.will,
      connectedAt: this.connectedAt,
      connected: this.phase === 'connected',
      disconnectedAt: this.disconnectedAt,
      disconnectReason: this.disconnectReason,
      disconnectDetail: this.disconnectDetail,
      subscriptions: [...this.subscriptions].map(([topic, qos]) => ({ topic, qos })),
      publishesIn: this.publishesIn,
      lastPacketAt: this.lastPacketAt,
      capturing: this.capturing,
    }
  }
}

function willOf(will: NonNullable<IConnectPacket['will']>): BrokerWill {
  const payload = typeof will.payload === 'string' ? Buffer.from(will.payload) : will.payload
  return {
    topic: will.topic,
    preview: payloadPreview(payload, PREVIEW_BYTES).preview,
    size: payload.length,
    qos: will.qos ?? 0,
    retain: will.retain ?? false,
  }
}
