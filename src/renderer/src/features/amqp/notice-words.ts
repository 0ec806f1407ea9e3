import type { AmqpNotice } from '../../../../shared/amqp'

/** What each kind of connection notice is called on the timeline, and its colour. */
export const NOTICE_WORDS: Record<AmqpNotice['kind'], { title: string; color: string }> = {
  blocked: { title: 'Blocked by the broker', color: 'red' },
  unblocked: { title: 'Unblocked', color: 'green' },
  'channel-closed': { title: 'Channel closed by the broker', color: 'orange' },
  'connection-lost': { title: 'Connection lost', color: 'red' },
  restored: { title: 'Consumers restored', color: 'teal' },
}
