import type { Profile } from '../../../../shared/profiles'
import { useKafkaNav } from '../../stores/kafka-nav-store'
import { GroupDetail } from './GroupDetail'
import { GroupList } from './GroupList'

/** The consumer groups tab: the list, or the group opened from it. */
export function GroupsView({ profile }: { profile: Profile }) {
  const nav = useKafkaNav(profile.id)
  return nav.group === null ? (
    <GroupList profile={profile} />
  ) : (
    <GroupDetail key={nav.group} profile={profile} groupId={nav.group} />
  )
}
