import type { ChannelModel } from 'amqplib'
import type { z } from 'zod'
import type {
  AmqpBindingRequest,
  AmqpQueueCheck,
  AmqpTopology,
  DeclareAmqpExchange,
  DeclareAmqpQueue,
  DeleteAmqpExchange,
  DeleteAmqpQueue,
} from '../../shared/amqp'
import { ApiError } from '../../shared/api-error'
import type { AmqpConfig, Secrets } from '../../shared/profiles'
import * as ops from '../brokers/amqp/amqp-ops'
import { BUILT_IN_EXCHANGE_TYPES, withSpareConnection } from '../brokers/amqp/amqp-ops-spare-connection'
import { describeError } from '../connections/broker-link'
import { checkShortStrings } from './amqp-topology-names'
import { checkWatched } from './amqp-topology-watched'
import { ManagementClient } from './management-client'
import { ManagementError } from './management-errors'
import { readManagementTopology, type ManagementTopology } from './management-topology'
import { managementTarget, ManagementUrlError, type ManagementTarget } from './management-url'

export interface AmqpTopologyDeps {
  /** The profile's AMQP settings and secrets (throws for a profile that is not AMQP). */
  profileOf(profileId: string): { config: AmqpConfig; secrets: Secrets }
  /** The profile's live amqplib connection (throws `unavailable` when not connected). */
  amqpOf(profileId: string): ChannelModel
}

type BindingInput = z.output<typeof AmqpBindingRequest>

/** The management API's answer, or why there is none. */
type ManagementOutcome =
  { ok: true; url: string; topology: ManagementTopology } | { ok: false; url: string; error: string }

/**
 * A RabbitMQ profile's topology and the operations on it.
 *
 * The topology comes from the management plugin when it answers (everything in the profile's
 * vhost; the AMQP connection is not needed for it). When it does not, pure AMQP can only check
 * names it is given: the profile's watched names are checked on the live connection and the
 * management API's failure is reported beside them. With neither (no management API and not
 * connected) the call fails with `unavailable`, giving both reasons, rather than answering a
 * topology in which every name is "not connected".
 *
 * Every operation runs on the profile's live connection, on a channel of its own, so a refusal
 * (404, 403, 405, 406) comes back in the broker's words and costs only that channel. The few
 * commands RabbitMQ refuses by closing the whole connection instead (an unknown exchange type,
 * purging a stream, if-empty / if-unused deletes of quorum queues and streams) run on a
 * short-lived connection of their own. Names and routing keys are checked against AMQP's 255-byte
 * limit before anything is sent.
 */
export class AmqpTopologyService {
  constructor(private readonly deps: AmqpTopologyDeps) {}

  async topology(profileId: string): Promise<AmqpTopology> {
    const { config, secrets } = this.deps.profileOf(profileId)
    const management = await readManagement(config, secrets)
    if (management.ok) {
      const { rabbitmqVersion, erlangVersion, clusterName, ...lists } = management.topology
      return {
        vhost: config.vhost,
        source: 'management',
        management: {
          url: management.url,
          ok: true,
          error: null,
          rabbitmqVersion,
          erlangVersion,
          clusterName,
        },
        ...lists,
        watched: [],
        fetchedAt: Date.now(),
      }
    }
    let connection: ChannelModel
    try {
      connection = this.deps.amqpOf(profileId)
    } catch (err) {
      const code = err instanceof ApiError ? err.code : 'unavailable'
      throw new ApiError(
        code,
        `${describeError(err)}, and the management API cannot be used either: ${management.error}`,
      )
    }
    const checked = await checkWatched(connection, config.watched)
    return {
      vhost: config.vhost,
      source: 'amqp',
      management: {
        url: management.url,
        ok: false,
        error: management.error,
        rabbitmqVersion: null,
        erlangVersion: null,
        clusterName: null,
      },
      vhosts: null,
      exchanges: checked.exchanges,
      queues: checked.queues,
      bindings: [],
      watched: checked.watched,
      fetchedAt: Date.now(),
    }
  }

  /**
   * Exchange types beyond the built-in four come from plugins; RabbitMQ answers a type it does not
   * know by closing the whole connection (503 COMMAND_INVALID), so those are declared on a
   * connection of their own and the profile's stays up whatever the answer.
   */
  async declareExchange(input: z.output<typeof DeclareAmqpExchange>): Promise<null> {
    checkShortStrings([{ path: 'name', kind: 'exchange', value: input.name }], input.arguments)
    const spec: ops.ExchangeSpec = {
      name: input.name,
      type: input.type,
      durable: input.durable,
      autoDelete: input.autoDelete,
      internal: input.internal,
      arguments: input.arguments,
    }
    if (BUILT_IN_EXCHANGE_TYPES.has(input.type)) {
      await ops.declareExchange(this.deps.amqpOf(input.profileId), spec)
    } else {
      await this.onSpare(input.profileId, (c) => ops.declareExchange(c, spec))
    }
    return null
  }

  /** `type` is sent as `x-queue-type`, over any such argument; an exclusive queue is the connection's. */
  async declareQueue(input: z.output<typeof DeclareAmqpQueue>): Promise<AmqpQueueCheck> {
    const args = { ...input.arguments, 'x-queue-type': input.type }
    checkShortStrings([{ path: 'name', kind: 'queue', value: input.name }], args)
    const declared = await ops.declareQueue(this.deps.amqpOf(input.profileId), {
      name: input.name,
      durable: input.durable,
      autoDelete: input.autoDelete,
      exclusive: input.exclusive,
      arguments: args,
    })
    return { name: declared.name, messages: declared.messages, consumers: declared.consumers }
  }

  async checkQueue(profileId: string, name: string): Promise<AmqpQueueCheck> {
    checkShortStrings([{ path: 'name', kind: 'queue', value: name }])
    const checked = await ops.checkQueue(this.deps.amqpOf(profileId), name)
    return { name: checked.name, messages: checked.messages, consumers: checked.consumers }
  }

  async bind(input: BindingInput): Promise<null> {
    checkBinding(input)
    await ops.bind(this.deps.amqpOf(input.profileId), input)
    return null
  }

  async unbind(input: BindingInput): Promise<null> {
    checkBinding(input)
    await ops.unbind(this.deps.amqpOf(input.profileId), input)
    return null
  }

  /** On a spare connection: a stream refuses a purge by closing the connection (540). */
  async purge(profileId: string, name: string): Promise<{ purged: number }> {
    checkShortStrings([{ path: 'name', kind: 'queue', value: name }])
    return { purged: await this.onSpare(profileId, (c) => ops.purgeQueue(c, name)) }
  }

  /** With if-unused or if-empty on a spare connection: quorum queues and streams refuse those by closing it (540). */
  async deleteQueue(input: z.output<typeof DeleteAmqpQueue>): Promise<{ deleted: number }> {
    checkShortStrings([{ path: 'name', kind: 'queue', value: input.name }])
    const options = { ifUnused: input.ifUnused, ifEmpty: input.ifEmpty }
    const run = (c: ChannelModel) => ops.deleteQueue(c, input.name, options)
    const deleted =
      options.ifUnused || options.ifEmpty
        ? await this.onSpare(input.profileId, run)
        : await run(this.deps.amqpOf(input.profileId))
    return { deleted }
  }

  async deleteExchange(input: z.output<typeof DeleteAmqpExchange>): Promise<null> {
    checkShortStrings([{ path: 'name', kind: 'exchange', value: input.name }])
    await ops.deleteExchange(this.deps.amqpOf(input.profileId), input.name, { ifUnused: input.ifUnused })
    return null
  }

  /**
   * For commands RabbitMQ may refuse by closing the whole connection (see withSpareConnection).
   * The profile must be connected all the same, so every operation needs the same thing.
   */
  private onSpare<T>(profileId: string, fn: (connection: ChannelModel) => Promise<T>): Promise<T> {
    const own = this.deps.amqpOf(profileId)
    const { config, secrets } = this.deps.profileOf(profileId)
    return withSpareConnection(own, config, secrets, fn)
  }
}

function checkBinding(input: BindingInput): void {
  checkShortStrings(
    [
      { path: 'source', kind: 'exchange', value: input.source },
      { path: 'destination', kind: input.destinationType, value: input.destination },
      { path: 'routingKey', kind: 'routingKey', value: input.routingKey },
    ],
    input.arguments,
  )
}

async function readManagement(config: AmqpConfig, secrets: Secrets): Promise<ManagementOutcome> {
  let target: ManagementTarget
  try {
    target = managementTarget(config, secrets)
  } catch (err) {
    if (err instanceof ManagementUrlError) return { ok: false, url: err.url, error: err.message }
    throw err
  }
  try {
    const topology = await readManagementTopology(new ManagementClient(target), config.vhost)
    return { ok: true, url: target.url, topology }
  } catch (err) {
    if (err instanceof ManagementError) return { ok: false, url: target.url, error: err.message }
    throw err
  }
}
