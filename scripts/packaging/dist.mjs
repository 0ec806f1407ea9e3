#!/usr/bin/env node
// `npm run dist`: builds the app (electron-vite) and packages it with electron-builder for the
// targets of electron-builder.yml. Arguments go to electron-builder, e.g.
//   npm run dist -- --linux --x64        AppImage and deb for x64
//   npm run dist -- --mac --arm64        a dmg for Apple silicon
// electron-builder downloads Electron and its packaging tools (from GitHub) and, for the native
// module, Electron's headers; where those cannot be reached it fails, and this says why.
// Nothing is published: the release workflow attaches the files to the GitHub release itself.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name)

function run(name, args) {
  console.log(`\n━━ ${name} ${args.join(' ')}`)
  const child = spawnSync(bin(name), args, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  })
  return child.status ?? 1
}

const args = process.argv.slice(2)
const builderArgs = args.some((arg) => arg === '--publish' || arg.startsWith('--publish=') || arg === '-p')
  ? args
  : [...args, '--publish', 'never']

if (run('electron-vite', ['build']) !== 0) process.exit(1)
const status = run('electron-builder', builderArgs)
if (status !== 0) {
  console.error(
    "\nelectron-builder failed. It downloads Electron, its packaging tools and Electron's headers; " +
      'where those downloads are blocked it cannot package (see docs/packaging.md).',
  )
}
process.exit(status)
