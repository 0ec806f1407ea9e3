import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string }

/**
 * Where the Electron executable of node_modules/electron is, worked out by hand. Not through
 * `require('electron')` (nor by letting `_electron.launch` do that): when the binary is missing,
 * that call starts a download, which offline hangs and then fails with an unrelated message.
 * Honours `ELECTRON_OVERRIDE_DIST_PATH` as the electron package itself does.
 */
export function findElectronBinary(projectRoot: string): ElectronBinary {
  let packageDir: string
  try {
    packageDir = dirname(createRequire(join(projectRoot, 'package.json')).resolve('electron/package.json'))
  } catch {
    return { found: false, reason: 'the electron package is not installed (npm install)' }
  }
  const pathFile = join(packageDir, 'path.txt')
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined
  const overrideDir = process.env['ELECTRON_OVERRIDE_DIST_PATH']
  if (overrideDir) {
    const path = join(overrideDir, executable ?? 'electron')
    return existsSync(path)
      ? { found: true, path }
      : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${path}` }
  }
  if (!executable) {
    return {
      found: false,
      reason: `${pathFile} is missing: the Electron binary was never downloaded (its postinstall did not run or had no network)`,
    }
  }
  const path = join(packageDir, 'dist', executable)
  return existsSync(path) ? { found: true, path } : { found: false, reason: `${path} does not exist` }
}
