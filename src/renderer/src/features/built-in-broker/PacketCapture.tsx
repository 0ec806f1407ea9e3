import { Alert, Badge, Center, Code, Group, ScrollArea, Switch, Table, Text } from '@mantine/core'
import { IconAlertTriangle, IconArrowDownLeft, IconArrowUpRight } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import type { BrokerClient, BrokerPacket } from '../../../../shared/built-in-broker'
import { formatJson } from '../../../../shared/codecs/json-text'
import { api } from '../../api/client'
import { useBrokerClientsStore } from '../../stores/broker-clients-store'
import { clockMs } from './timeline-text'

/** The capture is read this often while it runs and the list is on screen (packets have no event). */
const POLL_MS = 1000

/**
 * Raw MQTT packets of one connection: off until the user turns it on (the core keeps the last 500
 * per connection), then listed newest first with their direction, type and size; a picked packet
 * shows as JSON and as hex.
 */
export function PacketCapture({ client }: { client: BrokerClient }) {
  const { connectionId, capturing, connected } = client
  const [packets, setPackets] = useState<BrokerPacket[]>([])
  const [picked, setPicked] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [switching, setSwitching] = useState(false)

  // read once on opening, then every second while capturing; a read after the end shows the last ones
  useEffect(() => {
    let stop = false
    const read = () =>
      api()
        .getBrokerPackets({ connectionId })
        .then((list) => {
          if (!stop) {
            setPackets(list)
            setError(null)
          }
        })
        .catch((err: unknown) => !stop && setError(err instanceof Error ? err.message : String(err)))
    void read()
    const t = capturing && connected ? setInterval(() => void read(), POLL_MS) : null
    return () => {
      stop = true
      if (t) clearInterval(t)
    }
  }, [connectionId, capturing, connected])

  async function toggle(on: boolean) {
    setSwitching(true)
    try {
      useBrokerClientsStore.getState().apply([await api().setBrokerCapture({ connectionId, on })])
      setError(null)
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setSwitching(false)
    }
  }

  const newestFirst = [...packets].reverse()
  const shown = picked !== null ? (newestFirst.find((p) => packetKey(p) === picked) ?? null) : null
  return (
    <div className="broker-packets" data-testid="broker-packets" data-count={packets.length}>
      <Group justify="space-between" px="sm" py={6} className="broker-timeline-bar">
        <Switch
          size="sm"
          label="Capture packets"
          checked={capturing}
          disabled={switching || (!connected && !capturing)}
          onChange={(e) => void toggle(e.currentTarget.checked)}
          data-testid="broker-capture-switch"
        />
        <Text size="xs" c="dimmed">
          {connected
            ? capturing
              ? `${packets.length} packets kept (the last 500)`
              : 'Off: the broker only counts this connection’s packets'
            : 'This connection has ended'}
        </Text>
      </Group>
      {error && (
        <Alert
          m="sm"
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={16} />}
          title="Packet capture"
        >
          <Text size="sm" className="reason-text">
            {error}
          </Text>
        </Alert>
      )}
      {packets.length === 0 ? (
        <Center py="lg">
          <Text size="sm" c="dimmed" ta="center" maw={420}>
            {capturing
              ? 'Waiting for packets…'
              : 'Turn on “Capture packets” to see every MQTT packet this connection sends and receives, decoded.'}
          </Text>
        </Center>
      ) : (
        <div className="broker-packets-split">
          <ScrollArea className="broker-packet-list" type="auto">
            <Table fz="xs" verticalSpacing={3} highlightOnHover stickyHeader tabularNums>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={100}>Time</Table.Th>
                  <Table.Th w={70}>Direction</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th ta="right" w={70}>
                    Size
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {newestFirst.map((p, i) => (
                  <Table.Tr
                    key={`${packetKey(p)}#${i}`}
                    className="broker-client-row"
                    data-selected={picked === packetKey(p)}
                    onClick={() => setPicked(packetKey(p))}
                    data-testid="broker-packet-row"
                    data-type={p.type}
                    data-direction={p.direction}
                  >
                    <Table.Td className="mono">{clockMs(p.at)}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {p.direction === 'in' ? (
                          <IconArrowDownLeft size={13} />
                        ) : (
                          <IconArrowUpRight size={13} />
                        )}
                        {p.direction === 'in' ? 'in' : 'out'}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        size="xs"
                        radius="sm"
                        variant="light"
                        color={p.direction === 'in' ? 'indigo' : 'teal'}
                      >
                        {p.type}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">{p.size} B</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
          <ScrollArea className="broker-packet-view" type="auto">
            {shown ? (
              <div className="broker-packet-detail">
                <Text size="xs" fw={600} c="dimmed" mb={2}>
                  {shown.type} {shown.direction === 'in' ? 'from the client' : 'to the client'}, {shown.size}{' '}
                  B
                </Text>
                <Code block data-testid="broker-packet-json">
                  {prettyJson(shown.json)}
                </Code>
                <Text size="xs" fw={600} c="dimmed" mt="xs" mb={2}>
                  Bytes (hex{shown.hex.length / 2 < shown.size ? `, the first ${shown.hex.length / 2}` : ''})
                </Text>
                <Code block className="broker-hex" data-testid="broker-packet-hex">
                  {spacedHex(shown.hex)}
                </Code>
              </div>
            ) : (
              <Center h="100%" p="md">
                <Text size="sm" c="dimmed">
                  Pick a packet to see it decoded and as bytes.
                </Text>
              </Center>
            )}
          </ScrollArea>
        </div>
      )}
    </div>
  )
}

/** The core's JSON, indented for reading (numbers kept as written); shown as it came if it does not parse. */
function prettyJson(json: string): string {
  const formatted = formatJson(json)
  return formatted.ok ? formatted.text : json
}

/** A packet's identity across reads: the list is a moving window of the last 500. */
function packetKey(p: BrokerPacket): string {
  return `${p.at}:${p.direction}:${p.type}:${p.size}:${p.hex.slice(0, 32)}`
}

/** "10 1c 00 04 …", sixteen bytes a line. */
function spacedHex(hex: string): string {
  const bytes = hex.replace(/\s+/g, '').match(/.{1,2}/g) ?? []
  const lines: string[] = []
  for (let i = 0; i < bytes.length; i += 16) lines.push(bytes.slice(i, i + 16).join(' '))
  return lines.join('\n')
}
