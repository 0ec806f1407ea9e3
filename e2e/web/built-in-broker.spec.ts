/**
 * The built-in broker and its device view, on the real web host: the broker is started from its
 * panel on a port the test picks, a Pico W (test/support/pico-client.mjs: MQTT 3.1.1, DHT22 numbers
 * every second, a retained `offline` will on pico/status) connects to it, shows in the Devices table
 * and charts in the topic detail; then it is cut off — hung with its socket open, so that the broker's
 * keepalive fires and sends the will, and killed outright, so that the socket just closes — and the
 * screen says why it dropped, the timeline has the will, and the tree has pico/status = offline.
 *
 * Stable hooks (data-testid) beside first-run.spec.ts's and the MQTT workspace's:
 *   broker-state (data-state), broker-port, broker-lan, broker-lan-warning, broker-username,
 *   broker-password, broker-websocket, broker-websocket-port, broker-start, broker-stop, broker-restart,
 *   broker-error, broker-listen, broker-addresses (data-local-only), broker-address (data-scope),
 *   broker-address-url, broker-local-only, broker-guide, broker-snippet, broker-snippet-copy,
 *   broker-open-devices, broker-clients (data-count), broker-client-state, broker-client-reason,
 *   broker-client-detail (data-client-id), broker-last-drop (data-reason, data-connected),
 *   broker-last-drop-reason, broker-last-drop-will, broker-tab-timeline, broker-tab-packets,
 *   broker-timeline (data-count), broker-timeline-line (data-kind, data-reason), broker-timeline-filter,
 *   broker-packets (data-count), broker-capture-switch, broker-packet-row (data-type, data-direction),
 *   broker-packet-json, broker-packet-hex
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'

const root = join(import.meta.dirname, '..', '..')
const shots = join(root, 'docs', 'screenshots')
mkdirSync(shots, { recursive: true })

async function snap(page: Page, name: string) {
  await page.waitForTimeout(400)
  await page.screenshot({ path: join(shots, name) })
}

/** A port nobody listens on now (the system's pick, never 1883). */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

const devices: ChildProcess[] = []

/** The Pico W stand-in, as a process of its own (so it can hang or die like a real one). */
function startPico(port: number, clientId: string): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      join(root, 'test', 'support', 'pico-client.mjs'),
      '--url',
      `mqtt://127.0.0.1:${port}`,
      '--keepalive',
      '2',
      '--client-id',
      clientId,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  child.stdout?.resume()
  child.stderr?.resume()
  devices.push(child)
  return child
}

test.afterEach(() => {
  for (const d of devices.splice(0)) if (d.exitCode === null && d.signalCode === null) d.kill('SIGKILL')
})

const row = (page: Page, clientId: string): Locator =>
  page.locator(`[data-testid="broker-client-row"][data-client-id="${clientId}"]`).first()

test('a Pico W on the built-in broker: connected, charted, cut off, and why', async ({ app: page }) => {
  test.setTimeout(150_000)
  const port = await freePort()

  // start the broker from its panel on the test's port
  await page.getByTestId('broker-button').click()
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'stopped')
  await page.getByTestId('broker-port').fill(String(port))
  await page.getByTestId('broker-start').click()
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'running', { timeout: 20_000 })
  await expect(page.getByTestId('broker-listen')).toContainText(`port ${port}`)
  // LAN is off by default: only this computer, and the panel says how to change that
  await expect(page.getByTestId('broker-addresses')).toHaveAttribute('data-local-only', 'true')
  await expect(page.getByTestId('broker-address-url')).toHaveText([`mqtt://127.0.0.1:${port}`])
  await expect(page.getByTestId('broker-local-only')).toContainText('Only this computer can connect')
  await expect(page.getByTestId('broker-local-only')).toContainText('Allow devices on my network (LAN)')
  // the MicroPython program is filled with the real port
  await expect(page.getByTestId('broker-snippet')).toContainText(`PORT = ${port}`)
  await expect(page.getByTestId('broker-snippet')).toContainText('from umqtt.simple import MQTTClient')
  // the whole panel in one picture: state, addresses, the guide with its program
  await page.setViewportSize({ width: 1280, height: 1500 })
  await snap(page, 'broker-panel.png')
  await page.setViewportSize({ width: 1280, height: 800 })

  // the device view, on the built-in profile's Devices tab
  await page.getByTestId('broker-open-devices').click()
  await expect(page.getByTestId('broker-drawer')).toBeHidden()
  await expect(page.getByTestId('builtin-tab-devices')).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('broker-devices')).toBeVisible()

  // the Pico connects and shows with its settings
  const pico = startPico(port, 'pico-w-7')
  const picoRow = row(page, 'pico-w-7')
  await expect(picoRow).toHaveAttribute('data-connected', 'true', { timeout: 20_000 })
  await expect(picoRow).toContainText('3.1.1')
  await expect(picoRow).toContainText('2 s')
  await expect(picoRow).toContainText('pico/status')
  await picoRow.click()
  await expect(page.getByTestId('broker-client-detail')).toHaveAttribute('data-client-id', 'pico-w-7')
  await expect(page.getByTestId('broker-last-drop')).toHaveAttribute('data-reason', '')
  await expect(
    page.locator('[data-testid="broker-timeline-line"][data-kind="connect"]').first(),
  ).toBeVisible()
  await expect(
    page
      .locator('[data-testid="broker-timeline-line"][data-kind="publish"]')
      .filter({ hasText: 'pico/temperature/dht22' })
      .first(),
  ).toBeVisible()

  // raw packets, once capture is on
  await page.getByTestId('broker-tab-packets').click()
  // the switch follows the core's answer, so it turns on a moment after the click
  await page.getByTestId('broker-capture-switch').click({ force: true })
  await expect(page.getByTestId('broker-capture-switch')).toBeChecked()
  const publishPacket = page.locator('[data-testid="broker-packet-row"][data-type="publish"]').first()
  await expect(publishPacket).toBeVisible({ timeout: 15_000 })
  await publishPacket.click()
  await expect(page.getByTestId('broker-packet-json')).toContainText('pico/')
  await expect(page.getByTestId('broker-packet-hex')).toContainText('30 ')
  await snap(page, 'broker-devices.png')

  // its readings chart in the topic detail
  await page.getByTestId('builtin-tab-topics').click()
  await page.getByTestId('tree-row-pico').locator('.tree-chevron').click()
  await page.getByTestId('tree-row-pico/temperature').locator('.tree-chevron').click()
  await page.getByTestId('tree-row-pico/temperature/dht22').click()
  await expect(page.getByTestId('detail-topic')).toHaveText('pico/temperature/dht22')
  await expect
    .poll(async () => Number(await page.getByTestId('detail-chart').getAttribute('data-points')), {
      timeout: 20_000,
    })
    .toBeGreaterThanOrEqual(3)
  await expect(page.getByTestId('tree-row-pico/status')).toContainText('online')

  // cut off: the Pico hangs with its socket open; 1.5 × 2 s later the broker gives up and sends the will
  pico.kill('SIGUSR1')
  await expect(page.getByTestId('tree-row-pico/status')).toContainText('offline', { timeout: 20_000 })
  await page.getByTestId('builtin-tab-devices').click()
  await expect(picoRow).toHaveAttribute('data-connected', 'false')
  await expect(picoRow).toHaveAttribute('data-reason', 'keepalive-timeout')
  await expect(picoRow.getByTestId('broker-client-reason')).toHaveText(
    'keepalive timeout: no packet for 1.5 × 2 s, the broker closed it and sent the will',
  )
  await picoRow.click()
  const drop = page.getByTestId('broker-last-drop')
  await expect(drop).toHaveAttribute('data-reason', 'keepalive-timeout')
  await expect(drop).toHaveAttribute('data-connected', 'false')
  await expect(page.getByTestId('broker-last-drop-reason')).toHaveText(
    'keepalive timeout: no packet for 1.5 × 2 s, the broker closed it and sent the will',
  )
  await expect(page.getByTestId('broker-last-drop-will')).toContainText('pico/status = offline')
  await page.getByTestId('broker-tab-timeline').click()
  await page.getByTestId('broker-timeline-filter').getByText('Without publishes').click()
  const will = page.locator('[data-testid="broker-timeline-line"][data-kind="will"]').first()
  await expect(will).toContainText('pico/status')
  await expect(will).toContainText('offline')
  await expect(
    page.locator('[data-testid="broker-timeline-line"][data-kind="disconnect"]').first(),
  ).toHaveAttribute('data-reason', 'keepalive-timeout')
  await snap(page, 'broker-timeline.png')

  // another Pico killed outright: no DISCONNECT, the socket just closes
  const second = startPico(port, 'pico-w-8')
  const secondRow = row(page, 'pico-w-8')
  await expect(secondRow).toHaveAttribute('data-connected', 'true', { timeout: 20_000 })
  second.kill('SIGKILL')
  await expect(secondRow).toHaveAttribute('data-connected', 'false', { timeout: 20_000 })
  await expect(secondRow).toHaveAttribute('data-reason', 'socket-error')
  await expect(secondRow.getByTestId('broker-client-reason')).toContainText('socket error:')
  await expect(secondRow.getByTestId('broker-client-reason')).toContainText('the broker sent the will')
})
