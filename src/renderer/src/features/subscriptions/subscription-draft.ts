import { topicFilterError } from '../../../../shared/mqtt-topic'
import { MqttSubscription } from '../../../../shared/subscriptions'

/** The add-subscription form as typed: strings where the inputs give strings. */
export interface SubscriptionDraft {
  filter: string
  qos: '0' | '1' | '2'
  noLocal: boolean
  retainAsPublished: boolean
  retainHandling: '0' | '1' | '2'
  /** Empty for none. */
  subscriptionIdentifier: string
}

export const EMPTY_DRAFT: SubscriptionDraft = {
  filter: '',
  qos: '0',
  noLocal: false,
  retainAsPublished: false,
  retainHandling: '0',
  subscriptionIdentifier: '',
}

export type DraftErrors = Partial<Record<'filter' | 'subscriptionIdentifier', string>>

export type DraftResult = { ok: true; subscription: MqttSubscription } | { ok: false; errors: DraftErrors }

/** The filter's problem as the user types, or null (an empty box is not an error yet). */
export function liveFilterError(filter: string): string | null {
  return filter === '' ? null : topicFilterError(filter)
}

/**
 * Turns the form into the contract's subscription, checked by the contract's own schema. The MQTT 5
 * options are sent only to MQTT 5 profiles: on 3.1.1 they would mean nothing.
 */
export function draftToSubscription(
  d: SubscriptionDraft,
  mqtt5: boolean,
  existing: readonly string[],
): DraftResult {
  const errors: DraftErrors = {}
  const filterError = d.filter === '' ? 'Filter is required' : topicFilterError(d.filter)
  if (filterError) errors.filter = filterError
  else if (existing.includes(d.filter))
    errors.filter = 'Already subscribed: remove it first to change its options'
  let subscriptionIdentifier: number | null = null
  if (mqtt5 && d.subscriptionIdentifier.trim() !== '') {
    const n = Number(d.subscriptionIdentifier.trim())
    if (!Number.isInteger(n) || n < 1 || n > 268_435_455) {
      errors.subscriptionIdentifier = 'A whole number from 1 to 268,435,455'
    } else subscriptionIdentifier = n
  }
  if (errors.filter || errors.subscriptionIdentifier) return { ok: false, errors }
  const parsed = MqttSubscription.safeParse({
    filter: d.filter,
    qos: Number(d.qos),
    noLocal: mqtt5 && d.noLocal,
    retainAsPublished: mqtt5 && d.retainAsPublished,
    retainHandling: mqtt5 ? Number(d.retainHandling) : 0,
    subscriptionIdentifier,
  })
  if (!parsed.success) return { ok: false, errors: { filter: parsed.error.issues[0]?.message ?? 'Invalid' } }
  return { ok: true, subscription: parsed.data }
}
