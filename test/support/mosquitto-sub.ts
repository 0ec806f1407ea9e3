import { spawn, type ChildProcess } from 'node:child_process'

/** One message as Mosquitto's own `mosquitto_sub` printed it: what the broker delivered. */
export interface SubMessage {
  topic: string
  qos: number
  retain: boolean
  /** The MQTT 5 properties; '' / null when the message did not carry them. */
  contentType: string
  responseTopic: string
  messageExpiry: number | null
  payloadFormat: number | null
  userProperties: [string, string][]
  correlationData: Buffer
  payloadHex: string
}

const START = Buffer.from('MSG\t')
const END = Buffer.from('|END\n')
// Correlation data is raw bytes, so it goes last: everything between the ninth tab and the end
// marker is it, tabs and newlines included.
const FORMAT = 'MSG\\t%t\\t%q\\t%r\\t%C\\t%R\\t%E\\t%F\\t%P\\t%x\\t%D|END\\n'

/**
 * `mosquitto_sub` (from Debian's mosquitto-clients) as a child process: a client that shares no
 * code with the app, so what it prints is what really went over the wire.
 */
export class MosquittoSub {
  readonly messages: SubMessage[] = []
  private buffer = Buffer.alloc(0)
  private exited: string | null = null

  private constructor(private readonly child: ChildProcess) {
    child.stdout!.on('data', (chunk: Buffer) => this.take(chunk))
    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('exit', (code, signal) => (this.exited = `mosquitto_sub exited (${code ?? signal}): ${stderr}`))
    child.on('error', (err) => (this.exited = `mosquitto_sub failed: ${err.message}`))
  }

  /** Subscribes with MQTT 5 at `qos`; gives up by itself after `maxSeconds` so it never lingers. */
  static start(port: number, filters: string[], options: { qos?: number; maxSeconds?: number } = {}) {
    const args = ['-h', '127.0.0.1', '-p', String(port), '-V', 'mqttv5', '-q', String(options.qos ?? 2)]
    for (const f of filters) args.push('-t', f)
    args.push('-F', FORMAT, '-N', '-W', String(options.maxSeconds ?? 60))
    return new MosquittoSub(spawn('mosquitto_sub', args, { stdio: ['ignore', 'pipe', 'pipe'] }))
  }

  /**
   * mosquitto_sub says nothing when its SUBACK arrives: call `probe` (a publish to a topic its
   * filters take) until one of those messages comes through.
   */
  async ready(probeTopic: string, probe: () => Promise<unknown>, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs
    while (!this.messages.some((m) => m.topic === probeTopic)) {
      if (this.exited) throw new Error(this.exited)
      if (Date.now() > until) throw new Error(`mosquitto_sub was not subscribed after ${timeoutMs} ms`)
      await probe()
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  /** Resolves with the first message that `match` accepts, failing after `timeoutMs`. */
  async next(match: (m: SubMessage) => boolean, timeoutMs = 10_000): Promise<SubMessage> {
    const until = Date.now() + timeoutMs
    for (;;) {
      const found = this.messages.find(match)
      if (found) return found
      if (this.exited) throw new Error(this.exited)
      if (Date.now() > until) throw new Error(`mosquitto_sub printed no matching message in ${timeoutMs} ms`)
      await new Promise((r) => setTimeout(r, 20))
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return
    await new Promise<void>((resolve) => {
      this.child.once('exit', () => resolve())
      this.child.kill('SIGTERM')
    })
  }

  private take(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk])
    for (;;) {
      const end = this.buffer.indexOf(END)
      if (end < 0) return
      const record = this.buffer.subarray(0, end)
      this.buffer = this.buffer.subarray(end + END.length)
      if (record.subarray(0, START.length).equals(START))
        this.messages.push(parse(record.subarray(START.length)))
      else this.exited = `mosquitto_sub printed something unexpected: ${record.toString()}`
    }
  }
}

function parse(record: Buffer): SubMessage {
  const fields: string[] = []
  let at = 0
  for (let i = 0; i < 9; i++) {
    const tab = record.indexOf(9, at)
    fields.push(record.subarray(at, tab).toString('utf8'))
    at = tab + 1
  }
  const [topic, qos, retain, contentType, responseTopic, expiry, format, userProps, hex] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ]
  return {
    topic,
    qos: Number(qos),
    retain: retain === '1',
    contentType,
    responseTopic,
    messageExpiry: expiry === '' ? null : Number(expiry),
    payloadFormat: format === '' ? null : Number(format),
    // Printed as `key:value key:value …`: the tests use keys without ':' and values without ' '.
    userProperties:
      userProps === ''
        ? []
        : userProps.split(' ').map((kv): [string, string] => {
            const colon = kv.indexOf(':')
            return [kv.slice(0, colon), kv.slice(colon + 1)]
          }),
    correlationData: Buffer.from(record.subarray(at)),
    payloadHex: hex,
  }
}
