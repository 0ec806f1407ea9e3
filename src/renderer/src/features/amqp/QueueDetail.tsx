import { Alert, Badge, Button, Paper, Stack, Text } from '@mantine/core'
import { IconEraser, IconInfoCircle, IconTrash } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import type { Profile } from '../../../../shared/profiles'
import { useAmqpNavStore } from '../../stores/amqp-nav-store'
import { useAmqpTopology, useAmqpTopologyStore } from '../../stores/amqp-topology-store'
import { formatBytes } from '../topic-detail/format-units'
import { formatAmqpRate, formatMaybeCount, queueFlags } from './amqp-format'
import { ArgumentsPanel } from './ArgumentsTable'
import { BindForm } from './BindForm'
import { bindingsOfQueue } from './bindings'
import { BindingsTable } from './BindingsTable'
import { ConsumeButton } from './ConsumeButton'
import { DeleteQueueModal } from './DeleteQueueModal'
import { DetailFigure } from './DetailFigure'
import { DetailHeader } from './DetailHeader'
import { FlagBadges } from './FlagBadges'
import { PeekPanel } from './PeekPanel'
import { PurgeModal } from './PurgeModal'
import { QueueStateBadge } from './QueueStateBadge'
import { TopologyError } from './TopologyError'

/**
 * One queue: its figures above with consume, purge and delete; then peek, its bindings with a bind
 * form, and its arguments.
 */
export function QueueDetail({ profile, name }: { profile: Profile; name: string }) {
  const topo = useAmqpTopology(profile.id)
  const t = topo.data
  const queue = t?.queues.find((q) => q.name === name) ?? null
  const [purging, setPurging] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const nav = useAmqpNavStore.getState()
  const bindings = useMemo(() => (t ? bindingsOfQueue(t.bindings, name) : []), [t, name])
  const exchangeNames = useMemo(() => t?.exchanges.map((e) => e.name) ?? [], [t])
  const queueNames = useMemo(() => t?.queues.map((q) => q.name) ?? [], [t])
  const typeOf = (n: string) => t?.exchanges.find((e) => e.name === n)?.type ?? null
  const managed = t?.source === 'management'
  const reload = () => void useAmqpTopologyStore.getState().load(profile.id)
  const back = () => nav.openQueue(profile.id, null)

  return (
    <div className="kafka-topic" data-testid="amqp-queue-detail" data-queue={name}>
      <DetailHeader
        profileId={profile.id}
        backLabel="All queues"
        onBack={back}
        title={name}
        testIdPrefix="amqp-queue"
        badges={
          <>
            {queue?.type && (
              <Badge size="sm" variant="light" color="indigo" radius="sm" tt="none">
                {queue.type}
              </Badge>
            )}
            {queue?.state && <QueueStateBadge state={queue.state} />}
            {queue && <FlagBadges flags={queueFlags(queue)} />}
          </>
        }
        actions={
          <>
            <ConsumeButton profileId={profile.id} queue={name} />
            <Button
              size="xs"
              variant="light"
              color="orange"
              leftSection={<IconEraser size={14} />}
              onClick={() => setPurging(true)}
              data-testid="amqp-queue-purge-open"
            >
              Purge…
            </Button>
            <Button
              size="xs"
              variant="light"
              color="red"
              leftSection={<IconTrash size={14} />}
              onClick={() => setDeleting(true)}
              data-testid="amqp-queue-delete-open"
            >
              Delete…
            </Button>
          </>
        }
        figures={
          queue && (
            <>
              <DetailFigure
                label="ready"
                value={formatMaybeCount(queue.messagesReady)}
                raw={queue.messagesReady}
                testId="amqp-queue-figure-ready"
              />
              <DetailFigure
                label="unacked"
                value={formatMaybeCount(queue.messagesUnacked)}
                raw={queue.messagesUnacked}
                testId="amqp-queue-figure-unacked"
              />
              <DetailFigure
                label="total"
                value={formatMaybeCount(queue.messages)}
                raw={queue.messages}
                testId="amqp-queue-figure-total"
              />
              <DetailFigure
                label="consumers"
                value={formatMaybeCount(queue.consumers)}
                raw={queue.consumers}
                testId="amqp-queue-figure-consumers"
              />
              {managed && (
                <>
                  <DetailFigure label="in" value={formatAmqpRate(queue.publishRate)} />
                  <DetailFigure label="out" value={formatAmqpRate(queue.deliverRate)} />
                  <DetailFigure label="acked" value={formatAmqpRate(queue.ackRate)} />
                </>
              )}
              {queue.bytes !== null && <DetailFigure label="of bodies" value={formatBytes(queue.bytes)} />}
            </>
          )
        }
      />

      <div className="amqp-detail-body">
        <TopologyError profileId={profile.id} />
        <Stack gap="md" p="md" maw={1180}>
          {t && !queue && (
            <Alert
              color="orange"
              variant="light"
              icon={<IconInfoCircle size={16} />}
              data-testid="amqp-queue-missing"
            >
              This queue is not in the last read of the virtual host: it was deleted, or it is not watched. It
              may also just have been declared: the next refresh shows it.
            </Alert>
          )}
          <PeekPanel profileId={profile.id} queue={name} />
          <Paper withBorder radius="md" p="md">
            <Text fw={650} c="bright" size="sm" mb="xs">
              Bindings
            </Text>
            <Stack gap="sm">
              {managed ? (
                <BindingsTable
                  profileId={profile.id}
                  bindings={bindings}
                  show="source"
                  empty="Bound to no exchange but the default one (by its name)."
                  testId="amqp-queue-bindings"
                  onOpenExchange={(n) => nav.openExchange(profile.id, n)}
                  onOpenQueue={(n) => nav.openQueue(profile.id, n)}
                />
              ) : (
                <Text size="sm" c="dimmed">
                  Without the management API the bindings are not known; binding still works.
                </Text>
              )}
              <BindForm
                profileId={profile.id}
                mode="into-queue"
                fixed={name}
                exchanges={exchangeNames}
                queues={queueNames}
                typeOf={typeOf}
              />
            </Stack>
          </Paper>
          <ArgumentsPanel args={queue?.arguments ?? null} />
        </Stack>
      </div>

      <PurgeModal
        profileId={profile.id}
        queue={purging ? name : null}
        ready={queue?.messagesReady ?? null}
        onClose={() => setPurging(false)}
        onPurged={reload}
      />
      <DeleteQueueModal
        profileId={profile.id}
        queue={deleting ? name : null}
        messages={queue?.messages ?? queue?.messagesReady ?? null}
        consumers={queue?.consumers ?? null}
        onClose={() => setDeleting(false)}
        onDeleted={() => {
          setDeleting(false)
          reload()
          back()
        }}
      />
    </div>
  )
}
