import {
  KafkaJSAggregateError,
  KafkaJSDeleteGroupsError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
} from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../shared/api-error'
import { kafkaApiError, kafkaErrorText, kafkaErrorType } from './kafka-admin-errors'

// kafkajs builds these from a protocol error description (type, code, message, retriable).
const protocol = (type: string, code: number, message: string) =>
  new KafkaJSProtocolError({ type, code, message, retriable: false } as unknown as Error)

describe('kafka admin errors', () => {
  it('finds the protocol error inside retry, aggregate and delete-groups wrappers', () => {
    const unknown = protocol(
      'UNKNOWN_TOPIC_OR_PARTITION',
      3,
      'This server does not host this topic-partition',
    )
    const retried = new KafkaJSNumberOfRetriesExceeded(unknown, { retryCount: 1, retryTime: 10 })
    expect(kafkaErrorType(retried)).toBe('UNKNOWN_TOPIC_OR_PARTITION')
    expect(kafkaErrorText(retried)).toBe(
      'UNKNOWN_TOPIC_OR_PARTITION: This server does not host this topic-partition',
    )

    const config = protocol('INVALID_CONFIG', 40, 'Configuration is invalid')
    const aggregate = new KafkaJSAggregateError('Topic creation errors', [config])
    expect(kafkaErrorType(aggregate)).toBe('INVALID_CONFIG')

    const nonEmpty = protocol('NON_EMPTY_GROUP', 68, 'The group is not empty')
    const groups = new KafkaJSDeleteGroupsError('Error in DeleteGroups', [
      { groupId: 'g', errorCode: 68, error: nonEmpty },
    ])
    expect(kafkaErrorType(groups)).toBe('NON_EMPTY_GROUP')
    expect(kafkaErrorType(new Error('plain'))).toBeNull()
  })

  it('maps refused input, states, absences and the rest to API error codes', () => {
    const as = (type: string) => kafkaApiError(protocol(type, 1, 'words'), 'Could not do it')
    expect(as('INVALID_CONFIG')).toMatchObject({
      code: 'invalid_input',
      message: 'Could not do it: INVALID_CONFIG: words',
    })
    expect(as('POLICY_VIOLATION').code).toBe('invalid_input')
    expect(as('INVALID_REPLICATION_FACTOR').code).toBe('invalid_input')
    expect(as('TOPIC_ALREADY_EXISTS').code).toBe('conflict')
    expect(as('NON_EMPTY_GROUP').code).toBe('conflict')
    expect(as('GROUP_ID_NOT_FOUND').code).toBe('not_found')
    expect(as('TOPIC_AUTHORIZATION_FAILED').code).toBe('unavailable')
    expect(as('CORRUPT_MESSAGE').code).toBe('internal')
    const own = new ApiError('not_found', 'Topic t does not exist')
    expect(kafkaApiError(own, 'ignored')).toBe(own)
  })
})
