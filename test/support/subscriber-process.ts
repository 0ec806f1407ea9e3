import { spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'

export interface Arrival {
  topic: string
  payload: string
  /** ms, from the subscriber process's own monotonic clock. */
  at: number
}

/**
 * An MQTT subscriber in a process of its own, so that arrival times are not skewed by whatever
 * the test process (which also runs the core) happens to be doing when a message comes in.
 */
export class SubscriberProcess {
  readonly arrivals: Arrival[] = []
  private child: ChildProcess | null = null

  async start(url: string, filter: string): Promise<void> {
    const mqttPath = createRequire(import.meta.url).resolve('mqtt')
    const script = `
      const mqtt = require(${JSON.stringify(mqttPath)})
      const c = mqtt.connect(${JSON.stringify(url)}, { reconnectPeriod: 0 })
      c.on('message', (topic, payload) => process.stdout.write(JSON.stringify({ topic, payload: String(payload), at: performance.now() }) + '\\n'))
      c.on('connect', () => c.subscribe(${JSON.stringify(filter)}, { qos: 1 }, () => process.stdout.write('{"ready":true}\\n')))
      process.stdin.on('end', () => c.end(true, () => process.exit(0)))
    `
    const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] })
    this.child = child
    let buffer = ''
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`subscriber exited with ${code}`)))
      child.stdout!.on('data', (d: Buffer) => {
        buffer += d.toString()
        let nl: number
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = JSON.parse(buffer.slice(0, nl)) as Arrival & { ready?: boolean }
          buffer = buffer.slice(nl + 1)
          if (line.ready) resolve()
          else this.arrivals.push(line)
        }
      })
    })
  }

  async stop(): Promise<void> {
    const child = this.child
    if (!child || child.exitCode !== null) return
    await new Promise((resolve) => {
      child.once('exit', resolve)
      child.stdin!.end()
      setTimeout(() => child.kill('SIGKILL'), 2000).unref()
    })
  }
}
