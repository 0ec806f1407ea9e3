import type { AmqpNotice } from '../../shared/amqp'

/** Notices kept per profile: enough to read back what happened during a session, not a log. */
const KEEP = 200

/**
 * What an AMQP connection reported that the user should see (alarms, closed channels, losses,
 * restores), per profile, newest last. Each is sent as an `amqp.notice` event as it happens.
 */
export class AmqpNotices {
  private readonly byProfile = new Map<string, AmqpNotice[]>()
  private nextId = 1

  constructor(private readonly emit: (notice: AmqpNotice) => void) {}

  add(profileId: string, kind: AmqpNotice['kind'], text: string): AmqpNotice {
    const notice: AmqpNotice = {
      id: this.nextId++,
      profileId,
      at: Date.now(),
      kind,
      text: text.slice(0, 4096),
    }
    const list = this.byProfile.get(profileId) ?? []
    list.push(notice)
    if (list.length > KEEP) list.splice(0, list.length - KEEP)
    this.byProfile.set(profileId, list)
    this.emit(notice)
    return notice
  }

  list(profileId: string): AmqpNotice[] {
    return [...(this.byProfile.get(profileId) ?? [])]
  }

  forget(profileId: string): void {
    this.byProfile.delete(profileId)
  }
}
