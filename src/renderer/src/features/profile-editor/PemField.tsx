import { Button, FileButton, Group, Text, Textarea } from '@mantine/core'
import { IconFileUpload, IconX } from '@tabler/icons-react'
import { useState, type ReactNode } from 'react'

const MAX_PEM = 256 * 1024

/** A PEM text: paste it, or load it from a file read in the page (nothing is uploaded). */
export function PemField(props: {
  label: string
  description?: ReactNode
  value: string
  onChange: (value: string) => void
  placeholder?: string
  error?: string | undefined
  testid: string
  disabled?: boolean
}) {
  const { label, description, value, onChange, placeholder, error, testid, disabled } = props
  const [fileError, setFileError] = useState<string | null>(null)
  const looksWrong = value.trim() !== '' && !value.includes('-----BEGIN ')

  async function load(file: File | null) {
    if (!file) return
    if (file.size > MAX_PEM) {
      setFileError(`${file.name} is ${Math.round(file.size / 1024)} KiB; a PEM file is at most 256 KiB`)
      return
    }
    const text = await file.text()
    setFileError(null)
    onChange(text)
  }

  return (
    <div>
      <Textarea
        label={label}
        description={description}
        inputWrapperOrder={['label', 'input', 'error', 'description']}
        className="pem-input"
        value={value}
        placeholder={placeholder ?? '-----BEGIN CERTIFICATE-----\n…'}
        onChange={(e) => onChange(e.currentTarget.value)}
        autosize
        minRows={2}
        maxRows={8}
        spellCheck={false}
        error={error ?? fileError ?? undefined}
        disabled={disabled}
        data-testid={`field-${testid}`}
      />
      <Group gap="xs" mt={6} justify="space-between" wrap="nowrap">
        <Text size="xs" c={looksWrong ? 'var(--mantine-color-orange-text)' : 'dimmed'}>
          {looksWrong
            ? 'This does not look like PEM (-----BEGIN …-----).'
            : value
              ? `${value.trim().split('\n').length} lines`
              : ''}
        </Text>
        <Group gap={6} wrap="nowrap">
          {value !== '' && (
            <Button
              size="compact-xs"
              variant="subtle"
              color="gray"
              leftSection={<IconX size={12} />}
              onClick={() => onChange('')}
              disabled={disabled}
            >
              Clear
            </Button>
          )}
          <FileButton
            onChange={(f) => void load(f)}
            accept=".pem,.crt,.cer,.key,.txt,application/x-pem-file,text/plain"
            disabled={disabled}
            inputProps={{ 'data-testid': `file-${testid}` } as Record<string, string>}
          >
            {(p) => (
              <Button
                {...p}
                size="compact-xs"
                variant="light"
                leftSection={<IconFileUpload size={12} />}
                disabled={disabled}
              >
                Load file…
              </Button>
            )}
          </FileButton>
        </Group>
      </Group>
    </div>
  )
}
