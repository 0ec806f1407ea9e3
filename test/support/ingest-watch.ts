import type { Core } from '../../src/main/core'
import type { MessageRecord } from '../../src/main/history/message-record'

/** What the core's ingest took: each message that reached the app, with the id it was given. */
export interface Taken {
  id: number
  profileId: string
  topic: string
  text: string
  dup: boolean
  /** AMQP only: the broker's redelivered flag. */
  redelivered: boolean | null
  /** Kafka only. */
  partition: number | null
  offset: string | null
}

/**
 * Watches every message the core's ingest takes, without changing what it does: the list is the
 * app's own account of what reached it, to hold the history against. Returns a function that
 * stops watching.
 */
export function watchIngest(ingest: Core['ingest'], taken: Taken[]): () => void {
  const receive = ingest.receive
  ingest.receive = function (this: Core['ingest'], ...args: Parameters<Core['ingest']['receive']>) {
    const record: MessageRecord = receive.apply(this, args)
    taken.push({
      id: record.id,
      profileId: record.profileId,
      topic: record.topic,
      text: Buffer.from(record.payload).toString('utf8'),
      dup: record.dup,
      redelivered: record.amqp?.redelivered ?? null,
      partition: record.kafka?.partition ?? null,
      offset: record.kafka?.offset ?? null,
    })
    return record
  }
  return () => {
    ingest.receive = receive
  }
}
