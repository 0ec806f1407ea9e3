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

export interface AmqpTopologyDeps {
  /** The profile's AMQP settings and secrets (throws for a profile that is not AMQP). */
  profileOf(profileId: string): { config: AmqpConfig; secrets: Secrets }
  /** The profile's live amqplib connection (throws `unavailable` when not connected). */
  amqpOf(profileId: string): ChannelModel
}

/** Not built yet. */
export class AmqpTopologyService {
  constructor(private readonly deps: AmqpTopologyDeps) {}

  topology(profileId: string): Promise<AmqpTopology> {
    return todo(this.deps, profileId)
  }
  declareExchange(input: z.output<typeof DeclareAmqpExchange>): Promise<null> {
    return todo(this.deps, input.profileId)
  }
  declareQueue(input: z.output<typeof DeclareAmqpQueue>): Promise<AmqpQueueCheck> {
    return todo(this.deps, input.profileId)
  }
  checkQueue(profileId: string, name: string): Promise<AmqpQueueCheck> {
    return todo(this.deps, profileId + name)
  }
  bind(input: z.output<typeof AmqpBindingRequest>): Promise<null> {
    return todo(this.deps, input.profileId)
  }
  unbind(input: z.output<typeof AmqpBindingRequest>): Promise<null> {
    return todo(this.deps, input.profileId)
  }
  purge(profileId: string, name: string): Promise<{ purged: number }> {
    return todo(this.deps, profileId + name)
  }
  deleteQueue(input: z.output<typeof DeleteAmqpQueue>): Promise<{ deleted: number }> {
    return todo(this.deps, input.profileId)
  }
  deleteExchange(input: z.output<typeof DeleteAmqpExchange>): Promise<null> {
    return todo(this.deps, input.profileId)
  }
}

function todo(_deps: unknown, _what: string): never {
  throw new ApiError('internal', 'not built yet')
}
