import {
  Alert,
  Button,
  Group,
  Loader,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import { IconAlertTriangle, IconCircleCheck, IconHandStop } from '@tabler/icons-react'
import { useEffect, useMemo, useState } from 'react'
import type { KafkaGroupDetail, KafkaResetPreview } from '../../../../shared/kafka'
import { api } from '../../api/client'
import { toLocalDateTime } from './browse-draft'
import { formatCount, formatLag } from './kafka-numbers'
import { ExplicitOffsetsTable } from './ExplicitOffsetsTable'
import { ResetPreviewTable } from './ResetPreviewTable'
import { newResetDraft, previewTotals, resetRequest, type ResetDraft, type ResetKind } from './reset-draft'

/** Inputs settle this long before the preview is asked for again. */
const PREVIEW_DEBOUNCE_MS = 300
/** How often a refused preview is asked for again. */
const RECHECK_MS = 3000

const MODES: { value: ResetKind; label: string }[] = [
  { value: 'earliest', label: 'Earliest' },
  { value: 'latest', label: 'Latest' },
  { value: 'timestamp', label: 'Time' },
  { value: 'offsets', label: 'Offsets' },
  { value: 'shift', label: 'Shift ±N' },
]

const MODE_HELP: Record<ResetKind, string> = {
  earliest: 'Re-read everything the partitions still hold (log start).',
  latest: 'Skip to the end: only records written from now on are consumed.',
  timestamp: 'Each partition to its first record at or after this time.',
  offsets: 'Set each partition’s offset yourself; empty ones stay as they are.',
  shift: 'Move every committed offset by N: negative re-reads, positive skips ahead.',
}

type Preview =
  | { status: 'idle' }
  | { status: 'loading'; last: KafkaResetPreview | null }
  | { status: 'ready'; preview: KafkaResetPreview }
  | { status: 'error'; error: string }

/**
 * Moving a group's committed offsets. The scope is every topic the group has offsets on, or one;
 * the preview (current → new offset and the lag after, per partition, changed rows marked) follows
 * the inputs as they change, and Apply is refused — with the cluster's reason shown — while the
 * group has active members. Nothing changes until Apply.
 */
export function ResetOffsetsModal({
  profileId,
  group,
  initialTopic,
  onClose,
  onApplied,
}: {
  profileId: string
  group: KafkaGroupDetail
  initialTopic: string | null
  onClose(): void
  onApplied(): void
}) {
  const [draft, setDraft] = useState<ResetDraft>(() => newResetDraft(group.offsets, initialTopic))
  const [preview, setPreview] = useState<Preview>({ status: 'idle' })
  const [applying, setApplying] = useState(false)
  const [applied, setApplied] = useState<KafkaResetPreview | null>(null)
  const [applyError, setApplyError] = useState<string | null>(null)
  const topics = useMemo(() => [...new Set(group.offsets.map((o) => o.topic))].sort(), [group.offsets])

  const built = useMemo(
    () => resetRequest(draft, { profileId, groupId: group.groupId, offsets: group.offsets }),
    [draft, profileId, group.groupId, group.offsets],
  )
  const requestKey = built.ok ? JSON.stringify(built.request) : null
  // while the cluster refuses (members still in the group), ask again now and then: the refusal
  // lifts by itself once the consumers stop
  const [recheck, setRecheck] = useState(0)
  const known =
    preview.status === 'ready' ? preview.preview : preview.status === 'loading' ? preview.last : null
  const refusal = applied ? null : (known?.refusal ?? null)
  const refusedNow = refusal !== null
  useEffect(() => {
    if (!refusedNow) return
    const t = setInterval(() => setRecheck((n) => n + 1), RECHECK_MS)
    return () => clearInterval(t)
  }, [refusedNow])

  useEffect(() => {
    if (!built.ok || applied) return
    let cancelled = false
    const request = built.request
    const t = setTimeout(() => {
      setPreview((p) => ({
        status: 'loading',
        last: p.status === 'ready' ? p.preview : p.status === 'loading' ? p.last : null,
      }))
      api()
        .previewKafkaOffsetReset(request)
        .then((result) => !cancelled && setPreview({ status: 'ready', preview: result }))
        .catch(
          (err: unknown) =>
            !cancelled &&
            setPreview({ status: 'error', error: err instanceof Error ? err.message : String(err) }),
        )
    }, PREVIEW_DEBOUNCE_MS)
    return () => {
      cancelled = true
      clearTimeout(t)
    }
    // the request is named by its key: a new draft object with the same request asks nothing
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestKey, applied, recheck])

  const shown =
    applied ??
    (preview.status === 'ready' ? preview.preview : preview.status === 'loading' ? preview.last : null)
  const totals = shown ? previewTotals(shown.rows) : null
  const canApply =
    built.ok && preview.status === 'ready' && refusal === null && !applied && (totals?.changed ?? 0) > 0
  const patch = (p: Partial<ResetDraft>) => {
    setApplyError(null)
    setDraft({ ...draft, ...p })
  }

  async function apply() {
    if (!built.ok || !canApply) return
    setApplying(true)
    setApplyError(null)
    try {
      const result = await api().applyKafkaOffsetReset(built.request)
      setApplied(result)
      onApplied()
    } catch (err) {
      setApplyError(err instanceof Error ? err.message : String(err))
    } finally {
      setApplying(false)
    }
  }

  return (
    <Modal
      opened
      onClose={() => !applying && onClose()}
      size={920}
      centered
      title={
        <Text fw={650}>
          Reset offsets of <span className="mono">{group.groupId}</span>
        </Text>
      }
      data-testid="kafka-reset-modal"
    >
      <Stack gap="md">
        <Group gap="md" align="flex-end" wrap="wrap">
          <Select
            label="Topics"
            w={260}
            data={[
              { value: '', label: `All topics (${topics.length})` },
              ...topics.map((t) => ({ value: t, label: t })),
            ]}
            value={draft.topic ?? ''}
            onChange={(v) => patch({ topic: v ? v : null })}
            allowDeselect={false}
            disabled={applied !== null}
            comboboxProps={{ withinPortal: true }}
            data-testid="kafka-reset-scope"
          />
          <div>
            <Text size="sm" fw={500} mb={4}>
              Reset to
            </Text>
            <SegmentedControl
              data={MODES}
              value={draft.kind}
              disabled={applied !== null}
              onChange={(v) => {
                const kind = v as ResetKind
                patch(
                  kind === 'timestamp' && draft.at === ''
                    ? { kind, at: toLocalDateTime(Date.now() - 86_400_000) }
                    : { kind },
                )
              }}
              aria-label="Reset to"
              data-testid="kafka-reset-mode"
              data-value={draft.kind}
            />
          </div>
        </Group>
        <Text size="sm" c="dimmed" mt={-6}>
          {MODE_HELP[draft.kind]}
        </Text>

        {draft.kind === 'timestamp' && (
          <TextInput
            label="Date and time (your local time)"
            type="datetime-local"
            step={1}
            w={260}
            value={draft.at}
            onChange={(e) => patch({ at: e.currentTarget.value })}
            disabled={applied !== null}
            data-testid="kafka-reset-at"
          />
        )}
        {draft.kind === 'shift' && (
          <Group gap="xs" align="flex-end">
            <TextInput
              label="Shift by"
              w={160}
              value={draft.shift}
              onChange={(e) => patch({ shift: e.currentTarget.value })}
              classNames={{ input: 'mono' }}
              disabled={applied !== null}
              data-testid="kafka-reset-shift"
            />
            {[-1000, -100, 100, 1000].map((n) => (
              <Button
                key={n}
                variant="default"
                size="sm"
                disabled={applied !== null}
                onClick={() => patch({ shift: String(n) })}
                className="mono"
              >
                {n > 0 ? `+${formatCount(n)}` : `−${formatCount(-n)}`}
              </Button>
            ))}
          </Group>
        )}
        {draft.kind === 'offsets' && (
          <ExplicitOffsetsTable
            offsets={group.offsets}
            topic={draft.topic}
            values={draft.offsets}
            disabled={applied !== null}
            onChange={(offsets) => patch({ offsets })}
          />
        )}

        {!built.ok && (
          <Text size="sm" c="red" data-testid="kafka-reset-input-error">
            {built.error}
          </Text>
        )}

        <div>
          <Group justify="space-between" mb={6} wrap="nowrap">
            <Group gap={8} wrap="nowrap">
              <Text fw={650} size="sm" c="bright">
                {applied ? 'Offsets now' : 'Preview'}
              </Text>
              {preview.status === 'loading' && <Loader size={14} />}
            </Group>
            {totals && (
              <Text size="sm" data-testid="kafka-reset-totals">
                {formatCount(totals.changed)} partition{totals.changed === 1 ? '' : 's'}{' '}
                {applied ? 'moved' : 'move'} · lag {formatLag(totals.lagBefore)} →{' '}
                <b>{formatCount(totals.lagAfter)}</b>
              </Text>
            )}
          </Group>
          {preview.status === 'error' && !applied ? (
            <Alert
              color="red"
              variant="light"
              icon={<IconAlertTriangle size={16} />}
              title="No preview"
              data-testid="kafka-reset-preview-error"
            >
              <Text size="sm" className="reason-text">
                {preview.error}
              </Text>
            </Alert>
          ) : (
            <ResetPreviewTable rows={shown?.rows ?? null} applied={applied !== null} />
          )}
        </div>

        {refusal && !applied && (
          <Alert
            color="orange"
            variant="light"
            icon={<IconHandStop size={16} />}
            title="Cannot apply while the group is active"
            data-testid="kafka-reset-refusal"
          >
            <Text size="sm">{refusal}</Text>
          </Alert>
        )}
        {applyError && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={16} />}
            title="Not applied"
            data-testid="kafka-reset-error"
          >
            <Text size="sm" className="reason-text">
              {applyError}
            </Text>
          </Alert>
        )}
        {applied && (
          <Alert
            color="green"
            variant="light"
            icon={<IconCircleCheck size={16} />}
            title="Offsets reset"
            data-testid="kafka-reset-result"
          >
            <Text size="sm">
              The group’s committed offsets were set as above; its total lag over these partitions is now{' '}
              <b>{formatCount(totals?.lagAfter ?? 0)}</b>.
            </Text>
          </Alert>
        )}

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={applying} data-testid="kafka-reset-close">
            {applied ? 'Close' : 'Cancel'}
          </Button>
          {!applied && (
            <Button
              color="orange"
              disabled={!canApply}
              loading={applying}
              onClick={() => void apply()}
              data-testid="kafka-reset-apply"
            >
              Apply reset
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  )
}
