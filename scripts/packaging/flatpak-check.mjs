#!/usr/bin/env node
// `npm run flatpak:check`: proves what can be proved about the Flatpak without building it.
// - the desktop file passes desktop-file-validate, the metainfo `appstreamcli validate --no-net`
//   (both installed with apt-get when missing and running as root);
// - the manifest is on the intended runtime, Electron base app and Node extension, asks for no
//   permission beyond its allowlist, lets nothing download at build time, and pins every source;
// - its npm sources are exactly the tarballs package-lock.json installs, with the lock's integrity
//   and the npm cache entries an offline `npm ci` reads; its Electron zips carry the checksums the
//   locked electron package ships; Electron's headers are pinned (a notice here, an error with
//   --release, which the release workflow and `npm run flatpak` use);
// - the app id, command and icon names agree across manifest, launcher, desktop file, metainfo,
//   icons and electron-builder.yml.
// Runs in seconds: no network, no build.
import { createHash } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import {
  ELECTRON_ARCHES,
  ELECTRON_DIST_DIR,
  ELECTRON_HEADERS_DIR,
  electronHeadersUrl,
  electronZipSources,
  lockedElectronVersion,
  readElectronChecksums,
} from './electron-sources.mjs'
import { integrityToHex, lockedPackages } from './npm-lock.mjs'
import { parseYaml } from './yaml-subset.mjs'

export const APP_ID = 'io.github.brokerlens.Brokerlens'
export const ICON_SIZES = [16, 32, 48, 64, 128, 256, 512]
export const EXPECTED_RUNTIME = {
  runtime: 'org.freedesktop.Platform',
  'runtime-version': '24.08',
  sdk: 'org.freedesktop.Sdk',
  base: 'org.electronjs.Electron2.BaseApp',
  'base-version': '24.08',
}
export const NODE_EXTENSION = 'org.freedesktop.Sdk.Extension.node20'
export const REQUIRED_FINISH_ARGS = [
  '--share=ipc',
  '--share=network',
  '--socket=wayland',
  '--socket=fallback-x11',
  '--device=dri',
  '--talk-name=org.freedesktop.secrets',
]
/** Everything the sandbox may ask for. Widening it is a decision: add the permission here with why. */
export const ALLOWED_FINISH_ARGS = [...REQUIRED_FINISH_ARGS, '--env=GTK_USE_PORTAL=1']
/** Permissions with a specific reason to refuse them. */
export const FORBIDDEN_FINISH_ARGS = {
  '--filesystem=home': 'the whole home folder; files go through the file-chooser portal',
  '--filesystem=host': 'the whole file system; files go through the file-chooser portal',
  '--filesystem=host-os': 'the host system folders',
  '--filesystem=host-etc': 'the host /etc',
  '--device=all': 'every device; the GPU (--device=dri) is all the app uses',
  '--socket=x11': 'X11 even under Wayland; --socket=fallback-x11 only uses it without Wayland',
  '--socket=session-bus': 'the whole session bus',
  '--socket=system-bus': 'the whole system bus',
  '--talk-name=org.freedesktop.Flatpak': 'running commands outside the sandbox',
}
export const VALIDATOR_PACKAGES = { 'desktop-file-validate': 'desktop-file-utils', appstreamcli: 'appstream' }

const NPM_CONTENT_DIR = 'flatpak-node/npm-cache/_cacache/content-v2/'
const NPM_INDEX_DIR = 'flatpak-node/npm-cache/_cacache/index-v5/'
const SCREENSHOT_URL = /^https:\/\/raw\.githubusercontent\.com\/brokerlens\/brokerlens\/[^/]+\/(.+)$/
const MAX_LISTED = 12

/** Where every checked file is, under a project root (tests point it at temporary copies). */
export function packagingPaths(root) {
  return {
    root,
    manifest: join(root, 'flatpak', `${APP_ID}.yml`),
    desktop: join(root, 'resources', `${APP_ID}.desktop`),
    metainfo: join(root, 'resources', `${APP_ID}.metainfo.xml`),
    icons: join(root, 'resources', 'icons'),
    builderConfig: join(root, 'electron-builder.yml'),
    lock: join(root, 'package-lock.json'),
    packageJson: join(root, 'package.json'),
    electronDir: join(root, 'node_modules', 'electron'),
  }
}

function result() {
  return { errors: [], notices: [] }
}

function commandExists(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0
}

/**
 * The two validators, installed with apt-get when missing and allowed (root, apt-get present).
 * Returns the ones still missing.
 */
export function ensureValidators({ install = process.getuid?.() === 0, log = console.log } = {}) {
  const missing = () => Object.keys(VALIDATOR_PACKAGES).filter((tool) => !commandExists(tool))
  const before = missing()
  if (before.length === 0 || !install || !commandExists('apt-get')) return before
  const packages = before.map((tool) => VALIDATOR_PACKAGES[tool])
  log(`Installing ${packages.join(' ')} with apt-get for the packaging check…`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const quiet = { env, stdio: ['ignore', 'ignore', 'inherit'] }
  spawnSync('apt-get', ['update', '-q'], quiet)
  spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...packages], quiet)
  return missing()
}

export function validatorsMissingMessage(missing) {
  const packages = missing.map((tool) => VALIDATOR_PACKAGES[tool]).join(' ')
  return `${missing.join(' and ')} not found: install ${packages} (Debian/Ubuntu: sudo apt-get install ${packages})`
}

/** Keys of the [Desktop Entry] group. */
export function parseDesktopEntry(text) {
  const entry = {}
  let inMain = false
  for (const line of text.split('\n')) {
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) continue
    if (trimmed.startsWith('[')) {
      inMain = trimmed === '[Desktop Entry]'
      continue
    }
    const eq = trimmed.indexOf('=')
    if (inMain && eq > 0) entry[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1).trim()
  }
  return entry
}

export function checkDesktopFile(path, { command }) {
  const out = result()
  if (!existsSync(path)) {
    out.errors.push(`${path} is missing`)
    return out
  }
  const run = spawnSync('desktop-file-validate', [path], { encoding: 'utf8' })
  const report = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim()
  const lines = report.split('\n').filter(Boolean)
  if (run.error) out.errors.push(`desktop-file-validate could not run: ${run.error.message}`)
  else if (run.status !== 0) {
    const errors = lines.filter((line) => / error: /.test(line))
    out.errors.push(...(errors.length > 0 ? errors : [`desktop-file-validate failed: ${report}`]))
  }
  out.notices.push(...lines.filter((line) => / (warning|hint): /.test(line)))

  const entry = parseDesktopEntry(readFileSync(path, 'utf8'))
  if (basename(path) !== `${APP_ID}.desktop`) out.errors.push(`desktop file must be named ${APP_ID}.desktop`)
  if (entry.Type !== 'Application') out.errors.push(`desktop file: Type is ${entry.Type}, not Application`)
  if (entry.Icon !== APP_ID) out.errors.push(`desktop file: Icon is ${entry.Icon}, not ${APP_ID}`)
  const exec = (entry.Exec ?? '').split(/\s+/)[0]
  if (exec !== command)
    out.errors.push(`desktop file: Exec runs ${exec}, but the manifest's command is ${command}`)
  return out
}

function attributes(tag) {
  const attrs = {}
  for (const m of tag.matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[m[1]] = m[2]
  return attrs
}

function elementText(xml, name, attrs = {}) {
  for (const m of xml.matchAll(new RegExp(`<${name}(\\s[^>]*)?>([^<]*)</${name}>`, 'g'))) {
    const found = attributes(m[1] ?? '')
    if (Object.entries(attrs).every(([k, v]) => found[k] === v)) return m[2].trim()
  }
  return undefined
}

export function checkMetainfo(path, { command, version, license, root }) {
  const out = result()
  if (!existsSync(path)) {
    out.errors.push(`${path} is missing`)
    return out
  }
  const run = spawnSync('appstreamcli', ['validate', '--no-net', path], { encoding: 'utf8' })
  const report = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim()
  const lines = report.split('\n').filter(Boolean)
  if (run.error) out.errors.push(`appstreamcli could not run: ${run.error.message}`)
  else if (run.status !== 0) {
    const errors = lines.filter((line) => line.startsWith('E:'))
    out.errors.push(...(errors.length > 0 ? errors : [`appstreamcli validate failed: ${report}`]))
  }
  out.notices.push(...lines.filter((line) => line.startsWith('W:')))

  const xml = readFileSync(path, 'utf8').replace(/<!--[\s\S]*?-->/g, '')
  const expect = (what, actual, wanted) => {
    if (actual !== wanted) out.errors.push(`metainfo: ${what} is ${actual ?? 'missing'}, not ${wanted}`)
  }
  expect('<id>', elementText(xml, 'id'), APP_ID)
  expect(
    '<launchable type="desktop-id">',
    elementText(xml, 'launchable', { type: 'desktop-id' }),
    `${APP_ID}.desktop`,
  )
  expect('<provides><binary>', elementText(xml, 'binary'), command)
  expect('<metadata_license>', elementText(xml, 'metadata_license'), 'CC0-1.0')
  expect('<project_license>', elementText(xml, 'project_license'), license)
  for (const type of ['homepage', 'bugtracker']) {
    if (!elementText(xml, 'url', { type })) out.errors.push(`metainfo: no <url type="${type}">`)
  }
  if (!/<content_rating\s+type="oars-1\.[01]"/.test(xml))
    out.errors.push('metainfo: no OARS <content_rating>')

  const releases = [...xml.matchAll(/<release(\s[^>]*?)\/?>/g)].map((m) => attributes(m[1]))
  if (releases.length === 0) {
    out.errors.push('metainfo: no <release> in <releases>: every version needs one, with its date')
  }
  for (const release of releases) {
    if (!release.version) out.errors.push('metainfo: a <release> without a version')
    if (!/^\d{4}-\d{2}-\d{2}$/.test(release.date ?? '')) {
      out.errors.push(`metainfo: release ${release.version ?? '?'} has no date (YYYY-MM-DD)`)
    }
  }
  if (releases.length > 0 && !releases.some((release) => release.version === version)) {
    out.errors.push(`metainfo: no <release version="${version}"> for package.json's version`)
  }

  const images = [...xml.matchAll(/<image(?:\s[^>]*)?>([^<]*)<\/image>/g)].map((m) => m[1].trim())
  if (images.length === 0) out.errors.push('metainfo: no screenshots')
  for (const url of images) {
    const local = SCREENSHOT_URL.exec(url)
    if (!local) out.errors.push(`metainfo: screenshot ${url} is not a file of the project's repository`)
    else if (!existsSync(join(root, local[1])))
      out.errors.push(`metainfo: screenshot ${local[1]} does not exist`)
  }
  return out
}

/** Width and height of a PNG, from its IHDR chunk. */
export function pngSize(path) {
  const bytes = readFileSync(path)
  if (bytes.length < 24 || bytes.toString('latin1', 12, 16) !== 'IHDR')
    throw new Error(`${path} is not a PNG`)
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

export function checkIcons(dir) {
  const out = result()
  const svg = join(dir, `${APP_ID}.svg`)
  if (!existsSync(svg)) out.errors.push(`${svg} is missing (the scalable icon)`)
  else {
    const viewBox = /viewBox="\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*"/.exec(readFileSync(svg, 'utf8'))
    if (!viewBox || viewBox[1] !== viewBox[2]) out.errors.push(`${svg}: its viewBox must be square`)
  }
  for (const size of ICON_SIZES) {
    const png = join(dir, `${size}x${size}.png`)
    if (!existsSync(png)) {
      out.errors.push(`${png} is missing (render it from the SVG)`)
      continue
    }
    try {
      const { width, height } = pngSize(png)
      if (width !== size || height !== size)
        out.errors.push(`${png} is ${width}x${height}, not ${size}x${size}`)
    } catch (err) {
      out.errors.push(err.message)
    }
  }
  return out
}

function listed(errors, summary) {
  if (errors.length <= MAX_LISTED) return errors
  return [...errors.slice(0, MAX_LISTED), `… and ${errors.length - MAX_LISTED} more. ${summary}`]
}

function cacachePath(dir, algorithm, hex) {
  return {
    dest: `${dir}${algorithm ? `${algorithm}/` : ''}${hex.slice(0, 2)}/${hex.slice(2, 4)}`,
    file: hex.slice(4),
  }
}

/**
 * The npm part of the sources against package-lock.json: one tarball per locked package with the
 * lock's integrity, stored where npm's cache (cacache) looks for it, with the index entry that maps
 * its URL to it; nothing that the lock does not name.
 */
export function checkNpmSources(sources, lock) {
  const errors = []
  const expected = new Map()
  for (const pkg of lockedPackages(lock)) {
    if (!expected.has(pkg.url)) expected.set(pkg.url, pkg)
  }
  const tarballs = new Map()
  const index = new Map()
  for (const source of sources) {
    const dest = source.dest ?? ''
    if (source.type === 'file' && dest.startsWith(NPM_CONTENT_DIR)) tarballs.set(source.url, source)
    if (source.type === 'inline' && dest.startsWith(NPM_INDEX_DIR)) {
      const json = String(source.contents ?? '').split('\t')[1]
      try {
        const entry = JSON.parse(json)
        index.set(entry.metadata?.url, { entry, source })
      } catch {
        errors.push(`an npm cache index entry at ${dest} is not readable`)
      }
    }
  }

  for (const [url, pkg] of expected) {
    const { algorithm, hex } = integrityToHex(pkg.integrity)
    const tarball = tarballs.get(url)
    const where = `${pkg.name}@${pkg.version}`
    if (!tarball) {
      errors.push(`${where} is in package-lock.json but no source downloads ${url}`)
      continue
    }
    if (tarball[algorithm] !== hex) {
      errors.push(`${where}: the source's ${algorithm} differs from package-lock.json's integrity`)
      continue
    }
    const place = cacachePath(NPM_CONTENT_DIR, algorithm, hex)
    if (tarball.dest !== place.dest || tarball['dest-filename'] !== place.file) {
      errors.push(`${where}: the tarball is not where npm's cache looks for its integrity`)
    }
    const indexed = index.get(url)
    if (!indexed) {
      errors.push(`${where}: no npm cache index entry for ${url}`)
      continue
    }
    const key = `make-fetch-happen:request-cache:${url}`
    const keyHash = createHash('sha256').update(key).digest('hex')
    const slot = cacachePath(NPM_INDEX_DIR, '', keyHash)
    if (indexed.entry.key !== key || indexed.entry.integrity !== pkg.integrity.trim()) {
      errors.push(`${where}: the npm cache index entry does not match the lock`)
    } else if (indexed.source.dest !== slot.dest || indexed.source['dest-filename'] !== slot.file) {
      errors.push(`${where}: the npm cache index entry is not where npm looks for ${url}`)
    }
  }
  for (const url of tarballs.keys()) {
    if (!expected.has(url)) errors.push(`${url} is downloaded but package-lock.json does not install it`)
  }
  for (const url of index.keys()) {
    if (!expected.has(url))
      errors.push(`an npm cache index entry names ${url}, which package-lock.json does not install`)
  }
  return listed(errors, 'Run npm run flatpak:sources to regenerate the sources from package-lock.json.')
}

/** The Electron part: the zips with electron's own checksums, and (pinned or not) the headers. */
export function checkElectronSources(sources, lock, electronDir, { release = false } = {}) {
  const out = result()
  const version = lockedElectronVersion(lock)
  let wantedZips
  try {
    wantedZips = electronZipSources(version, readElectronChecksums(electronDir, version))
  } catch (err) {
    out.errors.push(err.message)
    return out
  }
  const zips = sources.filter((source) => source.dest === ELECTRON_DIST_DIR)
  for (const wanted of wantedZips) {
    const found = zips.find((source) => source.url === wanted.url)
    if (!found) out.errors.push(`no source downloads ${wanted.url} (Electron ${version} is locked)`)
    else if (found.sha256 !== wanted.sha256) {
      out.errors.push(`${wanted.url}: sha256 differs from checksums.json of electron ${version}`)
    } else if (JSON.stringify(found['only-arches']) !== JSON.stringify(wanted['only-arches'])) {
      out.errors.push(`${wanted.url} must be limited to ${wanted['only-arches'].join(', ')}`)
    }
  }
  for (const zip of zips) {
    if (!wantedZips.some((wanted) => wanted.url === zip.url)) {
      out.errors.push(
        `${zip.url} is not an Electron ${version} zip for ${Object.keys(ELECTRON_ARCHES).join('/')}`,
      )
    }
  }

  const headersUrl = electronHeadersUrl(version)
  const headers = sources.filter((source) => source.dest === ELECTRON_HEADERS_DIR)
  const pinned = headers.find(
    (source) => source.url === headersUrl && /^[0-9a-f]{64}$/.test(source.sha256 ?? ''),
  )
  for (const other of headers) {
    if (other !== pinned) out.errors.push(`${other.url} is not Electron ${version}'s headers with a sha256`)
  }
  if (!pinned) {
    const message =
      `Electron ${version}'s headers are not pinned: better-sqlite3 cannot be compiled in the Flatpak ` +
      `build until they are. Run npm run flatpak:sources where ${new URL(headersUrl).host} can be reached.`
    if (release) out.errors.push(message)
    else out.pending = [message]
  }
  return out
}

function readSourcesFile(path, out) {
  if (!existsSync(path)) {
    out.errors.push(`${path} is missing: run npm run flatpak:sources`)
    return []
  }
  try {
    const sources = JSON.parse(readFileSync(path, 'utf8'))
    if (Array.isArray(sources)) return sources
    out.errors.push(`${path} is not a list of sources`)
  } catch (err) {
    out.errors.push(`${path} is not JSON: ${err.message}`)
  }
  return []
}

/** The app's module, named after the package. */
function appModule(manifest) {
  const modules = Array.isArray(manifest.modules) ? manifest.modules : []
  return modules.find((module) => module && typeof module === 'object' && module.name === 'brokerlens')
}

function networkAtBuild(buildOptions) {
  const args = buildOptions?.['build-args']
  return Array.isArray(args) && args.some((arg) => String(arg).startsWith('--share=network'))
}

/**
 * The manifest itself and the sources it names. Returns the sources of the app module with the
 * JSON source files expanded, for the npm and Electron checks.
 */
export function checkManifest(manifest, manifestPath, { executableName }) {
  const out = result()
  const dir = dirname(manifestPath)
  const id = manifest.id ?? manifest['app-id']
  if (id !== APP_ID) out.errors.push(`manifest: id is ${id}, not ${APP_ID}`)
  if (basename(manifestPath) !== `${APP_ID}.yml`) out.errors.push(`the manifest must be named ${APP_ID}.yml`)
  for (const [key, value] of Object.entries(EXPECTED_RUNTIME)) {
    if (manifest[key] !== value)
      out.errors.push(`manifest: ${key} is ${JSON.stringify(manifest[key])}, not "${value}"`)
  }
  if (!Array.isArray(manifest['sdk-extensions']) || !manifest['sdk-extensions'].includes(NODE_EXTENSION)) {
    out.errors.push(`manifest: sdk-extensions must include ${NODE_EXTENSION}`)
  }

  const finishArgs = Array.isArray(manifest['finish-args']) ? manifest['finish-args'].map(String) : []
  for (const arg of finishArgs) {
    const reason = FORBIDDEN_FINISH_ARGS[arg]
    if (reason) out.errors.push(`manifest: finish-arg ${arg} is forbidden (${reason})`)
    else if (!ALLOWED_FINISH_ARGS.includes(arg)) {
      out.errors.push(
        `manifest: finish-arg ${arg} is not in the allowlist of scripts/packaging/flatpak-check.mjs`,
      )
    }
  }
  for (const arg of REQUIRED_FINISH_ARGS) {
    if (!finishArgs.includes(arg)) out.errors.push(`manifest: finish-arg ${arg} is missing`)
  }

  const module = appModule(manifest)
  if (!module) {
    out.errors.push('manifest: no module named brokerlens')
    return { ...out, sources: [] }
  }
  if (networkAtBuild(manifest['build-options']) || networkAtBuild(module['build-options'])) {
    out.errors.push('manifest: the build must not have network access (build-args --share=network)')
  }
  const commands = (Array.isArray(module['build-commands']) ? module['build-commands'] : []).join('\n')
  const command = manifest.command
  const wantedInCommands = [
    ['npm ci --offline', 'an offline npm ci'],
    [`/app/bin/${command}`, `the launcher installed as /app/bin/${command}`],
    [`resources/${APP_ID}.desktop`, 'the desktop file'],
    [`resources/${APP_ID}.metainfo.xml`, 'the metainfo'],
    [`resources/icons/${APP_ID}.svg`, 'the scalable icon'],
    [`apps/${APP_ID}.png`, 'the PNG icons under the app id'],
  ]
  for (const [text, what] of wantedInCommands) {
    if (!commands.includes(text))
      out.errors.push(`manifest: the build commands do not install ${what} (${text})`)
  }

  const sources = []
  for (const source of Array.isArray(module.sources) ? module.sources : []) {
    if (typeof source === 'string') {
      sources.push(...readSourcesFile(join(dir, source), out))
      continue
    }
    sources.push(source)
    if (
      (source.type === 'file' || source.type === 'dir') &&
      source.path &&
      !existsSync(join(dir, source.path))
    ) {
      out.errors.push(`manifest: source ${source.path} does not exist`)
    }
    if (source.type === 'file' && source.path) checkLauncher(join(dir, source.path), executableName, out)
  }
  const expectedDownload = (dest) =>
    dest.startsWith(NPM_CONTENT_DIR) || dest === ELECTRON_DIST_DIR || dest === ELECTRON_HEADERS_DIR
  for (const source of sources) {
    if (source.url && !expectedDownload(source.dest ?? '')) {
      out.errors.push(
        `manifest: ${source.url} is downloaded, but the build needs only npm tarballs and Electron`,
      )
    }
    if (source.url && !source.sha256 && !source.sha512 && source.type !== 'git') {
      out.errors.push(`manifest: ${source.url} is not pinned by sha256 or sha512`)
    }
    if (source.type === 'git' && !source.commit)
      out.errors.push(`manifest: git source ${source.url} has no commit`)
  }
  if (!sources.some((source) => (source.dest ?? '').startsWith(NPM_CONTENT_DIR))) {
    out.errors.push('manifest: no npm sources (generated-sources.json) in the app module')
  }
  return { ...out, sources }
}

function checkLauncher(path, executableName, out) {
  if (!existsSync(path)) return
  const text = readFileSync(path, 'utf8')
  if (!text.includes(`zypak-wrapper /app/main/${executableName}`)) {
    out.errors.push(`${basename(path)}: must start /app/main/${executableName} through zypak-wrapper`)
  }
  if (!text.includes('--ozone-platform-hint=auto'))
    out.errors.push(`${basename(path)}: no --ozone-platform-hint=auto`)
  if (!text.includes(`${APP_ID}.desktop`))
    out.errors.push(`${basename(path)}: does not name ${APP_ID}.desktop`)
}

/**
 * Every check, grouped by what it looks at. `ok` is false when any group has an error; `pending`
 * holds what is allowed to be unfinished outside a release (the Electron headers' pin).
 */
export function runFlatpakCheck(paths, { release = false } = {}) {
  const groups = []
  const group = (name, fn) => {
    let out
    try {
      out = fn()
    } catch (err) {
      out = { errors: [err instanceof Error ? err.message : String(err)], notices: [] }
    }
    groups.push({ name, errors: out.errors, notices: out.notices ?? [], pending: out.pending ?? [] })
    return out
  }

  const pkg = JSON.parse(readFileSync(paths.packageJson, 'utf8'))
  const lock = JSON.parse(readFileSync(paths.lock, 'utf8'))
  const builder = existsSync(paths.builderConfig)
    ? parseYaml(readFileSync(paths.builderConfig, 'utf8'), paths.builderConfig)
    : {}
  const executableName = builder?.linux?.executableName ?? pkg.name

  let manifest = {}
  let sources = []
  group('manifest', () => {
    manifest = parseYaml(readFileSync(paths.manifest, 'utf8'), paths.manifest) ?? {}
    const out = checkManifest(manifest, paths.manifest, { executableName })
    sources = out.sources
    if (builder?.appId !== APP_ID)
      out.errors.push(`electron-builder.yml: appId is ${builder?.appId}, not ${APP_ID}`)
    return out
  })
  const command = manifest.command
  group('npm sources', () => ({ errors: checkNpmSources(sources, lock), notices: [] }))
  group('Electron sources', () => checkElectronSources(sources, lock, paths.electronDir, { release }))
  group('desktop file', () => checkDesktopFile(paths.desktop, { command }))
  group('metainfo', () =>
    checkMetainfo(paths.metainfo, { command, version: pkg.version, license: pkg.license, root: paths.root }),
  )
  group('icons', () => checkIcons(paths.icons))
  return { ok: groups.every((g) => g.errors.length === 0), groups }
}

function main(argv) {
  const release = argv.includes('--release')
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
  console.log(`━━ Flatpak packaging check${release ? ' (release: everything must be pinned)' : ''}`)
  const missing = ensureValidators()
  if (missing.length > 0) {
    console.log(`✗ validators: ${validatorsMissingMessage(missing)}`)
    process.exit(1)
  }
  const { ok, groups } = runFlatpakCheck(packagingPaths(root), { release })
  for (const g of groups) {
    console.log(`${g.errors.length === 0 ? '✓' : '✗'} ${g.name}`)
    for (const error of g.errors) console.log(`    ✗ ${error}`)
    for (const notice of g.notices) console.log(`    · ${notice}`)
  }
  const pending = groups.flatMap((g) => g.pending)
  if (pending.length > 0) {
    // Loud on purpose: this passes here, but the Flatpak cannot be built until it is done.
    console.log('!'.repeat(100))
    for (const line of pending) console.log(`!! ${line}`)
    console.log('!'.repeat(100))
  }
  const failed = groups.filter((g) => g.errors.length > 0).length
  console.log(
    failed === 0
      ? `flatpak check: all ${groups.length} parts pass`
      : `flatpak check: ${failed} of ${groups.length} parts fail`,
  )
  process.exit(ok ? 0 : 1)
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2))
}
