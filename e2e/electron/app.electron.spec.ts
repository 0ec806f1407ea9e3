import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import { _electron, type ElectronApplication, type Page } from 'playwright-core'
import { apiMethodNames } from '../../src/shared/api'
import { findElectronBinary } from './electron-binary'

/**
 * The built Electron app (out/, from `npm run build`), launched for real: the window opens on
 * app://brokerlens, the preload exposes exactly the API, the page has no Node, the CSP holds, and a
 * call goes all the way to the core and back.
 *
 * It needs the Electron binary. Where that is missing the suite FAILS, on purpose: a skipped
 * Electron suite would look like a passing one.
 */

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const mainBundle = join(projectRoot, 'out', 'main', 'index.js')

/** The page's global object, as the preload left it. */
type PageGlobal = { brokerlens: { getAppInfo(): Promise<unknown> } }

test.describe.configure({ mode: 'serial' })

let app: ElectronApplication | undefined
let page: Page
let userDataDir: string | undefined

test.beforeAll(async () => {
  const binary = findElectronBinary(projectRoot)
  if (!binary.found) {
    throw new Error(
      `The Electron e2e suite cannot run: no Electron binary (${binary.reason}). ` +
        'Install it where there is network access (npm rebuild electron, or `node node_modules/electron/install.js`), ' +
        'or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron of the version in package.json. ' +
        'This is a failure rather than a skip so that a machine without Electron never reports the Electron shell as tested.',
    )
  }
  if (!existsSync(mainBundle))
    throw new Error(`${mainBundle} is missing: run \`npm run build\` before the Electron e2e suite.`)

  // A fresh profile: the test must neither read nor write the user's own Brokerlens data.
  userDataDir = mkdtempSync(join(tmpdir(), 'brokerlens-electron-e2e-'))
  // Launch the project folder (not the .js file) so Electron reads package.json: name, version, main.
  app = await _electron.launch({
    executablePath: binary.path,
    args: [projectRoot, `--user-data-dir=${userDataDir}`],
    cwd: projectRoot,
    env: environmentWithout(['ELECTRON_RENDERER_URL', 'ELECTRON_RUN_AS_NODE']),
  })
  page = await app.firstWindow()
  await page.waitForLoadState('domcontentloaded')
})

test.afterAll(async () => {
  await app?.close()
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true })
})

test('opens one window on app://brokerlens, not file://', async () => {
  expect(app?.windows()).toHaveLength(1)
  expect(page.url()).toBe('app://brokerlens/index.html')
})

test('exposes window.brokerlens with exactly the API methods and onEvent', async () => {
  const exposed = await page.evaluate(() => {
    const api = (globalThis as unknown as PageGlobal).brokerlens
    return Object.entries(api).map(([name, value]) => [name, typeof value] as const)
  })
  expect(exposed.map(([name]) => name).sort()).toEqual([...apiMethodNames, 'onEvent'].sort())
  for (const [name, type] of exposed) expect(type, name).toBe('function')
})

test('gives the page no Node and no Electron', async () => {
  const globals = await page.evaluate(() => {
    const g = globalThis as unknown as Record<string, unknown>
    return ['require', 'process', 'module', 'Buffer', 'ipcRenderer', 'electron'].map((name) => [
      name,
      typeof g[name],
    ])
  })
  expect(Object.fromEntries(globals)).toEqual({
    require: 'undefined',
    process: 'undefined',
    module: 'undefined',
    Buffer: 'undefined',
    ipcRenderer: 'undefined',
    electron: 'undefined',
  })
})

test('answers getAppInfo through IPC with host electron and the isolated data folder', async () => {
  const info = await page.evaluate(() => (globalThis as unknown as PageGlobal).brokerlens.getAppInfo())
  expect(info).toMatchObject({ name: 'Brokerlens', host: 'electron', dataDir: userDataDir })
})

test('enforces the Content-Security-Policy: no eval', async () => {
  const outcome = await page.evaluate(() => {
    try {
      return `evaluated to ${String((0, eval)('1 + 1'))}`
    } catch (err) {
      return `blocked: ${String(err)}`
    }
  })
  expect(outcome).toMatch(/^blocked: EvalError/)
})

test('opens no new window and stays on the app when the page tries to leave', async () => {
  // file: is never handed to the OS, so this opens nothing on the machine running the test.
  const opened = await page.evaluate(() =>
    (globalThis as unknown as { open(url: string): unknown }).open('file:///etc/hosts'),
  )
  expect(opened).toBeNull()
  await page.evaluate(() => {
    ;(globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/'
  })
  await page.waitForTimeout(500)
  expect(page.url()).toBe('app://brokerlens/index.html')
  expect(app?.windows()).toHaveLength(1)
})

function environmentWithout(names: string[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && !names.includes(entry[0]),
    ),
  )
}
