import { Alert, Badge, Button, Paper, Stack, Text, Tooltip } from '@mantine/core'
import { IconInfoCircle, IconSend, IconTrash } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import type { Profile } from '../../../../shared/profiles'
import { useAmqpNavStore } from '../../stores/amqp-nav-store'
import { useAmqpTopology, useAmqpTopologyStore } from '../../stores/amqp-topology-store'
import { exchangeFlags, exchangeLabel, formatAmqpRate } from './amqp-format'
import { ArgumentsPanel } from './ArgumentsTable'
import { BindForm } from './BindForm'
import { bindingsFrom, bindingsTo } from './bindings'
import { BindingsTable } from './BindingsTable'
import { DeleteExchangeModal } from './DeleteExchangeModal'
import { DetailFigure } from './DetailFigure'
import { DetailHeader } from './DetailHeader'
import { FlagBadges } from './FlagBadges'
import { publishTo } from './publish-to'
import { TapButton } from './TapButton'
import { TopologyError } from './TopologyError'

/**
 * One exchange: its type, features and rates above; what it routes to and what routes into it, each
 * with a bind form; its arguments. Tap watches its traffic, Publish opens the form on it.
 */
export function ExchangeDetail({ profile, name }: { profile: Profile; name: string }) {
  const topo = useAmqpTopology(profile.id)
  const t = topo.data
  const exchange = t?.exchanges.find((e) => e.name === name) ?? null
  const [deleting, setDeleting] = useState(false)
  const nav = useAmqpNavStore.getState()
  const from = useMemo(() => (t ? bindingsFrom(t.bindings, name) : []), [t, name])
  const into = useMemo(() => (t ? bindingsTo(t.bindings, name) : []), [t, name])
  const exchangeNames = useMemo(() => t?.exchanges.map((e) => e.name) ?? [], [t])
  const queueNames = useMemo(() => t?.queues.map((q) => q.name) ?? [], [t])
  const typeOf = (n: string) => t?.exchanges.find((e) => e.name === n)?.type ?? null
  const isDefault = name === ''
  const builtIn = name.startsWith('amq.')
  const managed = t?.source === 'management'
  const back = () => nav.openExchange(profile.id, null)
  const open = {
    onOpenExchange: (n: string) => nav.openExchange(profile.id, n),
    onOpenQueue: (n: string) => nav.openQueue(profile.id, n),
  }

  return (
    <div className="kafka-topic" data-testid="amqp-exchange-detail" data-exchange={name}>
      <DetailHeader
        profileId={profile.id}
        backLabel="All exchanges"
        onBack={back}
        title={exchangeLabel(name)}
        italic={isDefault}
        testIdPrefix="amqp-exchange"
        badges={
          <>
            {exchange?.type && (
              <Badge
                size="sm"
                variant="light"
                color="grape"
                radius="sm"
                tt="none"
                data-testid="amqp-exchange-detail-type"
              >
                {exchange.type}
              </Badge>
            )}
            {exchange && <FlagBadges flags={exchangeFlags(exchange)} />}
          </>
        }
        actions={
          <>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconSend size={14} />}
              disabled={exchange?.internal === true}
              onClick={() => publishTo(profile.id, name)}
              data-testid="amqp-exchange-publish"
            >
              Publish…
            </Button>
            <TapButton
              profileId={profile.id}
              exchange={name}
              type={exchange?.type ?? null}
              disabled={isDefault}
            />
            <Tooltip
              label={
                isDefault || builtIn ? 'The broker’s own exchanges cannot be deleted' : 'Delete exchange…'
              }
              withArrow
            >
              <Button
                size="xs"
                variant="light"
                color="red"
                leftSection={<IconTrash size={14} />}
                disabled={isDefault || builtIn}
                onClick={() => setDeleting(true)}
                data-testid="amqp-exchange-delete-open"
              >
                Delete…
              </Button>
            </Tooltip>
          </>
        }
        figures={
          exchange &&
          managed && (
            <>
              <DetailFigure
                label="in"
                value={formatAmqpRate(exchange.publishInRate)}
                testId="amqp-exchange-rate-in"
              />
              <DetailFigure
                label="out"
                value={formatAmqpRate(exchange.publishOutRate)}
                testId="amqp-exchange-rate-out"
              />
              <DetailFigure
                label={`binding${from.length === 1 ? '' : 's'} out`}
                value={String(from.length)}
              />
              <DetailFigure label={`binding${into.length === 1 ? '' : 's'} in`} value={String(into.length)} />
            </>
          )
        }
      />

      <div className="amqp-detail-body">
        <TopologyError profileId={profile.id} />
        <Stack gap="md" p="md" maw={1180}>
          {t && !exchange && (
            <Alert
              color="orange"
              variant="light"
              icon={<IconInfoCircle size={16} />}
              data-testid="amqp-exchange-missing"
            >
              This exchange is not in the last read of the virtual host: it was deleted, or it is not watched.
            </Alert>
          )}
          {isDefault && (
            <Alert color="gray" variant="light" icon={<IconInfoCircle size={16} />}>
              Every queue is bound to the default exchange with its own name as the routing key: publish here
              with a queue’s name to reach it. It cannot be bound, tapped or deleted.
            </Alert>
          )}
          {!managed && t && (
            <Alert color="gray" variant="light" icon={<IconInfoCircle size={16} />}>
              Without the management API the bindings are not known; binding still works.
            </Alert>
          )}
          <Paper withBorder radius="md" p="md">
            <Text fw={650} c="bright" size="sm" mb="xs">
              Routes to
            </Text>
            <Stack gap="sm">
              <BindingsTable
                profileId={profile.id}
                bindings={from}
                show="destination"
                empty="No bindings: messages published here that no binding matches are dropped (or returned if mandatory)."
                testId="amqp-bindings-from"
                {...open}
              />
              {!isDefault && (
                <BindForm
                  profileId={profile.id}
                  mode="from-exchange"
                  fixed={name}
                  exchanges={exchangeNames}
                  queues={queueNames}
                  typeOf={typeOf}
                />
              )}
            </Stack>
          </Paper>
          {!isDefault && (
            <Paper withBorder radius="md" p="md">
              <Text fw={650} c="bright" size="sm" mb="xs">
                Receives from exchanges
              </Text>
              <Stack gap="sm">
                <BindingsTable
                  profileId={profile.id}
                  bindings={into}
                  show="source"
                  empty="No exchange routes into this one."
                  testId="amqp-bindings-to"
                  {...open}
                />
                <BindForm
                  profileId={profile.id}
                  mode="into-exchange"
                  fixed={name}
                  exchanges={exchangeNames}
                  queues={queueNames}
                  typeOf={typeOf}
                />
              </Stack>
            </Paper>
          )}
          <ArgumentsPanel args={exchange?.arguments ?? null} />
        </Stack>
      </div>

      <DeleteExchangeModal
        profileId={profile.id}
        exchange={deleting ? name : null}
        bindings={from.length + into.length}
        onClose={() => setDeleting(false)}
        onDeleted={() => {
          setDeleting(false)
          void useAmqpTopologyStore.getState().load(profile.id)
          back()
        }}
      />
    </div>
  )
}
