import { usePublishDraftsStore } from '../../stores/publish-drafts-store'
import { EMPTY_AMQP_DRAFT } from '../publish/amqp-target-draft'
import { useAmqpNavStore } from '../../stores/amqp-nav-store'

/** Opens the Publish tab with the exchange (and a routing key, when given) filled in. */
export function publishTo(profileId: string, exchange: string, routingKey?: string): void {
  const drafts = usePublishDraftsStore.getState()
  const current = drafts.byProfile[profileId]?.target
  const target = current?.protocol === 'amqp' ? current : EMPTY_AMQP_DRAFT
  drafts.patch(profileId, 'amqp', {
    target: { ...target, exchange, ...(routingKey === undefined ? {} : { routingKey }) },
  })
  useAmqpNavStore.getState().set(profileId, { tab: 'publish' })
}
