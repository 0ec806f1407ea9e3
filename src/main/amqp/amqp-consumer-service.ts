import type { ChannelModel } from 'amqplib'
import type { z } from 'zod'
import type {
  AmqpConsumerStatus,
  AmqpPeekResult,
  AmqpSettleResult,
  PeekAmqpQueue,
  SettleAmqp,
  StartAmqpConsumer,
  StartAmqpTap,
} from '../../shared/amqp'
import { ApiError } from '../../shared/api-error'
import type { MessageSummary } from '../../shared/messages'
import type { HistoryStore } from '../history/history-store'
import type { Ingest } from '../ingest/ingest'
import type { AmqpNotices } from './amqp-notices'

export interface AmqpConsumerDeps {
  amqpOf(profileId: string): ChannelModel
  ingest: Ingest
  history: HistoryStore
  notices: AmqpNotices
  emit(status: AmqpConsumerStatus): void
}

/** Not built yet. */
export class AmqpConsumerService {
  constructor(private readonly deps: AmqpConsumerDeps) {}

  /** A profile's connection is up (first time or again): restore its consumers and taps on it. */
  linkUp(profileId: string, connection: ChannelModel): void {
    void profileId
    void connection
  }
  /** A profile's connection is gone: `byUser` stops its consumers, else they wait to be restored. */
  linkDown(profileId: string, reason: string, byUser: boolean): void {
    void profileId
    void reason
    void byUser
  }
  start(input: z.output<typeof StartAmqpConsumer>): Promise<AmqpConsumerStatus> {
    return todo(this.deps, input.profileId)
  }
  startTap(input: z.output<typeof StartAmqpTap>): Promise<AmqpConsumerStatus> {
    return todo(this.deps, input.profileId)
  }
  stop(id: string): Promise<AmqpConsumerStatus> {
    return todo(this.deps, id)
  }
  list(): AmqpConsumerStatus[] {
    return []
  }
  pending(id: string): MessageSummary[] {
    return todo(this.deps, id)
  }
  settle(input: z.output<typeof SettleAmqp>): Promise<AmqpSettleResult> {
    return todo(this.deps, input.consumerId)
  }
  peek(input: z.output<typeof PeekAmqpQueue>): Promise<AmqpPeekResult> {
    return todo(this.deps, input.profileId)
  }
  async close(): Promise<void> {}
}

function todo(_deps: unknown, _what: string): never {
  throw new ApiError('internal', 'not built yet')
}
