import mqtt, { type MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { MessageSummary } from '../../src/shared/messages'
import type { Profile, ProfileConfigInput } from '../../src/shared/profiles'
import type { PublishResult, PublishTargetInput } from '../../src/shared/publish'
import { testBroker, type TestMosquitto } from '../support/brokers'
import { MosquittoSub } from '../support/mosquitto-sub'
import { MosquittoProcess } from '../support/mosquitto-process'
import { testCore } from '../support/test-core'

const enc = (s: string) => new TextEncoder().encode(s)
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i)

/**
 * Publishing from the core to the real Mosquitto, read back by `mosquitto_sub` (a client that
 * shares no code with the app): topic, QoS, retain, every MQTT 5 property and every payload byte.
 */
describe('publishing to MQTT', () => {
  let broker: TestMosquitto
  let ctx: ReturnType<typeof testCore>
  let prefix: string
  let v5: string
  let sub: MosquittoSub
  let probe: MqttClient
  const subs: MosquittoSub[] = []
  const retainedTopics: string[] = []

  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, 'test') as Promise<T>
  const connect = async (config: Partial<ProfileConfigInput & { protocol: 'mqtt' }>) => {
    const p = await api<Profile>('createProfile', {
      config: {
        protocol: 'mqtt',
        name: `publisher ${config.mqttVersion ?? 5}`,
        host: '127.0.0.1',
        port: broker.ports.plain,
        subscriptions: [],
        ...config,
      },
    })
    expect((await api<ConnectionStatus>('connect', { profileId: p.id })).state).toBe('connected')
    return p.id
  }
  const publish = (
    profileId: string,
    target: Omit<Extract<PublishTargetInput, { protocol: 'mqtt' }>, 'protocol'>,
    payload: Uint8Array,
  ) => api<PublishResult>('publish', { profileId, target: { protocol: 'mqtt', ...target }, payload })

  beforeAll(async () => {
    broker = testBroker('mosquitto')
    ctx = testCore()
    prefix = `it-pub-${Date.now().toString(36)}`
    v5 = await connect({ mqttVersion: 5 })
    probe = await mqtt.connectAsync({ host: '127.0.0.1', port: broker.ports.plain })
    sub = MosquittoSub.start(broker.ports.plain, [`${prefix}/live/#`])
    subs.push(sub)
    await sub.ready(`${prefix}/live/probe`, () => probe.publishAsync(`${prefix}/live/probe`, 'ping'))
  })
  afterAll(async () => {
    // Retained messages outlive the test unless cleared (an empty retained payload clears them).
    for (const topic of retainedTopics) await probe?.publishAsync(topic, '', { qos: 1, retain: true })
    await probe?.endAsync()
    await Promise.all(subs.map((s) => s.stop()))
    await ctx.dispose()
  })

  it('sends every MQTT 5 property and the payload byte for byte', async () => {
    const topic = `${prefix}/live/props`
    const correlation = Uint8Array.from([0x00, 0x09, 0x0a, 0x7f, 0x80, 0xfe, 0xff])
    const result = await publish(
      v5,
      {
        topic,
        qos: 2,
        properties: {
          payloadFormatIndicator: true,
          messageExpiryInterval: 3600,
          contentType: 'application/json; charset=utf-8',
          responseTopic: `${prefix}/replies/42`,
          correlationData: correlation,
          userProperties: [
            ['region', 'eu-west'],
            ['tag', 'first'],
            ['tag', 'second'],
            ['tag', 'third'],
            ['trace', '00-abc-01'],
          ],
        },
      },
      enc('{"temperature": 21.5, "unit": "°C"}'),
    )
    expect(result).toMatchObject({ ok: true, reasonCode: 0, reason: null, kafka: null, amqp: null })

    const m = await sub.next((x) => x.topic === topic)
    expect(m).toMatchObject({
      qos: 2,
      retain: false,
      contentType: 'application/json; charset=utf-8',
      responseTopic: `${prefix}/replies/42`,
      payloadFormat: 1,
      userProperties: [
        ['region', 'eu-west'],
        ['tag', 'first'],
        ['tag', 'second'],
        ['tag', 'third'],
        ['trace', '00-abc-01'],
      ],
      payloadHex: hex(enc('{"temperature": 21.5, "unit": "°C"}')),
    })
    // The broker passes on what is left of the expiry interval: a second may have gone by.
    expect(m.messageExpiry).toBeGreaterThanOrEqual(3598)
    expect(m.messageExpiry).toBeLessThanOrEqual(3600)
    expect(hex(m.correlationData)).toBe(hex(correlation))

    // The history keeps the message as sent, outgoing, with its properties.
    const [sent] = await api<MessageSummary[]>('getTopicMessages', { profileId: v5, topic, limit: 10 })
    expect(sent).toMatchObject({ id: result.messageId, direction: 'out', qos: 2, retain: false })
    expect(hex(sent!.properties!.correlationData!)).toBe(hex(correlation))
  })

  it('sends QoS 0, 1 and 2, and gives the broker’s acknowledgement reason for 1 and 2', async () => {
    for (const qos of [0, 1, 2] as const) {
      const result = await publish(v5, { topic: `${prefix}/live/qos${qos}`, qos }, enc(`qos ${qos}`))
      // QoS 0 has no acknowledgement; PUBACK/PUBREC say 0 (success) with a subscriber present.
      expect(result).toMatchObject({ ok: true, reasonCode: qos === 0 ? null : 0 })
    }
    for (const qos of [0, 1, 2]) {
      const m = await sub.next((x) => x.topic === `${prefix}/live/qos${qos}`)
      expect(m).toMatchObject({ qos, retain: false, payloadHex: hex(enc(`qos ${qos}`)) })
      // No properties were given, so none were sent.
      expect(m).toMatchObject({ contentType: '', responseTopic: '', messageExpiry: null, userProperties: [] })
    }
  })

  it('keeps all 256 byte values of a binary payload, on the wire and in the history', async () => {
    const topic = `${prefix}/live/binary`
    const result = await publish(v5, { topic, qos: 1 }, ALL_BYTES)
    expect(result.ok).toBe(true)
    const m = await sub.next((x) => x.topic === topic)
    expect(m.payloadHex).toBe(hex(ALL_BYTES))
    const stored = await api<{ bytes: Uint8Array }>('getMessagePayload', { id: result.messageId })
    expect(hex(stored.bytes)).toBe(hex(ALL_BYTES))
  })

  it('sends a retained message that a later subscriber gets with its flag and properties', async () => {
    const topic = `${prefix}/retained/state`
    retainedTopics.push(topic)
    const result = await publish(
      v5,
      {
        topic,
        qos: 1,
        retain: true,
        properties: { contentType: 'text/plain', userProperties: [['v', '1']] },
      },
      enc('on'),
    )
    // 0x10 "no matching subscribers" or 0, depending on who else listens on the shared broker.
    expect(result.ok).toBe(true)
    expect([0, 16]).toContain(result.reasonCode)
    const late = MosquittoSub.start(broker.ports.plain, [topic], { qos: 1 })
    subs.push(late)
    const m = await late.next((x) => x.topic === topic)
    expect(m).toMatchObject({
      qos: 1,
      retain: true,
      contentType: 'text/plain',
      userProperties: [['v', '1']],
      payloadHex: hex(enc('on')),
    })
  })

  it('reports the PUBACK of a message nobody subscribed to: 0x10, a success with its reason', async () => {
    // A broker of its own: on the shared one, other tests' `#` subscribers would match.
    const own = new MosquittoProcess()
    await own.start()
    try {
      const id = await connect({ mqttVersion: 5, port: own.port, name: 'own broker' })
      const result = await publish(id, { topic: `${prefix}/nobody/listens`, qos: 1 }, enc('x'))
      expect(result).toMatchObject({ ok: true, reasonCode: 16, reason: 'No matching subscribers' })
      expect(result.messageId).toEqual(expect.any(Number))
      // Mosquitto says it on PUBACK only; its PUBREC for QoS 2 carries 0 either way.
      const q2 = await publish(id, { topic: `${prefix}/nobody/listens`, qos: 2 }, enc('x'))
      expect(q2).toMatchObject({ ok: true, reasonCode: 0 })
      const listener = await mqtt.connectAsync({ host: '127.0.0.1', port: own.port, protocolVersion: 5 })
      await listener.subscribeAsync(`${prefix}/#`, { qos: 1 })
      const heard = await publish(id, { topic: `${prefix}/nobody/listens`, qos: 1 }, enc('y'))
      expect(heard).toMatchObject({ ok: true, reasonCode: 0, reason: null })
      await listener.endAsync(true)
      await api('disconnect', { profileId: id })
    } finally {
      await own.kill()
    }
  })

  it('sends no MQTT 5 properties, and has no reason codes, on a 3.1.1 connection', async () => {
    const v4 = await connect({ mqttVersion: 4 })
    const topic = `${prefix}/live/v311`
    const result = await publish(
      v4,
      { topic, qos: 1, properties: { contentType: 'text/plain', userProperties: [['a', 'b']] } },
      enc('old'),
    )
    expect(result).toMatchObject({ ok: true, reasonCode: null })
    const m = await sub.next((x) => x.topic === topic)
    expect(m).toMatchObject({ qos: 1, contentType: '', userProperties: [], payloadHex: hex(enc('old')) })
    await api('disconnect', { profileId: v4 })
  })
})
