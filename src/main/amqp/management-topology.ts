import type { AmqpTopology } from '../../shared/amqp'
import type { ManagementClient } from './management-client'
import { ManagementError } from './management-errors'
import { bindingInfos, exchangeInfos, queueInfos, vhostInfos } from './management-mapping'

/** A vhost's topology as the management API tells it, ready for the contract. */
export type ManagementTopology = Pick<AmqpTopology, 'vhosts' | 'exchanges' | 'queues' | 'bindings'> & {
  rabbitmqVersion: string | null
  erlangVersion: string | null
  clusterName: string | null
}

/**
 * Asks for the overview, the vhosts and the vhost's exchanges, queues and bindings at once. When
 * several fail, the first in that order explains it best: a wrong URL fails the overview already,
 * and a missing vhost fails only its own lists. Every request is settled before this returns, so
 * none is left to reject unheard.
 */
export async function readManagementTopology(
  client: ManagementClient,
  vhost: string,
): Promise<ManagementTopology> {
  const [overview, vhosts, exchanges, queues, bindings] = await Promise.allSettled([
    client.overview(),
    client.vhosts(),
    client.exchanges(vhost),
    client.queues(vhost),
    client.bindings(vhost),
  ])
  for (const r of [overview, vhosts, exchanges, queues, bindings]) {
    if (r.status === 'rejected') {
      throw r.reason instanceof ManagementError ? r.reason : new ManagementError(String(r.reason))
    }
  }
  const value = <T>(r: PromiseSettledResult<T>): T => (r as PromiseFulfilledResult<T>).value
  const o = value(overview)
  return {
    rabbitmqVersion: o.rabbitmq_version ?? null,
    erlangVersion: o.erlang_version ?? null,
    clusterName: o.cluster_name ?? null,
    vhosts: vhostInfos(value(vhosts)),
    exchanges: exchangeInfos(value(exchanges)),
    queues: queueInfos(value(queues)),
    bindings: bindingInfos(value(bindings)),
  }
}
