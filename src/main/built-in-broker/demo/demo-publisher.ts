import mqtt, { type MqttClient } from 'mqtt'
import { describeError } from '../../connections/broker-link'
import { demoDevices, pickByWeight, type DemoDevice, type DemoMessage } from './demo-devices'
import type { Random } from './demo-values'

export interface DemoOptions {
  /** mqtt://127.0.0.1:port of the built-in broker. */
  url: string
  username?: string
  password?: string
  /** A live update every this many ms (one device's, one or two messages): 100 ms ≈ 10 msg/s. */
  tickMs?: number
  /** The flaky device drops about this often (±20 %) and is back about 3 s later. */
  flakyEveryMs?: number
  random?: Random
  onPublished?: () => void
  log?: (message: string) => void
}

interface Running {
  device: DemoDevice
  client: MqttClient
}

/**
 * The demo: each device a client of its own (so the device view shows them as separate devices,
 * with their own wills), all on the built-in broker. At start every device publishes its retained
 * configs and a first reading at once, so a newcomer sees a full tree within a second; then one
 * update every `tickMs`. The flaky device's socket is destroyed now and then, without DISCONNECT,
 * so that the broker publishes its will; mqtt.js reconnects it and it says Online again.
 */
export class DemoPublisher {
  published = 0
  private readonly devices: Running[] = []
  private tick: NodeJS.Timeout | null = null
  private flakyTimer: NodeJS.Timeout | null = null
  private stopped = false
  private readonly random: Random

  constructor(private readonly options: DemoOptions) {
    this.random = options.random ?? Math.random
  }

  async start(): Promise<void> {
    const devices = demoDevices(this.random)
    try {
      await Promise.all(devices.map((device) => this.connect(device)))
    } catch (err) {
      await this.stop()
      throw err
    }
    this.tick = setInterval(() => this.liveUpdate(), this.options.tickMs ?? 100)
    this.tick.unref()
    this.scheduleDrop()
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.tick) clearInterval(this.tick)
    if (this.flakyTimer) clearTimeout(this.flakyTimer)
    this.tick = this.flakyTimer = null
    const clients = this.devices.splice(0).map((d) => d.client)
    // A clean DISCONNECT each, as devices that are switched off properly; not waited on forever.
    await Promise.all(
      clients.map((c) =>
        Promise.race([c.endAsync(!c.connected), new Promise((r) => setTimeout(r, 2000).unref())]).catch(
          () => undefined,
        ),
      ),
    )
  }

  private async connect(device: DemoDevice): Promise<void> {
    const client = await mqtt.connectAsync(this.options.url, {
      clientId: device.clientId,
      protocolVersion: 4,
      keepalive: 30,
      username: this.options.username || undefined,
      password: this.options.password || undefined,
      will: device.will
        ? { topic: device.will.topic, payload: Buffer.from(device.will.payload), qos: 0, retain: true }
        : undefined,
      // Devices come back by themselves after a drop (the flaky one is made to drop).
      reconnectPeriod: 3000,
      connectTimeout: 5000,
    })
    if (this.stopped) {
      await client.endAsync(true)
      return
    }
    this.devices.push({ device, client })
    client.on('error', (err) => this.options.log?.(`[demo] ${device.clientId}: ${describeError(err)}`))
    // Every (re)connect is announced as the firmware does: birth message, configs, a reading.
    client.on('connect', () => this.send(client, device.onConnect()))
    this.send(client, device.onConnect())
  }

  private liveUpdate(): void {
    const online = this.devices.filter((d) => d.client.connected)
    if (online.length === 0) return
    const { device, client } = pickByWeight(
      online.map((d) => ({ ...d, weight: d.device.weight })),
      this.random,
    )
    this.send(client, device.next())
  }

  private send(client: MqttClient, messages: DemoMessage[]): void {
    for (const m of messages) {
      if (!client.connected) return
      client.publish(m.topic, m.payload, { qos: 0, retain: m.retain })
      this.published++
      this.options.onPublished?.()
    }
  }

  private scheduleDrop(): void {
    if (this.stopped) return
    const every = this.options.flakyEveryMs ?? 30_000
    const delay = every * (0.8 + this.random() * 0.4)
    this.flakyTimer = setTimeout(() => {
      const flaky = this.devices.find((d) => d.device.flaky)
      // No DISCONNECT: the socket just goes, as when a device loses power or Wi-Fi.
      if (flaky?.client.connected) flaky.client.stream.destroy()
      this.scheduleDrop()
    }, delay)
    this.flakyTimer.unref()
  }
}
