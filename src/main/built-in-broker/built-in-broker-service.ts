import type { z } from 'zod'
import type { ApiEvent } from '../../shared/api'
import { ApiError } from '../../shared/api-error'
import type {
  BrokerClient,
  BrokerEvent,
  BrokerPacket,
  BuiltInBrokerStatus,
  StartBuiltInBroker,
} from '../../shared/built-in-broker'
import { describeError } from '../connections/broker-link'
import type { ProfileStore } from '../profiles/profile-store'
import type { Settings } from '../storage/settings'
import { AedesServer } from './aedes-server'
import { BrokerMonitor } from './broker-monitor'
import { BrokerTimeline } from './broker-timeline'
import { BUILT_IN_HOST, BuiltInProfile } from './built-in-profile'
import { ClientRegistry } from './client-registry'
import { DemoPublisher } from './demo/demo-publisher'
import { lanAddresses } from './lan-addresses'
import { PortError } from './port-picking'
import { StoredSettings, type StoredBrokerSettings } from './stored-settings'

export interface BuiltInBrokerDeps {
  profiles: ProfileStore
  settings: Settings
  /** Connects a profile through the core's normal path (the connection registry). */
  connect(profileId: string): Promise<unknown>
  disconnect(profileId: string): Promise<unknown>
  emit(event: ApiEvent): void
  log(message: string): void
}

type StartInput = z.output<typeof StartBuiltInBroker>
type State = BuiltInBrokerStatus['state']

/** Status events caused by traffic (clients coming and going, demo counts) at most this often. */
const STATUS_THROTTLE_MS = 1000

/**
 * The MQTT broker the app runs in its own process (aedes), so that a device can be debugged with no
 * broker installed, with what only a broker can show: who is connected with which settings, and
 * every connect, publish, will and disconnect (with its reason) per client.
 *
 * Starting it also makes (or updates) the app's own "Built-in broker" profile and connects it
 * through the normal path, so that the tree, history, publishing and the rest work on it like on
 * any broker. Start, stop and the demo run one at a time, in the order they were asked for.
 */
export class BuiltInBrokerService {
  private server: AedesServer | null = null
  private state: State = 'stopped'
  private error: string | null = null
  private startedAt: number | null = null
  private demo: DemoPublisher | null = null
  private demoPublished = 0
  private queue: Promise<unknown> = Promise.resolve()
  private statusTimer: NodeJS.Timeout | null = null
  private closed = false
  private readonly registry: ClientRegistry
  private readonly events: BrokerTimeline
  private readonly monitor: BrokerMonitor
  private readonly stored: StoredSettings
  private readonly profile: BuiltInProfile

  constructor(private readonly deps: BuiltInBrokerDeps) {
    this.registry = new ClientRegistry((client) => deps.emit({ type: 'broker.client', client }))
    this.events = new BrokerTimeline((events) => deps.emit({ type: 'broker.events', events }))
    this.monitor = new BrokerMonitor(this.registry, this.events, () => this.statusSoon())
    this.stored = new StoredSettings(deps.settings)
    this.profile = new BuiltInProfile(deps.profiles, this.stored)
  }

  status(): BuiltInBrokerStatus {
    const settings = this.stored.read()
    const profile = this.profile.current()
    const server = this.server
    return {
      state: this.state,
      error: this.error,
      settings: {
        port: settings.port,
        lan: settings.lan,
        username: settings.username,
        passwordSet: profile?.secretsSet.includes('password') ?? false,
        websocket: settings.websocket,
        websocketPort: settings.websocketPort,
      },
      bindAddress: server?.boundAddress ?? null,
      port: server?.port ?? null,
      websocketPort: server?.websocketPort ?? null,
      lanAddresses: lanAddresses(),
      profileId: profile?.id ?? null,
      clientsConnected: this.registry.connectedCount,
      startedAt: this.startedAt,
      demo: { running: this.demo !== null, published: this.demoPublished },
    }
  }

  /** Starts the broker, or restarts it with new settings. A port that cannot be had ends in `failed`. */
  start(input: StartInput): Promise<BuiltInBrokerStatus> {
    return this.serialized(async () => {
      const demoWasRunning = this.demo !== null
      await this.startWith(input.settings)
      if (demoWasRunning && this.state === 'running') await this.runDemo()
      return this.status()
    })
  }

  stop(): Promise<BuiltInBrokerStatus> {
    return this.serialized(async () => {
      await this.halt()
      return this.status()
    })
  }

  clients(): BrokerClient[] {
    return this.registry.list()
  }

  timeline(clientId: string | null, limit: number): BrokerEvent[] {
    return this.events.list(clientId, limit)
  }

  setCapture(connectionId: string, on: boolean): BrokerClient {
    return this.monitor.setCapture(connectionId, on)
  }

  packets(connectionId: string): BrokerPacket[] {
    return this.monitor.packets(connectionId)
  }

  /** Starts the demo publisher; the broker too (with its saved settings) if it is not running. */
  startDemo(): Promise<BuiltInBrokerStatus> {
    return this.serialized(async () => {
      if (this.state !== 'running' && !(await this.startWith({ ...this.stored.read(), password: null })))
        throw new ApiError(
          'unavailable',
          `The built-in broker could not start: ${this.error ?? 'unknown error'}`,
        )
      if (!this.demo) await this.runDemo()
      return this.status()
    })
  }

  stopDemo(): Promise<BuiltInBrokerStatus> {
    return this.serialized(async () => {
      await this.haltDemo()
      return this.status()
    })
  }

  /** App quit: stops the broker (and the demo) and sends what is pending. */
  async close(): Promise<void> {
    await this.serialized(async () => {
      this.closed = true
      await this.halt()
    })
    if (this.statusTimer) clearTimeout(this.statusTimer)
    this.statusTimer = null
    this.registry.close()
    this.events.close()
  }

  /** Starts with these settings; false when it failed (the status says why). */
  private async startWith(settings: StartInput['settings']): Promise<boolean> {
    if (this.closed) throw new ApiError('unavailable', 'The app is closing')
    await this.halt()
    this.setState('starting', null)
    const wanted: StoredBrokerSettings = {
      port: settings.port,
      lan: settings.lan,
      username: settings.username,
      websocket: settings.websocket,
      websocketPort: settings.websocketPort,
    }
    this.stored.write(wanted)
    let profileId: string
    try {
      // The profile first: the password is its secret, kept even if the port cannot be had. Its
      // port changes once the broker has one.
      profileId = this.ensureProfile(null, settings.username, settings.password)
      const password = this.profile.storedPassword()
      this.server = await AedesServer.start({
        host: settings.lan ? '0.0.0.0' : BUILT_IN_HOST,
        port: settings.port,
        websocket: settings.websocket,
        websocketPort: settings.websocketPort,
        credentials: settings.username ? { username: settings.username, password } : null,
        onBrokerCreated: (broker) => this.monitor.attach(broker),
        onConnection: (conn, client, address) => this.monitor.track(conn, client, address),
        onAccepted: (client) => this.monitor.accepted(client),
        onWill: (client, will) => this.monitor.will(client, will),
        log: this.deps.log,
      })
      this.ensureProfile(this.server.port, settings.username, null)
    } catch (err) {
      await this.server?.stop()
      this.server = null
      this.setState(
        'failed',
        err instanceof PortError || err instanceof ApiError ? err.message : describeError(err),
      )
      return false
    }
    this.startedAt = Date.now()
    this.setState('running', null)
    // A fresh link through the normal path: a session left from a previous run (or connected by
    // hand while the broker was stopped) would point at the old port or be waiting to retry.
    try {
      await this.deps.disconnect(profileId)
      await this.deps.connect(profileId)
    } catch (err) {
      this.deps.log(`[built-in broker] connecting its profile failed: ${describeError(err)}`)
    }
    return true
  }

  private ensureProfile(port: number | null, username: string, password: string | null): string {
    const { profile, changed } = this.profile.ensure(port, username, password)
    if (changed) this.deps.emit({ type: 'profiles.changed' })
    return profile.id
  }

  private async halt(): Promise<void> {
    await this.haltDemo()
    const server = this.server
    if (!server) {
      if (this.state !== 'stopped') this.setState('stopped', null)
      return
    }
    // The app's own connection ends cleanly (and does not start retrying) before the broker goes.
    const profile = this.profile.current()
    if (profile) await this.deps.disconnect(profile.id).catch(() => undefined)
    this.monitor.stopping()
    await server.stop()
    this.server = null
    this.startedAt = null
    this.setState('stopped', null)
  }

  private async runDemo(): Promise<void> {
    const server = this.server
    if (!server) return
    const settings = this.stored.read()
    this.demoPublished = 0
    const demo = new DemoPublisher({
      url: `mqtt://${BUILT_IN_HOST}:${server.port}`,
      username: settings.username,
      password: settings.username ? this.profile.storedPassword() : undefined,
      onPublished: () => {
        this.demoPublished++
        this.statusSoon()
      },
      log: this.deps.log,
    })
    try {
      await demo.start()
    } catch (err) {
      throw new ApiError(
        'unavailable',
        `The demo could not connect to the built-in broker: ${describeError(err)}`,
      )
    }
    this.demo = demo
    this.emitStatus()
  }

  private async haltDemo(): Promise<void> {
    const demo = this.demo
    if (!demo) return
    this.demo = null
    await demo.stop()
    this.emitStatus()
  }

  private setState(state: State, error: string | null): void {
    this.state = state
    this.error = error
    this.emitStatus()
  }

  private emitStatus(): void {
    if (this.statusTimer) clearTimeout(this.statusTimer)
    this.statusTimer = null
    this.deps.emit({ type: 'broker.status', status: this.status() })
  }

  /** For changes that come with traffic: coalesced into one status event a second. */
  private statusSoon(): void {
    if (this.closed) return
    this.statusTimer ??= setTimeout(() => this.emitStatus(), STATUS_THROTTLE_MS)
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => undefined)
    return run
  }
}
