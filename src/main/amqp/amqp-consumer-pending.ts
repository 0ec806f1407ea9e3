import type { Message } from 'amqplib'
import type { MessageRecord } from '../history/message-record'

/** One basic.ack or basic.nack to send: `multiple` settles every delivery up to this one's tag. */
export interface SettleFrame {
  message: Message
  multiple: boolean
}

export interface SettlePlan {
  frames: SettleFrame[]
  /** History ids settled by the frames, oldest first. */
  settled: number[]
  /** Requested ids that were not pending. */
  missing: number[]
}

/**
 * The messages a manual-ack consumer holds for the user, by history id, in delivery order (a Map
 * keeps insertion order, and delivery tags only grow on a channel). Every unsettled delivery of the
 * channel is in here, which is what lets one `multiple` frame settle a run from the oldest.
 */
export class AmqpPendingDeliveries {
  private readonly byId = new Map<number, { record: MessageRecord; message: Message }>()

  get size(): number {
    return this.byId.size
  }

  add(record: MessageRecord, message: Message): void {
    this.byId.set(record.id, { record, message })
  }

  /** Oldest first. */
  records(): MessageRecord[] {
    return [...this.byId.values()].map((p) => p.record)
  }

  /** Forgets everything (the channel is gone: the broker requeues them); returns how many. */
  clear(): number {
    const n = this.byId.size
    this.byId.clear()
    return n
  }

  /**
   * Takes the requested ids (null: all) out and says which frames settle them: the longest run of
   * requested ids from the oldest pending one goes in one `multiple` frame, the rest one by one.
   */
  take(ids: readonly number[] | null): SettlePlan {
    const entries = [...this.byId]
    const wanted = ids === null ? null : new Set(ids)
    const missing = ids === null ? [] : [...new Set(ids)].filter((id) => !this.byId.has(id))
    const frames: SettleFrame[] = []
    const settled: number[] = []
    let i = 0
    // The run from the oldest: everything in it is requested, so `multiple` settles nothing else.
    while (i < entries.length && (wanted === null || wanted.has(entries[i]![0]))) i++
    if (i > 0) frames.push({ message: entries[i - 1]![1].message, multiple: i > 1 })
    for (let k = 0; k < i; k++) settled.push(entries[k]![0])
    if (wanted !== null) {
      for (let k = i; k < entries.length; k++) {
        const [id, p] = entries[k]!
        if (!wanted.has(id)) continue
        frames.push({ message: p.message, multiple: false })
        settled.push(id)
      }
    }
    for (const id of settled) this.byId.delete(id)
    return { frames, settled, missing }
  }
}
