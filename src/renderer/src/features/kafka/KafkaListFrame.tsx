import { Alert, Center, Loader, Table, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import type { ReactNode } from 'react'

/**
 * What the cluster's lists (topics, groups) share around their rows: the broker's error, a loader
 * until the first answer, then one sticky-header table and whatever follows it (empty or cut notes).
 */
export function KafkaListFrame({
  errorTitle,
  error,
  loading,
  ready,
  testId,
  count,
  after,
  children,
}: {
  errorTitle: string
  error: string | null | undefined
  loading: boolean
  ready: boolean
  testId: string
  count: number
  after?: ReactNode
  children: ReactNode
}) {
  return (
    <>
      {error && (
        <Alert
          mx="md"
          mb="sm"
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={16} />}
          title={errorTitle}
        >
          <Text size="sm" className="reason-text">
            {error}
          </Text>
        </Alert>
      )}
      {!ready ? (
        <Center py="xl">{loading && <Loader size="sm" />}</Center>
      ) : (
        <div className="kafka-table-wrap">
          <Table
            highlightOnHover
            stickyHeader
            verticalSpacing={7}
            horizontalSpacing="sm"
            fz="sm"
            tabularNums
            data-testid={testId}
            data-count={count}
          >
            {children}
          </Table>
          {after}
        </div>
      )}
    </>
  )
}
