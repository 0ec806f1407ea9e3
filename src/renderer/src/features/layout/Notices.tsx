import { Notification, Stack } from '@mantine/core'
import { IconAlertTriangle, IconCheck, IconInfoCircle } from '@tabler/icons-react'
import { useNoticesStore } from '../../stores/notices-store'

const COLOR = { info: 'blue', success: 'green', error: 'red' } as const

/** Outcomes of actions, bottom right above the editor's footer (never over its buttons), gone after a few seconds. */
export function Notices() {
  const notices = useNoticesStore((s) => s.notices)
  return (
    <Stack
      gap="xs"
      pos="fixed"
      bottom={76}
      right={16}
      w={360}
      style={{ zIndex: 400, pointerEvents: 'none' }}
      aria-live="polite"
    >
      {notices.map((n) => (
        <Notification
          key={n.id}
          color={COLOR[n.tone]}
          title={n.title}
          icon={
            n.tone === 'error' ? (
              <IconAlertTriangle size={18} />
            ) : n.tone === 'success' ? (
              <IconCheck size={18} />
            ) : (
              <IconInfoCircle size={18} />
            )
          }
          onClose={() => useNoticesStore.getState().dismiss(n.id)}
          withBorder
          style={{ pointerEvents: 'auto' }}
          data-testid={`notice-${n.tone}`}
        >
          {n.message}
        </Notification>
      ))}
    </Stack>
  )
}
