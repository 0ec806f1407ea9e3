import type { Message } from 'amqplib'
import { amqpTreePath } from '../../shared/tree-paths'
import type { IncomingMessage } from '../ingest/ingest'
import { amqpProperties } from './amqp-delivery-properties'

/**
 * One message as amqplib delivers it (basic.deliver or basic.get-ok) in the shape the ingest takes:
 * named `exchange/routingKey` in the tree, with its properties, redelivered flag and queue. The
 * body is amqplib's buffer as it is (no copy): the history writer stores it within 50 ms.
 */
export function deliveryToIncoming(message: Message, queue: string): IncomingMessage {
  const { exchange, routingKey, redelivered } = message.fields
  return {
    topic: amqpTreePath(exchange, routingKey),
    payload: message.content,
    qos: null,
    retain: false,
    dup: false,
    properties: null,
    amqp: {
      exchange,
      routingKey,
      properties: amqpProperties(message.properties),
      redelivered,
      queue,
    },
  }
}
