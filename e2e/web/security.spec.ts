/**
 * TLS verification in the UI: on for a new profile, and marked unsafe wherever it is off — the
 * switch, the TLS tab (seen from every tab), the profile's summary while connected. The profile
 * trusts the wrong CA on purpose, so it connects only because verification is off.
 *
 * Test ids: field-tls-verify, tls-verify-unsafe-badge, tls-unsafe-warning, editor-tab-tls-unsafe,
 * profile-summary.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { testBroker } from '../../test/support/brokers'
import { expect, test } from './fixtures'

const shots = join(import.meta.dirname, '..', '..', 'docs', 'screenshots')
mkdirSync(shots, { recursive: true })

test('verification is on by default, and turning it off is marked unsafe', async ({ app: page }) => {
  const mosquitto = testBroker('mosquitto')
  await page.getByTestId('new-profile').click()
  await page.getByTestId('new-profile-mqtt').click()
  await expect(page.getByTestId('profile-editor')).toBeVisible()
  await page.getByTestId('field-name').fill('Test broker, unverified')
  await page.getByTestId('field-host').fill(mosquitto.host)
  await page.getByTestId('field-transport').getByText('mqtts (TLS)').click()
  await page.getByTestId('field-port').fill(String(mosquitto.ports.tls))

  await page.getByTestId('editor-tab-tls').click()
  const verify = page.getByTestId('field-tls-verify')
  await expect(verify).toBeChecked()
  await expect(page.getByTestId('tls-verify-unsafe-badge')).toBeHidden()
  await expect(page.getByTestId('tls-unsafe-warning')).toBeHidden()
  await expect(page.getByTestId('editor-tab-tls-unsafe')).toBeHidden()

  await page.getByTestId('file-tls-ca').setInputFiles({
    name: 'other-ca.crt',
    mimeType: 'application/x-pem-file',
    buffer: Buffer.from(mosquitto.tls.wrongCa.certPem),
  })
  await verify.click({ force: true })
  await expect(verify).not.toBeChecked()
  await expect(page.getByTestId('tls-verify-unsafe-badge')).toHaveText('unsafe')
  await expect(page.getByTestId('tls-unsafe-warning')).toContainText(
    "Unsafe: the server's identity is not checked",
  )
  await expect(page.getByTestId('editor-tab-tls-unsafe')).toBeVisible()
  await page.waitForTimeout(350)
  await page.screenshot({ path: join(shots, 'tls-unsafe.png') })

  // The mark follows the user to the other tabs.
  await page.getByTestId('editor-tab-general').click()
  await expect(page.getByTestId('editor-tab-tls-unsafe')).toBeVisible()

  await page.getByTestId('editor-save').click()
  await expect(page.getByTestId('profile-editor')).toBeHidden()
  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 45_000 })
  await expect(page.getByTestId('profile-summary')).toContainText('not verified')
  await expect(page.getByTestId('tls-unsafe-badge')).toHaveText('Unsafe')
  await page.screenshot({ path: join(shots, 'tls-unsafe-connected.png') })

  // Verification back on: the wrong CA is refused, as it should be.
  await page.getByTestId('disconnect-button').click()
  await page.getByTestId('edit-profile').click()
  await page.getByTestId('editor-tab-tls').click()
  await page.getByTestId('field-tls-verify').click({ force: true })
  await expect(page.getByTestId('editor-tab-tls-unsafe')).toBeHidden()
  await page.getByTestId('editor-save').click()
  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('connection-state')).toHaveText('Failed', { timeout: 45_000 })
  await expect(page.getByTestId('connection-reason')).toContainText(/certificate/i)
  await expect(page.getByTestId('tls-unsafe-badge')).toBeHidden()
})
