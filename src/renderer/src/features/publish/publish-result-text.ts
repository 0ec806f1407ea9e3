import type { PublishLogEntry, PublishResult, PublishTarget } from '../../../../shared/publish'

/** How a publish went, in a few words, and whether it is good news. */
export interface ResultText {
  tone: 'ok' | 'warn' | 'error'
  text: string
}

/** MQTT 5 reason codes a PUBACK or PUBREC can carry (MQTT 5.0 §3.4.2.1). */
export const MQTT_PUBACK_REASONS: Readonly<Record<number, string>> = {
  0x00: 'Success',
  0x10: 'No matching subscribers',
  0x80: 'Unspecified error',
  0x83: 'Implementation specific error',
  0x87: 'Not authorized',
  0x90: 'Topic Name invalid',
  0x91: 'Packet Identifier in use',
  0x97: 'Quota exceeded',
  0x99: 'Payload format invalid',
}

const NO_MATCHING_SUBSCRIBERS = 0x10

function hexCode(code: number): string {
  return `0x${code.toString(16).toUpperCase().padStart(2, '0')}`
}

/** The reason code's name, and the broker's own words when they add something. */
function reasonWords(code: number | null, reason: string | null): string {
  const name = code === null ? undefined : MQTT_PUBACK_REASONS[code]
  if (!name) return reason ?? 'no reason given'
  if (!reason || reason.trim().toLowerCase() === name.toLowerCase()) return name
  return `${name} (${reason})`
}

function mqttText(target: Extract<PublishTarget, { protocol: 'mqtt' }>, r: PublishResult): ResultText {
  const ack = target.qos === 2 ? 'PUBREC' : 'PUBACK'
  if (!r.ok) {
    const code = r.reasonCode === null ? '' : `${hexCode(r.reasonCode)} `
    return { tone: 'error', text: `Refused · ${code}${reasonWords(r.reasonCode, r.reason)}` }
  }
  if (target.qos === 0) return { tone: 'ok', text: 'Sent · QoS 0, no acknowledgement' }
  if (r.reasonCode === NO_MATCHING_SUBSCRIBERS)
    return { tone: 'warn', text: `No matching subscribers · ${ack} ${hexCode(r.reasonCode)}` }
  // MQTT 3.1.1 acknowledgements carry no reason code
  if (r.reasonCode === null) return { tone: 'ok', text: `Sent · ${ack} received` }
  const code = r.reasonCode === 0 ? '0' : hexCode(r.reasonCode)
  return { tone: 'ok', text: `Sent · ${ack} ${code} ${reasonWords(r.reasonCode, r.reason)}` }
}

function amqpText(r: PublishResult): ResultText {
  const returned = r.amqp?.returned
  if (returned) return { tone: 'warn', text: `Returned · ${returned.replyCode} ${returned.replyText}` }
  if (!r.ok) {
    const code = r.reasonCode === null ? '' : `${r.reasonCode} `
    return { tone: 'error', text: `Refused · ${code}${r.reason ?? 'the broker did not confirm it'}` }
  }
  if (r.amqp?.confirmed) return { tone: 'ok', text: 'Confirmed by the broker' }
  return { tone: 'ok', text: 'Sent · not confirmed' }
}

function kafkaText(r: PublishResult): ResultText {
  if (!r.ok) return { tone: 'error', text: `Refused · ${r.reason ?? 'no reason given'}` }
  if (r.kafka)
    return { tone: 'ok', text: `Written · partition ${r.kafka.partition} · offset ${r.kafka.offset}` }
  return { tone: 'ok', text: 'Written' }
}

/** What one publish's answer says. */
export function resultText(target: PublishTarget, r: PublishResult): ResultText {
  return target.protocol === 'mqtt'
    ? mqttText(target, r)
    : target.protocol === 'amqp'
      ? amqpText(r)
      : kafkaText(r)
}

/** A failure before any broker answered: not connected, invalid input, a lost link. */
export function failureText(message: string): ResultText {
  return { tone: 'error', text: `Failed · ${message}` }
}

/**
 * A log row's outcome: a single publish's answer, or a job's totals with its last answer. A job that
 * is still sending says so.
 */
export function logEntryText(e: PublishLogEntry): ResultText {
  const last = e.result ? resultText(e.target, e.result) : e.error ? failureText(e.error) : null
  if (e.count <= 1) return last ?? { tone: 'warn', text: 'No answer recorded' }
  const totals = `${e.sent.toLocaleString('en-US')} of ${e.count.toLocaleString('en-US')} sent${
    e.failed ? `, ${e.failed.toLocaleString('en-US')} failed` : ''
  }`
  const tone: ResultText['tone'] = e.failed > 0 ? (e.sent > 0 ? 'warn' : 'error') : (last?.tone ?? 'ok')
  return { tone, text: last ? `${totals} · last: ${last.text}` : totals }
}

/** Where a target points, in one line: `home/light (QoS 1, retained)`, `amq.topic → a.b`, `orders [2]`. */
export function targetText(t: PublishTarget): string {
  if (t.protocol === 'mqtt')
    return `${t.topic}${t.qos ? ` · QoS ${t.qos}` : ''}${t.retain ? ' · retained' : ''}`
  if (t.protocol === 'amqp')
    return `${t.exchange === '' ? '(default exchange)' : t.exchange} → ${t.routingKey || '(no routing key)'}`
  return `${t.topic}${t.partition === null ? '' : ` [partition ${t.partition}]`}`
}
