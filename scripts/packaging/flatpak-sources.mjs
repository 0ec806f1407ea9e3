#!/usr/bin/env node
// `npm run flatpak:sources`: writes the Flatpak build's offline sources from package-lock.json.
//
// - flatpak/generated-sources.json: every npm tarball, with the npm cache index entries that let an
//   offline `npm ci` find it, made by flatpak-node-generator (PyPI; installed with pip when
//   missing). It runs on a copy of the lock with the registry URLs written out, because the
//   project's lock omits them and the generator needs them.
// - flatpak/electron-sources.json: the Electron zips and Electron's headers (see
//   electron-sources.mjs). The headers' checksum needs their download; a pin already in the file
//   for the same Electron version is kept, since a release's files never change.
//
// The generator's own handling of particular packages is switched off: for `electron` it reads
// the release's SHASUMS256.txt and expects a linux-armv7l build, which Electron no longer ships,
// and fills a download cache this build does not use (electron-builder gets the zip through
// electronDist); for `playwright` it adds the test browsers, which building the app never needs.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  electronHeadersSource,
  electronHeadersUrl,
  electronZipSources,
  lockedElectronVersion,
  readElectronChecksums,
  sha256OfUrl,
} from './electron-sources.mjs'
import { lockedPackages, withResolvedUrls } from './npm-lock.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const GENERATOR = 'flatpak-node-generator'
const GENERATOR_VERSION = '0.1.1'

const SHIM = `
import sys
from importlib.metadata import version
from flatpak_node_generator.providers.special import SpecialSourceProvider

async def no_special_sources(self, package):
    return None

SpecialSourceProvider.generate_special_sources = no_special_sources
print('flatpak-node-generator', version('flatpak-node-generator'))
from flatpak_node_generator.main import main
main()
`

function canImport(python) {
  const r = spawnSync(python, ['-c', 'import flatpak_node_generator'], { stdio: 'ignore' })
  return r.status === 0
}

/** A Python that can import the generator: the plain one, or the one its launcher runs. */
function generatorPython() {
  for (const python of ['python3', 'python']) if (canImport(python)) return python
  const which = spawnSync('sh', ['-c', `command -v ${GENERATOR}`], { encoding: 'utf8' })
  const launcher = which.stdout.trim()
  if (launcher && existsSync(launcher)) {
    const shebang = /^#!\s*(\S+)/.exec(readFileSync(launcher, 'utf8').split('\n')[0] ?? '')
    if (shebang && !shebang[1].endsWith('/env') && canImport(shebang[1])) return shebang[1]
  }
  return null
}

function ensureGenerator() {
  const found = generatorPython()
  if (found) return found
  console.log(`Installing ${GENERATOR} ${GENERATOR_VERSION} with pip…`)
  const pip = spawnSync(
    'python3',
    ['-m', 'pip', 'install', '--quiet', `${GENERATOR}==${GENERATOR_VERSION}`],
    {
      stdio: 'inherit',
    },
  )
  const installed = pip.status === 0 ? generatorPython() : null
  if (!installed) {
    throw new Error(
      `${GENERATOR} is missing and pip could not install it. Install it (pip install ${GENERATOR}==${GENERATOR_VERSION}, ` +
        `or pipx install ${GENERATOR}) and run npm run flatpak:sources again.`,
    )
  }
  return installed
}

function generateNpmSources(lock, output) {
  const python = ensureGenerator()
  const work = mkdtempSync(join(tmpdir(), 'brokerlens-flatpak-sources-'))
  try {
    // The generator treats a package whose folder exists beside the lock as local, so the lock
    // copy sits in a folder without node_modules.
    writeFileSync(join(work, 'package-lock.json'), JSON.stringify(withResolvedUrls(lock), null, 2) + '\n')
    writeFileSync(join(work, 'package.json'), readFileSync(join(root, 'package.json')))
    const out = join(work, 'generated-sources.json')
    execFileSync(python, ['-c', SHIM, 'npm', join(work, 'package-lock.json'), '-o', out], {
      stdio: 'inherit',
    })
    renameSync(out, output)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

async function headersPin(version, previous) {
  const url = electronHeadersUrl(version)
  const kept = previous.find((source) => source.url === url && /^[0-9a-f]{64}$/.test(source.sha256 ?? ''))
  if (kept) {
    console.log(`Electron headers: keeping the pin of ${url}`)
    return { source: electronHeadersSource(version, kept.sha256) }
  }
  console.log(`Electron headers: downloading ${url} for its sha256…`)
  try {
    return { source: electronHeadersSource(version, await sha256OfUrl(url)) }
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : ''
    return { failure: `${url} could not be downloaded: ${err instanceof Error ? err.message : err}${cause}` }
  }
}

async function formatJson(value, file) {
  const prettier = await import('prettier')
  const options = (await prettier.resolveConfig(file)) ?? {}
  return prettier.format(JSON.stringify(value), { ...options, filepath: file })
}

async function main() {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'))
  const generated = join(root, 'flatpak', 'generated-sources.json')
  const electronFile = join(root, 'flatpak', 'electron-sources.json')

  console.log(`npm sources: ${lockedPackages(lock).length} packages in package-lock.json`)
  generateNpmSources(lock, generated)

  const version = lockedElectronVersion(lock)
  const zips = electronZipSources(
    version,
    readElectronChecksums(join(root, 'node_modules', 'electron'), version),
  )
  const previous = existsSync(electronFile) ? JSON.parse(readFileSync(electronFile, 'utf8')) : []
  const headers = await headersPin(version, previous)
  const sources = headers.source ? [...zips, headers.source] : zips
  writeFileSync(electronFile, await formatJson(sources, electronFile))
  console.log(`Electron ${version}: ${sources.length} sources written to flatpak/electron-sources.json`)

  if (headers.failure) {
    console.log('\n' + '!'.repeat(100))
    console.log(`!! ELECTRON HEADERS NOT PINNED: ${headers.failure}`)
    console.log('!! Everything else is written. The Flatpak cannot build until the headers are pinned:')
    console.log('!! run npm run flatpak:sources again where that address can be reached.')
    console.log('!'.repeat(100))
    process.exit(2)
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
