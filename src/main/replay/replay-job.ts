import { randomBytes } from 'node:crypto'
import { ApiError } from '../../shared/api-error'
import type { AmqpMeta, KafkaMeta, MqttPublishProperties, Qos } from '../../shared/messages'
import type { ReplayRequest, ReplayStatus } from '../../shared/replay'
import { rewriteItem } from './replay-target'

/** One message to replay, wherever it came from (saved payloads or history). */
export interface ReplayItem {
  topic: string
  payload: Uint8Array
  qos: Qos
  retain: boolean
  properties: MqttPublishProperties | null
  /** AMQP and Kafka metadata of the original message (null for MQTT). */
  amqp: AmqpMeta | null
  kafka: KafkaMeta | null
  /** When it was originally received (saved payloads: consecutive, no gaps). */
  at: number
}

/** Gives the items of one pass, in order, a page at a time. */
export type ReplaySource = () => AsyncIterable<ReplayItem>

/**
 * Sends one item; throws ApiError 'unavailable' while the target is not connected. Resolves with
 * the broker's reason when it took the message but did not route it (an AMQP return), else null.
 */
export type ReplayPublish = (item: ReplayItem) => Promise<string | null>

const LOG_LINES = 200
const WAIT_RETRY_MS = 1000

type Parsed = Required<Pick<ReplayRequest, 'pace' | 'speed' | 'loop'>> & {
  targetProfileId: string
  rewrite: { from: string; to: string } | null
}

/**
 * A replay under way. Its clock is absolute (the start plus the recorded offset divided by the
 * speed), so small delays do not add up; pausing or waiting for the target to come back shifts the
 * clock by the time lost, so the pace after resuming is the recorded one and nothing is skipped.
 */
export class ReplayJob {
  readonly id = randomBytes(6).toString('hex')
  private status: ReplayStatus
  private pausedAt: number | null = null
  private resumeWaiters: (() => void)[] = []
  private stopped = false

  constructor(
    private readonly request: Parsed,
    private readonly source: ReplaySource,
    private readonly publish: ReplayPublish,
    private readonly onChange: (status: ReplayStatus) => void,
    total: number | null,
  ) {
    this.status = {
      id: this.id,
      state: 'running',
      targetProfileId: request.targetProfileId,
      sent: 0,
      total,
      pass: 1,
      log: [],
    }
  }

  get current(): ReplayStatus {
    return this.status
  }

  async run(): Promise<void> {
    try {
      for (;;) {
        await this.pass()
        if (this.stopped || !this.request.loop) break
        this.status.pass++
      }
      this.finish(
        this.stopped ? 'stopped' : 'done',
        this.stopped ? 'Stopped' : `Done: ${this.status.sent} sent`,
      )
    } catch (err) {
      this.finish('failed', `Failed: ${(err as Error).message}`)
    }
  }

  pause(): void {
    if (this.status.state !== 'running' && this.status.state !== 'waiting') return
    this.pausedAt = Date.now()
    this.set('paused', 'Paused')
  }

  resume(): void {
    if (this.status.state !== 'paused') return
    this.set('running', 'Resumed')
    for (const wake of this.resumeWaiters.splice(0)) wake()
  }

  stop(): void {
    this.stopped = true
    for (const wake of this.resumeWaiters.splice(0)) wake()
  }

  private async pass(): Promise<void> {
    let clockStart = 0
    let firstAt: number | null = null
    for await (const item of this.source()) {
      if (this.stopped) return
      if (firstAt === null) {
        // The clock starts when the first message is out: its own send time (a first publish
        // is slower) must not shorten the gap to the second.
        firstAt = item.at
        await this.send(this.rewrite(item))
        clockStart = Date.now()
        continue
      }
      if (this.request.pace === 'original') {
        const due = clockStart + (item.at - firstAt) / this.request.speed
        clockStart += await this.sleepUntil(due)
        if (this.stopped) return
      }
      clockStart += await this.send(this.rewrite(item))
      if (this.stopped) return
    }
  }

  private rewrite(item: ReplayItem): ReplayItem {
    return rewriteItem(item, this.request.rewrite)
  }

  /** Sleeps until `due`, honouring pause; returns how long a pause held it (to shift the clock). */
  private async sleepUntil(due: number): Promise<number> {
    let lost = 0
    for (;;) {
      lost += await this.whilePaused()
      const wait = due + lost - Date.now()
      if (wait <= 0 || this.stopped) return lost
      await new Promise((r) => setTimeout(r, Math.min(wait, 250)))
    }
  }

  /** Sends one item, waiting as long as the target is away; returns the time lost waiting. */
  private async send(item: ReplayItem): Promise<number> {
    const started = Date.now()
    let lost = 0
    for (;;) {
      lost += await this.whilePaused()
      if (this.stopped) return lost
      try {
        const note = await this.publish(item)
        if (this.status.state === 'waiting') this.set('running', 'Target is back: continuing')
        this.status.sent++
        this.log(`Sent ${item.topic} (${item.payload.length} B)${note ? `: ${note}` : ''}`)
        this.onChange(this.status)
        return this.status.state === 'running' && lost === 0 ? 0 : Date.now() - started
      } catch (err) {
        if (!(err instanceof ApiError) || err.code !== 'unavailable') throw err
        if (this.status.state !== 'waiting') this.set('waiting', `Waiting for the target: ${err.message}`)
        await new Promise((r) => setTimeout(r, WAIT_RETRY_MS))
        lost = Date.now() - started
      }
    }
  }

  private async whilePaused(): Promise<number> {
    if (this.status.state !== 'paused' || this.pausedAt === null) return 0
    const since = this.pausedAt
    await new Promise<void>((resolve) => this.resumeWaiters.push(resolve))
    this.pausedAt = null
    return Date.now() - since
  }

  private set(state: ReplayStatus['state'], text: string): void {
    this.status.state = state
    this.log(text)
    this.onChange(this.status)
  }

  private finish(state: ReplayStatus['state'], text: string): void {
    this.set(state, text)
  }

  private log(text: string): void {
    this.status.log.push({ at: Date.now(), text })
    if (this.status.log.length > LOG_LINES) this.status.log.splice(0, this.status.log.length - LOG_LINES)
  }
}
