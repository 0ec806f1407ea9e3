// Whether the Electron binary is present. Electron 42+ no longer downloads it in postinstall, and
// where no download is possible it never arrives: the Electron specs then cannot run.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export function electronBinaryStatus() {
  const require = createRequire(import.meta.url)
  let pkgDir
  try {
    pkgDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return { available: false, reason: 'the electron package is not installed' }
  }
  const pathFile = join(pkgDir, 'path.txt')
  if (!existsSync(pathFile)) {
    return {
      available: false,
      reason: 'the Electron binary was never downloaded (node_modules/electron/path.txt is missing)',
    }
  }
  const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary)
    ? { available: true, binary }
    : { available: false, reason: `${binary} is missing` }
}
