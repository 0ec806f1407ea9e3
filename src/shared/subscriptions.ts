import { z } from 'zod'
import { topicFilterError } from './mqtt-topic'

/** One MQTT subscription as the user asks for it; MQTT 5 options are ignored on 3.1.1. */
export const MqttSubscription = z.strictObject({
  filter: z
    .string()
    .min(1, 'Filter is required')
    .superRefine((f, ctx) => {
      const error = topicFilterError(f)
      if (error) ctx.addIssue({ code: 'custom', message: error })
    }),
  qos: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
  noLocal: z.boolean().default(false),
  retainAsPublished: z.boolean().default(false),
  /** 0: send retained on subscribe, 1: only if the subscription is new, 2: never. */
  retainHandling: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
  subscriptionIdentifier: z.number().int().min(1).max(268_435_455).nullable().default(null),
})
export type MqttSubscription = z.infer<typeof MqttSubscription>
export type MqttSubscriptionInput = z.input<typeof MqttSubscription>

/**
 * The broker's answer to one subscription. `grantedQos` may be lower than asked; `refused` carries the
 * SUBACK reason (0x80 on 3.1.1, a reason code on MQTT 5, e.g. "Not authorized").
 */
export const SubscriptionStatus = MqttSubscription.extend({
  state: z.enum(['pending', 'active', 'refused', 'offline']),
  grantedQos: z.number().int().nullable(),
  reasonCode: z.number().int().nullable(),
  reason: z.string().nullable(),
})
export type SubscriptionStatus = z.infer<typeof SubscriptionStatus>

/** What a fresh MQTT profile subscribes to: everything, like MQTT Explorer, and the broker's $SYS. */
export const DEFAULT_SUBSCRIPTIONS: MqttSubscriptionInput[] = [{ filter: '#' }, { filter: '$SYS/#' }]
