import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../../shared/api-error'
import { callErrorView } from './publish-errors'

describe('errors of a publish call, in the form', () => {
  it('puts a refused topic on the topic field and names it', () => {
    const err = new ApiError('invalid_input', 'Invalid target', [
      { path: 'topic', message: 'Topic must not contain the wildcards + or #' },
    ])
    expect(callErrorView(err, 'mqtt')).toEqual({
      fields: { topic: 'Topic must not contain the wildcards + or #' },
      payload: null,
      message: 'Topic: Topic must not contain the wildcards + or #',
    })
  })

  it('puts a template error under the editor', () => {
    const err = new ApiError('invalid_input', 'Template: Unknown placeholder {{nope}}', [
      { path: 'payload', message: 'Unknown placeholder {{nope}} (at character 1)' },
    ])
    const view = callErrorView(err, 'mqtt')
    expect(view.payload).toBe('Unknown placeholder {{nope}} (at character 1)')
    expect(view.fields).toEqual({})
    expect(view.message).toBe('Payload: Unknown placeholder {{nope}} (at character 1)')
  })

  it('says what to do when the connection is not there', () => {
    const view = callErrorView({ code: 'unavailable', message: 'Lab is not connected' }, 'kafka')
    expect(view.message).toBe('Lab is not connected. Connect first, then send again.')
  })

  it('maps nested property paths per protocol', () => {
    const err = {
      code: 'invalid_input',
      message: 'Invalid (target.properties.priority: too big)',
      issues: [{ path: 'target.properties.priority', message: 'too big' }],
    }
    expect(callErrorView(err, 'amqp').fields).toEqual({ priority: 'too big' })
    // the message names the issue already: kept as it is
    expect(callErrorView(err, 'amqp').message).toBe('Invalid (target.properties.priority: too big)')
    expect(callErrorView(new Error('boom'), 'mqtt')).toEqual({ fields: {}, payload: null, message: 'boom' })
  })
})
