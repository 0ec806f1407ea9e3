import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../shared/api-error'
import type { ApiEvent } from '../../shared/api'
import { testCore } from '../../../test/support/test-core'

const mqtt = { protocol: 'mqtt', name: 'Homelab', host: 'broker.lan', port: 1883 } as const
const kafka = {
  protocol: 'kafka',
  name: 'Local Kafka',
  brokers: ['127.0.0.1:9092'],
  sasl: 'scram-sha-256',
  username: 'svc',
} as const

describe('profiles through the core API', () => {
  let ctx: ReturnType<typeof testCore>
  let events: ApiEvent[]
  beforeEach(() => {
    ctx = testCore()
    events = []
    ctx.core.onEvent((e) => events.push(e))
  })
  afterEach(() => ctx.dispose())
  const api = (m: string, input?: unknown) => ctx.core.invoke(m, input) as Promise<any>

  it('creates with defaults applied, lists, edits, duplicates and deletes', async () => {
    const created = await api('createProfile', { config: mqtt, secrets: { password: 'hunter2' } })
    expect(created.config).toMatchObject({
      transport: 'mqtt',
      mqttVersion: 4,
      keepalive: 60,
      cleanStart: true,
    })
    expect(created.secretsSet).toEqual(['password'])
    expect(JSON.stringify(created)).not.toContain('hunter2')

    const updated = await api('updateProfile', {
      id: created.id,
      config: { ...created.config, port: 8883, transport: 'mqtts' },
    })
    expect(updated.config.port).toBe(8883)
    expect(updated.secretsSet).toEqual(['password']) // absent secrets are kept

    const copy = await api('duplicateProfile', { id: created.id })
    expect(copy.config.name).toBe('Homelab (copy)')
    expect(copy.secretsSet).toEqual(['password'])
    expect((await api('duplicateProfile', { id: created.id })).config.name).toBe('Homelab (copy 2)')

    await api('deleteProfile', { id: copy.id })
    const names = (await api('listProfiles')).map((p: { config: { name: string } }) => p.config.name)
    expect(names).toEqual(['Homelab', 'Homelab (copy 2)'])
    expect(events.filter((e) => e.type === 'profiles.changed')).toHaveLength(5)
  })

  it('clears a secret with null and keeps it when absent', async () => {
    const p = await api('createProfile', {
      config: kafka,
      secrets: { password: 's3cret', tlsPassphrase: 'pp' },
    })
    expect(p.secretsSet).toEqual(['password', 'tlsPassphrase'])
    const q = await api('updateProfile', { id: p.id, config: p.config, secrets: { tlsPassphrase: null } })
    expect(q.secretsSet).toEqual(['password'])
  })

  it('names the offending field of an invalid profile', async () => {
    const err = await api('createProfile', { config: { ...mqtt, port: 70000, host: '' } }).catch(
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).code).toBe('invalid_input')
    const paths = (err as ApiError).issues?.map((i) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['config.port', 'config.host']))
  })

  it('refuses unknown fields and unknown methods', async () => {
    await expect(api('createProfile', { config: { ...mqtt, colour: 'red' } })).rejects.toMatchObject({
      code: 'invalid_input',
    })
    await expect(api('dropDatabase', {})).rejects.toMatchObject({ code: 'not_found' })
    await expect(api('getProfile', { id: 'nope' })).rejects.toMatchObject({ code: 'not_found' })
  })

  it('exports without secrets unless asked, and imports back, reporting bad entries', async () => {
    await api('createProfile', { config: mqtt, secrets: { password: 'hunter2' } })
    await api('createProfile', { config: kafka, secrets: { password: 'kafka-pw' } })
    const plain = await api('exportProfiles', {})
    expect(plain.count).toBe(2)
    expect(plain.json).not.toContain('hunter2')
    const withSecrets = await api('exportProfiles', { includeSecrets: true })
    expect(withSecrets.json).toContain('hunter2')

    const file = JSON.parse(withSecrets.json)
    file.profiles.push({ config: { protocol: 'mqtt', name: 'Broken', host: 'x', port: 'eighty' } })
    const other = testCore()
    try {
      const result = (await other.core.invoke('importProfiles', { json: JSON.stringify(file) })) as any
      expect(result.imported.map((p: { config: { name: string } }) => p.config.name)).toEqual([
        'Homelab',
        'Local Kafka',
      ])
      expect(result.imported[0].secretsSet).toEqual(['password'])
      expect(result.rejected).toEqual([
        { index: 2, name: 'Broken', reason: 'Invalid profile (port: Port must be a number)' },
      ])
    } finally {
      await other.dispose()
    }
    await expect(api('importProfiles', { json: '{not json' })).rejects.toThrow(/not JSON/)
    await expect(api('importProfiles', { json: '{"format":"other"}' })).rejects.toMatchObject({
      code: 'invalid_input',
    })
  })

  it('keeps passwords out of every file in the data folder', async () => {
    const password = 'PlainTextCanary-7f3a9c'
    await api('createProfile', { config: mqtt, secrets: { password, tlsPassphrase: password + '-pp' } })
    await ctx.core.close()
    for (const f of readdirSync(ctx.dataDir)) {
      const bytes = readFileSync(join(ctx.dataDir, f))
      expect(bytes.includes(Buffer.from(password)), `${f} holds the password`).toBe(false)
    }
  })
})
