import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useState, type ReactNode } from 'react'

/**
 * Asks before something that cannot be undone (deleting a topic or a group): the user types its
 * name to enable the button. The broker's refusal shows here, in its words.
 */
export function TypedConfirmModal({
  opened,
  title,
  name,
  what,
  children,
  confirmLabel,
  onClose,
  onConfirm,
  testId,
}: {
  opened: boolean
  title: string
  /** What must be typed. */
  name: string
  /** "topic", "group": said in the prompt. */
  what: string
  children: ReactNode
  confirmLabel: string
  onClose(): void
  /** Rejects with the reason it failed. */
  onConfirm(): Promise<void>
  testId: string
}) {
  const [typed, setTyped] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const close = () => {
    if (busy) return
    setTyped('')
    setError(null)
    onClose()
  }
  const matches = typed === name
  async function confirm() {
    if (!matches || busy) return
    setBusy(true)
    setError(null)
    try {
      await onConfirm()
      setTyped('')
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={<Text fw={650}>{title}</Text>}
      centered
      size="md"
      data-testid={testId}
    >
      <Stack gap="md">
        {children}
        <TextInput
          label={
            <>
              Type the {what} name <span className="mono">{name}</span> to confirm
            </>
          }
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && void confirm()}
          classNames={{ input: 'mono' }}
          data-autofocus
          autoComplete="off"
          spellCheck={false}
          data-testid={`${testId}-input`}
        />
        {error && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={16} />}
            title="Not deleted"
            data-testid={`${testId}-error`}
          >
            <Text size="sm" className="reason-text">
              {error}
            </Text>
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} data-testid={`${testId}-cancel`}>
            Cancel
          </Button>
          <Button
            color="red"
            disabled={!matches}
            loading={busy}
            onClick={() => void confirm()}
            data-testid={`${testId}-confirm`}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
