import { Alert, Button, Divider, Group, Kbd, Stack, Text, Tooltip } from '@mantine/core'
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconCircleX,
  IconPlugConnectedX,
  IconSend,
} from '@tabler/icons-react'
import { useEffect, useState, type KeyboardEvent } from 'react'
import type { Profile } from '../../../../shared/profiles'
import type { PublishLogEntry, PublishRequest, PublishTarget } from '../../../../shared/publish'
import { api } from '../../api/client'
import { notifyError } from '../../stores/notices-store'
import {
  newPublishDraft,
  usePublishDraft,
  usePublishDraftsStore,
  type PublishDraft,
} from '../../stores/publish-drafts-store'
import {
  draftFromBytes,
  draftFromText,
  payloadToSend,
  type PayloadDraft,
} from '../payload-editor/payload-draft'
import { PayloadEditor } from '../payload-editor/PayloadEditor'
import { AmqpTargetFields } from './AmqpTargetFields'
import { KafkaTargetFields } from './KafkaTargetFields'
import { MqttTargetFields } from './MqttTargetFields'
import { callErrorView } from './publish-errors'
import { failureText, resultText } from './publish-result-text'
import { PublishLog } from './PublishLog'
import { RepeatSend } from './RepeatSend'
import {
  draftOf,
  draftToTarget,
  errorSummary,
  NO_ERRORS,
  type TargetDraft,
  type TargetErrors,
} from './target-draft'
import { usePublishSync } from './use-publish-sync'
import './publish.css'

const TONE_COLOR = { ok: 'green', warn: 'orange', error: 'red' } as const

/**
 * Publishing for one connection, whatever its protocol: the target form, the payload editor, Send
 * with the broker's answer, "Send N times", and the connection's publish log. On MQTT the topic
 * follows the topic picked in the tree (`selectedTopic`).
 */
export function PublishPanel({
  profile,
  connected,
  selectedTopic = null,
  embedded = false,
}: {
  profile: Profile
  connected: boolean
  selectedTopic?: string | null
  /** Inside a page that scrolls already (the AMQP and Kafka panel): no scroller of its own. */
  embedded?: boolean
}) {
  const profileId = profile.id
  const protocol = profile.config.protocol
  const mqtt5 = profile.config.protocol === 'mqtt' && profile.config.mqttVersion === 5
  const stored = usePublishDraft(profileId, protocol)
  const draft = stored.target.protocol === protocol ? stored : newPublishDraft(protocol)
  const [errors, setErrors] = useState<TargetErrors>(NO_ERRORS)
  const [payloadError, setPayloadError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  usePublishSync(profileId)

  const patch = (p: Partial<PublishDraft>) => usePublishDraftsStore.getState().patch(profileId, protocol, p)
  const setTarget = (target: TargetDraft) => {
    setErrors(NO_ERRORS)
    patch({ target })
  }
  const setPayload = (payload: PayloadDraft) => {
    setPayloadError(null)
    patch({ payload })
  }

  // The topic follows the tree: each newly picked topic fills it once (typing over it is kept until
  // another topic is picked).
  useEffect(() => {
    if (protocol !== 'mqtt' || selectedTopic === null) return
    const current = usePublishDraftsStore.getState().byProfile[profileId] ?? newPublishDraft(protocol)
    if (current.prefilledFrom === selectedTopic || current.target.protocol !== 'mqtt') return
    usePublishDraftsStore.getState().patch(profileId, protocol, {
      target: { ...current.target, topic: selectedTopic },
      prefilledFrom: selectedTopic,
    })
  }, [profileId, protocol, selectedTopic])

  /** The request the form describes (and its parsed target), or null after showing what is wrong. */
  function buildSend(): { request: PublishRequest; target: PublishTarget } | null {
    const t = draftToTarget(draft.target, mqtt5)
    const p = payloadToSend(draft.payload)
    setErrors(t.ok ? NO_ERRORS : t.errors)
    // the editor shows its own problems in full; this one is for the core's
    setPayloadError(null)
    if (!t.ok || !p.ok) {
      const words = [t.ok ? null : errorSummary(t.errors), p.ok ? null : `Payload: ${p.short}`]
        .filter(Boolean)
        .join(' · ')
      patch({ result: { tone: 'error', text: `Not sent · ${words}`, at: Date.now() } })
      return null
    }
    return {
      request: { profileId, target: t.target, payload: p.payload, template: p.template },
      target: t.target,
    }
  }

  async function send() {
    if (sending || !connected) return
    const built = buildSend()
    if (!built) return
    setSending(true)
    try {
      const r = await api().publish(built.request)
      patch({ result: { ...resultText(built.target, r), at: Date.now() } })
    } catch (err) {
      const view = callErrorView(err, protocol)
      setErrors({ fields: view.fields, rows: {} })
      setPayloadError(view.payload)
      patch({ result: { ...failureText(view.message), at: Date.now() } })
    } finally {
      setSending(false)
    }
  }

  async function loadEntry(entry: PublishLogEntry) {
    let payload: PayloadDraft | null = null
    if (entry.preview !== null && !entry.previewTruncated)
      payload = draftFromText(entry.preview, entry.template)
    else {
      // The list carries a preview only: the log keeps the whole payload (a template unresolved).
      try {
        const { bytes } = await api().getPublishLogPayload({ id: entry.id })
        payload = draftFromBytes(bytes, entry.template)
      } catch (err) {
        notifyError('Could not load the payload', err)
      }
    }
    setErrors(NO_ERRORS)
    setPayloadError(null)
    patch({ target: draftOf(entry.target), ...(payload ? { payload } : {}) })
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      void send()
    }
  }

  const result = draft.result
  const target = draft.target
  return (
    <div
      className="publish-panel"
      data-embedded={embedded}
      data-testid="publish-panel"
      data-protocol={protocol}
      onKeyDown={onKeyDown}
    >
      <Stack gap="sm">
        {!connected && (
          <Alert
            color="gray"
            variant="light"
            p="xs"
            icon={<IconPlugConnectedX size={16} />}
            data-testid="publish-offline"
          >
            <Text size="sm">Not connected: connect to send. What you type here is kept.</Text>
          </Alert>
        )}
        <Stack gap="xs" data-testid="publish-target">
          {target.protocol === 'mqtt' ? (
            <MqttTargetFields
              draft={target}
              errors={errors}
              mqtt5={mqtt5}
              onChange={(p) => setTarget({ ...target, ...p })}
            />
          ) : target.protocol === 'amqp' ? (
            <AmqpTargetFields
              draft={target}
              errors={errors}
              onChange={(p) => setTarget({ ...target, ...p })}
            />
          ) : (
            <KafkaTargetFields
              draft={target}
              errors={errors}
              onChange={(p) => setTarget({ ...target, ...p })}
            />
          )}
        </Stack>

        <div>
          <Text size="sm" fw={500} mb={4}>
            Payload
          </Text>
          <PayloadEditor
            value={draft.payload}
            onChange={setPayload}
            error={payloadError}
            onSubmit={() => void send()}
          />
        </div>

        <Group gap="sm" wrap="nowrap" align="center">
          <Tooltip label="Connect first" disabled={connected}>
            <Button
              style={{ flex: 'none' }}
              leftSection={<IconSend size={16} />}
              loading={sending}
              disabled={!connected}
              onClick={() => void send()}
              data-testid="publish-send"
            >
              Send
            </Button>
          </Tooltip>
          <Text size="xs" c="dimmed" style={{ flex: 'none' }} visibleFrom="sm">
            <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd>
          </Text>
          {result && (
            <Group
              gap={6}
              wrap="nowrap"
              style={{ minWidth: 0 }}
              data-testid="publish-result"
              data-tone={result.tone}
            >
              {result.tone === 'ok' ? (
                <IconCircleCheck
                  size={16}
                  color="var(--mantine-color-green-filled)"
                  style={{ flex: 'none' }}
                />
              ) : result.tone === 'warn' ? (
                <IconAlertTriangle
                  size={16}
                  color="var(--mantine-color-orange-filled)"
                  style={{ flex: 'none' }}
                />
              ) : (
                <IconCircleX size={16} color="var(--mantine-color-red-filled)" style={{ flex: 'none' }} />
              )}
              <Text
                size="sm"
                c={`var(--mantine-color-${TONE_COLOR[result.tone]}-text)`}
                className="publish-result-text"
                data-testid="publish-result-text"
              >
                {result.text}
              </Text>
            </Group>
          )}
        </Group>

        <RepeatSend
          profileId={profileId}
          connected={connected}
          count={draft.repeatCount}
          intervalMs={draft.repeatIntervalMs}
          onChange={patch}
          buildRequest={() => buildSend()?.request ?? null}
        />

        <Divider />
        <PublishLog profileId={profileId} onLoad={(e) => void loadEntry(e)} />
      </Stack>
    </div>
  )
}
