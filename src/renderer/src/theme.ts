import { createTheme, type MantineColor } from '@mantine/core'
import type { ConnectionState } from '../../shared/connection-status'
import type { Protocol } from '../../shared/profiles'

/** System font stacks only: nothing is fetched from the network. */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, Cantarell, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace:
    'ui-monospace, "SF Mono", "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
})

export const PROTOCOL_LABEL: Record<Protocol, string> = { mqtt: 'MQTT', amqp: 'AMQP', kafka: 'Kafka' }
export const PROTOCOL_LONG_LABEL: Record<Protocol, string> = {
  mqtt: 'MQTT',
  amqp: 'AMQP 0-9-1 (RabbitMQ)',
  kafka: 'Apache Kafka',
}
export const PROTOCOL_COLOR: Record<Protocol, MantineColor> = {
  mqtt: 'violet',
  amqp: 'orange',
  kafka: 'teal',
}

export const STATE_COLOR: Record<ConnectionState, MantineColor> = {
  disconnected: 'gray',
  connecting: 'yellow',
  reconnecting: 'yellow',
  connected: 'green',
  failed: 'red',
}
