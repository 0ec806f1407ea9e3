import { describe, expect, it, vi } from 'vitest'
import { LinkError, type BrokerLink, type LinkCallbacks, type LinkFactory } from './broker-link'
import { ManagedSession, type SessionStatus } from './managed-session'

/**
 * The state machine alone, with a scripted link factory standing in for the network. The real
 * adapters are exercised against real brokers in test/integration.
 */
class ScriptedFactory implements LinkFactory {
  readonly attempts: LinkCallbacks[] = []
  closed = 0
  constructor(private readonly script: (n: number) => 'ok' | Error | 'hang') {}
  connect(callbacks: LinkCallbacks, signal: AbortSignal): Promise<BrokerLink> {
    const n = this.attempts.push(callbacks)
    const step = this.script(n)
    if (step === 'hang') {
      return new Promise((_, reject) =>
        signal.addEventListener('abort', () => reject(new Error('Cancelled'))),
      )
    }
    if (step instanceof Error) return Promise.reject(step)
    return Promise.resolve({ serverInfo: `link ${n}`, close: async () => void this.closed++ })
  }
}

function track(factory: LinkFactory, delay = () => 1) {
  const seen: SessionStatus[] = []
  const session = new ManagedSession(factory, (s) => seen.push(s), delay)
  return { session, seen, states: () => seen.map((s) => s.state) }
}

describe('ManagedSession', () => {
  it('goes connecting → connected and reports the server info', async () => {
    const { session, states } = track(new ScriptedFactory(() => 'ok'))
    const status = await session.open()
    expect(status).toMatchObject({ state: 'connected', serverInfo: 'link 1' })
    expect(states()).toEqual(['connecting', 'connected'])
  })

  it('ends a failed first attempt in failed with the reason, and does not retry', async () => {
    const factory = new ScriptedFactory(() => new Error('connect ECONNREFUSED 127.0.0.1:1'))
    const { session } = track(factory)
    expect(await session.open()).toMatchObject({
      state: 'failed',
      reason: 'connect ECONNREFUSED 127.0.0.1:1',
    })
    await new Promise((r) => setTimeout(r, 20))
    expect(factory.attempts).toHaveLength(1)
  })

  it('reconnects with a counted attempt and the reason after a loss, until it succeeds', async () => {
    const factory = new ScriptedFactory((n) => (n === 1 || n === 4 ? 'ok' : new Error(`refused ${n}`)))
    const { session, seen } = track(factory)
    await session.open()
    factory.attempts[0]!.onLost('socket hang up')
    await vi.waitFor(() => expect(session.current.state).toBe('connected'))
    expect(seen.map((s) => [s.state, s.attempt, s.reason])).toEqual([
      ['connecting', 0, null],
      ['connected', 0, null],
      ['reconnecting', 1, 'socket hang up'],
      ['reconnecting', 2, 'refused 2'],
      ['reconnecting', 3, 'refused 3'],
      ['connected', 0, null],
    ])
  })

  it('stops retrying on a fatal error (bad credentials)', async () => {
    const factory = new ScriptedFactory((n) => (n === 1 ? 'ok' : new LinkError('Not authorized', true)))
    const { session } = track(factory)
    await session.open()
    factory.attempts[0]!.onLost('gone')
    await vi.waitFor(() => expect(session.current.state).toBe('failed'))
    expect(session.current.reason).toBe('Not authorized')
    expect(factory.attempts).toHaveLength(2)
  })

  it('close cancels an attempt under way and a scheduled retry', async () => {
    const hanging = new ScriptedFactory(() => 'hang')
    const a = track(hanging)
    const opened = a.session.open()
    await a.session.close()
    await opened
    expect(a.session.current.state).toBe('disconnected')

    const flaky = new ScriptedFactory((n) => (n === 1 ? 'ok' : new Error('down')))
    const b = track(flaky, () => 50)
    await b.session.open()
    flaky.attempts[0]!.onLost('gone')
    expect(b.session.current.state).toBe('reconnecting')
    await b.session.close()
    await new Promise((r) => setTimeout(r, 100))
    expect(flaky.attempts).toHaveLength(1)
    expect(b.session.current.state).toBe('disconnected')
  })

  it('closes the link on disconnect and ignores losses reported afterwards', async () => {
    const factory = new ScriptedFactory(() => 'ok')
    const { session, states } = track(factory)
    await session.open()
    await session.close()
    factory.attempts[0]!.onLost('late')
    expect(factory.closed).toBe(1)
    expect(states()).toEqual(['connecting', 'connected', 'disconnected'])
  })
})
