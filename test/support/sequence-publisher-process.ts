import { spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'

/**
 * An MQTT publisher in a process of its own that sends numbered messages (`{"seq":n}`) at QoS 1,
 * one every `intervalMs`, for as long as it runs. When the broker goes away it connects again with
 * a fresh client (every 100 ms) and goes on with the next number: a message whose PUBACK never came
 * is not sent again, so each number is published at most once and any copy a subscriber sees is
 * not the publisher's doing.
 */
export class SequencePublisherProcess {
  /** Numbers the broker acknowledged (PUBACK), in order. */
  readonly acked: number[] = []
  private child: ChildProcess | null = null

  async start(url: string, topic: string, intervalMs: number): Promise<void> {
    const mqttPath = createRequire(import.meta.url).resolve('mqtt')
    const script = `
      const mqtt = require(${JSON.stringify(mqttPath)})
      const say = (o) => process.stdout.write(JSON.stringify(o) + '\\n')
      let seq = 0
      let client = null
      let stopping = false
      const connect = () => {
        if (stopping) return
        const c = mqtt.connect(${JSON.stringify(url)}, { reconnectPeriod: 0, connectTimeout: 2000 })
        client = c
        let up = false
        c.on('connect', () => {
          up = true
          say({ connected: true })
        })
        c.on('error', () => undefined)
        c.on('close', () => {
          if (client !== c) return
          client = null
          c.end(true)
          if (up) say({ lost: true })
          setTimeout(connect, 100)
        })
      }
      connect()
      const timer = setInterval(() => {
        if (!client || !client.connected) return
        const n = seq++
        client.publish(${JSON.stringify(topic)}, JSON.stringify({ seq: n }), { qos: 1 }, (err) => {
          if (!err) say({ acked: n })
        })
      }, ${intervalMs})
      process.stdin.on('data', () => undefined)
      process.stdin.on('end', () => {
        stopping = true
        clearInterval(timer)
        const c = client
        if (!c) process.exit(0)
        // A normal DISCONNECT once what is under way is acknowledged.
        c.end(false, () => process.exit(0))
        setTimeout(() => process.exit(0), 3000)
      })
    `
    const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] })
    this.child = child
    let buffer = ''
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`publisher exited with ${code}`)))
      child.stdout!.on('data', (d: Buffer) => {
        buffer += d.toString()
        let nl: number
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = JSON.parse(buffer.slice(0, nl)) as { acked?: number; connected?: boolean }
          buffer = buffer.slice(nl + 1)
          if (line.connected) resolve()
          if (line.acked !== undefined) this.acked.push(line.acked)
        }
      })
    })
  }

  /** Stops publishing, lets the last PUBACKs come, and ends the process. */
  async stop(): Promise<void> {
    const child = this.child
    this.child = null
    if (!child || child.exitCode !== null) return
    await new Promise((resolve) => {
      child.once('exit', resolve)
      child.stdin!.end()
      setTimeout(() => child.kill('SIGKILL'), 5000).unref()
    })
  }
}
