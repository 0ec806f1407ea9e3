import type { ApiHandlers } from '../../shared/api'
import type { BuiltInBrokerService } from './built-in-broker-service'

type BrokerMethods =
  | 'builtInBrokerStatus'
  | 'startBuiltInBroker'
  | 'stopBuiltInBroker'
  | 'listBrokerClients'
  | 'getBrokerTimeline'
  | 'setBrokerCapture'
  | 'getBrokerPackets'
  | 'startDemo'
  | 'stopDemo'

/** The API's built-in broker methods over its service. */
export function builtInBrokerHandlers(broker: BuiltInBrokerService): Pick<ApiHandlers, BrokerMethods> {
  return {
    builtInBrokerStatus: () => broker.status(),
    startBuiltInBroker: (input) => broker.start(input),
    stopBuiltInBroker: () => broker.stop(),
    listBrokerClients: () => broker.clients(),
    getBrokerTimeline: ({ clientId, limit }) => broker.timeline(clientId, limit),
    setBrokerCapture: ({ connectionId, on }) => broker.setCapture(connectionId, on),
    getBrokerPackets: ({ connectionId }) => broker.packets(connectionId),
    startDemo: () => broker.startDemo(),
    stopDemo: () => broker.stopDemo(),
  }
}
