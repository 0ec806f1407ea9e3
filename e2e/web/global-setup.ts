import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..', '..')

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

/** Builds the app when out/ is missing or older than src/ (npm test builds first; a lone run may not). */
export default function globalSetup(): void {
  const built = join(root, 'out', 'main', 'web.js')
  const renderer = join(root, 'out', 'renderer', 'index.html')
  const stale =
    !existsSync(built) ||
    !existsSync(renderer) ||
    newestMtime(join(root, 'src')) > Math.min(statSync(built).mtimeMs, statSync(renderer).mtimeMs)
  if (stale || process.env.BROKERLENS_E2E_BUILD === '1') {
    console.log('[e2e] building the app (npx electron-vite build)')
    execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' })
  }
}
