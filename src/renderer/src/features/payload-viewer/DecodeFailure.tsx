import { Alert, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { HexView } from './HexView'

/**
 * A decoder that could not make sense of the payload: its own error, then the bytes themselves, so
 * the pane is never blank and the user can see why (a wrong .proto, a payload that is not CBOR).
 */
export function DecodeFailure({
  title,
  error,
  bytes,
  height,
}: {
  title: string
  error: string
  bytes: Uint8Array
  height: string
}) {
  return (
    <div data-testid="payload-decode-failure">
      <Alert
        color="red"
        variant="light"
        p="xs"
        icon={<IconAlertTriangle size={16} />}
        title={title}
        data-testid="payload-decode-error"
      >
        <Text size="xs" className="reason-text">
          {error}
        </Text>
      </Alert>
      <RawBytes bytes={bytes} height={height} />
    </div>
  )
}

/** The payload in hex under a note that says what it is. */
export function RawBytes({ bytes, height }: { bytes: Uint8Array; height: string }) {
  return (
    <>
      <Text size="xs" c="dimmed" className="pv-raw-label">
        Raw bytes
      </Text>
      <HexView bytes={bytes} height={height} testId="payload-raw-hex" />
    </>
  )
}
