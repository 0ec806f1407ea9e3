import type { Protocol } from '../../../../shared/profiles'
import {
  Alert,
  Button,
  Code,
  Group,
  Input,
  Loader,
  Modal,
  SegmentedControl,
  Select,
  Slider,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core'
import { IconAlertTriangle, IconArrowRight, IconPlayerPlay, IconPlugConnectedX } from '@tabler/icons-react'
import { useEffect, useMemo, useState } from 'react'
import { api } from '../../api/client'
import { statusOf, useConnectionsStore } from '../../stores/connections-store'
import { useProfilesStore } from '../../stores/profiles-store'
import { useReplaysStore } from '../../stores/replays-store'
import { useSavedPayloadsStore } from '../../stores/saved-payloads-store'
import { useToolsStore } from '../../stores/tools-store'
import { stateHeadline } from '../connection/connection-text'
import { connectProfile } from '../profiles/profile-actions'
import { formatCount } from '../topic-detail/format-units'
import { ReplayCard } from './ReplayCard'
import {
  buildReplayRequest,
  describeReplay,
  formatSpeed,
  initialReplayForm,
  replayFormErrors,
  rewriteExample,
  sliderToSpeed,
  SLIDER_MAX,
  SPEED_PRESETS,
  speedToSlider,
  type ReplayForm,
  type ReplaySource,
} from './replay-form'
import './replay.css'

/**
 * The replay dialog, opened from a history message, the history panel's filter, or saved payloads:
 * target connection, topic rewrite with a live example, pace, loop. Once started it shows the
 * replay's card; closing it leaves the replay running (the replays list has them all).
 */
export function ReplayDialog() {
  const source = useToolsStore((s) => s.replaySource)
  const key = useToolsStore((s) => s.replayKey)
  const close = () => useToolsStore.getState().closeReplay()
  return (
    <Modal
      opened={source !== null}
      onClose={close}
      centered
      size="lg"
      title={<Text fw={650}>Replay</Text>}
      data-testid="replay-dialog"
    >
      {source && <ReplayDialogBody key={key} source={source} onClose={close} />}
    </Modal>
  )
}

function ReplayDialogBody({ source, onClose }: { source: ReplaySource; onClose(): void }) {
  const profiles = useProfilesStore((s) => s.profiles)
  const selectedId = useProfilesStore((s) => s.selectedId)
  const [form, setForm] = useState<ReplayForm>(() =>
    initialReplayForm(
      source,
      defaultTarget(
        source,
        profiles.map((p) => p.id),
        selectedId,
      ),
    ),
  )
  const [count, setCount] = useState<number | null>(source.kind === 'saved' ? source.ids.length : null)
  const [countError, setCountError] = useState<string | null>(null)
  const [startedId, setStartedId] = useState<string | null>(null)
  const [starting, setStarting] = useState(false)
  const [startError, setStartError] = useState<string | null>(null)
  const savedList = useSavedPayloadsStore((s) => s.list)
  const withoutTopic = useMemo(() => {
    if (source.kind !== 'saved') return 0
    const ids = new Set(source.ids)
    return savedList.filter((p) => ids.has(p.id) && p.topic === '').length
  }, [source, savedList])
  const target = profiles.find((p) => p.id === form.targetProfileId) ?? null
  // select the stored status itself: statusOf makes a new object for a profile without one
  const storedStatus = useConnectionsStore((s) => (target ? s.byProfile[target.id] : undefined))
  const targetStatus = target ? (storedStatus ?? statusOf({}, target)) : null

  useEffect(() => {
    if (source.kind !== 'history') return
    let live = true
    api()
      .countHistory({ filter: source.filter })
      .then(({ count }) => live && setCount(count))
      .catch((err: unknown) => live && setCountError(err instanceof Error ? err.message : String(err)))
    return () => {
      live = false
    }
  }, [source])

  const patch = (p: Partial<ReplayForm>) => setForm((f) => ({ ...f, ...p }))
  const errors = replayFormErrors(form)
  const example = rewriteExample(source.sampleTopic, form)

  async function start() {
    const request = buildReplayRequest(source, form)
    if (!request) return
    setStarting(true)
    setStartError(null)
    try {
      const status = await api().startReplay(request)
      const replays = useReplaysStore.getState()
      replays.setLabel(status.id, describeReplay(source, form))
      replays.apply(status)
      setStartedId(status.id)
    } catch (err) {
      setStartError(err instanceof Error ? err.message : String(err))
    } finally {
      setStarting(false)
    }
  }

  if (startedId) {
    return (
      <Stack gap="md">
        <ReplayCard id={startedId} logLines={8} />
        <Text size="xs" c="dimmed">
          The replay runs in the background: close this and it carries on. The replays list in the header
          shows every replay.
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button
            variant="default"
            onClick={() => {
              onClose()
              useToolsStore.getState().setReplaysOpen(true)
            }}
            data-testid="replay-show-all"
          >
            All replays
          </Button>
          <Button onClick={onClose} data-testid="replay-close">
            Close
          </Button>
        </Group>
      </Stack>
    )
  }

  const offline = targetStatus !== null && targetStatus.state !== 'connected'
  return (
    <Stack gap="md">
      <div>
        <Text size="sm" data-testid="replay-source" data-count={count ?? ''}>
          Replays {source.label}
        </Text>
        <Text size="xs" c={count === 0 ? 'red' : 'dimmed'} mt={2}>
          {countError
            ? `Could not count: ${countError}`
            : count === null
              ? 'Counting…'
              : count === 0
                ? 'Nothing to replay: no stored message matches.'
                : `${formatCount(count)} ${count === 1 ? 'message' : 'messages'}${source.kind === 'history' ? ', in the order they arrived' : ', in the order listed'}.`}
        </Text>
        {withoutTopic > 0 && (
          <Text size="xs" c="orange" mt={2} data-testid="replay-no-topic">
            {withoutTopic === 1 ? 'One has' : `${withoutTopic} have`} no topic: sending{' '}
            {withoutTopic === 1 ? 'it' : 'them'} fails unless a rewrite from an empty prefix gives one.
          </Text>
        )}
      </div>

      <Stack gap={6}>
        <Select
          label="Send to"
          placeholder={profiles.length === 0 ? 'No connection yet' : 'Choose a connection'}
          data={profiles.map((p) => ({
            value: p.id,
            label: `${p.config.name} · ${PROTOCOL_LABELS[p.config.protocol]}`,
          }))}
          value={form.targetProfileId}
          onChange={(v) => patch({ targetProfileId: v })}
          allowDeselect={false}
          searchable={profiles.length > 8}
          description={target ? TARGET_NOTES[target.config.protocol] : undefined}
          error={form.targetProfileId ? undefined : errors.targetProfileId}
          comboboxProps={{ withinPortal: true }}
          data-testid="replay-target"
        />
        {offline && target && targetStatus && (
          <Alert
            color="orange"
            variant="light"
            py={6}
            icon={<IconPlugConnectedX size={16} />}
            data-testid="replay-target-offline"
          >
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm">
                {target.config.name} is {stateHeadline(targetStatus).toLowerCase()}: the replay will wait
                until it is connected.
              </Text>
              {(targetStatus.state === 'disconnected' || targetStatus.state === 'failed') && (
                <Button
                  size="compact-xs"
                  variant="light"
                  color="orange"
                  onClick={() => void connectProfile(target)}
                >
                  Connect
                </Button>
              )}
            </Group>
          </Alert>
        )}
      </Stack>

      <Stack gap={6}>
        <Switch
          label="Rewrite topics"
          description="Topics that start with one prefix are sent under another, e.g. prod/ → test/."
          checked={form.rewrite}
          onChange={(e) => patch({ rewrite: e.currentTarget.checked })}
          data-testid="replay-rewrite"
        />
        {form.rewrite && (
          <>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <TextInput
                style={{ flex: 1 }}
                size="xs"
                label="From prefix"
                placeholder="(every topic)"
                value={form.rewriteFrom}
                onChange={(e) => patch({ rewriteFrom: e.currentTarget.value })}
                error={errors.rewriteFrom}
                classNames={{ input: 'mono' }}
                data-testid="replay-rewrite-from"
              />
              <IconArrowRight size={16} style={{ marginTop: 30, flex: 'none' }} />
              <TextInput
                style={{ flex: 1 }}
                size="xs"
                label="To prefix"
                placeholder="test/"
                value={form.rewriteTo}
                onChange={(e) => patch({ rewriteTo: e.currentTarget.value })}
                error={errors.rewriteTo}
                classNames={{ input: 'mono' }}
                data-testid="replay-rewrite-to"
              />
            </Group>
            <Text size="xs" c="dimmed" data-testid="replay-rewrite-example" data-kind={example.kind}>
              {example.kind === 'changed' && (
                <>
                  e.g. <Code>{example.before}</Code> → <Code>{example.after}</Code>
                </>
              )}
              {example.kind === 'unchanged' && (
                <>
                  e.g. <Code>{example.topic}</Code> does not start with the prefix: sent unchanged
                </>
              )}
              {example.kind === 'empty' && (
                <Text span size="xs" c="red">
                  <Code>{example.topic}</Code> would become an empty topic, which cannot be published
                </Text>
              )}
            </Text>
          </>
        )}
      </Stack>

      <Stack gap={8}>
        <Input.Wrapper label="Pace">
          <SegmentedControl
            mt={4}
            display="flex"
            w={340}
            size="xs"
            value={form.pace}
            onChange={(v) => patch({ pace: v as ReplayForm['pace'] })}
            data={[
              { value: 'original', label: 'Original pace' },
              { value: 'asap', label: 'As fast as possible' },
            ]}
            data-testid="replay-pace"
          />
        </Input.Wrapper>
        {form.pace === 'original' && (
          <Stack gap={6}>
            <Group gap="md" wrap="nowrap" align="center">
              <Slider
                style={{ flex: 1 }}
                min={0}
                max={SLIDER_MAX}
                step={1}
                value={speedToSlider(form.speed)}
                onChange={(v) => patch({ speed: sliderToSpeed(v) })}
                label={(v) => formatSpeed(sliderToSpeed(v))}
                marks={[
                  { value: speedToSlider(0.1), label: '0.1×' },
                  { value: speedToSlider(1), label: '1×' },
                  { value: speedToSlider(10), label: '10×' },
                  { value: speedToSlider(100), label: '100×' },
                ]}
                aria-label="Speed"
                data-testid="replay-speed"
                mb="md"
              />
              <Text fw={650} w={56} ta="right" data-testid="replay-speed-value">
                {formatSpeed(form.speed)}
              </Text>
            </Group>
            <Group gap={6} mt={4}>
              {SPEED_PRESETS.map((p) => (
                <Button
                  key={p}
                  size="compact-xs"
                  variant={form.speed === p ? 'filled' : 'default'}
                  onClick={() => patch({ speed: p })}
                  data-testid={`replay-speed-preset-${p}`}
                >
                  {formatSpeed(p)}
                </Button>
              ))}
              <Text size="xs" c="dimmed" ml={6}>
                {source.kind === 'saved'
                  ? 'Saved payloads have no recorded gaps: they go one after another.'
                  : 'The recorded gaps between messages, divided by the speed.'}
              </Text>
            </Group>
          </Stack>
        )}
        <Switch
          label="Loop"
          description="Start over at the end, until stopped."
          checked={form.loop}
          onChange={(e) => patch({ loop: e.currentTarget.checked })}
          data-testid="replay-loop"
        />
      </Stack>

      {startError && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={16} />}
          title="The replay did not start"
          data-testid="replay-error"
        >
          <Text size="sm" className="reason-text">
            {startError}
          </Text>
        </Alert>
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button
          leftSection={starting ? undefined : <IconPlayerPlay size={16} />}
          loading={starting}
          disabled={Object.keys(errors).length > 0 || count === 0 || (count === null && !countError)}
          onClick={() => void start()}
          data-testid="replay-start"
        >
          {count === null ? <Loader size="xs" color="white" /> : 'Start replay'}
        </Button>
      </Group>
    </Stack>
  )
}

const PROTOCOL_LABELS: Record<Protocol, string> = { mqtt: 'MQTT', amqp: 'AMQP', kafka: 'Kafka' }

/** How messages land on each target protocol (the core's `replayTarget` does the mapping). */
const TARGET_NOTES: Record<Protocol, string | undefined> = {
  mqtt: undefined,
  amqp: 'AMQP messages keep their exchange, routing key, properties and headers; MQTT topics go to amq.topic with "/" as "." (the rewrite applies to routing keys).',
  kafka:
    'Kafka records keep their topic, key and headers (the partitioner places them); other messages go to the topic named by their topic with "/" as ".".',
}

/** The source's own connection for history, else the profile on screen, else the first one. */
function defaultTarget(source: ReplaySource, ids: string[], selectedId: string | null): string | null {
  if (source.kind === 'history' && ids.includes(source.filter.profileId)) return source.filter.profileId
  if (selectedId && ids.includes(selectedId)) return selectedId
  return ids[0] ?? null
}
