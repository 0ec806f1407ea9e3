import { Alert, Button, Group, Modal, NumberInput, Stack, Text, TextInput } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useState } from 'react'
import { api } from '../../api/client'
import { notifySuccess } from '../../stores/notices-store'
import { KeyValueRows } from '../publish/KeyValueRows'
import { checkTopicDraft, topicNameError, type TopicDraft, type TopicDraftErrors } from './topic-draft'

const START: TopicDraft = { name: '', partitions: 3, replicationFactor: '', configs: [] }

/**
 * A new topic: name (checked as typed, as Kafka checks it), partitions, replication factor (empty:
 * the brokers' default) and any configs as name = value rows.
 */
export function CreateTopicModal({
  opened,
  onClose,
  profileId,
  existing,
  brokers,
  onCreated,
}: {
  opened: boolean
  onClose(): void
  profileId: string
  existing: string[]
  brokers: number | null
  onCreated(name: string): void
}) {
  const [draft, setDraft] = useState<TopicDraft>(START)
  const [errors, setErrors] = useState<TopicDraftErrors>({ configs: {} })
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const nameError = draft.name === '' ? undefined : topicNameError(draft.name.trim(), existing)

  const close = () => {
    if (busy) return
    setDraft(START)
    setErrors({ configs: {} })
    setFailure(null)
    onClose()
  }
  const patch = (p: Partial<TopicDraft>) => {
    setDraft({ ...draft, ...p })
    setFailure(null)
  }

  async function create() {
    const checked = checkTopicDraft(draft, { existing, brokers })
    if (!checked.ok) {
      setErrors(checked.errors)
      return
    }
    setErrors({ configs: {} })
    setBusy(true)
    try {
      await api().createKafkaTopic({ profileId, ...checked.topic })
      notifySuccess('Topic created', checked.topic.name)
      setDraft(START)
      onCreated(checked.topic.name)
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={<Text fw={650}>Create a topic</Text>}
      centered
      size="lg"
      data-testid="kafka-create-topic"
    >
      <Stack gap="md">
        <TextInput
          label="Name"
          placeholder="orders.v1"
          value={draft.name}
          onChange={(e) => patch({ name: e.currentTarget.value })}
          error={nameError ?? errors.name}
          description="Letters, digits, . _ and -; up to 249 characters"
          classNames={{ input: 'mono' }}
          data-autofocus
          autoComplete="off"
          spellCheck={false}
          data-testid="kafka-create-name"
        />
        <Group grow align="flex-start">
          <NumberInput
            label="Partitions"
            min={1}
            max={100_000}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            value={draft.partitions}
            onChange={(v) => patch({ partitions: v })}
            error={errors.partitions}
            description="Consumers of a group share them"
            data-testid="kafka-create-partitions"
          />
          <NumberInput
            label="Replication factor"
            min={1}
            max={32_767}
            allowDecimal={false}
            allowNegative={false}
            placeholder="Brokers’ default"
            value={draft.replicationFactor}
            onChange={(v) => patch({ replicationFactor: v })}
            error={errors.replicationFactor}
            description={
              brokers === null
                ? 'Copies of each partition'
                : `Copies of each partition (cluster: ${brokers} broker${brokers === 1 ? '' : 's'})`
            }
            data-testid="kafka-create-rf"
          />
        </Group>
        <KeyValueRows
          label="Configs"
          rows={draft.configs}
          errors={errors.configs}
          onChange={(configs) => patch({ configs })}
          keyPlaceholder="retention.ms"
          valuePlaceholder="604800000"
          valueMono
          addLabel="Add config"
          testId="kafka-create-configs"
        />
        {failure && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={16} />}
            title="The cluster refused"
            data-testid="kafka-create-error"
          >
            <Text size="sm" className="reason-text">
              {failure}
            </Text>
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button loading={busy} onClick={() => void create()} data-testid="kafka-create-confirm">
            Create topic
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
