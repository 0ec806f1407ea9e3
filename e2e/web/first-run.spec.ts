/**
 * The first run with no broker anywhere: a fresh data folder opens on the welcome screen, whose
 * "Start the built-in broker with a demo" starts the app's own MQTT broker and the demo publisher
 * and opens the built-in profile, whose topic tree fills with the demo homelab's topics within
 * seconds; "Stop demo" in the header stops it with one click and the broker keeps running.
 *
 * Stable hooks (data-testid) beside the welcome's (welcome, welcome-new-{mqtt,amqp,kafka},
 * welcome-import) and the MQTT workspace's (topic-tree.spec.ts):
 *   welcome-demo, welcome-start-demo, welcome-open-broker, welcome-demo-error
 *   broker-button (data-state), demo-stop, demo-banner, builtin-tab-topics, builtin-tab-devices
 *   broker-drawer, broker-panel, broker-demo (data-running), broker-demo-start, broker-demo-stop
 *   broker-devices, broker-client-row (data-client-id, data-connected, data-reason)
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

const shots = join(import.meta.dirname, '..', '..', 'docs', 'screenshots')
mkdirSync(shots, { recursive: true })

async function snap(page: Page, name: string) {
  await page.waitForTimeout(400)
  await page.screenshot({ path: join(shots, name) })
}

test('first run: the built-in broker with a demo, then stopping the demo', async ({ app: page }) => {
  test.setTimeout(120_000)

  // the welcome screen offers both ways in
  await expect(page.getByTestId('welcome')).toBeVisible()
  await expect(page.getByTestId('welcome-start-demo')).toBeVisible()
  await expect(page.getByTestId('welcome-new-mqtt')).toBeVisible()
  await expect(page.getByTestId('welcome-import')).toBeVisible()
  await expect(page.getByTestId('broker-button')).toHaveAttribute('data-state', 'stopped')
  await snap(page, 'first-run.png')

  // one click: broker, demo, and the built-in profile's tree
  await page.getByTestId('welcome-start-demo').click()
  await expect(page.getByTestId('connection-panel')).toBeVisible({ timeout: 30_000 })
  await expect(page.getByTestId('welcome')).toHaveCount(0)
  await expect(page.getByTestId('broker-button')).toHaveAttribute('data-state', 'running')
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 30_000 })
  await expect(page.getByTestId('demo-banner')).toBeVisible()
  await expect(page.getByTestId('demo-stop')).toBeVisible()
  await expect(page.getByTestId('builtin-tab-topics')).toHaveAttribute('aria-selected', 'true')

  // the demo homelab's topics: zigbee2mqtt, Tasmota's tele/ and stat/, Home Assistant discovery
  for (const top of ['zigbee2mqtt', 'tele', 'stat', 'homeassistant', 'home'])
    await expect(page.getByTestId(`tree-row-${top}`)).toBeVisible({ timeout: 15_000 })
  // and the demo keeps publishing: the counts grow
  const count = async () => Number(await page.getByTestId('tree-row-tele').getAttribute('data-messages'))
  const first = await count()
  await expect.poll(count, { timeout: 20_000 }).toBeGreaterThan(first)

  // a room sensor's bare numbers: the detail charts them
  await page.getByTestId('tree-row-home').locator('.tree-chevron').click()
  await page.getByTestId('tree-row-home/kitchen').locator('.tree-chevron').click()
  await page.getByTestId('tree-row-home/kitchen/temperature').click()
  await expect(page.getByTestId('detail-topic')).toHaveText('home/kitchen/temperature')
  await expect(page.getByTestId('detail-chart')).toBeVisible()
  // a few readings for the chart: the sensor reports every few seconds
  await expect
    .poll(async () => Number(await page.getByTestId('detail-chart').getAttribute('data-points')), {
      timeout: 45_000,
    })
    .toBeGreaterThanOrEqual(5)
  await page.getByTestId('tree-row-zigbee2mqtt').locator('.tree-chevron').click()
  await snap(page, 'first-run-demo.png')

  // one click stops the demo; the broker stays up for the user's own devices
  await page.getByTestId('demo-stop').click()
  await expect(page.getByTestId('demo-stop')).toHaveCount(0)
  await expect(page.getByTestId('demo-banner')).toHaveCount(0)
  await expect(page.getByTestId('broker-button')).toHaveAttribute('data-state', 'running')
  // the demo's devices said goodbye properly: each of their connections ended with a DISCONNECT
  await page.getByTestId('builtin-tab-devices').click()
  const plug = page.locator('[data-testid="broker-client-row"][data-client-id="DVES_A1B2C3"]').first()
  await expect(plug).toHaveAttribute('data-connected', 'false')
  await expect(plug).toHaveAttribute('data-reason', 'clean')
  // the panel offers the demo again
  await page.getByTestId('broker-button').click()
  await expect(page.getByTestId('broker-demo')).toHaveAttribute('data-running', 'false')
  await expect(page.getByTestId('broker-demo-start')).toBeVisible()
})
