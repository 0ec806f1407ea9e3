// What npm downloads for `npm ci`, read from package-lock.json, and where the registry serves each
// tarball. The project's lock omits registry URLs (npm's omit-lockfile-registry-resolved), so the
// URL is rebuilt the way npm itself does: <registry>/<name>/-/<unscoped name>-<version>.tgz.
//
// As a command (used inside the Flatpak build, on the build's own copy of the lock):
//   node scripts/packaging/npm-lock.mjs fill-resolved package-lock.json
// writes those URLs into the lock, so that an offline `npm ci` finds every tarball in the cache by
// URL and never needs the registry's package metadata.
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

export const NPM_REGISTRY = 'https://registry.npmjs.org'

/** @param {string} name @param {string} version */
export function registryTarballUrl(name, version) {
  const unscoped = name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name
  return `${NPM_REGISTRY}/${name}/-/${unscoped}-${version}.tgz`
}

/**
 * Every package that npm fetches for this lock: all entries under node_modules except links
 * (workspace folders) and packages bundled inside another package's tarball. Platform-specific
 * optional packages count too: which of them npm installs depends on the machine.
 */
export function lockedPackages(lock) {
  if (!lock || typeof lock !== 'object' || !lock.packages || typeof lock.packages !== 'object') {
    throw new Error('package-lock.json has no "packages" map (lockfileVersion 2 or 3 is needed)')
  }
  const packages = []
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || !path.includes('node_modules/') || entry.link || entry.inBundle) continue
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)
    if (typeof entry.version !== 'string' || typeof entry.integrity !== 'string') {
      throw new Error(`${path}: package-lock.json gives no version or integrity`)
    }
    if (entry.resolved !== undefined && !/^https:\/\//.test(entry.resolved)) {
      throw new Error(
        `${path}: ${entry.resolved} is not a registry tarball (git and file sources are not supported)`,
      )
    }
    const url = entry.resolved ?? registryTarballUrl(name, entry.version)
    packages.push({ path, name, version: entry.version, integrity: entry.integrity, url })
  }
  return packages
}

/** A copy of the lock in which every fetched package names its tarball URL. */
export function withResolvedUrls(lock) {
  const copy = structuredClone(lock)
  for (const pkg of lockedPackages(lock)) copy.packages[pkg.path].resolved = pkg.url
  return copy
}

/**
 * An SRI integrity ("sha512-<base64>", possibly several) as the algorithm and hex digest that a
 * flatpak-builder source carries. The strongest hash wins, as with npm.
 */
export function integrityToHex(integrity) {
  const order = ['sha512', 'sha384', 'sha256', 'sha1']
  const hashes = integrity
    .trim()
    .split(/\s+/)
    .map((token) => {
      const dash = token.indexOf('-')
      return { algorithm: token.slice(0, dash), base64: token.slice(dash + 1).split('?')[0] }
    })
    .filter((hash) => order.includes(hash.algorithm))
    .sort((a, b) => order.indexOf(a.algorithm) - order.indexOf(b.algorithm))
  const best = hashes[0]
  if (!best) throw new Error(`unsupported integrity ${integrity}`)
  return { algorithm: best.algorithm, hex: Buffer.from(best.base64, 'base64').toString('hex') }
}

function main(argv) {
  const [command, file] = argv
  if (command !== 'fill-resolved' || !file) {
    console.error('usage: node scripts/packaging/npm-lock.mjs fill-resolved <package-lock.json>')
    process.exit(2)
  }
  const path = resolve(file)
  const lock = JSON.parse(readFileSync(path, 'utf8'))
  writeFileSync(path, JSON.stringify(withResolvedUrls(lock), null, 2) + '\n')
  console.log(`${path}: tarball URLs written for ${lockedPackages(lock).length} packages`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2))
}
