// The benchmark stream's publisher (a child process: scripts/bench/stream-publisher.mjs) and the
// broker's own count of messages it dropped ($SYS/broker/publish/messages/dropped), so that a lost
// message can be put down to the broker (a subscriber too slow for its queue) or to the subscriber.
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import mqtt, { type MqttClient } from 'mqtt'

const PUBLISHER = fileURLToPath(new URL('../../scripts/bench/stream-publisher.mjs', import.meta.url))

export interface PublisherResult {
  sent: number
  acked: number | null
  failed: number
  ms: number
  rate: number
}

export interface StreamOptions {
  url: string
  messages: number
  topics: number
  qos: 0 | 1 | 2
  prefix?: string
  /** Unacknowledged publishes the publisher keeps at most (QoS 1/2). */
  inflight?: number
  /** Messages per second; 0 means as fast as the broker takes them. */
  rate?: number
  /** Seconds at `rate`, instead of a message count. */
  durationS?: number
}

export interface Publisher {
  /** Starts publishing; resolves with the publisher's own figures once it is done. */
  run(): Promise<PublisherResult>
  kill(): void
}

/** Forks the publisher and waits until it is connected and ready to go. */
export async function startPublisher(o: StreamOptions): Promise<Publisher> {
  const args = [
    '--url',
    o.url,
    '--messages',
    String(o.messages),
    '--topics',
    String(o.topics),
    '--qos',
    String(o.qos),
    '--prefix',
    o.prefix ?? 'bench',
    '--inflight',
    String(o.inflight ?? 1000),
    '--rate',
    String(o.rate ?? 0),
  ]
  if (o.durationS !== undefined) args.push('--duration', String(o.durationS))
  // execArgv: [] so that the worker's own flags (--expose-gc, loaders) do not reach the publisher.
  const child: ChildProcess = fork(PUBLISHER, args, {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  let onDone: ((r: PublisherResult) => void) | null = null
  let onFail: ((e: Error) => void) | null = null
  const ready = new Promise<void>((resolve, reject) => {
    onFail = reject
    child.on('message', (m: { type: string } & Partial<PublisherResult>) => {
      if (m.type === 'ready') resolve()
      if (m.type === 'done') onDone?.(m as PublisherResult)
    })
    child.on('exit', (code, signal) => {
      const err = new Error(`the bench publisher exited (${signal ?? code}) before it was done`)
      onFail?.(err)
    })
  })
  await ready
  return {
    run: () =>
      new Promise<PublisherResult>((resolve, reject) => {
        onDone = (r) => {
          onFail = null
          resolve(r)
        }
        onFail = reject
        child.send({ type: 'go' })
      }),
    kill: () => {
      onFail = null
      if (child.exitCode === null) child.kill('SIGKILL')
    },
  }
}

/**
 * Mosquitto's count of publishes it dropped (a subscriber's queue was full: 1,000 messages above
 * the 20 in flight, by default). Mosquitto publishes it every `sys_interval` (10 s) but only when it
 * changed, retained for 60 s only; so a count is known once one update was seen, and a run with no
 * update within an interval after it changed nothing.
 */
export class BrokerDrops {
  private updates: { at: number; value: number }[] = []
  private waiters: (() => void)[] = []

  private constructor(private readonly client: MqttClient) {
    client.on('message', (_topic, payload) => {
      this.updates.push({ at: performance.now(), value: Number(payload.toString()) })
      for (const w of this.waiters.splice(0)) w()
    })
  }

  /** Subscribes and waits up to one interval for a first count (a fresh broker sends 0 at once). */
  static async open(url: string): Promise<BrokerDrops> {
    const client = await mqtt.connectAsync(url, {
      clientId: `brokerlens-bench-sys-${process.pid}`,
      reconnectPeriod: 0,
    })
    const drops = new BrokerDrops(client)
    await client.subscribeAsync('$SYS/broker/publish/messages/dropped')
    await drops.update(-Infinity, SYS_INTERVAL_MS)
    return drops
  }

  /** The newest count, or null while none was seen. */
  latest(): number | null {
    return this.updates.at(-1)?.value ?? null
  }

  /**
   * The count once everything before `t` (performance.now() time) is in it: the first update
   * after `t`, or, when none comes within an interval, the count did not change.
   */
  async settledAfter(t: number): Promise<number | null> {
    return (await this.update(t, SYS_INTERVAL_MS)) ?? this.latest()
  }

  private async update(after: number, timeoutMs: number): Promise<number | null> {
    const deadline = performance.now() + timeoutMs
    for (;;) {
      const u = this.updates.find((x) => x.at > after)
      if (u) return u.value
      if (performance.now() > deadline) return null
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve)
        setTimeout(resolve, 250)
      })
    }
  }

  close(): Promise<void> {
    return this.client.endAsync()
  }
}

/** Mosquitto's default sys_interval, and a little more. */
const SYS_INTERVAL_MS = 11_000

/** Resolves once `value()` reaches `target` or has not changed for `quietMs`. */
export async function settle(value: () => number, target: number, quietMs = 1500): Promise<void> {
  let last = value()
  let since = performance.now()
  while (value() < target) {
    await new Promise((r) => setTimeout(r, 50))
    const v = value()
    if (v !== last) {
      last = v
      since = performance.now()
    } else if (performance.now() - since >= quietMs) return
  }
}
