#!/usr/bin/env node
// Electronegativity (Doyensec's scanner for Electron misconfigurations) over the code that runs in
// Electron's main and preload processes: src/main, src/preload and the src/shared they import, as
// TypeScript source (the scanner parses TS, and findings then point at lines a person can read;
// the bundle in out/ would hide them in a few large files). Tests are left out: their fake windows
// and sessions are not the app.
//
// The scanner reads literals, not values that flow through functions. Two settings reach Electron
// that way here: the window's webPreferences (built by mainWindowOptions) and the CSP (a constant
// joined from a list). For those two, this script writes small probe files from the real source
// (read with the TypeScript parser), so the checks judge the values the app uses. The call sites
// that only pass those values on are listed in ACCEPTED below with the reason.
//
// It runs the scanner's own CLI offline (see electronegativity-offline.mjs), reads its CSV report,
// prints every finding and fails on any HIGH one (and on any finding of the checks in
// STRICT_CHECKS), on a file it could not parse, and when the probes were not read. `npm test` runs
// it in its static part.
import { spawnSync } from 'node:child_process'
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ts from 'typescript'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const cliEntry = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js')
const offlineShim = pathToFileURL(join(root, 'scripts', 'security', 'electronegativity-offline.mjs')).href

/** The folders scanned, relative to the repository. */
export const SCANNED = ['src/main', 'src/preload', 'src/shared']

/**
 * Checks switched off, each with its reason (docs/decisions.md, section 25, says the same).
 * The names are the scanner's check class names.
 */
export const EXCLUDED_CHECKS = {
  // It downloads Electron's release list from GitHub on every run to say whether a newer Electron
  // has security fixes. A test run must not need the internet; scripts/security/audit.mjs checks
  // the Electron version against the advisory database instead.
  AvailableSecurityFixesGlobalCheck:
    "needs the internet (Electron's release list); audit.mjs checks Electron",
}

/**
 * Findings at call sites that hand a value built elsewhere to Electron, where the scanner cannot
 * see the value. Each entry names the line by its text, so that any other line (or this one
 * changed) is judged normally; the value itself is scanned through a probe.
 */
export const ACCEPTED = [
  {
    file: 'src/main/index.ts',
    line: /new BrowserWindow\(options\)/,
    ids: [
      'CONTEXT_ISOLATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'NODE_INTEGRATION_JS_CHECK',
      'AUXCLICK_JS_CHECK',
      'PRELOAD_JS_CHECK',
      'EXPERIMENTAL_FEATURES_JS_CHECK',
      'BLINK_FEATURES_JS_CHECK',
      'WEB_SECURITY_JS_CHECK',
      'INSECURE_CONTENT_JS_CHECK',
    ],
    reason:
      'options come from mainWindowOptions() (src/main/shell/main-window.ts), scanned through probes/window-options.ts; ' +
      'src/main/index.test.ts pins that the window gets them',
  },
]

/**
 * Checks for what the shell promises (isolation, sandbox, no Node, web security, permissions,
 * navigation): any finding of theirs fails, whatever severity the scanner gives it. It rates
 * `nodeIntegration: true` on a window INFORMATIONAL, for one; the app's own code has none of these.
 */
export const STRICT_CHECKS = [
  'CONTEXT_ISOLATION_JS_CHECK',
  'SANDBOX_JS_CHECK',
  'NODE_INTEGRATION_JS_CHECK',
  'NODE_INTEGRATION_ATTACH_EVENT_JS_CHECK',
  'WEB_SECURITY_JS_CHECK',
  'INSECURE_CONTENT_JS_CHECK',
  'EXPERIMENTAL_FEATURES_JS_CHECK',
  'BLINK_FEATURES_JS_CHECK',
  'REMOTE_MODULE_JS_CHECK',
  'DANGEROUS_FUNCTIONS_JS_CHECK',
  'CERTIFICATE_ERROR_EVENT_JS_CHECK',
  'CERTIFICATE_VERIFY_PROC_JS_CHECK',
  'SECURITY_WARNINGS_DISABLED_JS_CHECK',
  'SECURITY_WARNINGS_DISABLED_JSON_CHECK',
  'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
  'LIMIT_NAVIGATION_GLOBAL_CHECK',
]

const PROBE_DIR = 'probes'

// ---------------------------------------------------------------------------------------------
// Staging: the sources without tests, plus the probes.

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

/** Copies what is scanned into `stage` and writes the probes; returns the probe files. */
export function stageSources(stage, repo = root) {
  for (const folder of SCANNED) {
    for (const file of sourceFiles(join(repo, folder))) {
      const target = join(stage, relative(repo, file))
      mkdirSync(dirname(target), { recursive: true })
      cpSync(file, target)
    }
  }
  // The scanner reads the Electron version from package.json.
  cpSync(join(repo, 'package.json'), join(stage, 'package.json'))
  mkdirSync(join(stage, PROBE_DIR), { recursive: true })
  const windowProbe = join(stage, PROBE_DIR, 'window-options.ts')
  writeFileSync(
    windowProbe,
    windowOptionsProbe(readFileSync(join(repo, 'src/main/shell/main-window.ts'), 'utf8')),
  )
  const cspProbe = join(stage, PROBE_DIR, 'session-csp.ts')
  writeFileSync(
    cspProbe,
    cspHeaderProbe(readFileSync(join(repo, 'src/shared/content-security-policy.ts'), 'utf8')),
  )
  return [windowProbe, cspProbe].map((file) => relative(stage, file).split(sep).join('/'))
}

function parse(source, name) {
  return ts.createSourceFile(name, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
}

function find(node, predicate) {
  if (predicate(node)) return node
  return ts.forEachChild(node, (child) => find(child, predicate))
}

/** The object literal mainWindowOptions() returns, handed to `new BrowserWindow` where it can be read. */
export function windowOptionsProbe(mainWindowSource) {
  const file = parse(mainWindowSource, 'main-window.ts')
  const fn = find(file, (n) => ts.isFunctionDeclaration(n) && n.name?.text === 'mainWindowOptions')
  const ret = fn && find(fn, (n) => ts.isReturnStatement(n))
  const literal = ret?.expression
  if (!literal || !ts.isObjectLiteralExpression(literal))
    throw new Error(
      'main-window.ts: mainWindowOptions() no longer returns an object literal; update the probe',
    )
  const free = new Set()
  const collect = (node) => {
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.initializer)) free.add(node.initializer.text)
    ts.forEachChild(node, collect)
  }
  collect(literal)
  return [
    '// Written by scripts/security/electronegativity.mjs from src/main/shell/main-window.ts: the',
    '// options src/main/index.ts gives every window, where the scanner can read them.',
    "import { BrowserWindow } from 'electron'",
    ...[...free].sort().map((name) => `declare const ${name}: string`),
    `export const probeWindow = new BrowserWindow(${literal.getText(file)})`,
    '',
  ].join('\n')
}

/** The shared CSP, set as a response header the way the scanner recognises. */
export function cspHeaderProbe(cspSource) {
  const policy = readPolicy(cspSource)
  return [
    '// Written by scripts/security/electronegativity.mjs from src/shared/content-security-policy.ts:',
    '// the policy src/main/shell/harden-session.ts and app-protocol.ts set on every response.',
    "import { session } from 'electron'",
    'session.defaultSession.webRequest.onHeadersReceived((details, callback) => {',
    `  callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [${JSON.stringify(policy)}] } })`,
    '})',
    '',
  ].join('\n')
}

/** CONTENT_SECURITY_POLICY = [ '…', '…' ].join('; '), evaluated without running the module. */
export function readPolicy(cspSource) {
  const file = parse(cspSource, 'content-security-policy.ts')
  const decl = find(
    file,
    (n) =>
      ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === 'CONTENT_SECURITY_POLICY',
  )
  const init = decl?.initializer
  const shapeError = () =>
    new Error(
      'content-security-policy.ts: CONTENT_SECURITY_POLICY is no longer [...strings].join(sep); update the probe',
    )
  if (!init || !ts.isCallExpression(init) || !ts.isPropertyAccessExpression(init.expression))
    throw shapeError()
  const list = init.expression.expression
  const separator = init.arguments[0]
  if (
    init.expression.name.text !== 'join' ||
    !ts.isArrayLiteralExpression(list) ||
    !separator ||
    !ts.isStringLiteral(separator) ||
    !list.elements.every((e) => ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e))
  )
    throw shapeError()
  return list.elements.map((e) => e.text).join(separator.text)
}

// ---------------------------------------------------------------------------------------------
// Running the scanner and reading its report.

/**
 * Runs the scanner's CLI on `dir` and returns its findings from the CSV report, plus the files it
 * could not parse. Never touches the network (see electronegativity-offline.mjs).
 */
export function runScanner(dir) {
  const report = join(dir, '..', `${dir.split(sep).pop()}-report.csv`)
  const args = [
    '--import',
    offlineShim,
    cliEntry,
    '--input',
    dir,
    '--output',
    report,
    '--relative',
    '--exclude-checks',
    Object.keys(EXCLUDED_CHECKS).join(','),
  ]
  const run = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'en-US', FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024,
  })
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`
  if (run.status !== 0)
    throw new Error(`Electronegativity exited with ${run.status ?? run.signal}:\n${output}`)
  const parseErrors = [...output.matchAll(/^(?:\S*\s)?Error parsing (.+)$/gm)].map((m) => m[1])
  const findings = parseReport(readFileSync(report, 'utf8'))
  rmSync(report, { force: true })
  return { findings, parseErrors, output }
}

/** The report's header as the scanner writes it, and the names used here for its columns. */
const HEADER = ['issue', 'severity', 'confidence', 'filename', 'location', 'sample', 'description', 'url']
const COLUMNS = ['id', 'severity', 'confidence', 'file', 'location', 'sample', 'description', 'url']

/** The scanner's CSV: a header line, then one row per finding ("N/A" for an empty field). */
export function parseReport(text) {
  const rows = parseCsv(text)
  const header = rows.shift()?.map((h) => h.trim())
  if (header?.join(',') !== HEADER.join(','))
    throw new Error(`Unexpected Electronegativity report header: ${JSON.stringify(header)}`)
  return rows
    .filter((row) => row.length > 1 || row[0] !== '')
    .map((row, i) => {
      if (row.length !== COLUMNS.length)
        throw new Error(
          `Electronegativity report row ${i + 1} has ${row.length} fields: ${JSON.stringify(row)}`,
        )
      const f = Object.fromEntries(COLUMNS.map((name, j) => [name, row[j] === 'N/A' ? '' : row[j]]))
      const [line, column] = f.location.split(':').map(Number)
      return { ...f, file: f.file.split(/[\\/]/).join('/'), line, column }
    })
}

/** RFC 4180 fields: quoted ones may hold commas, newlines and doubled quotes. */
export function parseCsv(text) {
  const rows = []
  let row = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field !== '' || row.length > 0) rows.push([...row, field])
  return rows
}

// ---------------------------------------------------------------------------------------------
// The verdict.

/**
 * Sorts findings into failures (HIGH or of a strict check, and not accepted), accepted ones (with
 * their reason) and the rest (printed, not failing). `lineOf(file, line)` gives a scanned line.
 */
export function judge(findings, lineOf, accepted = ACCEPTED) {
  const result = { failures: [], accepted: [], others: [] }
  for (const f of findings) {
    const rule = accepted.find(
      (a) => a.file === f.file && a.ids.includes(f.id) && a.line.test(lineOf(f.file, f.line) ?? ''),
    )
    if (rule) result.accepted.push({ ...f, reason: rule.reason })
    else if (f.severity === 'HIGH' || STRICT_CHECKS.includes(f.id)) result.failures.push(f)
    else result.others.push(f)
  }
  return result
}

function describe(f) {
  const where = f.file ? `${f.file}:${f.line}` : '(whole app)'
  return `${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.id.padEnd(34)} ${where}\n      ${f.description}`
}

async function main() {
  const stage = mkdtempSync(join(tmpdir(), 'brokerlens-electronegativity-'))
  try {
    const probes = stageSources(join(stage, 'app'), root)
    const { findings, parseErrors } = runScanner(join(stage, 'app'))
    const lines = new Map()
    const lineOf = (file, line) => {
      if (!lines.has(file)) {
        try {
          lines.set(file, readFileSync(join(stage, 'app', file), 'utf8').split('\n'))
        } catch {
          lines.set(file, [])
        }
      }
      return lines.get(file)[line - 1]
    }
    const verdict = judge(findings, lineOf)

    console.log(`Electronegativity on ${SCANNED.join(', ')} (TypeScript source, tests left out)`)
    for (const [check, reason] of Object.entries(EXCLUDED_CHECKS))
      console.log(`  excluded ${check}: ${reason}`)
    console.log(`\n${findings.length} finding(s):`)
    for (const f of verdict.failures) console.log(`  FAIL  ${describe(f)}`)
    for (const f of verdict.others) console.log(`  note  ${describe(f)}`)
    for (const f of verdict.accepted) console.log(`  ok    ${describe(f)}\n      accepted: ${f.reason}`)

    const problems = []
    if (verdict.failures.length > 0)
      problems.push(`${verdict.failures.length} HIGH or strict-check finding(s)`)
    for (const file of parseErrors) problems.push(`could not parse ${file} (it was not scanned)`)
    // Proof that the probes were read: the window's preload comes up for review (it always
    // does, the app has one), the CSP is judged where the probe sets it, and no "no CSP at all".
    for (const [probe, id] of [
      [probes[0], 'PRELOAD_JS_CHECK'],
      [probes[1], 'CSP_GLOBAL_CHECK'],
    ]) {
      if (!findings.some((f) => f.id === id && f.file === probe))
        problems.push(`the probe ${probe} was not read (no ${id} finding on it)`)
    }
    if (findings.some((f) => f.id === 'CSP_GLOBAL_CHECK' && f.file === ''))
      problems.push('the scanner found no CSP at all')
    if (problems.length > 0) {
      console.log(`\nElectronegativity: FAILED — ${problems.join('; ')}`)
      process.exitCode = 1
    } else {
      console.log('\nElectronegativity: no HIGH findings and none of the strict checks')
    }
  } finally {
    rmSync(stage, { recursive: true, force: true })
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
