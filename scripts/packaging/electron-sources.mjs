// The Electron downloads of the Flatpak build, as flatpak-builder sources pinned by sha256:
// - the Electron zip per architecture, which electron-builder unpacks (its electronDist option);
//   the sha256 comes from checksums.json inside the electron npm package, itself pinned by the
//   lock's integrity, so it is known without downloading anything;
// - Electron's Node headers, which better-sqlite3 is compiled against (npm_config_nodedir); the
//   electron package does not list them, so their sha256 is taken from the download itself.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Flatpak architecture → Electron's name for it. Electron no longer builds 32-bit Linux. */
export const ELECTRON_ARCHES = { x86_64: 'x64', aarch64: 'arm64' }
export const ELECTRON_DIST_DIR = 'flatpak-node/electron-dist'
export const ELECTRON_HEADERS_DIR = 'flatpak-node/electron-headers'

export function electronZipName(version, electronArch) {
  return `electron-v${version}-linux-${electronArch}.zip`
}

export function electronZipUrl(version, electronArch) {
  return `https://github.com/electron/electron/releases/download/v${version}/${electronZipName(version, electronArch)}`
}

/** The address node-gyp and flatpak-node-generator use for Electron's headers. */
export function electronHeadersUrl(version) {
  return `https://www.electronjs.org/headers/v${version}/node-v${version}-headers.tar.gz`
}

/** The Electron version package-lock.json installs. */
export function lockedElectronVersion(lock) {
  const version = lock?.packages?.['node_modules/electron']?.version
  if (typeof version !== 'string') throw new Error('package-lock.json has no node_modules/electron')
  return version
}

/**
 * checksums.json of the installed electron package, after making sure it is the locked version
 * (a stale node_modules would pin the wrong zips).
 */
export function readElectronChecksums(electronDir, version) {
  const pkgFile = join(electronDir, 'package.json')
  const checksumsFile = join(electronDir, 'checksums.json')
  if (!existsSync(pkgFile) || !existsSync(checksumsFile)) {
    throw new Error(`${checksumsFile} is missing: run npm ci first`)
  }
  const installed = JSON.parse(readFileSync(pkgFile, 'utf8')).version
  if (installed !== version) {
    throw new Error(
      `node_modules has electron ${installed} but package-lock.json locks ${version}: run npm ci`,
    )
  }
  return JSON.parse(readFileSync(checksumsFile, 'utf8'))
}

/** One `file` source per architecture, in the folder that electronDist points at. */
export function electronZipSources(version, checksums) {
  return Object.entries(ELECTRON_ARCHES).map(([flatpakArch, electronArch]) => {
    const name = electronZipName(version, electronArch)
    const sha256 = checksums[name]
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) {
      throw new Error(`checksums.json of electron ${version} has no sha256 for ${name}`)
    }
    return {
      type: 'file',
      url: electronZipUrl(version, electronArch),
      sha256,
      dest: ELECTRON_DIST_DIR,
      'only-arches': [flatpakArch],
    }
  })
}

export function electronHeadersSource(version, sha256) {
  return { type: 'archive', url: electronHeadersUrl(version), sha256, dest: ELECTRON_HEADERS_DIR }
}

/** sha256 of a download, streamed; throws with the reason when it cannot be fetched. */
export async function sha256OfUrl(url, timeoutMs = 120_000) {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })
  if (!response.ok || !response.body) throw new Error(`${url}: HTTP ${response.status}`)
  const hash = createHash('sha256')
  for await (const chunk of response.body) hash.update(chunk)
  return hash.digest('hex')
}
