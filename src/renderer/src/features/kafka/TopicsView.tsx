import type { Profile } from '../../../../shared/profiles'
import { useKafkaNav } from '../../stores/kafka-nav-store'
import { TopicDetailView } from './TopicDetailView'
import { TopicList } from './TopicList'

/** The topics tab: the list, or the topic opened from it. */
export function TopicsView({ profile }: { profile: Profile }) {
  const nav = useKafkaNav(profile.id)
  return nav.topic === null ? (
    <TopicList profile={profile} />
  ) : (
    <TopicDetailView key={nav.topic} profile={profile} topic={nav.topic} />
  )
}
