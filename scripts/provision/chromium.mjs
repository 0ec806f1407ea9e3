// Debian's Chromium for the Playwright suite. Playwright's own browser download cannot be used
// (it fetches a binary from outside the package registries), so the system package is the browser.
import { execFileSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

function executable(path) {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** Path of a Chromium to drive; installs Debian's `chromium` when missing and running as root. */
export async function ensureChromium() {
  const wanted = process.env.CHROMIUM_PATH
  if (wanted) {
    if (!executable(wanted)) throw new Error(`CHROMIUM_PATH=${wanted} is not an executable`)
    return wanted
  }
  const found = CANDIDATES.find(executable)
  if (found) return found
  if (process.getuid?.() !== 0) {
    throw new Error(
      'Chromium is missing. Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH.',
    )
  }
  console.log('Installing Debian chromium for the end-to-end tests…')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env })
  execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium'], {
    stdio: 'inherit',
    env,
  })
  const installed = CANDIDATES.find(executable)
  if (!installed) throw new Error('apt-get installed chromium but no chromium executable was found')
  return installed
}
