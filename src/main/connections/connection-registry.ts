import type { ConnectionStatus } from '../../shared/connection-status'
import type { Profile, Secrets } from '../../shared/profiles'
import type { LinkFactory } from './broker-link'
import { ManagedSession, type SessionStatus } from './managed-session'

interface Entry {
  session: ManagedSession
  factory: LinkFactory
  profile: Profile
  status: ConnectionStatus
}

/**
 * Every open (or failed) connection, one per profile. Several profiles may be connected at once.
 * Each status change is published as an event so that every window sees the same state.
 */
export class ConnectionRegistry {
  private readonly entries = new Map<string, Entry>()

  constructor(
    private readonly makeFactory: (profile: Profile, secrets: Secrets) => LinkFactory,
    private readonly publish: (status: ConnectionStatus) => void,
  ) {}

  list(): ConnectionStatus[] {
    return [...this.entries.values()].map((e) => e.status)
  }

  status(profileId: string): ConnectionStatus | undefined {
    return this.entries.get(profileId)?.status
  }

  /** The protocol connection (link factory) of a profile that is connected or trying to be. */
  connection(profileId: string): LinkFactory | undefined {
    return this.entries.get(profileId)?.factory
  }

  async connect(profile: Profile, secrets: Secrets): Promise<ConnectionStatus> {
    const existing = this.entries.get(profile.id)
    if (existing && existing.status.state !== 'failed' && existing.status.state !== 'disconnected') {
      return existing.status
    }
    // A fresh session each time, so that an edited profile connects with its new settings.
    const factory = this.makeFactory(profile, secrets)
    const entry: Entry = {
      profile,
      factory,
      status: this.toStatus(profile, { state: 'disconnected', attempt: 0, reason: null, serverInfo: null }),
      session: new ManagedSession(factory, (s) => this.update(entry, s)),
    }
    this.entries.set(profile.id, entry)
    await entry.session.open()
    return entry.status
  }

  async disconnect(profileId: string, protocol: Profile['config']['protocol']): Promise<ConnectionStatus> {
    const entry = this.entries.get(profileId)
    if (!entry) {
      return {
        profileId,
        protocol,
        state: 'disconnected',
        attempt: 0,
        reason: null,
        since: Date.now(),
        serverInfo: null,
      }
    }
    await entry.session.close()
    const status: ConnectionStatus = {
      ...entry.status,
      state: 'disconnected',
      attempt: 0,
      reason: null,
      since: Date.now(),
    }
    this.entries.delete(profileId)
    if (entry.status.state !== 'disconnected') this.publish(status)
    return status
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => e.session.close()))
    this.entries.clear()
  }

  private update(entry: Entry, s: SessionStatus): void {
    entry.status = this.toStatus(entry.profile, s)
    this.publish(entry.status)
  }

  private toStatus(profile: Profile, s: SessionStatus): ConnectionStatus {
    return { profileId: profile.id, protocol: profile.config.protocol, ...s, since: Date.now() }
  }
}
