import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { FileKeyCipher } from '../../src/main/secrets/file-key-cipher'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { Profile, ProfileConfigInput, SecretsPatch } from '../../src/shared/profiles'
import { encodeFrame } from '../../src/shared/wire'
import { scanBuffer, scanPaths, type Secret } from '../../scripts/security/secrets-scan.mjs'
import { testBrokers } from '../support/brokers'
import { brokerSecrets, socketCaller, unique, wrongPasswords } from '../support/secret-fixtures'
import { tempDir } from '../support/temp-dir'

/**
 * Secrets are never written in plain text: not to the data folder (the SQLite database, its WAL
 * and shared-memory files, the key file), not to the logs, not to exports, not to the process's
 * output. The web host runs as it ships (out/main/web.js under plain Node, its own process, its
 * stdout and stderr captured), holds profiles with every kind of secret for all three protocols,
 * connects with the test brokers' real passwords, stores and exports history, is refused with
 * wrong passwords, and is stopped; then every byte it left is searched for every secret in every
 * encoding (scripts/security/secrets-scan.mjs).
 */

const root = process.cwd()

describe('secrets at rest', () => {
  const dir = tempDir('brokerlens-secrets-at-rest-')
  const dataDir = join(dir.path, 'data')
  const exportsDir = join(dir.path, 'exports')
  let child: ChildProcess
  const output: Buffer[] = []
  let exitCode: number | null = null
  let secrets: Secret[]
  let ws: WebSocket
  const profiles: Record<string, Profile> = {}
  let profilesWithSecrets = ''
  /** The data folder searched while the host still runs: the WAL holds the latest writes then. */
  let whileRunning: { files: string[]; result: ReturnType<typeof scanPaths> }
  let storedSecretRows = 0

  const call = socketCaller(() => ws, encodeFrame)
  const create = async (key: string, config: ProfileConfigInput, patch: SecretsPatch) => {
    profiles[key] = await call<Profile>('createProfile', { config, secrets: patch })
  }
  const idOf = (key: string) => profiles[key]!.id

  beforeAll(async () => {
    expect(
      existsSync(join(root, 'out', 'main', 'web.js')),
      'run `npx electron-vite build` first (npm test does)',
    ).toBe(true)
    const b = testBrokers()
    const m = b.mosquitto
    const r = b.rabbitmq
    const k = b.kafka
    const wrong = wrongPasswords()
    const passphrase = unique('key-passphrase')
    secrets = brokerSecrets(b, wrong, passphrase)
    mkdirSync(dataDir)
    mkdirSync(exportsDir)

    child = spawn(
      process.execPath,
      [join(root, 'out', 'main', 'web.js'), '--port', '0', '--data-dir', dataDir],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: process.env.PATH, HOME: dir.path, LANG: 'C.UTF-8' },
      },
    )
    child.stdout!.on('data', (d: Buffer) => output.push(d))
    child.stderr!.on('data', (d: Buffer) => output.push(d))
    child.once('exit', (code) => (exitCode = code))
    const url = await vi.waitFor(
      () => {
        const found = /running at (http:\/\/[^\s]+)/.exec(Buffer.concat(output).toString())
        expect(found, Buffer.concat(output).toString()).not.toBeNull()
        return new URL(found![1]!)
      },
      { timeout: 30_000 },
    )
    ws = await new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(`ws://${url.host}/api`, { origin: url.origin })
      socket.once('open', () => resolve(socket))
      socket.once('error', reject)
    })

    await create(
      'mqtt',
      {
        protocol: 'mqtt',
        name: 'mqtt password',
        host: m.host,
        port: m.ports.password,
        username: m.username,
        subscriptions: [{ filter: 'brokerlens-secrets/#' }],
      },
      { password: m.password },
    )
    await create(
      'mqttTls',
      {
        protocol: 'mqtt',
        name: 'mqtt client certificate',
        host: m.host,
        port: m.ports.mtls,
        transport: 'mqtts',
        tls: { ca: m.tls.ca.certPem, cert: m.tls.client.certPem },
      },
      { tlsKey: m.tls.client.keyPem, tlsPassphrase: passphrase },
    )
    await create(
      'amqp',
      {
        protocol: 'amqp',
        name: 'rabbit',
        host: r.host,
        port: r.ports.amqp,
        username: r.username,
        managementUrl: r.managementUrl,
      },
      { password: r.password },
    )
    await create(
      'amqpManagementWrong',
      {
        protocol: 'amqp',
        name: 'rabbit, management refused',
        host: r.host,
        port: r.ports.amqp,
        username: r.username,
        managementUrl: r.managementUrl,
      },
      { password: r.password, managementPassword: wrong.management },
    )
    await create(
      'kafka',
      {
        protocol: 'kafka',
        name: 'kafka sasl',
        brokers: [k.saslBootstrap],
        sasl: 'scram-sha-512',
        username: k.username,
      },
      { password: k.password },
    )
    await create(
      'mqttWrong',
      { protocol: 'mqtt', name: 'mqtt wrong', host: m.host, port: m.ports.password, username: m.username },
      { password: wrong.mqtt },
    )
    await create(
      'amqpWrong',
      { protocol: 'amqp', name: 'rabbit wrong', host: r.host, port: r.ports.amqp, username: r.username },
      { password: wrong.amqp },
    )
    await create(
      'kafkaWrong',
      {
        protocol: 'kafka',
        name: 'kafka wrong',
        brokers: [k.saslBootstrap],
        sasl: 'scram-sha-256',
        username: k.username,
      },
      { password: wrong.kafka },
    )

    for (const key of ['mqtt', 'mqttTls', 'amqp', 'amqpManagementWrong', 'kafka']) {
      const status = await call<ConnectionStatus>('connect', { profileId: idOf(key) })
      expect(status.state, `${key}: ${status.reason}`).toBe('connected')
    }
    for (const key of ['mqttWrong', 'amqpWrong', 'kafkaWrong']) {
      const status = await call<ConnectionStatus>('connect', { profileId: idOf(key) })
      expect(status.state, key).toBe('failed')
    }
    // The management API, with the right password and with a refused one.
    expect(
      (await call<{ management: { ok: boolean } }>('amqpTopology', { profileId: idOf('amqp') })).management
        .ok,
    ).toBe(true)
    expect(
      (
        await call<{ management: { ok: boolean } }>('amqpTopology', {
          profileId: idOf('amqpManagementWrong'),
        })
      ).management.ok,
    ).toBe(false)
    await call('kafkaCluster', { profileId: idOf('kafka') })

    // History: messages sent and received, then exported in both formats, as the user saves them.
    const topic = `brokerlens-secrets/${randomBytes(4).toString('hex')}`
    for (let i = 0; i < 5; i++)
      await call('publish', {
        profileId: idOf('mqtt'),
        target: { protocol: 'mqtt', topic, qos: 1 },
        payload: new TextEncoder().encode(`reading ${i}`),
      })
    await vi.waitFor(
      async () => {
        const { count } = await call<{ count: number }>('countHistory', {
          filter: { profileId: idOf('mqtt'), topic, direction: 'in' },
        })
        expect(count).toBe(5)
      },
      { timeout: 15_000 },
    )
    for (const format of ['jsonl', 'csv'] as const) {
      const chunk = await call<{ text: string; exported: number }>('exportHistory', {
        filter: { profileId: idOf('mqtt') },
        format,
      })
      expect(chunk.exported).toBeGreaterThanOrEqual(10)
      writeFileSync(join(exportsDir, `history.${format}`), chunk.text)
    }
    const exported = await call<{ json: string; count: number }>('exportProfiles', { includeSecrets: false })
    expect(exported.count).toBe(Object.keys(profiles).length)
    writeFileSync(join(exportsDir, 'profiles.json'), exported.json)
    // Kept in memory only: the proof, below, that the search finds secrets when they are there.
    profilesWithSecrets = (await call<{ json: string }>('exportProfiles', { includeSecrets: true })).json

    for (const key of ['mqtt', 'mqttTls', 'amqp', 'amqpManagementWrong', 'kafka'])
      await call('disconnect', { profileId: idOf(key) })
    ws.close()
    whileRunning = { files: readdirSync(dataDir), result: scanPaths([dataDir], secrets) }

    // Stopped as a user stops it (Ctrl-C): the core closes the database.
    child.kill('SIGINT')
    await vi.waitFor(() => expect(exitCode).not.toBeNull(), { timeout: 20_000 })

    const db = new Database(join(dataDir, 'brokerlens.db'), { readonly: true })
    storedSecretRows = (db.prepare('SELECT count(*) AS n FROM profile_secrets').get() as { n: number }).n
    db.close()
  }, 180_000)

  afterAll(() => {
    if (exitCode === null) child?.kill('SIGKILL')
    dir.remove()
  })

  it('left a data folder that holds the profiles’ secrets, encrypted', () => {
    expect(exitCode).toBe(0)
    expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['brokerlens.db', 'secret.key']))
    // Passwords, the key and its passphrase, the management password: ten over the eight profiles.
    expect(storedSecretRows).toBe(10)
    // They decrypt with the key file: stored, and not in plain text (the next test).
    const cipher = new FileKeyCipher(join(dataDir, 'secret.key'))
    const db = new Database(join(dataDir, 'brokerlens.db'), { readonly: true })
    const rows = db.prepare('SELECT * FROM profile_secrets').all() as Array<Record<string, unknown>>
    db.close()
    const blobs = rows.flatMap((row) => Object.values(row).filter((v): v is Buffer => Buffer.isBuffer(v)))
    const plain = new Set(blobs.map((blob) => cipher.decrypt(blob)))
    // Compared without printing: a failure message would put the password in the test report.
    for (const s of secrets.slice(0, 3)) expect(plain.has(s.value), s.label).toBe(true)
  })

  it('had no secret in the data folder while running, its write-ahead log included', () => {
    expect(whileRunning.files).toEqual(expect.arrayContaining(['brokerlens.db', 'brokerlens.db-wal']))
    expect(whileRunning.result.unreadable).toEqual([])
    expect(whileRunning.result.findings.map((f) => `${f.file}: the ${f.label} (${f.encoding})`)).toEqual([])
  })

  it('has no secret in any file of the data folder (database, WAL, key file) or of the exports', () => {
    const result = scanPaths([dataDir, exportsDir], secrets)
    expect(result.unreadable).toEqual([])
    expect(result.scanned).toBeGreaterThanOrEqual(5) // db, key, history.jsonl, history.csv, profiles.json
    expect(result.findings.map((f) => `${f.file}: the ${f.label} (${f.encoding})`)).toEqual([])
  })

  it('wrote no secret to its output or its logs, refusals and errors included', () => {
    const text = Buffer.concat(output)
    expect(text.toString()).toContain('Brokerlens is running at')
    expect(scanBuffer(text, secrets).map((h) => `the ${h.label} (${h.encoding})`)).toEqual([])
  })

  it('would have found them: the export that includes secrets holds every one', () => {
    const found = new Set(scanBuffer(Buffer.from(profilesWithSecrets), secrets).map((h) => h.label))
    for (const s of secrets) expect(found, s.label).toContain(s.label)
  })
})
