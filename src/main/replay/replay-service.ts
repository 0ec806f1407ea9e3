import { ApiError } from '../../shared/api-error'
import { ReplayRequest, type ReplayStatus } from '../../shared/replay'
import type { HistoryQuery } from '../history/history-query'
import type { SavedPayloadStore } from '../payloads/saved-payload-store'
import { ReplayJob, type ReplayItem, type ReplayPublish, type ReplaySource } from './replay-job'

/** Status events of one replay go out at most this often, however fast it sends. */
const STATUS_INTERVAL_MS = 250
const HISTORY_PAGE = 1000

/** Starts, steers and reports replays; the jobs run in the background and never block a call. */
export class ReplayService {
  private readonly jobs = new Map<string, ReplayJob>()
  private readonly lastSent = new Map<string, number>()
  private readonly timers = new Map<string, NodeJS.Timeout>()

  constructor(
    private readonly saved: SavedPayloadStore,
    private readonly history: HistoryQuery,
    /** The publisher of a target profile; throws ApiError 'unavailable' while it is not connected. */
    private readonly publisherFor: (profileId: string) => ReplayPublish,
    private readonly emit: (status: ReplayStatus) => void,
  ) {}

  start(input: ReplayRequest): ReplayStatus {
    const req = ReplayRequest.parse(input)
    let source: ReplaySource
    let total: number | null
    if (req.source.kind === 'saved') {
      const items = req.source.ids.map((id, i): ReplayItem => {
        const p = this.saved.get(id)
        return {
          topic: p.topic,
          payload: p.payload,
          qos: p.qos ?? 0,
          retain: p.retain,
          properties: p.properties,
          amqp: p.amqp,
          kafka: p.kafka,
          at: i,
        }
      })
      source = async function* () {
        yield* items
      }
      total = items.length
    } else {
      const filter = req.source.filter
      const history = this.history
      total = history.count(filter)
      source = async function* () {
        for (let cursor: number | null = null; ;) {
          const { records, next } = history.records(filter, cursor, HISTORY_PAGE, true)
          for (const r of records) {
            yield {
              topic: r.topic,
              payload: r.payload,
              qos: r.qos ?? 0,
              retain: r.retain,
              properties: r.properties,
              amqp: r.amqp,
              kafka: r.kafka,
              at: r.receivedAt,
            }
          }
          if (next === null) return
          cursor = next
        }
      }
    }
    if (total === 0) throw new ApiError('invalid_input', 'Nothing to replay: the selection is empty')
    const publish = this.publisherFor(req.targetProfileId)
    const job = new ReplayJob(req, source, publish, (s) => this.report(s), total)
    this.jobs.set(job.id, job)
    void job.run()
    return job.current
  }

  pause(id: string): ReplayStatus {
    const job = this.job(id)
    job.pause()
    return job.current
  }

  resume(id: string): ReplayStatus {
    const job = this.job(id)
    job.resume()
    return job.current
  }

  stop(id: string): ReplayStatus {
    const job = this.job(id)
    job.stop()
    return job.current
  }

  list(): ReplayStatus[] {
    return [...this.jobs.values()].map((j) => j.current)
  }

  close(): void {
    for (const job of this.jobs.values()) job.stop()
    for (const t of this.timers.values()) clearTimeout(t)
  }

  private job(id: string): ReplayJob {
    const job = this.jobs.get(id)
    if (!job) throw new ApiError('not_found', `No replay with id ${id}`)
    return job
  }

  /** Throttled: state changes go out at once, progress at most every 250 ms. */
  private report(status: ReplayStatus): void {
    const now = Date.now()
    const last = this.lastSent.get(status.id) ?? 0
    const finished = status.state !== 'running'
    if (finished || now - last >= STATUS_INTERVAL_MS) {
      clearTimeout(this.timers.get(status.id))
      this.timers.delete(status.id)
      this.lastSent.set(status.id, now)
      this.emit(structuredClone(status))
    } else if (!this.timers.has(status.id)) {
      const t = setTimeout(
        () => {
          this.timers.delete(status.id)
          this.lastSent.set(status.id, Date.now())
          this.emit(structuredClone(this.jobs.get(status.id)!.current))
        },
        STATUS_INTERVAL_MS - (now - last),
      )
      t.unref()
      this.timers.set(status.id, t)
    }
  }
}
