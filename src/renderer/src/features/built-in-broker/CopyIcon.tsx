import { ActionIcon, Button, Tooltip } from '@mantine/core'
import { IconCheck, IconCopy } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { notifyError } from '../../stores/notices-store'
import { writeClipboard } from '../payload-viewer/clipboard'

/** Copies and shows a tick for a moment; a refused copy says why. */
function useCopy(text: string): { copied: boolean; copy: () => void } {
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const t = setTimeout(() => setCopied(false), 1500)
    return () => clearTimeout(t)
  }, [copied])
  return {
    copied,
    copy: () =>
      void writeClipboard(text)
        .then(() => setCopied(true))
        .catch((err: unknown) => notifyError('Could not copy', err)),
  }
}

export function CopyIcon({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const { copied, copy } = useCopy(text)
  return (
    <Tooltip label={copied ? 'Copied' : label} withArrow>
      <ActionIcon
        variant="subtle"
        color={copied ? 'green' : 'gray'}
        size="sm"
        onClick={copy}
        aria-label={label}
        data-testid={testId}
      >
        {copied ? <IconCheck size={15} /> : <IconCopy size={15} />}
      </ActionIcon>
    </Tooltip>
  )
}

export function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const { copied, copy } = useCopy(text)
  return (
    <Button
      size="compact-xs"
      variant={copied ? 'light' : 'default'}
      color={copied ? 'green' : 'gray'}
      leftSection={copied ? <IconCheck size={13} /> : <IconCopy size={13} />}
      onClick={copy}
      data-testid={testId}
      data-copied={copied}
    >
      {copied ? 'Copied' : label}
    </Button>
  )
}
