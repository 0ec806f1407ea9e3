import { describe, expect, it } from 'vitest'
import { AmqpConfig, KafkaConfig, MqttConfig, type ProfileConfig } from '../../../../shared/profiles'
import { newDraft } from './profile-draft'
import { tlsUnverified } from './tls-safety'

const off = { verify: false }

describe('tlsUnverified', () => {
  it('marks TLS without verification, for every protocol and every TLS transport', () => {
    const unsafe: ProfileConfig[] = [
      MqttConfig.parse({ protocol: 'mqtt', name: 'a', host: 'h', transport: 'mqtts', tls: off }),
      MqttConfig.parse({ protocol: 'mqtt', name: 'a', host: 'h', transport: 'wss', tls: off }),
      AmqpConfig.parse({ protocol: 'amqp', name: 'a', host: 'h', scheme: 'amqps', tls: off }),
      KafkaConfig.parse({ protocol: 'kafka', name: 'a', brokers: ['h:9093'], ssl: true, tls: off }),
    ]
    for (const config of unsafe) expect(tlsUnverified(config), JSON.stringify(config)).toBe(true)
  })

  it('does not mark verified TLS, or a connection without TLS where the switch does nothing', () => {
    const fine: ProfileConfig[] = [
      MqttConfig.parse({ protocol: 'mqtt', name: 'a', host: 'h', transport: 'mqtts' }),
      MqttConfig.parse({ protocol: 'mqtt', name: 'a', host: 'h', transport: 'mqtt', tls: off }),
      MqttConfig.parse({ protocol: 'mqtt', name: 'a', host: 'h', transport: 'ws', tls: off }),
      AmqpConfig.parse({ protocol: 'amqp', name: 'a', host: 'h', scheme: 'amqp', tls: off }),
      KafkaConfig.parse({ protocol: 'kafka', name: 'a', brokers: ['h:9092'], ssl: false, tls: off }),
      KafkaConfig.parse({ protocol: 'kafka', name: 'a', brokers: ['h:9093'], ssl: true }),
    ]
    for (const config of fine) expect(tlsUnverified(config), JSON.stringify(config)).toBe(false)
  })

  it('reads the editor’s draft the same way, and a new draft is never unsafe', () => {
    for (const protocol of ['mqtt', 'amqp', 'kafka'] as const) {
      const draft = newDraft(protocol)
      expect(draft.tls.verify, protocol).toBe(true)
      const tlsOn =
        draft.protocol === 'mqtt'
          ? { ...draft, transport: 'mqtts' as const }
          : draft.protocol === 'amqp'
            ? { ...draft, scheme: 'amqps' as const }
            : { ...draft, ssl: true }
      expect(tlsUnverified(tlsOn), protocol).toBe(false)
      expect(tlsUnverified({ ...tlsOn, tls: { ...tlsOn.tls, verify: false } }), protocol).toBe(true)
    }
  })
})
