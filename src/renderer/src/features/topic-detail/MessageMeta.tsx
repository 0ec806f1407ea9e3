import { Badge, Group, Table, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import type { MessageSummary, MqttPublishProperties } from '../../../../shared/messages'
import { formatBytes, formatDateTime, toHex } from './format-units'

/** Time, size and flags of one message, then its MQTT 5 properties when it has any. */
export function MessageMeta({ message }: { message: MessageSummary }) {
  return (
    <div data-testid="detail-message-meta">
      <Group gap={6} wrap="wrap">
        <Text size="sm" className="mono" data-testid="detail-message-time">
          {formatDateTime(message.receivedAt)}
        </Text>
        <Text size="sm" c="dimmed">
          · {formatBytes(message.size)}
        </Text>
        {message.qos !== null && (
          <Badge size="sm" variant="default" radius="sm">
            QoS {message.qos}
          </Badge>
        )}
        {message.retain && (
          <Badge size="sm" variant="light" color="teal" radius="sm" data-testid="detail-message-retain">
            retain
          </Badge>
        )}
        {message.dup && (
          <Badge size="sm" variant="light" color="orange" radius="sm">
            dup
          </Badge>
        )}
        {message.direction === 'out' && (
          <Badge size="sm" variant="light" color="grape" radius="sm">
            sent by you
          </Badge>
        )}
      </Group>
      {message.properties && <PropertiesTable properties={message.properties} />}
    </div>
  )
}

function PropertiesTable({ properties: p }: { properties: MqttPublishProperties }) {
  const rows: [string, ReactNode][] = []
  if (p.contentType !== undefined) rows.push(['Content type', p.contentType])
  if (p.payloadFormatIndicator !== undefined)
    rows.push(['Payload format', p.payloadFormatIndicator ? 'UTF-8 text' : 'bytes'])
  if (p.responseTopic !== undefined) rows.push(['Response topic', p.responseTopic])
  if (p.correlationData !== undefined) rows.push(['Correlation data', toHex(p.correlationData)])
  if (p.messageExpiryInterval !== undefined) rows.push(['Expiry', `${p.messageExpiryInterval} s`])
  if (p.topicAlias !== undefined) rows.push(['Topic alias', String(p.topicAlias)])
  if (p.subscriptionIdentifiers?.length) rows.push(['Subscription ids', p.subscriptionIdentifiers.join(', ')])
  const users = p.userProperties ?? []
  if (rows.length === 0 && users.length === 0) return null
  return (
    <div className="props-block" data-testid="detail-properties">
      {rows.length > 0 && (
        <div className="kv-grid props-grid">
          {rows.map(([k, v]) => (
            <PropRow key={k} label={k} value={v} />
          ))}
        </div>
      )}
      {users.length > 0 && (
        <Table
          mt={6}
          withTableBorder
          withColumnBorders
          striped
          fz="xs"
          verticalSpacing={2}
          horizontalSpacing={6}
          data-testid="detail-user-properties"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>User property</Table.Th>
              <Table.Th>Value</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map(([k, v], i) => (
              <Table.Tr key={i}>
                <Table.Td className="mono prop-cell">{k}</Table.Td>
                <Table.Td className="mono prop-cell">{v}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </div>
  )
}

function PropRow({ label, value }: { label: string; value: ReactNode }) {
  return (
    <>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xs" className="mono prop-cell">
        {value}
      </Text>
    </>
  )
}
