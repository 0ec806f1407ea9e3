#!/usr/bin/env node
// `npm run flatpak`: builds the Flatpak and installs it for the current user, where flatpak-builder
// and the Flathub runtimes are installed. Elsewhere it lists what is missing and how to get it,
// and exits non-zero. Extra arguments go to flatpak-builder (e.g. `npm run flatpak -- --ccache`).
import { spawnSync } from 'node:child_process'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { APP_ID, EXPECTED_RUNTIME, NODE_EXTENSION } from './flatpak-check.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const manifest = join(root, 'flatpak', `${APP_ID}.yml`)
const branch = EXPECTED_RUNTIME['runtime-version']
const RUNTIMES = [
  `${EXPECTED_RUNTIME.runtime}//${branch}`,
  `${EXPECTED_RUNTIME.sdk}//${branch}`,
  `${EXPECTED_RUNTIME.base}//${EXPECTED_RUNTIME['base-version']}`,
  `${NODE_EXTENSION}//${branch}`,
]

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0
}

/** Installed for the user or system-wide. */
function installedRef(ref) {
  return spawnSync('flatpak', ['info', ref], { stdio: 'ignore' }).status === 0
}

function missingPrerequisites() {
  const missing = []
  for (const tool of ['flatpak', 'flatpak-builder']) {
    if (!has(tool))
      missing.push({ what: tool, how: `install ${tool} (Debian/Ubuntu: sudo apt-get install ${tool})` })
  }
  if (has('flatpak')) {
    const refs = RUNTIMES.filter((ref) => !installedRef(ref))
    if (refs.length > 0) {
      missing.push({
        what: refs.join(', '),
        how:
          'flatpak remote-add --user --if-not-exists flathub https://dl.flathub.org/repo/flathub.flatpakrepo && ' +
          `flatpak install --user -y flathub ${refs.join(' ')}`,
      })
    }
  }
  // Every source must be pinned, including Electron's headers, or the build stops half-way.
  const check = spawnSync(
    process.execPath,
    [join(root, 'scripts', 'packaging', 'flatpak-check.mjs'), '--release'],
    {
      encoding: 'utf8',
    },
  )
  if (check.status !== 0) {
    const failures = `${check.stdout}${check.stderr}`
      .split('\n')
      .filter((line) => line.trim().startsWith('✗ ') && line.startsWith('    '))
      .map((line) => line.trim().slice(2))
    missing.push({
      what: 'a passing `npm run flatpak:check -- --release`',
      how: failures.length > 0 ? failures.join('\n      ') : `${check.stdout}${check.stderr}`.trim(),
    })
  }
  return missing
}

function main(extraArgs) {
  const missing = missingPrerequisites()
  if (missing.length > 0) {
    console.error('Cannot build the Flatpak here. Missing:')
    for (const { what, how } of missing) console.error(`  - ${what}\n      ${how}`)
    process.exit(1)
  }
  const args = ['--user', '--install', '--force-clean', ...extraArgs, 'build-dir', relative(root, manifest)]
  console.log(`flatpak-builder ${args.join(' ')}`)
  const build = spawnSync('flatpak-builder', args, { cwd: root, stdio: 'inherit' })
  if (build.status === 0) console.log(`\nInstalled. Start it with: flatpak run ${APP_ID}`)
  process.exit(build.status ?? 1)
}

main(process.argv.slice(2))
