import type { BuiltInBrokerStatus } from '../../../../shared/built-in-broker'
import { isLoopback } from './device-addresses'

type State = BuiltInBrokerStatus['state']

export const BROKER_STATE_LABEL: Record<State, string> = {
  stopped: 'Stopped',
  starting: 'Starting…',
  running: 'Running',
  failed: 'Failed',
}

export const BROKER_STATE_COLOR: Record<State, string> = {
  stopped: 'gray',
  starting: 'yellow',
  running: 'green',
  failed: 'red',
}

/** Where the broker listens, in words: "port 1883 on this computer only (127.0.0.1)". */
export function listenLine(
  status: Pick<BuiltInBrokerStatus, 'bindAddress' | 'port' | 'websocketPort'>,
): string {
  if (status.port === null || status.bindAddress === null) return 'not listening'
  const where = isLoopback(status.bindAddress)
    ? `on this computer only (${status.bindAddress})`
    : `on every network interface (${status.bindAddress})`
  const ws = status.websocketPort === null ? '' : `, WebSocket on ${status.websocketPort}`
  return `port ${status.port}${ws} ${where}`
}

/** "3 clients", "1 client", "no clients". */
export function clientCount(n: number): string {
  return n === 0 ? 'no clients' : `${n} client${n === 1 ? '' : 's'}`
}
