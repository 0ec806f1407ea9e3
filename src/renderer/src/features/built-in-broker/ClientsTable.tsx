import { Group, Table, Text, Tooltip } from '@mantine/core'
import type { BrokerClient } from '../../../../shared/built-in-broker'
import { formatClock } from '../connection/connection-text'
import { isUnplanned, keepaliveLabel, mqttVersionLabel, reasonWords } from './disconnect-words'

/**
 * One row per connection: who (client id, address, user), how (MQTT version, keepalive, clean
 * session, will) and what became of it — connected since when, or when it ended and why, in words.
 */
export function ClientsTable({
  rows,
  selected,
  onSelect,
  ownClientId,
  now,
}: {
  rows: readonly BrokerClient[]
  selected: string | null
  onSelect: (connectionId: string) => void
  /** The client id the app itself connects with, marked as such. */
  ownClientId: string | null
  now: number
}) {
  return (
    <Table
      highlightOnHover
      stickyHeader
      verticalSpacing={6}
      horizontalSpacing="sm"
      fz="sm"
      tabularNums
      className="broker-clients-table"
      data-testid="broker-clients"
      data-count={rows.length}
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Client id</Table.Th>
          <Table.Th>Address</Table.Th>
          <Table.Th w={62}>MQTT</Table.Th>
          <Table.Th w={84}>Keepalive</Table.Th>
          <Table.Th w={56}>Clean</Table.Th>
          <Table.Th>Will</Table.Th>
          <Table.Th w="38%">Connection</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((c) => (
          <Table.Tr
            key={c.connectionId}
            className="broker-client-row"
            data-selected={c.connectionId === selected}
            aria-selected={c.connectionId === selected}
            onClick={() => onSelect(c.connectionId)}
            tabIndex={0}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault()
                onSelect(c.connectionId)
              }
            }}
            data-testid="broker-client-row"
            data-client-id={c.clientId}
            data-connected={c.connected}
            data-reason={c.disconnectReason ?? ''}
          >
            <Table.Td>
              <Group gap={6} wrap="nowrap" preventGrowOverflow={false}>
                <span
                  className="broker-dot"
                  style={{
                    background: c.connected
                      ? 'var(--mantine-color-green-filled)'
                      : c.disconnectReason && isUnplanned(c.disconnectReason)
                        ? 'var(--mantine-color-red-filled)'
                        : 'var(--mantine-color-gray-5)',
                  }}
                />
                <Text size="sm" fw={600} className="mono broker-nowrap">
                  {c.clientId || '(empty client id)'}
                </Text>
                {c.clientId === ownClientId && (
                  <Tooltip label="Brokerlens itself: the built-in profile's connection" withArrow>
                    {/* plain text, not a Badge: a Badge clips, so the table cannot size the column for it */}
                    <Text span size="xs" fw={600} className="broker-nowrap broker-tag" c="indigo">
                      this app
                    </Text>
                  </Tooltip>
                )}
                {c.username && (
                  <Text span size="xs" c="dimmed" className="mono broker-nowrap broker-tag">
                    {c.username}
                  </Text>
                )}
              </Group>
            </Table.Td>
            <Table.Td className="mono broker-cell-small">{c.address}</Table.Td>
            <Table.Td>{mqttVersionLabel(c.protocolVersion)}</Table.Td>
            <Table.Td>{keepaliveLabel(c.keepalive)}</Table.Td>
            <Table.Td>{c.cleanSession ? 'yes' : 'no'}</Table.Td>
            <Table.Td>
              {c.will ? (
                <Tooltip
                  label={`${c.will.topic} = ${c.will.preview ?? `${c.will.size} B of binary`} (QoS ${c.will.qos}${c.will.retain ? ', retained' : ''})`}
                  withArrow
                  multiline
                  maw={360}
                >
                  <Text
                    size="sm"
                    className="mono broker-cut broker-cell-small"
                    data-testid="broker-client-will"
                  >
                    {c.will.topic}
                  </Text>
                </Tooltip>
              ) : (
                <Text size="sm" c="dimmed">
                  none
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              {c.connected ? (
                <Text size="sm" c="var(--mantine-color-green-text)" data-testid="broker-client-state">
                  connected since {formatClock(c.connectedAt, now)}
                </Text>
              ) : (
                <EndedCell
                  top={`disconnected at ${formatClock(c.disconnectedAt ?? c.connectedAt, now)}`}
                  bottom={reasonWords(c)}
                  unplanned={c.disconnectReason !== null && isUnplanned(c.disconnectReason)}
                />
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

function EndedCell({ top, bottom, unplanned }: { top: string; bottom: string; unplanned: boolean }) {
  return (
    <div data-testid="broker-client-state">
      <Text size="sm" c="dimmed">
        {top}
      </Text>
      <Text
        size="xs"
        fw={500}
        c={unplanned ? 'var(--mantine-color-red-text)' : 'dimmed'}
        data-testid="broker-client-reason"
      >
        {bottom}
      </Text>
    </div>
  )
}
