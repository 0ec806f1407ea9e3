import { z } from 'zod'
import {
  ManagementError,
  notJson,
  refusedStatus,
  unexpectedJson,
  unreachable,
  withoutSecret,
  type ManagementRequest,
} from './management-errors'
import {
  EXCHANGE_COLUMNS,
  ManagementBinding,
  ManagementExchange,
  ManagementOverview,
  ManagementQueue,
  ManagementVhost,
  QUEUE_COLUMNS,
  VHOST_COLUMNS,
} from './management-schemas'
import type { ManagementTarget } from './management-url'

/** How long one request (answer and body) may take before the API counts as not answering. */
export const MANAGEMENT_TIMEOUT_MS = 5000

/**
 * Reads from the RabbitMQ management plugin's HTTP API with Node's fetch and Basic auth. Every
 * answer is checked against its schema; every failure is a `ManagementError` in plain words.
 */
export class ManagementClient {
  private readonly authorization: string

  constructor(
    private readonly target: ManagementTarget,
    private readonly timeoutMs = MANAGEMENT_TIMEOUT_MS,
  ) {
    const token = Buffer.from(`${target.username}:${target.password}`, 'utf8').toString('base64')
    this.authorization = `Basic ${token}`
  }

  overview(): Promise<ManagementOverview> {
    return this.get('/api/overview', null, ManagementOverview)
  }
  vhosts(): Promise<ManagementVhost[]> {
    return this.get(`/api/vhosts?columns=${VHOST_COLUMNS.join(',')}`, null, z.array(ManagementVhost))
  }
  exchanges(vhost: string): Promise<ManagementExchange[]> {
    const path = `/api/exchanges/${encodeURIComponent(vhost)}?columns=${EXCHANGE_COLUMNS.join(',')}`
    return this.get(path, vhost, z.array(ManagementExchange))
  }
  queues(vhost: string): Promise<ManagementQueue[]> {
    const path = `/api/queues/${encodeURIComponent(vhost)}?columns=${QUEUE_COLUMNS.join(',')}`
    return this.get(path, vhost, z.array(ManagementQueue))
  }
  bindings(vhost: string): Promise<ManagementBinding[]> {
    return this.get(`/api/bindings/${encodeURIComponent(vhost)}`, vhost, z.array(ManagementBinding))
  }

  private async get<S extends z.ZodType>(
    pathAndQuery: string,
    vhost: string | null,
    schema: S,
  ): Promise<z.output<S>> {
    const req: ManagementRequest = {
      url: this.target.url,
      path: pathAndQuery.split('?')[0]!,
      username: this.target.username,
      vhost,
    }
    try {
      return await this.fetchJson(req, pathAndQuery, schema)
    } catch (err) {
      const failure = err instanceof ManagementError ? err : unreachable(req, err, this.timeoutMs)
      throw new ManagementError(withoutSecret(failure.message, this.target.password))
    }
  }

  private async fetchJson<S extends z.ZodType>(
    req: ManagementRequest,
    pathAndQuery: string,
    schema: S,
  ): Promise<z.output<S>> {
    // One signal for the answer and its body: a server that sends headers and then stalls counts
    // as not answering too.
    const response = await fetch(`${this.target.url}${pathAndQuery}`, {
      headers: { authorization: this.authorization, accept: 'application/json' },
      signal: AbortSignal.timeout(this.timeoutMs),
    })
    const body = await response.text()
    const contentType = response.headers.get('content-type') ?? ''
    if (!response.ok) throw refusedStatus(req, response.status, response.statusText, body, contentType)
    let json: unknown
    try {
      json = JSON.parse(body)
    } catch {
      throw notJson(req, body, contentType)
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) throw unexpectedJson(req, firstIssue(parsed.error))
    return parsed.data
  }
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'an answer it cannot read'
  const where = issue.path.length ? issue.path.map(String).join('.') : 'the answer'
  return `${where}: ${issue.message}`
}
