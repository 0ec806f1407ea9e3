import { describe, expect, it } from 'vitest'
import { MqttConfig } from '../../../../shared/profiles'
import {
  AMQP_USUAL_PORTS,
  MQTT_USUAL_PORTS,
  checkDraft,
  draftFromConfig,
  emptySecrets,
  fieldErrorsFromIssues,
  newNamedDraft,
  secretsPatchFrom,
  splitBrokerList,
  suggestedPort,
  tabOfField,
  type KafkaDraft,
  type MqttDraft,
} from './profile-draft'

describe('profile drafts', () => {
  it('round-trips a config through a draft', () => {
    const config = MqttConfig.parse({
      protocol: 'mqtt',
      name: 'Home',
      host: 'broker.lan',
      port: 8883,
      transport: 'mqtts',
      mqttVersion: 5,
      sessionExpiry: 300,
      connectTimeoutMs: 2500,
      will: { topic: 'clients/me', payload: 'gone', qos: 1, retain: true },
    })
    const check = checkDraft(draftFromConfig(config), emptySecrets())
    expect(check.errors).toEqual({})
    expect(check.config).toEqual(config)
  })

  it('reports the contract messages under each field, and empty numbers as required', () => {
    const draft = { ...(newNamedDraft('mqtt') as MqttDraft), host: 'mqtt://x', port: '' }
    draft.willEnabled = true
    const { errors, config } = checkDraft(draft, emptySecrets())
    expect(config).toBeNull()
    expect(errors).toMatchObject({
      name: 'Name is required',
      host: 'Host is a name or an address, without scheme, path or spaces',
      port: 'Port is required',
      'will.topic': 'Will topic is required',
    })
  })

  it('drops the will when it is switched off, whatever its text', () => {
    const draft = { ...(newNamedDraft('mqtt') as MqttDraft), name: 'a' }
    draft.will = { topic: 'bad/#', payload: '', qos: 0, retain: false }
    const check = checkDraft(draft, emptySecrets())
    expect(check.errors).toEqual({})
    expect(check.config).toMatchObject({ will: null })
  })

  it('validates Kafka broker rows, pointing at the row even when empty rows are skipped', () => {
    const draft: KafkaDraft = {
      ...(newNamedDraft('kafka') as KafkaDraft),
      name: 'k',
      brokers: ['', 'a:9092', 'nope'],
    }
    expect(checkDraft(draft, emptySecrets()).errors).toEqual({ 'brokers.2': 'Each broker is host:port' })
    const empty: KafkaDraft = { ...draft, brokers: ['', ' '] }
    expect(checkDraft(empty, emptySecrets()).errors.brokers).toBe('At least one bootstrap broker is required')
    const ok: KafkaDraft = { ...draft, brokers: ['a:9092', ''] }
    expect(checkDraft(ok, emptySecrets()).config).toMatchObject({ brokers: ['a:9092'] })
  })

  it('maps the core issues onto fields', () => {
    const draft: KafkaDraft = { ...(newNamedDraft('kafka') as KafkaDraft), brokers: ['', 'a:1'] }
    const { errors, unplaced } = fieldErrorsFromIssues(
      [
        { path: 'config.brokers.0', message: 'bad' },
        { path: 'secrets.password', message: 'too long' },
        { path: 'config', message: 'Invalid input' },
      ],
      draft,
    )
    expect(errors).toEqual({ 'brokers.1': 'bad', 'secrets.password': 'too long' })
    expect(unplaced).toEqual(['config: Invalid input'])
  })

  it('builds a SecretsPatch: set, clear, keep', () => {
    expect(secretsPatchFrom(emptySecrets())).toBeUndefined()
    expect(
      secretsPatchFrom({
        password: { mode: 'set', value: 's3' },
        tlsKey: { mode: 'clear' },
        tlsPassphrase: { mode: 'set', value: '' },
        managementPassword: { mode: 'set', value: 'm4' },
      }),
    ).toEqual({ password: 's3', tlsKey: null, managementPassword: 'm4' })
  })

  it('suggests the usual port only when the user has not typed their own', () => {
    expect(suggestedPort(MQTT_USUAL_PORTS, 'mqtt', 'mqtts', 1883)).toBe(8883)
    expect(suggestedPort(MQTT_USUAL_PORTS, 'mqtt', 'ws', '')).toBe(8080)
    expect(suggestedPort(MQTT_USUAL_PORTS, 'mqtt', 'wss', 1884)).toBe(1884)
    expect(suggestedPort(AMQP_USUAL_PORTS, 'amqp', 'amqps', 5672)).toBe(5671)
  })

  it('knows the tab of each field', () => {
    expect(tabOfField('mqtt', 'will.topic')).toBe('will')
    expect(tabOfField('mqtt', 'secrets.password')).toBe('auth')
    expect(tabOfField('kafka', 'secrets.tlsKey')).toBe('tls')
    expect(tabOfField('amqp', 'managementUrl')).toBe('advanced')
    expect(tabOfField('kafka', 'brokers.2')).toBe('general')
  })

  it('splits a pasted broker list', () => {
    expect(splitBrokerList(' a:1, b:2;c:3\nd:4 ')).toEqual(['a:1', 'b:2', 'c:3', 'd:4'])
  })
})
