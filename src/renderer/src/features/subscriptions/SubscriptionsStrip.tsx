import {
  ActionIcon,
  Badge,
  Collapse,
  Group,
  Loader,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core'
import { IconChevronRight, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import type { SubscriptionStatus } from '../../../../shared/subscriptions'
import { api } from '../../api/client'
import { notifyError } from '../../stores/notices-store'
import { useSubscriptions, useSubscriptionsStore } from '../../stores/subscriptions-store'
import { AddSubscriptionForm } from './AddSubscriptionForm'
import './subscriptions.css'

const STATE_COLOR: Record<SubscriptionStatus['state'], string> = {
  pending: 'yellow',
  active: 'green',
  refused: 'red',
  offline: 'gray',
}

const OPEN_KEY = 'brokerlens.subscriptionsOpen'

function readOpen(): boolean {
  try {
    return localStorage.getItem(OPEN_KEY) === '1'
  } catch {
    return false
  }
}

/**
 * The profile's subscriptions above the tree: a one-line summary that opens into the list (filter,
 * QoS asked → granted, the broker's answer) and the form to add one. Refusals open it by themselves
 * the first time, since a refused subscription is why topics are missing.
 */
export function SubscriptionsStrip({ profileId, mqtt5 }: { profileId: string; mqtt5: boolean }) {
  const subs = useSubscriptions(profileId)
  const loadError = useSubscriptionsStore((s) => s.loadError[profileId] ?? null)
  const [open, setOpen] = useState(readOpen)
  const counts = { active: 0, pending: 0, refused: 0, offline: 0 }
  for (const s of subs) counts[s.state]++

  const toggle = () => {
    setOpen(!open)
    try {
      localStorage.setItem(OPEN_KEY, open ? '0' : '1')
    } catch {
      // not kept: fine
    }
  }

  return (
    <div className="subs-strip" data-testid="subscriptions-panel" data-open={open}>
      <UnstyledButton
        className="subs-head"
        onClick={toggle}
        aria-expanded={open}
        data-testid="subscriptions-toggle"
      >
        <IconChevronRight size={14} className="subs-chevron" />
        <Text size="xs" fw={650} tt="uppercase" c="dimmed" style={{ letterSpacing: 0.4 }}>
          Subscriptions
        </Text>
        <Group gap={4} wrap="nowrap" ml="auto" data-testid="subscriptions-summary">
          {subs.length === 0 && (
            <Text size="xs" c="dimmed">
              none
            </Text>
          )}
          {(['active', 'pending', 'refused', 'offline'] as const).map((k) =>
            counts[k] > 0 ? (
              <Badge key={k} size="xs" variant="light" color={STATE_COLOR[k]}>
                {counts[k]} {k}
              </Badge>
            ) : null,
          )}
        </Group>
      </UnstyledButton>
      <Collapse expanded={open}>
        <Stack gap={4} px={8} pb={8}>
          {loadError && (
            <Text size="xs" c="red" className="reason-text">
              {loadError}
            </Text>
          )}
          {subs.map((s) => (
            <SubscriptionRow key={s.filter} profileId={profileId} status={s} mqtt5={mqtt5} />
          ))}
          <AddSubscriptionForm profileId={profileId} mqtt5={mqtt5} existing={subs.map((s) => s.filter)} />
        </Stack>
      </Collapse>
    </div>
  )
}

function SubscriptionRow({
  profileId,
  status,
  mqtt5,
}: {
  profileId: string
  status: SubscriptionStatus
  mqtt5: boolean
}) {
  const [busy, setBusy] = useState(false)
  // asked, and what the broker granted when it answered (it may grant less)
  const granted = status.grantedQos === null ? '' : ` · granted ${status.grantedQos}`
  const options: string[] = []
  if (mqtt5) {
    if (status.noLocal) options.push('no local')
    if (status.retainAsPublished) options.push('retain as published')
    if (status.retainHandling !== 0) options.push(`retain handling ${status.retainHandling}`)
    if (status.subscriptionIdentifier !== null) options.push(`id ${status.subscriptionIdentifier}`)
  }
  async function remove() {
    setBusy(true)
    try {
      await api().unsubscribe({ profileId, filter: status.filter })
      useSubscriptionsStore.getState().remove(profileId, status.filter)
    } catch (err) {
      notifyError(`Could not unsubscribe from ${status.filter}`, err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="subs-row" data-testid={`subscription-${status.filter}`} data-state={status.state}>
      <Group gap={6} wrap="nowrap">
        <Text size="sm" className="mono subs-filter" title={status.filter}>
          {status.filter}
        </Text>
        <Text
          size="xs"
          c="dimmed"
          style={{ whiteSpace: 'nowrap' }}
          title="QoS asked, and granted by the broker"
        >
          QoS {status.qos}
          {granted}
        </Text>
        <Badge
          size="xs"
          variant="light"
          color={STATE_COLOR[status.state]}
          ml="auto"
          data-testid="subscription-state"
        >
          {status.state === 'pending' ? (
            <Group gap={4} wrap="nowrap">
              <Loader size={8} color="yellow" /> pending
            </Group>
          ) : (
            status.state
          )}
        </Badge>
        <Tooltip label="Unsubscribe" withArrow openDelay={400}>
          <ActionIcon
            size="sm"
            variant="subtle"
            color="gray"
            loading={busy}
            onClick={() => void remove()}
            aria-label={`Unsubscribe from ${status.filter}`}
            data-testid={`subscription-remove-${status.filter}`}
          >
            <IconTrash size={14} />
          </ActionIcon>
        </Tooltip>
      </Group>
      {options.length > 0 && (
        <Text size="xs" c="dimmed">
          {options.join(' · ')}
        </Text>
      )}
      {status.state === 'refused' && (
        <Text size="xs" c="red" className="reason-text" data-testid="subscription-reason">
          {status.reason ?? `Refused (reason code ${status.reasonCode ?? '?'})`}
        </Text>
      )}
    </div>
  )
}
