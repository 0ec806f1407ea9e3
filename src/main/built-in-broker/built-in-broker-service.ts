import type { z } from 'zod'
import { ApiError } from '../../shared/api-error'
import type {
  BrokerClient,
  BrokerEvent,
  BrokerPacket,
  BuiltInBrokerStatus,
  StartBuiltInBroker,
} from '../../shared/built-in-broker'

/** Not built yet. */
export class BuiltInBrokerService {
  status(): BuiltInBrokerStatus {
    return todo()
  }
  start(_input: z.output<typeof StartBuiltInBroker>): Promise<BuiltInBrokerStatus> {
    return todo()
  }
  stop(): Promise<BuiltInBrokerStatus> {
    return todo()
  }
  clients(): BrokerClient[] {
    return todo()
  }
  timeline(_clientId: string | null, _limit: number): BrokerEvent[] {
    return todo()
  }
  setCapture(_connectionId: string, _on: boolean): BrokerClient {
    return todo()
  }
  packets(_connectionId: string): BrokerPacket[] {
    return todo()
  }
  startDemo(): Promise<BuiltInBrokerStatus> {
    return todo()
  }
  stopDemo(): Promise<BuiltInBrokerStatus> {
    return todo()
  }
  async close(): Promise<void> {}
}

function todo(): never {
  throw new ApiError('internal', 'not built yet')
}
