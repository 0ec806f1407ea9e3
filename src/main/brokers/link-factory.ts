import type { ProfileConfig, Secrets } from '../../shared/profiles'
import type { LinkFactory } from '../connections/broker-link'
import { AmqpLinkFactory } from './amqp/amqp-link'
import { KafkaLinkFactory } from './kafka/kafka-link'
import { MqttLinkFactory } from './mqtt/mqtt-link'

/** The one place that maps a profile's protocol to its adapter. */
export function createLinkFactory(config: ProfileConfig, secrets: Secrets): LinkFactory {
  switch (config.protocol) {
    case 'mqtt':
      return new MqttLinkFactory(config, secrets)
    case 'amqp':
      return new AmqpLinkFactory(config, secrets)
    case 'kafka':
      return new KafkaLinkFactory(config, secrets)
  }
}
