#!/usr/bin/env node
// Looks for secrets in files: as text, and as the encodings they take on the way (UTF-16, hex,
// base64 at each of its three alignments — an HTTP Basic header, say —, URL and JSON escaping).
// Files are read as bytes, so a secret is found inside a binary file such as an SQLite page or
// its write-ahead log as well as in a log or a report. Compressed files are read as they are (a
// secret deflated inside a zip is not seen).
//
// `npm test` calls suiteLeftovers() + scanPaths() after every other step, with the passwords the
// test brokers were started with, over what the suite left behind: test-results/ and the
// temporary folders its tests make (named brokerlens-…, see test/support/temp-dir.ts), minus the
// brokers' own folders, which hold those passwords by design.
//
// On its own: node scripts/security/secrets-scan.mjs [--since <ms since epoch>] [path…]
//   scans the given paths (default: what suiteLeftovers() finds) for the passwords of the test
//   brokers that are running now, and for the values of the environment variables named by
//   --secret-env NAME (repeatable).
import { closeSync, existsSync, lstatSync, openSync, readdirSync, readSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** How every temporary folder of the test suite is named (test/support/temp-dir.ts, the e2e fixtures). */
export const SUITE_TEMP_PREFIX = 'brokerlens-'

/** Secrets shorter than this would be found by chance in binary files. */
export const MIN_SECRET_LENGTH = 8

const CHUNK = 4 * 1024 * 1024

/**
 * The byte sequences that betray `secret`, each with the name of its encoding. Base64 is done at
 * each alignment of the secret in the encoded data, keeping only the characters that depend on the
 * secret's bytes alone.
 */
export function needlesFor(secret) {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH)
    throw new Error(`A secret to look for must be a string of at least ${MIN_SECRET_LENGTH} characters`)
  const bytes = Buffer.from(secret, 'utf8')
  const needles = new Map()
  const add = (encoding, value) => {
    const buf = Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8')
    if (buf.length >= MIN_SECRET_LENGTH && ![...needles.values()].some((b) => b.equals(buf)))
      needles.set(encoding, buf)
  }
  add('text', bytes)
  add('UTF-16', Buffer.from(secret, 'utf16le'))
  add('hex', bytes.toString('hex'))
  add('HEX', bytes.toString('hex').toUpperCase())
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64')
    const start = [0, 2, 3][shift]
    const end = Math.floor((shift + bytes.length) / 3) * 4
    const part = encoded.slice(start, end)
    add(`base64 (+${shift})`, part)
    add(`base64url (+${shift})`, part.replace(/\+/g, '-').replace(/\//g, '_'))
  }
  add('URL-encoded', encodeURIComponent(secret))
  add('JSON-escaped', JSON.stringify(secret).slice(1, -1))
  return [...needles].map(([encoding, needle]) => ({ encoding, needle }))
}

/**
 * `secrets`: [{ label, value }]. Returns where each is found in `buffer`: [{ label, encoding, offset }].
 * The label is what gets printed; the value never is.
 */
export function scanBuffer(buffer, secrets) {
  const found = []
  for (const { label, value } of secrets) {
    for (const { encoding, needle } of needlesFor(value)) {
      const offset = buffer.indexOf(needle)
      if (offset >= 0) found.push({ label, encoding, offset })
    }
  }
  return found
}

/** Scans one file in chunks (overlapping by the longest needle), so large files need little memory. */
export function scanFile(path, secrets) {
  const longest = Math.max(...secrets.flatMap((s) => needlesFor(s.value).map((n) => n.needle.length)))
  const fd = openSync(path, 'r')
  const found = new Map()
  try {
    let position = 0
    let carry = Buffer.alloc(0)
    for (;;) {
      const chunk = Buffer.alloc(CHUNK)
      const read = readSync(fd, chunk, 0, CHUNK, position)
      if (read === 0) break
      const window = Buffer.concat([carry, chunk.subarray(0, read)])
      const base = position - carry.length
      for (const hit of scanBuffer(window, secrets)) {
        const key = `${hit.label}\0${hit.encoding}`
        if (!found.has(key)) found.set(key, { ...hit, offset: base + hit.offset })
      }
      position += read
      carry = window.subarray(Math.max(0, window.length - (longest - 1)))
    }
  } finally {
    closeSync(fd)
  }
  return [...found.values()]
}

/**
 * Scans every regular file under `paths` (symbolic links are not followed). `exclude`: absolute
 * paths to leave out, with everything below them. Returns { findings: [{ file, label, encoding,
 * offset }], scanned, unreadable: [{ file, reason }] }.
 */
export function scanPaths(paths, secrets, { exclude = [] } = {}) {
  const excluded = exclude.map((p) => resolve(p))
  const result = { findings: [], scanned: 0, unreadable: [] }
  const visit = (path) => {
    if (excluded.some((e) => path === e || path.startsWith(`${e}/`) || path.startsWith(`${e}\\`))) return
    let stat
    try {
      stat = lstatSync(path)
    } catch (err) {
      if (err.code !== 'ENOENT') result.unreadable.push({ file: path, reason: err.code ?? String(err) })
      return
    }
    if (stat.isDirectory()) {
      let names
      try {
        names = readdirSync(path)
      } catch (err) {
        result.unreadable.push({ file: path, reason: err.code ?? String(err) })
        return
      }
      for (const name of names) visit(join(path, name))
    } else if (stat.isFile()) {
      try {
        for (const hit of scanFile(path, secrets)) result.findings.push({ file: path, ...hit })
        result.scanned++
      } catch (err) {
        result.unreadable.push({ file: path, reason: err.code ?? String(err) })
      }
    }
  }
  for (const path of paths) visit(resolve(path))
  return result
}

/**
 * What a test run leaves behind: the repository's test-results/ and the suite's temporary folders
 * (and files) under the OS temp folder, changed at or after `since` (ms since the epoch) so that
 * earlier runs and other users' folders are left alone.
 */
export function suiteLeftovers({ since = 0, repo = root, temp = tmpdir() } = {}) {
  const paths = []
  const results = join(repo, 'test-results')
  if (existsSync(results)) paths.push(results)
  let names = []
  try {
    names = readdirSync(temp)
  } catch {
    return paths
  }
  for (const name of names) {
    if (!name.startsWith(SUITE_TEMP_PREFIX)) continue
    const path = join(temp, name)
    try {
      const stat = lstatSync(path)
      if (!stat.isSymbolicLink() && stat.mtimeMs >= since) paths.push(path)
    } catch {
      // gone since the listing
    }
  }
  return paths
}

/**
 * The test brokers' passwords, from their state (scripts/brokers/state.mjs), and the folders that
 * hold them by design (configs, password files, logs): the brokers' own temporary folders.
 */
export function brokerSecrets(state) {
  const secrets = []
  const ownFolders = []
  for (const name of ['mosquitto', 'rabbitmq', 'kafka']) {
    const section = state?.[name]
    if (!section) continue
    if (typeof section.password === 'string' && section.password.length >= MIN_SECRET_LENGTH)
      secrets.push({ label: `${name} test password`, value: section.password })
    if (typeof section.dir === 'string') ownFolders.push(section.dir)
  }
  if (typeof state?.tls?.dir === 'string') ownFolders.push(state.tls.dir)
  return { secrets, ownFolders }
}

/** Prints the outcome; returns whether it is clean. */
export function report(result, { what = 'files' } = {}) {
  console.log(`secrets scan: ${result.scanned} ${what} scanned`)
  for (const u of result.unreadable) console.log(`  could not read ${u.file} (${u.reason})`)
  for (const f of result.findings)
    console.log(`  FOUND the ${f.label} (${f.encoding}) in ${f.file} at byte ${f.offset}`)
  if (result.findings.length === 0) console.log('  no secret found')
  return result.findings.length === 0
}

async function main(argv) {
  const paths = []
  const envNames = []
  let since = 0
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--since') since = Number(argv[++i])
    else if (argv[i] === '--secret-env') envNames.push(argv[++i])
    else paths.push(argv[i])
  }
  const { readState } = await import('../brokers/state.mjs')
  const { secrets, ownFolders } = brokerSecrets(readState())
  for (const name of envNames) {
    const value = process.env[name]
    if (value) secrets.push({ label: `value of $${name}`, value })
  }
  if (secrets.length === 0) {
    console.log('secrets scan: no secret to look for (no test broker is running and no --secret-env)')
    return 2
  }
  const targets = paths.length > 0 ? paths : suiteLeftovers({ since })
  const result = scanPaths(targets, secrets, { exclude: ownFolders })
  return report(result) ? 0 : 1
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err)
      process.exit(1)
    },
  )
}
