/**
 * How AMQP and Kafka messages are named in the topic tree and the history: the tree splits on '/',
 * so an AMQP message sits under its exchange (then its routing key) and a Kafka record under its
 * topic (then its partition).
 */

/** The default exchange has no name; the tree needs one. */
export const AMQP_DEFAULT_EXCHANGE_LABEL = '(default exchange)'

export function amqpTreePath(exchange: string, routingKey: string): string {
  return `${exchange === '' ? AMQP_DEFAULT_EXCHANGE_LABEL : exchange}/${routingKey}`
}

export function kafkaTreePath(topic: string, partition: number): string {
  return `${topic}/${partition}`
}
