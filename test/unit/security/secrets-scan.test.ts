// scripts/security/secrets-scan.mjs: the scanner behind the secrets-at-rest test and the final step
// of `npm test`. A scanner that finds nothing proves nothing unless it is shown to find a secret
// that is there: in text, in an SQLite page and its write-ahead log, and in the encodings a secret
// takes on the way.
import { spawnSync } from 'node:child_process'
import { mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { FileKeyCipher } from '../../../src/main/secrets/file-key-cipher'
import {
  brokerSecrets,
  needlesFor,
  scanBuffer,
  scanFile,
  scanPaths,
  suiteLeftovers,
  SUITE_TEMP_PREFIX,
} from '../../../scripts/security/secrets-scan.mjs'
import { tempDir } from '../../support/temp-dir'

const root = resolve(__dirname, '..', '..', '..')
// Made up per run: nothing else on the machine holds it.
const SECRET = `planted-${Math.random().toString(36).slice(2)}-Pa55`
const secrets = [{ label: 'planted password', value: SECRET }]

describe('needlesFor', () => {
  it('refuses secrets too short to look for without false alarms', () => {
    expect(() => needlesFor('short')).toThrow(/at least 8/)
  })

  it('finds the secret in each encoding it travels in', () => {
    const encodings = new Map<string, Buffer>([
      ['text', Buffer.from(`password=${SECRET};`)],
      ['UTF-16', Buffer.from(`{"p":"${SECRET}"}`, 'utf16le')],
      ['hex', Buffer.from(`0a0b${Buffer.from(SECRET).toString('hex')}0c`)],
      ['URL-encoded', Buffer.from(`x=${encodeURIComponent(`${SECRET} &`)}`)],
    ])
    for (const [encoding, buffer] of encodings)
      expect(
        scanBuffer(buffer, secrets).map((h) => h.encoding),
        encoding,
      ).toContain(encoding === 'URL-encoded' ? 'text' : encoding)
  })

  it('finds the secret base64-encoded at each of the three alignments, as in a Basic auth header', () => {
    for (const user of ['u', 'us', 'usr']) {
      const header = `Authorization: Basic ${Buffer.from(`${user}:${SECRET}`).toString('base64')}`
      const hits = scanBuffer(Buffer.from(header), secrets)
      expect(
        hits.some((h) => h.encoding.startsWith('base64')),
        `${user}:`,
      ).toBe(true)
    }
  })

  it('finds a JSON-escaped secret', () => {
    const tricky = `quote"back\\slash-${SECRET}`
    const hits = scanBuffer(Buffer.from(JSON.stringify({ p: tricky })), [{ label: 't', value: tricky }])
    expect(hits.map((h) => h.encoding)).toContain('JSON-escaped')
  })

  it('finds nothing in data without the secret, even with similar text around', () => {
    const near = SECRET.slice(0, -1)
    expect(
      scanBuffer(
        Buffer.from(`${near} ${near.toUpperCase()} ${SECRET.split('').reverse().join('')}`),
        secrets,
      ),
    ).toEqual([])
  })
})

describe('scanning files', () => {
  const dir = tempDir('brokerlens-secrets-scan-test-')
  afterAll(() => dir.remove())

  it('finds a planted secret in a plain text file below nested folders, with its offset', () => {
    const folder = join(dir.path, 'plain', 'a', 'b')
    mkdirSync(folder, { recursive: true })
    writeFileSync(join(folder, 'app.log'), `line one\nconnecting with ${SECRET}\n`)
    const result = scanPaths([join(dir.path, 'plain')], secrets)
    expect(result.scanned).toBe(1)
    expect(result.findings).toEqual([
      { file: join(folder, 'app.log'), label: 'planted password', encoding: 'text', offset: 25 },
    ])
  })

  it('finds a secret stored in an SQLite database page and in its write-ahead log', () => {
    const folder = join(dir.path, 'sqlite')
    mkdirSync(folder)
    const file = join(folder, 'leaky.db')
    const db = new Database(file)
    db.pragma('journal_mode = WAL')
    // Automatic checkpoints off: the second row stays in the -wal file only.
    db.pragma('wal_autocheckpoint = 0')
    db.exec('CREATE TABLE profile_secrets (id INTEGER PRIMARY KEY, name TEXT, value BLOB)')
    const insert = db.prepare('INSERT INTO profile_secrets (name, value) VALUES (?, ?)')
    for (let i = 0; i < 200; i++) insert.run(`filler ${i}`, Buffer.alloc(64, i))
    insert.run('password', SECRET)
    db.pragma('wal_checkpoint(TRUNCATE)')
    const later = `${SECRET}-in-wal`
    insert.run('password', later)
    const both = [...secrets, { label: 'wal-only password', value: later }]
    const inWal = scanFile(`${file}-wal`, both)
    expect(inWal.map((h) => h.label)).toContain('wal-only password')
    const inDb = scanFile(file, both)
    expect(inDb.map((h) => h.label)).toEqual(['planted password'])
    db.close()
  })

  it('does not mistake the same secret encrypted by the app’s cipher for it', () => {
    const folder = join(dir.path, 'encrypted')
    mkdirSync(folder)
    const cipher = new FileKeyCipher(join(folder, 'secret.key'))
    const db = new Database(join(folder, 'brokerlens.db'))
    db.exec('CREATE TABLE profile_secrets (name TEXT, value BLOB)')
    db.prepare('INSERT INTO profile_secrets VALUES (?, ?)').run('password', cipher.encrypt(SECRET))
    db.close()
    const result = scanPaths([folder], secrets)
    expect(result.scanned).toBeGreaterThanOrEqual(2)
    expect(result.findings).toEqual([])
  })

  it('finds a secret that straddles the boundary between two read chunks', () => {
    const file = join(dir.path, 'big.bin')
    const chunk = 4 * 1024 * 1024
    const data = Buffer.alloc(chunk + 4096, 0x41)
    Buffer.from(SECRET).copy(data, chunk - 5)
    writeFileSync(file, data)
    expect(scanFile(file, secrets)).toEqual([
      { label: 'planted password', encoding: 'text', offset: chunk - 5 },
    ])
  })

  it('leaves out excluded folders and does not follow symbolic links', () => {
    const base = join(dir.path, 'exclusions')
    mkdirSync(join(base, 'broker'), { recursive: true })
    mkdirSync(join(base, 'elsewhere'), { recursive: true })
    writeFileSync(join(base, 'broker', 'passwords'), SECRET)
    writeFileSync(join(base, 'elsewhere', 'copy.txt'), SECRET)
    symlinkSync(join(base, 'elsewhere'), join(base, 'link'))
    const result = scanPaths([base], secrets, { exclude: [join(base, 'broker')] })
    expect(result.findings.map((f) => f.file)).toEqual([join(base, 'elsewhere', 'copy.txt')])
  })
})

describe('suiteLeftovers', () => {
  const temp = tempDir('brokerlens-leftovers-test-')
  afterAll(() => temp.remove())

  it('lists test-results and the suite’s temporary folders changed since the run began', () => {
    const repo = join(temp.path, 'repo')
    mkdirSync(join(repo, 'test-results'), { recursive: true })
    const tmp = join(temp.path, 'tmp')
    mkdirSync(tmp)
    const since = Date.now() - 60_000
    for (const name of [`${SUITE_TEMP_PREFIX}core-new`, `${SUITE_TEMP_PREFIX}e2e-old`, 'other-app-x'])
      mkdirSync(join(tmp, name))
    const old = new Date(since - 3_600_000)
    utimesSync(join(tmp, `${SUITE_TEMP_PREFIX}e2e-old`), old, old)
    expect(suiteLeftovers({ since, repo, temp: tmp })).toEqual([
      join(repo, 'test-results'),
      join(tmp, `${SUITE_TEMP_PREFIX}core-new`),
    ])
  })
})

describe('brokerSecrets', () => {
  it('takes each broker’s password and its own folders from the brokers’ state', () => {
    const { secrets: found, ownFolders } = brokerSecrets({
      mosquitto: { password: 'aaaaaaaaaaaa', dir: '/t/m' },
      rabbitmq: { password: 'bbbbbbbbbbbb', dir: '/t/r' },
      kafka: { password: 'cccccccccccc', dir: '/t/k' },
      tls: { dir: '/t/tls' },
    })
    expect(found).toEqual([
      { label: 'mosquitto test password', value: 'aaaaaaaaaaaa' },
      { label: 'rabbitmq test password', value: 'bbbbbbbbbbbb' },
      { label: 'kafka test password', value: 'cccccccccccc' },
    ])
    expect(ownFolders).toEqual(['/t/m', '/t/r', '/t/k', '/t/tls'])
    expect(brokerSecrets({}).secrets).toEqual([])
  })
})

describe('the command line', () => {
  const dir = tempDir('brokerlens-secrets-cli-test-')
  afterAll(() => dir.remove())
  const script = join(root, 'scripts', 'security', 'secrets-scan.mjs')
  const run = (path: string) =>
    spawnSync(process.execPath, [script, '--secret-env', 'PLANTED_SECRET', path], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, PLANTED_SECRET: SECRET },
    })

  it('fails and names the file, without printing the secret, when it finds one', () => {
    mkdirSync(join(dir.path, 'dirty'))
    writeFileSync(join(dir.path, 'dirty', 'export.json'), JSON.stringify({ password: SECRET }))
    const out = run(join(dir.path, 'dirty'))
    expect(out.status).toBe(1)
    expect(out.stdout).toContain(
      `FOUND the value of $PLANTED_SECRET (text) in ${join(dir.path, 'dirty', 'export.json')}`,
    )
    expect(out.stdout + out.stderr).not.toContain(SECRET)
  })

  it('passes on a clean folder', () => {
    mkdirSync(join(dir.path, 'clean'))
    writeFileSync(join(dir.path, 'clean', 'export.json'), JSON.stringify({ password: null }))
    const out = run(join(dir.path, 'clean'))
    expect(out.stdout).toContain('no secret found')
    expect(out.status).toBe(0)
  })
})
