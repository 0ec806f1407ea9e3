import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ImportResult } from '../../src/shared/api'
import { ApiError } from '../../src/shared/api-error'
import type { Profile } from '../../src/shared/profiles'
import { testCore } from '../support/test-core'

/**
 * A profile import file is the user's to pick and anyone's to write. Through the core's API, each
 * hostile file is refused (or the bad entries in it) with an error that says what and where, no
 * prototype is touched, secrets end up encrypted and never echoed, and the profiles already there
 * are exactly as they were.
 */

const MARK = 'S3cr3t-plaintext-marker'
const file = (profiles: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: 'brokerlens-profiles',
    version: 1,
    exportedAt: '2026-01-01T00:00:00Z',
    profiles,
    ...extra,
  })
const mqtt = (name: string, more: Record<string, unknown> = {}) => ({
  protocol: 'mqtt',
  name,
  host: '127.0.0.1',
  ...more,
})

describe('importing a hostile profile file', () => {
  let ctx: ReturnType<typeof testCore>
  let existing: Profile[]
  let existingSecrets: Record<string, unknown>
  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, 'test') as Promise<T>
  const importing = (json: string) => api<ImportResult>('importProfiles', { json })
  const refused = async (json: string): Promise<ApiError> => {
    try {
      await importing(json)
    } catch (err) {
      expect(err).toBeInstanceOf(ApiError)
      expect((err as ApiError).code).toBe('invalid_input')
      expect((err as ApiError).message.length).toBeLessThan(2100)
      return err as ApiError
    }
    throw new Error('the file was accepted')
  }
  const exportAll = async () =>
    JSON.parse((await api<{ json: string }>('exportProfiles', { includeSecrets: true })).json) as {
      profiles: { config: unknown; secrets?: Record<string, string> }[]
    }

  beforeEach(async () => {
    ctx = testCore()
    await api('createProfile', { config: mqtt('home broker'), secrets: { password: 'home-pass' } })
    await api('createProfile', {
      config: { protocol: 'kafka', name: 'cluster', brokers: ['127.0.0.1:9092'] },
    })
    existing = await api<Profile[]>('listProfiles')
    existingSecrets = await exportAll()
  })
  afterEach(async () => {
    // Whatever the file was, the profiles that were there are untouched, secrets included.
    const now = await api<Profile[]>('listProfiles')
    for (const p of existing) expect(now.find((q) => q.id === p.id)).toEqual(p)
    const exported = await exportAll()
    expect(exported.profiles.slice(0, existing.length)).toEqual(
      (existingSecrets as { profiles: unknown[] }).profiles,
    )
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('password')
    await ctx.dispose()
  })

  const unchangedCount = async () =>
    expect(await api<Profile[]>('listProfiles')).toHaveLength(existing.length)

  it('not JSON: refused, saying where, without quoting the file', async () => {
    const err = await refused(`password=${MARK}\nhost=broker`)
    expect(err.message).toMatch(/^The file is not JSON: .*\(line 1, column 1\)$/)
    expect(err.message).not.toContain(MARK)
    const cut = await refused(file([{ config: mqtt('x') }]).slice(0, -20))
    expect(cut.message).toMatch(/line 1, column \d+/)
    await refused('')
    await refused('\u0000\u0001\u0002')
    await unchangedCount()
  })

  it('JSON of the wrong shape: refused, naming the field', async () => {
    for (const [json, path] of [
      ['[]', ''],
      ['null', ''],
      ['"profiles"', ''],
      [JSON.stringify({ format: 'other', version: 1, exportedAt: 'x', profiles: [] }), 'format'],
      [file([], { version: 2 }), 'version'],
      [file([]).replace('"profiles":[]', '"profiles":{}'), 'profiles'],
      [file([{ config: mqtt('x'), secrets: { password: 42 } }]), 'profiles.0.secrets.password'],
      [file(Array.from({ length: 10_001 }, () => ({ config: {} }))), 'profiles'],
    ] as const) {
      const err = await refused(json)
      expect(
        err.issues?.map((i) => i.path),
        json.slice(0, 80),
      ).toContain(path)
    }
    await unchangedCount()
  })

  it('a 50 MB file: refused whole when it is not JSON, entry by entry when a field is huge', async () => {
    const junk = await refused(`{"format": "brokerlens-profiles", ${' '.repeat(50 * 1024 * 1024)} oops`)
    expect(junk.message).toMatch(/not JSON/)
    const huge = 'h'.repeat(50 * 1024 * 1024)
    const big = 'b'.repeat(1024 * 1024)
    const json = file([
      { config: mqtt(huge) },
      { config: mqtt('fine', { tls: { ca: big } }) },
      { config: mqtt('ok too', { clientId: big }) },
      { config: mqtt('kept') },
      { config: mqtt('odd key', { [big]: 1 }) },
    ])
    expect(json.length).toBeGreaterThan(50 * 1024 * 1024)
    const result = await importing(json)
    expect(result.imported.map((p) => p.config.name)).toEqual(['kept'])
    expect(result.rejected.map((r) => [r.index, r.reason.match(/\((\w+(?:\.\w+)*):/)?.[1]])).toEqual([
      [0, 'name'],
      [1, 'tls.ca'],
      [2, 'clientId'],
      [4, undefined],
    ])
    expect(result.rejected[3]?.reason).toMatch(/^Invalid profile \(bbbb.*… \(\d+ characters\)$/)
    // Reports stay small whatever the file held.
    expect(JSON.stringify(result).length).toBeLessThan(20_000)
    // An unknown key of a megabyte at the top: the error names it, in a bounded message.
    const oddTop = await refused(file([], { [big]: 1 }))
    expect(oddTop.issues?.[0]?.path).toMatch(/^b+… \(\d+ characters\)$/)
    const over = await refused('x'.repeat(64 * 1024 * 1024 + 1)) // beyond the contract's limit
    expect(over.issues?.map((i) => i.path)).toEqual(['json'])
  })

  it('__proto__ and constructor keys: refused as unknown keys, no prototype touched', async () => {
    const polluting = [
      '{"__proto__": {"polluted": 1}, "format": "brokerlens-profiles", "version": 1, "exportedAt": "x", "profiles": []}',
      file([]).replace(
        '"profiles":[]',
        '"profiles":[{"config":{"protocol":"mqtt","name":"p","host":"h","__proto__":{"isAdmin":true}}}]',
      ),
      file([{ config: mqtt('c', { constructor: { prototype: { polluted: 1 } } }) }]),
      file([]).replace(
        '"profiles":[]',
        '"profiles":[{"__proto__":{"polluted":1},"config":{"protocol":"mqtt","name":"p","host":"h"}}]',
      ),
    ]
    const outcomes: string[] = []
    for (const json of polluting) {
      try {
        const r = await importing(json)
        expect(r.imported).toEqual([])
        outcomes.push(...r.rejected.map((x) => x.reason))
      } catch (err) {
        outcomes.push((err as ApiError).message)
      }
    }
    expect(outcomes).toHaveLength(4)
    for (const o of outcomes) expect(o).toMatch(/Unrecognized key: "(__proto__|constructor)"/)
    // A __proto__ inside the secrets map is dropped; the real keys next to it still count.
    const r = await importing(
      file([]).replace(
        '"profiles":[]',
        `"profiles":[{"config":{"protocol":"mqtt","name":"p","host":"h"},"secrets":{"__proto__":{"password":"x"},"password":"${MARK}"}}]`,
      ),
    )
    expect(r.imported[0]?.secretsSet).toEqual(['password'])
    await api('deleteProfile', { id: r.imported[0]!.id })
  })

  it('entries with ids of existing profiles: refused, or imported as new profiles, never overwriting', async () => {
    const withId = await refused(file([{ id: existing[0]!.id, config: mqtt('impostor') }]))
    expect(withId.issues).toEqual([{ path: 'profiles.0', message: 'Unrecognized key: "id"' }])
    const inConfig = await importing(file([{ config: { ...mqtt('impostor'), id: existing[0]!.id } }]))
    expect(inConfig).toMatchObject({ imported: [], rejected: [{ index: 0, name: 'impostor' }] })
    // Importing an export of the very same profiles adds copies with ids of their own.
    const again = await importing(
      (await api<{ json: string }>('exportProfiles', { includeSecrets: true })).json,
    )
    expect(again.imported).toHaveLength(existing.length)
    for (const p of again.imported) expect(existing.map((e) => e.id)).not.toContain(p.id)
    for (const p of again.imported) await api('deleteProfile', { id: p.id })
  })

  it('secrets in plain text: stored encrypted, never returned or echoed, bad ones refused by name', async () => {
    const r = await importing(
      file([
        { config: mqtt('with secret'), secrets: { password: MARK, tlsPassphrase: `${MARK}-2` } },
        { config: mqtt('odd secret'), secrets: { passwd: MARK } },
        { config: mqtt('long secret'), secrets: { password: MARK.repeat(10_000) } },
      ]),
    )
    expect(r.imported.map((p) => [p.config.name, p.secretsSet])).toEqual([
      ['with secret', ['password', 'tlsPassphrase']],
    ])
    expect(r.rejected.map((x) => [x.index, x.reason])).toEqual([
      [1, 'Invalid secrets (passwd: Unrecognized key: "passwd")'],
      [2, expect.stringMatching(/^Invalid secrets \(password: /)],
    ])
    // Not in what the core answers, nor in an export without secrets, nor anywhere in the data folder.
    expect(JSON.stringify(r)).not.toContain(MARK)
    expect((await api<{ json: string }>('exportProfiles', {})).json).not.toContain(MARK)
    expect(JSON.stringify(await api('listProfiles'))).not.toContain(MARK)
    const files = readdirSync(ctx.dataDir, { withFileTypes: true }).filter((f) => f.isFile())
    expect(files.length).toBeGreaterThan(1) // the database and its key file, at least
    for (const f of files) expect(readFileSync(join(ctx.dataDir, f.name)).includes(MARK), f.name).toBe(false)
    // It is there, encrypted, for the core to connect with (and to export when asked).
    const exported = await exportAll()
    expect(exported.profiles.at(-1)?.secrets).toEqual({ password: MARK, tlsPassphrase: `${MARK}-2` })
    await api('deleteProfile', { id: r.imported[0]!.id })
  })
})
