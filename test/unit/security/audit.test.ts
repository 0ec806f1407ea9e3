// scripts/security/audit.mjs: the npm audit gate. The registry is not asked here: a stand-in `npm`
// on PATH answers with the reports and the errors the real one gives, so each outcome (clean,
// high advisory, allowed advisory, endpoint unreachable) is shown to end the way it should.
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { delimiter, join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  advisoriesOf,
  ALLOWLIST_FILE,
  judgeAdvisories,
  readAllowlist,
} from '../../../scripts/security/audit.mjs'
import { tempDir } from '../../support/temp-dir'

const root = resolve(__dirname, '..', '..', '..')

/** npm's v2 audit report with the given advisories (each on its own package). */
function report(
  advisories: Array<{ pkg: string; severity: string; ghsa: string; title?: string }>,
  options: { through?: Record<string, string> } = {},
) {
  const vulnerabilities: Record<string, unknown> = {}
  for (const a of advisories) {
    vulnerabilities[a.pkg] = {
      name: a.pkg,
      severity: a.severity,
      isDirect: true,
      via: [
        {
          source: 1000 + Object.keys(vulnerabilities).length,
          name: a.pkg,
          dependency: a.pkg,
          title: a.title ?? `Problem in ${a.pkg}`,
          url: `https://github.com/advisories/${a.ghsa}`,
          severity: a.severity,
          cwe: [],
          cvss: { score: 7.5, vectorString: null },
          range: '<9.9.9',
        },
      ],
      effects: [],
      range: '<9.9.9',
      nodes: [`node_modules/${a.pkg}`],
      fixAvailable: true,
    }
  }
  for (const [pkg, via] of Object.entries(options.through ?? {}))
    vulnerabilities[pkg] = {
      name: pkg,
      severity: 'high',
      via: [via],
      effects: [],
      nodes: [],
      fixAvailable: false,
    }
  const count = (s: string) => advisories.filter((a) => a.severity === s).length
  return {
    auditReportVersion: 2,
    vulnerabilities,
    metadata: {
      vulnerabilities: {
        info: 0,
        low: count('low'),
        moderate: count('moderate'),
        high: count('high'),
        critical: count('critical'),
        total: advisories.length,
      },
      dependencies: { prod: 100, dev: 0, optional: 0, peer: 0, peerOptional: 0, total: 100 },
    },
  }
}

/** The error JSON npm prints when the audit endpoint refuses (as a registry mirror without it does). */
const ENDPOINT_405 = {
  message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
  method: 'POST',
  uri: 'https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
  statusCode: 405,
  body: '',
  error: { summary: '', detail: '' },
}

describe('advisoriesOf and judgeAdvisories', () => {
  it('fails on high and critical advisories, lists lower ones, and ignores "affected through" entries', () => {
    const r = report(
      [
        { pkg: 'a', severity: 'critical', ghsa: 'GHSA-aaaa-aaaa-aaaa' },
        { pkg: 'b', severity: 'high', ghsa: 'GHSA-bbbb-bbbb-bbbb' },
        { pkg: 'c', severity: 'moderate', ghsa: 'GHSA-cccc-cccc-cccc' },
      ],
      { through: { wrapper: 'b' } },
    )
    const verdict = judgeAdvisories(advisoriesOf(r), [])
    expect(verdict.failures.map((a) => `${a.package} ${a.id} ${a.severity}`)).toEqual([
      'a GHSA-AAAA-AAAA-AAAA critical',
      'b GHSA-BBBB-BBBB-BBBB high',
    ])
    expect(verdict.others.map((a) => a.package)).toEqual(['c'])
  })

  it('accepts an allowlisted advisory with its reason, for that package only, and reports stale entries', () => {
    const r = report([
      { pkg: 'a', severity: 'high', ghsa: 'GHSA-aaaa-aaaa-aaaa' },
      { pkg: 'b', severity: 'high', ghsa: 'GHSA-aaaa-aaaa-aaaa' },
    ])
    const allow = [
      { id: 'GHSA-AAAA-AAAA-AAAA', package: 'a', reason: 'only reachable from the build, never at run time' },
      { id: 'GHSA-ZZZZ-ZZZZ-ZZZZ', package: 'z', reason: 'fixed upstream long ago, entry left behind' },
    ]
    const verdict = judgeAdvisories(advisoriesOf(r), allow)
    expect(verdict.accepted).toEqual([expect.objectContaining({ package: 'a', reason: allow[0]!.reason })])
    expect(verdict.failures.map((a) => a.package)).toEqual(['b'])
    expect(verdict.stale).toEqual([allow[1]])
  })

  it('can be limited to named packages (Electron from the full audit)', () => {
    const r = report([
      { pkg: 'electron', severity: 'high', ghsa: 'GHSA-eeee-eeee-eeee' },
      { pkg: 'vite', severity: 'high', ghsa: 'GHSA-vvvv-vvvv-vvvv' },
    ])
    expect(advisoriesOf(r, { only: ['electron'] }).map((a) => a.package)).toEqual(['electron'])
  })
})

describe('readAllowlist', () => {
  it('reads the project’s allowlist', () => {
    expect(() => readAllowlist(readFileSync(ALLOWLIST_FILE, 'utf8'))).not.toThrow()
  })

  it('refuses an entry without a reason, a package or a proper id', () => {
    const list = (entry: object) => JSON.stringify({ advisories: [entry] })
    expect(() => readAllowlist(list({ id: 'GHSA-aaaa-aaaa-aaaa', package: 'a', reason: 'ok' }))).toThrow(
      /reason/,
    )
    expect(() => readAllowlist(list({ id: 'GHSA-aaaa-aaaa-aaaa', reason: 'x'.repeat(30) }))).toThrow(
      /package/,
    )
    expect(() => readAllowlist(list({ id: 'CVE-2024-1', package: 'a', reason: 'x'.repeat(30) }))).toThrow(
      /id/,
    )
    expect(() => readAllowlist('{}')).toThrow(/advisories/)
  })
})

describe('the command line, with a stand-in npm', () => {
  const dir = tempDir('brokerlens-audit-test-')
  afterAll(() => dir.remove())
  const bin = join(dir.path, 'bin')
  mkdirSync(bin)
  // Answers `npm audit [--omit=dev] --json` from files, and records the arguments it was given.
  writeFileSync(
    join(bin, 'npm'),
    `#!${process.execPath}
const fs = require('node:fs')
fs.appendFileSync(process.env.FAKE_NPM_LOG, JSON.stringify(process.argv.slice(2)) + '\\n')
const which = process.argv.includes('--omit=dev') ? 'FAKE_AUDIT_PROD' : 'FAKE_AUDIT_FULL'
process.stdout.write(fs.readFileSync(process.env[which], 'utf8'))
process.exit(Number(process.env.FAKE_AUDIT_EXIT ?? 1))
`,
  )
  chmodSync(join(bin, 'npm'), 0o755)

  let runs = 0
  function audit(prod: unknown, full: unknown, options: { args?: string[]; allow?: object } = {}) {
    const n = ++runs
    const file = (name: string, data: unknown) => {
      const path = join(dir.path, `${n}-${name}`)
      writeFileSync(path, typeof data === 'string' ? data : JSON.stringify(data))
      return path
    }
    const allowlist = file('allow.json', options.allow ?? { advisories: [] })
    const log = join(dir.path, `${n}-npm.log`)
    writeFileSync(log, '')
    const script = `import('${join(root, 'scripts', 'security', 'audit.mjs').replace(/\\/g, '/')}').then((m) => { process.exitCode = m.main(${JSON.stringify(options.args ?? [])}, { allowlistFile: ${JSON.stringify(allowlist)} }) })`
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
        FAKE_NPM_LOG: log,
        FAKE_AUDIT_PROD: file('prod.json', prod),
        FAKE_AUDIT_FULL: file('full.json', full),
      },
    })
    const calls = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as string[])
    return { status: out.status, output: out.stdout + out.stderr, calls }
  }

  it('passes a clean report, having asked for the production tree and then the full one', () => {
    const r = audit(report([]), report([]))
    expect(r.output).toContain('no high or critical advisory')
    expect(r.status).toBe(0)
    expect(r.calls).toEqual([
      ['audit', '--omit=dev', '--json'],
      ['audit', '--json'],
    ])
  })

  it('fails on a high advisory in the production tree and names it', () => {
    const r = audit(
      report([{ pkg: 'ws', severity: 'high', ghsa: 'GHSA-3h5v-q93c-6h6q', title: 'DoS' }]),
      report([]),
    )
    expect(r.status).toBe(1)
    expect(r.output).toMatch(/FAIL\s+high\s+ws\s+GHSA-3H5V-Q93C-6H6Q\s+DoS/)
  })

  it('fails on a high Electron advisory, which only the full audit shows', () => {
    const r = audit(
      report([]),
      report([{ pkg: 'electron', severity: 'critical', ghsa: 'GHSA-eeee-eeee-eeee' }]),
    )
    expect(r.status).toBe(1)
    expect(r.output).toMatch(/FAIL\s+critical\s+electron/)
  })

  it('passes when the advisory is in the allowlist, printing the reason', () => {
    const r = audit(report([{ pkg: 'ws', severity: 'high', ghsa: 'GHSA-3h5v-q93c-6h6q' }]), report([]), {
      allow: {
        advisories: [
          { id: 'GHSA-3h5v-q93c-6h6q', package: 'ws', reason: 'the server side is not used by the app' },
        ],
      },
    })
    expect(r.status).toBe(0)
    expect(r.output).toContain('accepted: the server side is not used by the app')
  })

  it('says loudly that nothing was checked when the audit endpoint refuses, and exits 2, not 0', () => {
    const r = audit(ENDPOINT_405, ENDPOINT_405)
    expect(r.status).toBe(2)
    expect(r.output).toContain('!!!!!!!!!!')
    expect(r.output).toContain('NPM AUDIT NOT CHECKED')
    expect(r.output).toContain('HTTP 405')
    expect(r.output).toContain('this is not a pass')
  })

  it('treats output that is not a report (a network error) the same way, and fails with --require-registry', () => {
    const r = audit('npm error code ENOTFOUND\nnpm error network request failed', report([]))
    expect(r.status).toBe(2)
    expect(r.output).toContain('NPM AUDIT NOT CHECKED: npm audit gave no JSON report')
    expect(audit(ENDPOINT_405, ENDPOINT_405, { args: ['--require-registry'] }).status).toBe(1)
  })
})
