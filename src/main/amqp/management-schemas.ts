import { z } from 'zod'

/**
 * What the RabbitMQ management API answers, as far as the topology uses it. Loose on purpose:
 * fields the app does not read are dropped, and figures the broker has not computed yet (a queue
 * declared a moment ago has no `messages`, a quiet one no `message_stats`) are simply absent, so
 * every statistic is optional and becomes null. Names, types and flags are what identify an
 * object, so those are required: without them the answer is not the management API's.
 */

/** Erlang's empty proplist is serialised as `[]` by some versions where an object is expected. */
const emptyListAsNull = (value: unknown) => (Array.isArray(value) && value.length === 0 ? null : value)

/** An AMQP field table (arguments). Older versions send `[]` for an empty one. */
export const ManagementTable = z
  .preprocess(emptyListAsNull, z.record(z.string(), z.unknown()).nullish())
  .transform((table) => table ?? {})

const Count = z.number().int().nullish()
const Rate = z.preprocess(emptyListAsNull, z.object({ rate: z.number().nullish() }).nullish())

export const ManagementOverview = z
  .object({
    management_version: z.string().nullish(),
    rabbitmq_version: z.string().nullish(),
    erlang_version: z.string().nullish(),
    cluster_name: z.string().nullish(),
  })
  .refine((o) => o.management_version != null || o.rabbitmq_version != null, {
    message: 'no management_version or rabbitmq_version',
  })

export const ManagementVhost = z.object({
  name: z.string(),
  messages: Count,
  messages_ready: Count,
  messages_unacknowledged: Count,
})

export const ManagementExchange = z.object({
  name: z.string(),
  type: z.string(),
  durable: z.boolean(),
  auto_delete: z.boolean(),
  internal: z.boolean(),
  arguments: ManagementTable,
  message_stats: z.preprocess(
    emptyListAsNull,
    z.object({ publish_in_details: Rate, publish_out_details: Rate }).nullish(),
  ),
})

export const ManagementQueue = z.object({
  name: z.string(),
  /** Absent before RabbitMQ 3.8 (classic queues only, then). */
  type: z.string().nullish(),
  durable: z.boolean(),
  auto_delete: z.boolean(),
  exclusive: z.boolean().nullish(),
  arguments: ManagementTable,
  state: z.string().nullish(),
  messages: Count,
  messages_ready: Count,
  messages_unacknowledged: Count,
  consumers: Count,
  message_bytes: z.number().nullish(),
  message_stats: z.preprocess(
    emptyListAsNull,
    z.object({ publish_details: Rate, deliver_get_details: Rate, ack_details: Rate }).nullish(),
  ),
})

export const ManagementBinding = z.object({
  source: z.string(),
  destination: z.string(),
  destination_type: z.enum(['queue', 'exchange']),
  routing_key: z.string(),
  arguments: ManagementTable,
})

export type ManagementOverview = z.infer<typeof ManagementOverview>
export type ManagementVhost = z.infer<typeof ManagementVhost>
export type ManagementExchange = z.infer<typeof ManagementExchange>
export type ManagementQueue = z.infer<typeof ManagementQueue>
export type ManagementBinding = z.infer<typeof ManagementBinding>

/**
 * The fields each list request asks for (`columns`): a queue's full record carries garbage
 * collection, backing-queue and node details the app never shows, which is most of the bytes of a
 * vhost with thousands of queues.
 */
export const QUEUE_COLUMNS = [
  'name',
  'type',
  'durable',
  'auto_delete',
  'exclusive',
  'arguments',
  'state',
  'messages',
  'messages_ready',
  'messages_unacknowledged',
  'consumers',
  'message_bytes',
  'message_stats.publish_details.rate',
  'message_stats.deliver_get_details.rate',
  'message_stats.ack_details.rate',
]
export const EXCHANGE_COLUMNS = [
  'name',
  'type',
  'durable',
  'auto_delete',
  'internal',
  'arguments',
  'message_stats.publish_in_details.rate',
  'message_stats.publish_out_details.rate',
]
export const VHOST_COLUMNS = ['name', 'messages', 'messages_ready', 'messages_unacknowledged']
