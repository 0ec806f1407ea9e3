import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { api } from '../../api/client'
import { useSubscriptionsStore } from '../../stores/subscriptions-store'
import {
  draftToSubscription,
  EMPTY_DRAFT,
  liveFilterError,
  type DraftErrors,
  type SubscriptionDraft,
} from './subscription-draft'

const RETAIN_HANDLING = [
  { value: '0', label: 'Retained: on subscribe' },
  { value: '1', label: 'Retained: if new' },
  { value: '2', label: 'Retained: never' },
]

/** Adds a subscription: the filter is checked as it is typed, the broker's answer shows in the list. */
export function AddSubscriptionForm({
  profileId,
  mqtt5,
  existing,
}: {
  profileId: string
  mqtt5: boolean
  existing: string[]
}) {
  const [draft, setDraft] = useState<SubscriptionDraft>(EMPTY_DRAFT)
  const [errors, setErrors] = useState<DraftErrors>({})
  const [callError, setCallError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const patch = (p: Partial<SubscriptionDraft>) => {
    setDraft({ ...draft, ...p })
    setCallError(null)
  }
  const filterError = errors.filter ?? liveFilterError(draft.filter)

  async function submit(e: FormEvent) {
    e.preventDefault()
    const result = draftToSubscription(draft, mqtt5, existing)
    if (!result.ok) {
      setErrors(result.errors)
      return
    }
    setBusy(true)
    try {
      const status = await api().subscribe({ profileId, subscription: result.subscription })
      useSubscriptionsStore.getState().upsert(profileId, status)
      setDraft({ ...EMPTY_DRAFT, qos: draft.qos })
      setErrors({})
    } catch (err) {
      setCallError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="subscription-form">
      <Stack gap={6} mt={4}>
        <TextInput
          size="xs"
          placeholder="Add a filter, e.g. home/+/temperature"
          value={draft.filter}
          onChange={(e) => {
            patch({ filter: e.currentTarget.value })
            setErrors({ ...errors, filter: undefined })
          }}
          error={filterError}
          classNames={{ input: 'mono' }}
          aria-label="Subscription filter"
          data-testid="subscription-filter"
        />
        <Group gap={6} wrap="wrap">
          <SegmentedControl
            size="xs"
            value={draft.qos}
            onChange={(v) => patch({ qos: v as SubscriptionDraft['qos'] })}
            data={[
              { value: '0', label: 'QoS 0' },
              { value: '1', label: '1' },
              { value: '2', label: '2' },
            ]}
            aria-label="QoS"
            data-testid="subscription-qos"
          />
          {mqtt5 && (
            <Select
              size="xs"
              w={180}
              value={draft.retainHandling}
              onChange={(v) => patch({ retainHandling: (v ?? '0') as SubscriptionDraft['retainHandling'] })}
              data={RETAIN_HANDLING}
              allowDeselect={false}
              aria-label="Retain handling"
              data-testid="subscription-rh"
            />
          )}
          <Button
            type="submit"
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            loading={busy}
            ml="auto"
            data-testid="subscription-add"
          >
            Add
          </Button>
        </Group>
        {mqtt5 && (
          <Group gap="sm" wrap="wrap" align="center">
            <Checkbox
              size="xs"
              label="No local"
              title="Do not receive the messages this connection publishes"
              checked={draft.noLocal}
              onChange={(e) => patch({ noLocal: e.currentTarget.checked })}
              data-testid="subscription-no-local"
            />
            <Checkbox
              size="xs"
              label="Retain as published"
              title="Keep the retain flag on forwarded messages, so live retained messages show as retained"
              checked={draft.retainAsPublished}
              onChange={(e) => patch({ retainAsPublished: e.currentTarget.checked })}
              data-testid="subscription-rap"
            />
            <NumberInput
              size="xs"
              w={130}
              placeholder="Subscription id"
              min={1}
              max={268_435_455}
              allowDecimal={false}
              allowNegative={false}
              hideControls
              value={draft.subscriptionIdentifier}
              onChange={(v) => {
                patch({ subscriptionIdentifier: String(v) })
                setErrors({ ...errors, subscriptionIdentifier: undefined })
              }}
              error={errors.subscriptionIdentifier}
              aria-label="Subscription identifier"
              data-testid="subscription-id"
            />
          </Group>
        )}
        {callError && (
          <Text size="xs" c="red" className="reason-text" data-testid="subscription-error">
            {callError}
          </Text>
        )}
      </Stack>
    </form>
  )
}
