import { Text } from '@mantine/core'
import { api } from '../../api/client'
import { notifySuccess } from '../../stores/notices-store'
import { TypedConfirmModal } from './TypedConfirmModal'

/** Deleting a topic, after its name is typed; the groups reading it are named as a warning. */
export function DeleteTopicModal({
  profileId,
  topic,
  groups,
  onClose,
  onDeleted,
}: {
  profileId: string
  topic: string | null
  groups: number
  onClose(): void
  onDeleted(): void
}) {
  return (
    <TypedConfirmModal
      key={topic ?? ''}
      opened={topic !== null}
      title={`Delete topic “${topic ?? ''}”?`}
      name={topic ?? ''}
      what="topic"
      confirmLabel="Delete topic"
      onClose={onClose}
      onConfirm={async () => {
        if (topic === null) return
        await api().deleteKafkaTopic({ profileId, topic })
        notifySuccess('Topic deleted', topic)
        onDeleted()
      }}
      testId="kafka-delete-topic"
    >
      <Text size="sm">
        Every partition of <b className="mono">{topic}</b> and all the records it holds are removed from the
        cluster. This cannot be undone.
      </Text>
      {groups > 0 && (
        <Text size="sm" c="var(--mantine-color-orange-text)">
          {groups === 1 ? 'A consumer group has' : `${groups} consumer groups have`} committed offsets on it.
        </Text>
      )}
    </TypedConfirmModal>
  )
}
