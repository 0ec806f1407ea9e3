import { describe, expect, it } from 'vitest'
import { newRow } from './kv-rows'
import {
  EMPTY_MQTT_DRAFT,
  liveTopicError,
  mqttDraftOf,
  mqttDraftToTarget,
  mqttFieldOfPath,
  mqttPropertyCount,
  type MqttDraft,
} from './mqtt-target-draft'

const draft = (p: Partial<MqttDraft>): MqttDraft => ({ ...EMPTY_MQTT_DRAFT, ...p })

describe('the MQTT target form', () => {
  it('makes a target of topic, QoS and retain', () => {
    expect(mqttDraftToTarget(draft({ topic: 'home/light', qos: '1', retain: true }), false)).toEqual({
      ok: true,
      target: { protocol: 'mqtt', topic: 'home/light', qos: 1, retain: true },
    })
  })

  it('names the topic field for a missing topic or a wildcard', () => {
    expect(mqttDraftToTarget(draft({ topic: '' }), false)).toEqual({
      ok: false,
      errors: { fields: { topic: 'Topic is required' }, rows: {} },
    })
    const r = mqttDraftToTarget(draft({ topic: 'home/+/light' }), false)
    expect(r).toEqual({
      ok: false,
      errors: { fields: { topic: 'Topic must not contain the wildcards + or #' }, rows: {} },
    })
    expect(liveTopicError('')).toBeNull()
    expect(liveTopicError('a/#')).toMatch(/wildcards/)
    expect(liveTopicError('a'.repeat(70_000))).toMatch(/longer than 65535 bytes/)
  })

  it('sends MQTT 5 properties, only what is set, to MQTT 5 profiles', () => {
    const d = draft({
      topic: 't',
      contentType: 'application/json',
      responseTopic: 'replies/me',
      correlationData: 'de ad',
      correlationMode: 'hex',
      messageExpiryInterval: '60',
      payloadFormatIndicator: 'utf8',
      userProperties: [newRow('a', '1'), newRow('', ''), newRow('a', '2')],
    })
    const r = mqttDraftToTarget(d, true)
    expect(r.ok).toBe(true)
    if (!r.ok || r.target.protocol !== 'mqtt') return
    expect(r.target.properties).toEqual({
      contentType: 'application/json',
      responseTopic: 'replies/me',
      correlationData: new Uint8Array([0xde, 0xad]),
      messageExpiryInterval: 60,
      payloadFormatIndicator: true,
      userProperties: [
        ['a', '1'],
        ['a', '2'],
      ],
    })
    expect(mqttPropertyCount(d)).toBe(7)
    // the same form on a 3.1.1 profile: no properties at all
    const v4 = mqttDraftToTarget(d, false)
    expect(v4.ok && v4.target.protocol === 'mqtt' && v4.target.properties).toBe(undefined)
  })

  it('leaves properties out entirely when none is set, and sends "bytes" as false', () => {
    const none = mqttDraftToTarget(draft({ topic: 't' }), true)
    expect(none.ok && 'properties' in none.target).toBe(false)
    const bytes = mqttDraftToTarget(draft({ topic: 't', payloadFormatIndicator: 'bytes' }), true)
    expect(bytes.ok && bytes.target.protocol === 'mqtt' && bytes.target.properties).toEqual({
      payloadFormatIndicator: false,
    })
  })

  it('names each bad property field, and the user property row', () => {
    const orphan = newRow('', 'v')
    const r = mqttDraftToTarget(
      draft({
        topic: 't',
        responseTopic: 'replies/#',
        correlationData: 'xyz',
        correlationMode: 'hex',
        messageExpiryInterval: '4294967296',
        userProperties: [orphan],
      }),
      true,
    )
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors.fields.responseTopic).toBe('Response topic must not contain the wildcards + or #')
    expect(r.errors.fields.correlationData).toMatch(/Invalid hex character 'x'/)
    expect(r.errors.fields.messageExpiryInterval).toMatch(/4,294,967,295/)
    expect(r.errors.rows[orphan.id]).toBe('A user property needs a name')
    expect(mqttDraftToTarget(draft({ topic: 't', messageExpiryInterval: '1.5' }), true).ok).toBe(false)
  })

  it('maps issue paths of the core to form fields', () => {
    expect(mqttFieldOfPath('topic')).toBe('topic')
    expect(mqttFieldOfPath('target.topic')).toBe('topic')
    expect(mqttFieldOfPath('target.properties.contentType')).toBe('contentType')
    expect(mqttFieldOfPath('target.properties.userProperties.3')).toBe('userProperties')
    expect(mqttFieldOfPath('payload')).toBeNull()
  })

  it('loads a sent target back into the form, which gives the same target again', () => {
    const target = {
      protocol: 'mqtt' as const,
      topic: 'a/b',
      qos: 2 as const,
      retain: false,
      properties: {
        correlationData: new Uint8Array([0, 255]),
        contentType: 'text/plain',
        userProperties: [['k', 'v']] as [string, string][],
        payloadFormatIndicator: false,
        messageExpiryInterval: 0,
      },
    }
    const d = mqttDraftOf(target)
    expect(d).toMatchObject({
      topic: 'a/b',
      qos: '2',
      correlationMode: 'hex',
      payloadFormatIndicator: 'bytes',
    })
    expect(d.correlationData).toBe('00 ff')
    expect(d.messageExpiryInterval).toBe('0')
    expect(mqttDraftToTarget(d, true)).toEqual({ ok: true, target })
    // text correlation data comes back as text
    expect(
      mqttDraftOf({ ...target, properties: { correlationData: new TextEncoder().encode('req-1') } }),
    ).toMatchObject({
      correlationData: 'req-1',
      correlationMode: 'text',
    })
  })
})
