import type { Duplex } from 'node:stream'
import type { Aedes, AedesPublishPacket, Client, ConnackPacket, PublishPacket, Subscription } from 'aedes'
import type { IConnectPacket, IDisconnectPacket, Packet } from 'mqtt-packet'
import { ApiError } from '../../shared/api-error'
import type { BrokerClient, BrokerPacket } from '../../shared/built-in-broker'
import { PREVIEW_BYTES } from '../../shared/messages'
import { payloadPreview } from '../../shared/payload-preview'
import { BrokerConnection } from './broker-connection'
import type { BrokerTimeline } from './broker-timeline'
import type { ClientRegistry } from './client-registry'
import { connackCode, connackLabel, connackMeaning } from './connack-codes'
import { ConnectionTap, type Direction } from './connection-tap'
import { classifyEnding, errorKind, notMqttHint, willCause } from './disconnect-reason'
import { toBrokerPacket } from './packet-format'
import { CONNACK, CONNECT, DISCONNECT, type Frame } from './packet-framer'
import {
  connectText,
  disconnectText,
  keepaliveText,
  publishText,
  refusedText,
  subscribeText,
  unsubscribeText,
  willText,
} from './timeline-text'

/**
 * Turns what aedes reports (and what the connection taps see) into the device view: a
 * BrokerConnection per socket in the registry, and timeline lines. aedes's events carry its
 * Client object; the monitor maps each to its connection, so nothing depends on client ids
 * (which repeat, and are empty until the CONNECT is accepted).
 */
export class BrokerMonitor {
  private readonly byClient = new WeakMap<Client, BrokerConnection>()
  private seq = 0

  constructor(
    private readonly registry: ClientRegistry,
    private readonly timeline: BrokerTimeline,
    /** The number of connected clients changed. */
    private readonly onCount: () => void,
  ) {}

  attach(broker: Aedes): void {
    broker.on('clientReady', (client) => this.ready(client))
    broker.on('connackSent', (connack, client) => this.connack(connack, client))
    broker.on('keepaliveTimeout', (client) => this.keepaliveTimeout(client))
    broker.on('clientError', (client, err) => this.error(client, err))
    broker.on('connectionError', (client, err) => this.error(client, err))
    broker.on('publish', (packet, client) => this.published(packet, client))
    broker.on('subscribe', (subs, client) => this.subscribed(subs, client))
    broker.on('unsubscribe', (topics, client) => this.unsubscribed(topics, client))
  }

  /** A new socket, right after `broker.handle` made its aedes client (before any byte is read). */
  track(conn: Duplex, client: Client, address: string): void {
    const c = new BrokerConnection(`conn-${++this.seq}`, address, Date.now())
    this.byClient.set(client, c)
    this.registry.add(c)
    c.tap = new ConnectionTap(conn, {
      keep: (direction, type) => this.keep(c, direction, type),
      packet: (direction, frame, decoded, at) => this.packet(c, direction, frame, decoded, at),
      notMqtt: (reason) => (c.signals.protocolError ??= this.notMqtt(c, reason)),
    })
    // The CONNACK is always recorded: tap the outgoing side until it has gone.
    c.tap.tapOutgoing(true)
    conn.once('close', () => this.closed(c))
  }

  /** The CONNECT of `client` was accepted: an open connection with the same client id is being taken over. */
  accepted(client: Client): void {
    const c = this.byClient.get(client)
    const previous = this.registry.connectedWithId(client.id)
    if (previous && previous !== c) previous.signals.takenOver = true
  }

  /** The broker is about to close every connection. */
  stopping(): void {
    for (const c of this.registry.openConnections()) c.signals.brokerStopping = true
  }

  setCapture(connectionId: string, on: boolean): BrokerClient {
    const c = this.registry.get(connectionId)
    if (!c) throw new ApiError('not_found', `No connection ${connectionId} to the built-in broker`)
    if (on && c.phase === 'ended') throw new ApiError('invalid_input', 'That connection has ended')
    if (c.capturing !== on) {
      c.capturing = on
      c.tap?.tapOutgoing(on || !c.connackSeen)
      this.registry.changed(c)
    }
    return c.toClient()
  }

  packets(connectionId: string): BrokerPacket[] {
    const c = this.registry.get(connectionId)
    if (!c) throw new ApiError('not_found', `No connection ${connectionId} to the built-in broker`)
    return c.packets.toArray()
  }

  private keep(c: BrokerConnection, direction: Direction, type: number): boolean {
    if (c.capturing) return true
    // Always decoded: the CONNECT (what the client is), the CONNACK (the broker's answer) and a
    // DISCONNECT (on MQTT 5 its reason code says whether the will is wanted).
    if (direction === 'in') return (type === CONNECT && !c.connectSeen) || type === DISCONNECT
    return !c.connackSeen
  }

  private packet(
    c: BrokerConnection,
    direction: Direction,
    frame: Frame,
    decoded: Packet | Error | null,
    at: number,
  ): void {
    let handshake = false
    if (direction === 'in') {
      c.lastPacketAt = at
      if (decoded && !(decoded instanceof Error)) {
        if (decoded.cmd === 'connect' && !c.connectSeen) {
          c.connected(decoded as IConnectPacket)
          c.tap?.setVersion(c.protocolVersion)
          handshake = true
        } else if (decoded.cmd === 'disconnect') {
          const reasonCode = (decoded as IDisconnectPacket).reasonCode ?? 0
          c.signals.disconnectPacket = {
            withWill: c.protocolVersion === 5 && reasonCode === 0x04,
            reasonCode,
          }
        }
      }
      // A DISCONNECT that does not decode is a protocol error, which aedes reports itself.
      this.registry.changed(c, true)
    } else if (!c.connackSeen && frame.type === CONNACK) {
      c.connackSeen = true
      handshake = true
      if (!c.capturing) c.tap?.tapOutgoing(false)
    }
    if ((handshake || c.capturing) && frame.bytes)
      c.packets.push(toBrokerPacket(direction, at, frame, decoded))
  }

  private ready(client: Client): void {
    const c = this.byClient.get(client)
    if (!c) return
    // aedes names a client that sent an empty client id; the CONNECT did not say, aedes did.
    c.clientId = client.id
    if (!c.connectSeen) {
      c.protocolVersion = client.version
      c.cleanSession = client.clean
    }
    c.phase = 'connected'
    this.timeline.add({
      connectionId: c.connectionId,
      clientId: c.clientId,
      kind: 'connect',
      text: connectText(c),
    })
    this.registry.changed(c)
    this.onCount()
  }

  private connack(connack: ConnackPacket, client: Client): void {
    const c = this.byClient.get(client)
    const code = connackCode(connack)
    if (!c || code === 0) return
    const version = c.protocolVersion || 4
    const meaning = connackMeaning(code, version)
    c.signals.refused = meaning
    this.timeline.add({
      connectionId: c.connectionId,
      clientId: c.clientId,
      kind: 'connect-refused',
      text: refusedText(meaning, connackLabel(code, version)),
      reason: 'refused',
    })
  }

  private keepaliveTimeout(client: Client): void {
    const c = this.byClient.get(client)
    if (!c) return
    c.signals.keepaliveTimeout = true
    this.timeline.add({
      connectionId: c.connectionId,
      clientId: c.clientId,
      kind: 'keepalive-timeout',
      text: keepaliveText(c.keepalive),
      reason: 'keepalive-timeout',
    })
  }

  private error(client: Client, err: Error): void {
    const c = this.byClient.get(client)
    if (!c) return
    const kind = errorKind(err)
    // A refusal's own error and a keepalive timeout's have lines of their own already.
    if (kind === 'keepalive' || c.signals.refused !== null) return
    if (kind === 'socket') {
      c.signals.socketError ??= err.message
      return
    }
    const text = c.connectSeen ? err.message : this.notMqtt(c, err.message)
    c.signals.protocolError ??= text
    this.timeline.add({
      connectionId: c.connectionId,
      clientId: c.clientId,
      kind: 'error',
      text: `error: ${text}`,
    })
  }

  private published(packet: AedesPublishPacket, client: Client | null): void {
    // Without a client: the broker's own $SYS messages. From a closed client: its will, which
    // `will` has recorded already.
    const c = client && !client.closed ? this.byClient.get(client) : undefined
    if (!c) return
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload
    c.publishesIn++
    this.timeline.add({
      connectionId: c.connectionId,
      clientId: c.clientId,
      kind: 'publish',
      text: publishText(packet.topic, payload.length, packet.qos, packet.retain),
      topic: packet.topic,
      qos: packet.qos,
      retain: packet.retain,
      preview: payloadPreview(payload, PREVIEW_BYTES).preview,
      size: payload.length,
    })
    this.registry.changed(c, true)
  }

  /** aedes publishes the will of a closed connection (at once, or after an MQTT 5 will delay). */
  will(client: Client, packet: PublishPacket): void {
    const c = this.byClient.get(client)
    if (!c) return
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload
    this.timeline.add({
      connectionId: c.connectionId,
      clientId: c.clientId,
      kind: 'will',
      text: willText(
        { topic: packet.topic, size: payload.length, qos: packet.qos, retain: packet.retain },
        willCause(c.signals, c.keepalive),
      ),
      topic: packet.topic,
      qos: packet.qos,
      retain: packet.retain,
      preview: payloadPreview(payload, PREVIEW_BYTES).preview,
      size: payload.length,
    })
  }

  private subscribed(subs: Subscription[], client: Client): void {
    const c = this.byClient.get(client)
    if (!c || subs.length === 0) return
    for (const s of subs) if (s.qos < 0x80) c.subscriptions.set(s.topic, s.qos)
    const single = subs.length === 1 ? subs[0]! : null
    this.timeline.add({
      connectionId: c.connectionId,
      clientId: c.clientId,
      kind: 'subscribe',
      text: subscribeText(subs),
      topic: single?.topic ?? null,
      qos: single?.qos ?? null,
    })
    this.registry.changed(c)
  }

  private unsubscribed(topics: string[], client: Client): void {
    const c = this.byClient.get(client)
    // aedes unsubscribes everything of a client that closes: that is the close, not the client's doing.
    if (!c || client.closed || topics.length === 0) return
    for (const t of topics) c.subscriptions.delete(t)
    this.timeline.add({
      connectionId: c.connectionId,
      clientId: c.clientId,
      kind: 'unsubscribe',
      text: unsubscribeText(topics),
      topic: topics.length === 1 ? topics[0]! : null,
    })
    this.registry.changed(c)
  }

  private closed(c: BrokerConnection): void {
    const bytesIn = c.tap?.bytesIn ?? 0
    c.tap?.detach()
    c.tap = null
    // A socket that sent nothing (a port check, a health probe) is not a client worth listing.
    const listed = c.phase !== 'connecting' || c.connectSeen || bytesIn > 0
    const wasConnected = c.phase === 'connected'
    const ending = classifyEnding(c.signals)
    c.end(ending, Date.now())
    if (listed && ending.reason !== 'refused') {
      this.timeline.add({
        connectionId: c.connectionId,
        clientId: c.clientId,
        kind: 'disconnect',
        text: disconnectText(ending),
        reason: ending.reason,
      })
    }
    this.registry.closed(c, listed)
    if (wasConnected) this.onCount()
  }

  private notMqtt(c: BrokerConnection, reason: string): string {
    const hint = notMqttHint(Buffer.concat(c.tap?.firstBytes ?? []))
    return hint ? `not MQTT: ${hint} (${reason})` : reason
  }
}
