import type { Profile } from '../../../../shared/profiles'
import { useAmqpNav } from '../../stores/amqp-nav-store'
import { QueueDetail } from './QueueDetail'
import { QueueList } from './QueueList'

/** The queues tab: the list, or the queue opened from it. */
export function QueuesView({ profile }: { profile: Profile }) {
  const nav = useAmqpNav(profile.id)
  return nav.queue === null ? (
    <QueueList profile={profile} />
  ) : (
    <QueueDetail key={nav.queue} profile={profile} name={nav.queue} />
  )
}
