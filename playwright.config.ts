import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS } from './scripts/provision/chromium-args.mjs'

// End-to-end suites. `web`: the real renderer served by the web host (out/main/web.js, started per
// test by e2e/web/fixtures.ts with a fresh data folder) in Debian's Chromium, talking to the test
// brokers that scripts/brokers starts. `electron`: the desktop shell, where an Electron binary exists.
// Never `npx playwright install`: the browser is the system's.

const jsonReport = process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? ([['json']] as const) : []

export default defineConfig({
  timeout: 90_000,
  expect: { timeout: 20_000 },
  // The brokers are shared and the machine is small: one test at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [['list'], ...jsonReport],
  outputDir: 'test-results/playwright',
  globalSetup: './e2e/web/global-setup.ts',
  projects: [
    {
      name: 'web',
      testDir: 'e2e/web',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        colorScheme: 'light',
        acceptDownloads: true,
        trace: 'retain-on-failure',
        screenshot: 'only-on-failure',
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
          args: [...CHROMIUM_ARGS],
        },
      },
    },
    {
      name: 'electron',
      testDir: 'e2e/electron',
    },
  ],
})
