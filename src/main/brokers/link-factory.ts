import type { Profile, Secrets } from '../../shared/profiles'
import type { LinkFactory } from '../connections/broker-link'
import { AmqpLinkFactory } from './amqp/amqp-link'
import { KafkaLinkFactory } from './kafka/kafka-link'
import { MqttConnection, type MqttConnectionDeps } from './mqtt/mqtt-connection'

export interface ConnectionDeps {
  mqtt(profileId: string): MqttConnectionDeps
}

/** The one place that maps a profile's protocol to its adapter. */
export function createLinkFactory(profile: Profile, secrets: Secrets, deps: ConnectionDeps): LinkFactory {
  const config = profile.config
  switch (config.protocol) {
    case 'mqtt':
      return new MqttConnection(profile.id, config, secrets, deps.mqtt(profile.id))
    case 'amqp':
      return new AmqpLinkFactory(config, secrets)
    case 'kafka':
      return new KafkaLinkFactory(config, secrets)
  }
}
