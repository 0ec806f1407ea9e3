import type { Profile, Secrets } from '../../shared/profiles'
import type { LinkFactory } from '../connections/broker-link'
import { AmqpConnection, type AmqpConnectionDeps } from './amqp/amqp-connection'
import { KafkaConnection, type KafkaConnectionDeps } from './kafka/kafka-connection'
import { MqttConnection, type MqttConnectionDeps } from './mqtt/mqtt-connection'

/** What each protocol's connection needs from the core, per profile. */
export interface ConnectionDeps {
  mqtt(profileId: string): MqttConnectionDeps
  amqp(profileId: string): AmqpConnectionDeps
  kafka(profileId: string): KafkaConnectionDeps
}

/**
 * The one place that maps a profile's protocol to its adapter. Each adapter is a stateful connection
 * (a `LinkFactory` the session reconnects with, and a `PublishingConnection`) that the registry keeps.
 */
export function createLinkFactory(profile: Profile, secrets: Secrets, deps: ConnectionDeps): LinkFactory {
  const config = profile.config
  switch (config.protocol) {
    case 'mqtt':
      return new MqttConnection(profile.id, config, secrets, deps.mqtt(profile.id))
    case 'amqp':
      return new AmqpConnection(profile.id, config, secrets, deps.amqp(profile.id))
    case 'kafka':
      return new KafkaConnection(profile.id, config, secrets, deps.kafka(profile.id))
  }
}
