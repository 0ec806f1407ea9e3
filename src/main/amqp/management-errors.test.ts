import { describe, expect, it } from 'vitest'
import {
  bodyReason,
  notJson,
  refusedStatus,
  unexpectedJson,
  unreachable,
  withoutSecret,
  type ManagementRequest,
} from './management-errors'

const url = 'http://mq.example:15672'
const overview: ManagementRequest = { url, path: '/api/overview', username: 'ops', vhost: null }
const queues: ManagementRequest = { url, path: '/api/queues/staging', username: 'ops', vhost: 'staging' }
const JSON_TYPE = 'application/json'

describe('management API errors', () => {
  it('says a timeout in seconds and a refused socket in the socket’s words', () => {
    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), {
      name: 'TimeoutError',
    })
    expect(unreachable(overview, timeout, 5000).message).toBe(
      `Management API at ${url} did not answer in 5 s`,
    )
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:15672'), { code: 'ECONNREFUSED' }),
    })
    expect(unreachable(overview, refused, 5000).message).toBe(
      `Management API at ${url} could not be reached: connect ECONNREFUSED 127.0.0.1:15672`,
    )
    // localhost tried over IPv4 and IPv6: both reasons, once each.
    const both = new TypeError('fetch failed', {
      cause: new AggregateError([
        new Error('connect ECONNREFUSED ::1:1'),
        new Error('connect ECONNREFUSED 127.0.0.1:1'),
      ]),
    })
    expect(unreachable(overview, both, 5000).message).toMatch(
      /ECONNREFUSED ::1:1; connect ECONNREFUSED 127.0.0.1:1$/,
    )
  })

  it('names the refused user with RabbitMQ’s reason on 401', () => {
    const body = '{"error":"not_authorized","reason":"Login failed"}'
    expect(refusedStatus(overview, 401, 'Unauthorized', body, JSON_TYPE).message).toBe(
      `Management API at ${url}: user "ops" was refused (401): Login failed`,
    )
    const notManagement = '{"error":"not_authorised","reason":"Not management user"}'
    expect(refusedStatus(overview, 401, 'Unauthorized', notManagement, JSON_TYPE).message).toMatch(
      /user "ops" was refused \(401\): Not management user$/,
    )
  })

  it('tells a missing vhost from a URL that is not the management API on 404', () => {
    const body = '{"error":"Object Not Found","reason":"Not Found"}'
    expect(refusedStatus(queues, 404, 'Not Found', body, JSON_TYPE).message).toBe(
      `Management API at ${url}: virtual host "staging" was not found (404): Not Found`,
    )
    expect(refusedStatus(overview, 404, 'Not Found', '<h1>nginx</h1>', 'text/html').message).toBe(
      `${url} is not the RabbitMQ management API: /api/overview was not found (404): <h1>nginx</h1>`,
    )
  })

  it('gives other statuses with their text and the page title of a proxy’s error page', () => {
    const page = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>…</body></html>'
    expect(refusedStatus(overview, 502, 'Bad Gateway', page, 'text/html').message).toBe(
      `Management API at ${url} answered /api/overview with 502 Bad Gateway: 502 Bad Gateway`,
    )
    expect(refusedStatus(overview, 500, '', '', '').message).toBe(
      `Management API at ${url} answered /api/overview with 500`,
    )
  })

  it('says a page or other non-JSON answer is not the management API', () => {
    const page = '<!DOCTYPE html>\n<html><head><title>RabbitMQ Management</title></head></html>'
    expect(notJson(overview, page, 'text/html').message).toBe(
      `${url} is not the RabbitMQ management API: /api/overview answered with a page titled "RabbitMQ Management", not JSON`,
    )
    expect(notJson(overview, 'ok', 'text/plain').message).toMatch(/answered with text\/plain, not JSON$/)
    expect(unexpectedJson(overview, 'the answer: no management_version').message).toBe(
      `${url} does not answer as the RabbitMQ management API does: /api/overview sent the answer: no management_version`,
    )
  })

  it('reads reasons from JSON, page titles or plain text, and cuts long ones', () => {
    expect(bodyReason('{"error":"bad_request"}', JSON_TYPE)).toBe('bad_request')
    expect(bodyReason('  service\n  unavailable ', 'text/plain')).toBe('service unavailable')
    expect(bodyReason('<html><body>no title</body></html>', 'text/html')).toBe('')
    expect(bodyReason('x'.repeat(1000), 'text/plain')).toHaveLength(301)
    expect(bodyReason('{not json', JSON_TYPE)).toBe('{not json')
  })

  it('masks a password a server echoed, but not short ones that would match ordinary words', () => {
    expect(withoutSecret('Login failed for s3cret-pw', 's3cret-pw')).toBe('Login failed for ***')
    expect(withoutSecret('Login failed', 'in')).toBe('Login failed')
  })
})
