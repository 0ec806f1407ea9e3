import { Badge, Group, Table, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import type { AmqpMeta, KafkaMeta, MessageSummary, MqttPublishProperties } from '../../../../shared/messages'
import { InlineBytes } from '../payload-viewer/InlineBytes'
import { amqpHeaders, amqpRows, kafkaRows, type MetaValue } from '../payload-viewer/meta-rows'
import { formatBytes, formatDateTime, toHex } from './format-units'

type Rows = [string, ReactNode][]

/**
 * Time, size and flags of one message, then what its protocol carries besides the payload: MQTT 5
 * properties, AMQP routing and basic properties, or a Kafka record's place, key and headers.
 */
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
        {message.amqp?.redelivered && (
          <Badge size="sm" variant="light" color="orange" radius="sm" data-testid="detail-amqp-redelivered">
            redelivered
          </Badge>
        )}
        {message.direction === 'out' && (
          <Badge size="sm" variant="light" color="grape" radius="sm">
            sent by you
          </Badge>
        )}
      </Group>
      {message.properties && <PropertiesTable properties={message.properties} />}
      {message.amqp && <AmqpBlock amqp={message.amqp} />}
      {message.kafka && <KafkaBlock kafka={message.kafka} />}
    </div>
  )
}

function PropertiesTable({ properties: p }: { properties: MqttPublishProperties }) {
  const rows: Rows = []
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
      {rows.length > 0 && <PropGrid rows={rows} />}
      {users.length > 0 && (
        <PairTable
          head="User property"
          pairs={users.map(([k, v]) => [k, v])}
          testId="detail-user-properties"
        />
      )}
    </div>
  )
}

function metaValue(v: MetaValue, testId?: string): ReactNode {
  if ('text' in v) return v.text
  if ('bytes' in v) return <InlineBytes bytes={v.bytes} testId={testId} />
  return <em>{v.none}</em>
}

function AmqpBlock({ amqp }: { amqp: AmqpMeta }) {
  const headers = amqpHeaders(amqp)
  return (
    <div className="props-block" data-testid="detail-amqp">
      <PropGrid rows={amqpRows(amqp, formatDateTime).map(([k, v]) => [k, metaValue(v)])} />
      {headers.length > 0 && <PairTable head="Header" pairs={headers} testId="detail-amqp-headers" />}
    </div>
  )
}

function KafkaBlock({ kafka }: { kafka: KafkaMeta }) {
  return (
    <div className="props-block" data-testid="detail-kafka">
      <PropGrid
        rows={kafkaRows(kafka, formatDateTime).map(([k, v]) => [k, metaValue(v, 'detail-kafka-key')])}
      />
      {kafka.headers.length > 0 && (
        <PairTable
          head="Header"
          pairs={kafka.headers.map(([k, v], i) => [k, <InlineBytes key={i} bytes={v} />])}
          testId="detail-kafka-headers"
        />
      )}
    </div>
  )
}

function PropGrid({ rows }: { rows: Rows }) {
  return (
    <div className="kv-grid props-grid">
      {rows.map(([k, v]) => (
        <PropRow key={k} label={k} value={v} />
      ))}
    </div>
  )
}

/** Name/value pairs in order, repeats allowed (user properties, headers). */
function PairTable({ head, pairs, testId }: { head: string; pairs: [string, ReactNode][]; testId: string }) {
  return (
    <Table
      mt={6}
      withTableBorder
      withColumnBorders
      striped
      fz="xs"
      verticalSpacing={2}
      horizontalSpacing={6}
      data-testid={testId}
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{head}</Table.Th>
          <Table.Th>Value</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {pairs.map(([k, v], i) => (
          <Table.Tr key={i}>
            <Table.Td className="mono prop-cell">{k}</Table.Td>
            <Table.Td className="mono prop-cell">{v}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

function PropRow({ label, value }: { label: string; value: ReactNode }) {
  return (
    <>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xs" className="mono prop-cell" component="div">
        {value}
      </Text>
    </>
  )
}
