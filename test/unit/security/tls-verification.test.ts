// TLS verification is on unless the user turns it off, from the contract's schema down to the
// options each client library gets: a profile that never mentions verification verifies.
import { describe, expect, it } from 'vitest'
import { amqpConnectOptions } from '../../../src/main/brokers/amqp/amqp-link'
import { kafkaClientConfig } from '../../../src/main/brokers/kafka/kafka-link'
import { mqttClientOptions } from '../../../src/main/brokers/mqtt/mqtt-link'
import { AmqpConfig, KafkaConfig, MqttConfig, ProfileConfig, TlsSettings } from '../../../src/shared/profiles'

const minimal = {
  mqtt: { protocol: 'mqtt', name: 'm', host: 'broker.example', transport: 'mqtts' },
  amqp: { protocol: 'amqp', name: 'a', host: 'broker.example', scheme: 'amqps' },
  kafka: { protocol: 'kafka', name: 'k', brokers: ['broker.example:9093'], ssl: true },
} as const

describe('TLS verification by default', () => {
  it('is on in the schema, with no TLS settings and with TLS settings that leave it out', () => {
    expect(TlsSettings.parse({}).verify).toBe(true)
    for (const [protocol, config] of Object.entries(minimal)) {
      expect(ProfileConfig.parse(config).tls.verify, protocol).toBe(true)
      expect(ProfileConfig.parse({ ...config, tls: {} }).tls.verify, protocol).toBe(true)
      expect(ProfileConfig.parse({ ...config, tls: { ca: 'PEM' } }).tls.verify, protocol).toBe(true)
    }
  })

  it('is only ever off when asked for with a real false', () => {
    for (const config of Object.values(minimal)) {
      expect(ProfileConfig.parse({ ...config, tls: { verify: false } }).tls.verify).toBe(false)
      for (const sloppy of ['false', 0, null, 'no'])
        expect(ProfileConfig.safeParse({ ...config, tls: { verify: sloppy } }).success, String(sloppy)).toBe(
          false,
        )
    }
  })

  it('reaches each client library as rejectUnauthorized: true, and false only when turned off', () => {
    const mqtt = MqttConfig.parse(minimal.mqtt)
    const amqp = AmqpConfig.parse(minimal.amqp)
    const kafka = KafkaConfig.parse(minimal.kafka)
    expect(mqttClientOptions(mqtt, {}, 'c').rejectUnauthorized).toBe(true)
    expect(amqpConnectOptions(amqp, {})[1]).toMatchObject({ rejectUnauthorized: true })
    expect(kafkaClientConfig(kafka, {}).ssl).toMatchObject({ rejectUnauthorized: true })

    const off = { verify: false, ca: '', cert: '' }
    expect(mqttClientOptions({ ...mqtt, tls: off }, {}, 'c').rejectUnauthorized).toBe(false)
    expect(amqpConnectOptions({ ...amqp, tls: off }, {})[1]).toMatchObject({ rejectUnauthorized: false })
    expect(kafkaClientConfig({ ...kafka, tls: off }, {}).ssl).toMatchObject({ rejectUnauthorized: false })
  })
})
