#!/usr/bin/env node
// `npm audit` as a gate: fails on any high or critical advisory for what the app ships, unless
// scripts/security/audit-allowlist.json lists that advisory with the reason it is accepted.
//
// What the app ships: the production dependencies (`npm audit --omit=dev`), and Electron, which
// package.json lists as a devDependency (electron-builder's convention) although its binary is
// in every installer; its advisories are taken from a full `npm audit` and counted too.
//
// The registry's audit endpoint is a network service. When it cannot be reached (offline, a
// mirror without it), nothing was checked: the script says so in a banner and exits with 2, which
// `npm test` reports as NOT CHECKED, never as passed. With --require-registry (for CI, where the
// endpoint must be there) that is a failure instead.
//
// Exit codes: 0 checked and clean, 1 failed (or not checked with --require-registry), 2 not checked.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const ALLOWLIST_FILE = join(root, 'scripts', 'security', 'audit-allowlist.json')

const GATING = new Set(['high', 'critical'])
/** Shipped although a devDependency: see the top of this file. */
export const SHIPPED_DEV_PACKAGES = ['electron']

/**
 * Runs `npm audit --json` with `args`. Returns { ok: true, report } or, when no audit report came
 * back, { ok: false, reason }.
 */
export function runNpmAudit(args, { cwd = root, env = process.env } = {}) {
  const run = spawnSync('npm', ['audit', ...args, '--json'], {
    cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    shell: process.platform === 'win32',
  })
  if (run.error) return { ok: false, reason: `npm could not run: ${run.error.message}` }
  let json
  try {
    json = JSON.parse(run.stdout)
  } catch {
    const said = `${run.stderr ?? ''}${run.stdout ?? ''}`.trim().split('\n').slice(-3).join(' / ')
    return { ok: false, reason: `npm audit gave no JSON report (exit ${run.status}): ${said || 'no output'}` }
  }
  // npm exits 1 both for "vulnerabilities found" and for errors; only a report has this field.
  if (json && typeof json === 'object' && json.auditReportVersion !== undefined && json.vulnerabilities)
    return { ok: true, report: json }
  const status = json?.statusCode ? ` (HTTP ${json.statusCode})` : ''
  const message = json?.message ?? json?.error?.summary ?? JSON.stringify(json).slice(0, 200)
  return {
    ok: false,
    reason: `the registry's audit endpoint did not answer with a report${status}: ${message}`,
  }
}

/** The advisories of a report (npm's v2 format), one per advisory and package. */
export function advisoriesOf(report, { only } = {}) {
  const seen = new Map()
  for (const [name, vuln] of Object.entries(report.vulnerabilities ?? {})) {
    if (only && !only.includes(name)) continue
    for (const via of vuln.via ?? []) {
      if (typeof via !== 'object' || via === null) continue // a string: affected through another package
      const id = advisoryId(via)
      const key = `${via.name ?? name}\0${id}`
      if (seen.has(key)) continue
      seen.set(key, {
        id,
        package: via.name ?? name,
        severity: String(via.severity ?? vuln.severity ?? 'unknown').toLowerCase(),
        title: via.title ?? '',
        url: via.url ?? '',
        range: via.range ?? '',
        fixAvailable: Boolean(vuln.fixAvailable),
      })
    }
  }
  return [...seen.values()]
}

function advisoryId(via) {
  const ghsa = /GHSA-[\w]{4}-[\w]{4}-[\w]{4}/i.exec(via.url ?? '')
  if (ghsa) return ghsa[0].toUpperCase()
  return via.source !== undefined ? String(via.source) : (via.url ?? via.title ?? 'unknown')
}

/** Reads and checks the allowlist: every entry names an advisory and a package and says why. */
export function readAllowlist(text) {
  const data = JSON.parse(text)
  const entries = data?.advisories
  if (!Array.isArray(entries)) throw new Error('audit allowlist: "advisories" must be a list')
  return entries.map((entry, i) => {
    const where = `audit allowlist entry ${i + 1}`
    if (typeof entry?.id !== 'string' || !/^(GHSA-[\w]{4}-[\w]{4}-[\w]{4}|\d+)$/i.test(entry.id))
      throw new Error(`${where}: "id" must be a GHSA id or an npm advisory number`)
    if (typeof entry.package !== 'string' || entry.package === '')
      throw new Error(`${where}: "package" is required`)
    if (typeof entry.reason !== 'string' || entry.reason.trim().length < 20)
      throw new Error(`${where} (${entry.id}): "reason" must say why it is accepted (20 characters at least)`)
    return { id: entry.id.toUpperCase(), package: entry.package, reason: entry.reason.trim() }
  })
}

/**
 * The verdict over the advisories: `failures` (high or critical, not allowed), `accepted` (allowed,
 * with the reason), `others` (lower severities: printed, not failing) and `stale` allowlist entries
 * that match nothing any more (printed, so the list does not rot).
 */
export function judgeAdvisories(advisories, allowlist) {
  const result = { failures: [], accepted: [], others: [], stale: [] }
  const used = new Set()
  for (const a of advisories) {
    const allowed = allowlist.find((e) => e.id === a.id.toUpperCase() && e.package === a.package)
    if (allowed) {
      used.add(allowed)
      result.accepted.push({ ...a, reason: allowed.reason })
    } else if (GATING.has(a.severity)) result.failures.push(a)
    else result.others.push(a)
  }
  result.stale = allowlist.filter((e) => !used.has(e))
  return result
}

export function banner(lines) {
  const bar = '!'.repeat(100)
  return [bar, ...lines.map((l) => `!! ${l}`), bar].join('\n')
}

function describe(a) {
  return `${a.severity.padEnd(9)} ${a.package}  ${a.id}  ${a.title}${a.range ? ` (${a.range})` : ''}${a.fixAvailable ? ' — a fix is available' : ''}`
}

export function main(
  argv = process.argv.slice(2),
  { cwd = root, env = process.env, allowlistFile = ALLOWLIST_FILE } = {},
) {
  const requireRegistry = argv.includes('--require-registry')
  const allowlist = readAllowlist(readFileSync(allowlistFile, 'utf8'))

  const production = runNpmAudit(['--omit=dev'], { cwd, env })
  const full = production.ok ? runNpmAudit([], { cwd, env }) : production
  if (!production.ok || !full.ok) {
    const reason = production.ok ? full.reason : production.reason
    console.log(
      '\n' +
        banner([
          'NPM AUDIT NOT CHECKED: ' + reason,
          'No dependency was checked against the advisory database; this is not a pass.',
          'Run `node scripts/security/audit.mjs` where the npm registry (its audit endpoint) is reachable.',
        ]),
    )
    return requireRegistry ? 1 : 2
  }

  const advisories = [
    ...advisoriesOf(production.report),
    ...advisoriesOf(full.report, { only: SHIPPED_DEV_PACKAGES }),
  ]
  const verdict = judgeAdvisories(advisories, allowlist)
  const counts = production.report.metadata?.vulnerabilities ?? {}
  console.log(
    `npm audit --omit=dev: ${counts.total ?? 0} vulnerable package(s) ` +
      `(critical ${counts.critical ?? 0}, high ${counts.high ?? 0}, moderate ${counts.moderate ?? 0}, low ${counts.low ?? 0}); ` +
      `Electron checked as shipped`,
  )
  for (const a of verdict.failures) console.log(`  FAIL  ${describe(a)}\n        ${a.url}`)
  for (const a of verdict.accepted) console.log(`  ok    ${describe(a)}\n        accepted: ${a.reason}`)
  for (const a of verdict.others) console.log(`  note  ${describe(a)}`)
  for (const e of verdict.stale)
    console.log(`  stale allowlist entry ${e.id} (${e.package}): no such advisory any more; remove it`)
  if (verdict.failures.length > 0) {
    console.log(
      `\nnpm audit: FAILED — ${verdict.failures.length} high or critical advisory(ies) not in ${allowlistFile}`,
    )
    return 1
  }
  console.log('\nnpm audit: no high or critical advisory outside the allowlist')
  return 0
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main()
  } catch (err) {
    console.error(err instanceof Error ? err.message : err)
    process.exitCode = 1
  }
}
