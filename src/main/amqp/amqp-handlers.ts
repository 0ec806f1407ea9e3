import type { ApiHandlers } from '../../shared/api'
import type { AmqpConsumerService } from './amqp-consumer-service'
import type { AmqpNotices } from './amqp-notices'
import type { AmqpTopologyService } from './amqp-topology-service'

type AmqpMethods =
  | 'amqpTopology'
  | 'declareAmqpExchange'
  | 'declareAmqpQueue'
  | 'checkAmqpQueue'
  | 'bindAmqp'
  | 'unbindAmqp'
  | 'purgeAmqpQueue'
  | 'deleteAmqpQueue'
  | 'deleteAmqpExchange'
  | 'startAmqpConsumer'
  | 'startAmqpTap'
  | 'stopAmqpConsumer'
  | 'listAmqpConsumers'
  | 'listAmqpPending'
  | 'settleAmqp'
  | 'peekAmqpQueue'
  | 'listAmqpNotices'

/**
 * The API's RabbitMQ methods over the topology and consumer services. `checkProfile` throws for a
 * profile that does not exist or is not AMQP, so that a wrong id is refused before any broker call.
 */
export function amqpHandlers(deps: {
  topology: AmqpTopologyService
  consumers: AmqpConsumerService
  notices: AmqpNotices
  checkProfile: (profileId: string) => void
}): Pick<ApiHandlers, AmqpMethods> {
  const { topology, consumers, notices, checkProfile } = deps
  return {
    amqpTopology: ({ profileId }) => topology.topology(profileId),
    declareAmqpExchange: (input) => topology.declareExchange(input),
    declareAmqpQueue: (input) => topology.declareQueue(input),
    checkAmqpQueue: ({ profileId, name }) => topology.checkQueue(profileId, name),
    bindAmqp: (input) => topology.bind(input),
    unbindAmqp: (input) => topology.unbind(input),
    purgeAmqpQueue: ({ profileId, name }) => topology.purge(profileId, name),
    deleteAmqpQueue: (input) => topology.deleteQueue(input),
    deleteAmqpExchange: (input) => topology.deleteExchange(input),
    startAmqpConsumer: (input) => {
      checkProfile(input.profileId)
      return consumers.start(input)
    },
    startAmqpTap: (input) => {
      checkProfile(input.profileId)
      return consumers.startTap(input)
    },
    stopAmqpConsumer: ({ id }) => consumers.stop(id),
    listAmqpConsumers: () => consumers.list(),
    listAmqpPending: ({ id }) => consumers.pending(id),
    settleAmqp: (input) => consumers.settle(input),
    peekAmqpQueue: (input) => {
      checkProfile(input.profileId)
      return consumers.peek(input)
    },
    listAmqpNotices: ({ profileId }) => {
      checkProfile(profileId)
      return notices.list(profileId)
    },
  }
}
