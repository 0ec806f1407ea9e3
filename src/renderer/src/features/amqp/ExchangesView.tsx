import type { Profile } from '../../../../shared/profiles'
import { useAmqpNav } from '../../stores/amqp-nav-store'
import { ExchangeDetail } from './ExchangeDetail'
import { ExchangeList } from './ExchangeList'

/** The exchanges tab: the list, or the exchange opened from it. */
export function ExchangesView({ profile }: { profile: Profile }) {
  const nav = useAmqpNav(profile.id)
  return nav.exchange === null ? (
    <ExchangeList profile={profile} />
  ) : (
    <ExchangeDetail key={nav.exchange} profile={profile} name={nav.exchange} />
  )
}
