import { ApiError } from '../../shared/api-error'
import type { ApiEvent } from '../../shared/api'
import { decodeUtf8Strict, encodeUtf8 } from '../../shared/codecs/utf8'
import { defaultTemplateContext, renderTemplate, templateErrors } from '../../shared/payload-template'
import type { PublishJobStatus, PublishLogEntry, PublishResult, PublishTarget } from '../../shared/publish'
import { describeError } from '../connections/broker-link'
import type { PublishLogStore } from './publish-log-store'
import type { PublishingConnection } from './publishing-connection'

/** A job's progress goes out (event and log row) at most this often, however fast it sends. */
const REPORT_INTERVAL_MS = 250
/** Finished jobs listed, newest kept. */
const FINISHED_KEPT = 20

export interface PublishInput {
  profileId: string
  target: PublishTarget
  payload: Uint8Array
  template: boolean
}

interface Job {
  status: PublishJobStatus
  input: PublishInput
  stop: boolean
  wake: (() => void) | null
}

/**
 * Publishing for every protocol: resolves templates (once per message sent, so `{{counter}}` counts
 * and `{{uuid}}` differs), sends through the profile's live connection, and writes the publish log.
 * Jobs send a payload N times on an absolute clock (the interval does not drift by the send time).
 */
export class PublishService {
  private readonly jobs = new Map<string, Job>()
  private nextJob = 1

  constructor(
    private readonly log: PublishLogStore,
    /** The live connection of a profile; throws ApiError 'unavailable' when there is none. */
    private readonly connectionOf: (profileId: string) => PublishingConnection,
    private readonly emit: (event: ApiEvent) => void,
  ) {}

  async publish(input: PublishInput): Promise<PublishResult> {
    checkTemplate(input)
    const connection = this.connectionOf(input.profileId)
    let result: PublishResult
    try {
      result = await this.sendOnce(connection, input, 1)
    } catch (err) {
      // A target the adapter rejects was never sent: the form shows the error, the log stays clean.
      if (!(err instanceof ApiError && err.code === 'invalid_input')) {
        this.logged(input, 1, { sent: 0, failed: 1, result: null, error: describeError(err) })
      }
      throw err
    }
    this.logged(input, 1, { sent: result.ok ? 1 : 0, failed: result.ok ? 0 : 1, result, error: null })
    return result
  }

  /** Sends a logged entry again, to the same target, with templates resolved anew. */
  resend(id: number): Promise<PublishResult> {
    const { entry, payload } = this.log.get(id)
    return this.publish({
      profileId: entry.profileId,
      target: entry.target,
      payload,
      template: entry.template,
    })
  }

  logOf(profileId: string, limit: number): PublishLogEntry[] {
    return this.log.list(profileId, limit)
  }

  payloadOf(id: number): Uint8Array {
    return this.log.get(id).payload
  }

  clearLog(profileId: string): number {
    return this.log.clear(profileId)
  }

  startJob(input: PublishInput, count: number, intervalMs: number): PublishJobStatus {
    checkTemplate(input)
    const connection = this.connectionOf(input.profileId)
    const row = this.log.add({ ...input, count })
    const now = Date.now()
    const job: Job = {
      input,
      stop: false,
      wake: null,
      status: {
        id: `publish-${this.nextJob++}`,
        profileId: input.profileId,
        state: 'running',
        count,
        intervalMs,
        sent: 0,
        failed: 0,
        startedAt: now,
        updatedAt: now,
        lastError: null,
        logId: row.id,
      },
    }
    this.jobs.set(job.status.id, job)
    this.emit({ type: 'publish.logged', entry: row })
    void this.run(job, connection)
    return { ...job.status }
  }

  stopJob(id: string): PublishJobStatus {
    const job = this.jobs.get(id)
    if (!job) throw new ApiError('not_found', `No publish job ${id}`)
    job.stop = true
    job.wake?.()
    return { ...job.status }
  }

  listJobs(): PublishJobStatus[] {
    return [...this.jobs.values()].map((j) => ({ ...j.status }))
  }

  close(): void {
    for (const job of this.jobs.values()) {
      job.stop = true
      job.wake?.()
    }
  }

  private async run(job: Job, connection: PublishingConnection): Promise<void> {
    const s = job.status
    let last: PublishResult | null = null
    let lastReport = 0
    const report = (force: boolean) => {
      const now = Date.now()
      if (!force && now - lastReport < REPORT_INTERVAL_MS) return
      lastReport = now
      s.updatedAt = now
      this.emit({ type: 'publish.job', status: { ...s } })
      const entry = this.log.update(s.logId, {
        sent: s.sent,
        failed: s.failed,
        result: last,
        error: s.lastError,
      })
      this.emit({ type: 'publish.logged', entry })
    }
    for (let i = 1; i <= s.count && !job.stop; i++) {
      try {
        last = await this.sendOnce(connection, job.input, i)
        if (last.ok) s.sent++
        else {
          s.failed++
          s.lastError = last.reason
        }
      } catch (err) {
        s.failed++
        s.lastError = describeError(err)
        // Not connected (any more), or a target the broker will never take: stop rather than spin.
        if (err instanceof ApiError) {
          s.state = 'failed'
          break
        }
      }
      report(false)
      if (i < s.count) await this.waitUntil(job, s.startedAt + i * s.intervalMs)
    }
    if (s.state === 'running') s.state = job.stop && s.sent + s.failed < s.count ? 'stopped' : 'done'
    report(true)
    this.forgetOldJobs()
  }

  private waitUntil(job: Job, at: number): Promise<void> {
    const delay = at - Date.now()
    // Even at interval 0 give the event loop a turn, so a long job never starves the rest.
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => {
          job.wake = null
          resolve()
        },
        Math.max(0, delay),
      )
      job.wake = () => {
        clearTimeout(timer)
        job.wake = null
        resolve()
      }
    })
  }

  private async sendOnce(connection: PublishingConnection, input: PublishInput, counter: number) {
    if (!input.template) return connection.publish(input.target, input.payload)
    const text = renderTemplate(decodeUtf8Strict(input.payload)!, defaultTemplateContext(counter))
    const result = await connection.publish(input.target, encodeUtf8(text))
    return { ...result, resolvedText: text }
  }

  private logged(
    input: PublishInput,
    count: number,
    progress: { sent: number; failed: number; result: PublishResult | null; error: string | null },
  ): PublishLogEntry {
    const row = this.log.add({ ...input, count })
    const entry = this.log.update(row.id, progress)
    this.emit({ type: 'publish.logged', entry })
    return entry
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs.values()].filter((j) => j.status.state !== 'running')
    for (const j of finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT)))
      this.jobs.delete(j.status.id)
  }
}

/** A template must be text without placeholder errors; said before anything is sent. */
function checkTemplate(input: PublishInput): void {
  if (!input.template) return
  const text = decodeUtf8Strict(input.payload)
  if (text === null)
    throw new ApiError('invalid_input', 'A template must be UTF-8 text', [
      { path: 'payload', message: 'not UTF-8 text' },
    ])
  const [first] = templateErrors(text)
  if (first)
    throw new ApiError('invalid_input', `Template: ${first.message}`, [
      { path: 'payload', message: `${first.message} (at character ${first.offset + 1})` },
    ])
}
