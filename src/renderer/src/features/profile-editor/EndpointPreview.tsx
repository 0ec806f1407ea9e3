import { Text } from '@mantine/core'

/** "Connects to mqtts://broker:8883" under the address fields, as the connection will be made. */
export function EndpointPreview({ url }: { url: string }) {
  return (
    <Text size="xs" c="dimmed">
      Connects to{' '}
      <Text span className="mono" size="xs" c="var(--mantine-color-text)" data-testid="endpoint-preview">
        {url}
      </Text>
    </Text>
  )
}
