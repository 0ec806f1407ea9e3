/**
 * Connection profiles and connections, driven through the real renderer on the web host, against the
 * test brokers (scripts/brokers; read through test/support/brokers.ts).
 *
 * Stable hooks the UI offers (data-testid unless said otherwise):
 *   app-name, about-button, about-popover (about-version, about-host, about-data-dir), theme-choice
 *   host-connection-banner                     shown while the web host's socket is down
 *   welcome, welcome-new-{mqtt,amqp,kafka}, welcome-import (+ welcome-import-file, its file input)
 *   profile-list, profile-item-<name> (data-state=<connection state>), profile-item-attempt, profile-count
 *   profile-filter (from 5 profiles on), new-profile, new-profile-{mqtt,amqp,kafka}
 *   profile-menu-<name> (in the list) or panel-menu (beside Edit), then profile-menu-{edit,duplicate,export,delete}
 *   delete-modal, delete-confirm, delete-cancel
 *   profile-editor, editor-tab-{general,auth,tls,advanced,will}, editor-save, editor-save-connect, editor-cancel,
 *   editor-error (the core refused), editor-error-count
 *   field-<config path, dots as dashes>: field-name, field-host, field-port, field-transport, field-path,
 *   field-clientId, field-mqttVersion, field-username, field-password, field-cleanStart, field-sessionExpiry,
 *   field-keepalive, field-connectTimeout, field-tls-ca, field-tls-cert, field-tlsKey, field-tlsPassphrase,
 *   field-tls-verify, field-will-enabled, field-will-topic, field-will-payload, field-will-qos, field-will-retain,
 *   field-scheme, field-vhost, field-heartbeat, field-managementUrl, field-brokers-<i>, broker-add,
 *   broker-remove-<i>, field-ssl, field-sasl; file-<pem field> (the hidden file inputs);
 *   secret-clear-<secret>, secret-undo-<secret>; tls-unsafe-warning; endpoint-preview
 *   connection-panel, panel-profile-name, panel-endpoint, edit-profile, connect-button, disconnect-button,
 *   connection-state (data-state), connection-since, connection-server-info, connection-alert,
 *   connection-reason (the broker's or socket's own words), connection-call-error, profile-summary,
 *   workspace-placeholder
 *   import-button, import-button-file (its file input), import-result, import-imported-count,
 *   import-rejected, import-rejected-item, import-error, import-result-close
 *   export-button, export-modal, export-scope-all, export-scope-selected, export-include-secrets,
 *   export-secrets-warning, export-confirm
 *   notice-{success,error,info}
 */
import { readFileSync } from 'node:fs'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { testBroker } from '../../test/support/brokers'
import { expect, test } from './fixtures'

const shots = join(import.meta.dirname, '..', '..', 'docs', 'screenshots')
mkdirSync(shots, { recursive: true })

async function snap(page: Page, name: string) {
  // let transitions and the "just now" clock settle
  await page.waitForTimeout(350)
  await page.screenshot({ path: join(shots, name) })
}

const item = (page: Page, name: string) => page.getByTestId(`profile-item-${name}`)

async function newProfile(page: Page, protocol: 'mqtt' | 'amqp' | 'kafka') {
  await page.getByTestId('new-profile').click()
  await page.getByTestId(`new-profile-${protocol}`).click()
  await expect(page.getByTestId('profile-editor')).toBeVisible()
}

async function fillMqtt(
  page: Page,
  p: { name: string; host: string; port: number; username?: string; password?: string },
) {
  await page.getByTestId('field-name').fill(p.name)
  await page.getByTestId('field-host').fill(p.host)
  await page.getByTestId('field-port').fill(String(p.port))
  if (p.username !== undefined || p.password !== undefined) {
    await page.getByTestId('editor-tab-auth').click()
    if (p.username !== undefined) await page.getByTestId('field-username').fill(p.username)
    if (p.password !== undefined) await page.getByTestId('field-password').fill(p.password)
  }
}

async function save(page: Page, name: string) {
  await page.getByTestId('editor-save').click()
  await expect(page.getByTestId('profile-editor')).toBeHidden()
  await expect(page.getByTestId('panel-profile-name')).toHaveText(name)
}

async function connectAndDisconnect(page: Page, name: string) {
  await item(page, name).click()
  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 45_000 })
  await expect(item(page, name)).toHaveAttribute('data-state', 'connected')
  await expect(page.getByTestId('workspace-placeholder')).toContainText('Connected to')
  await page.getByTestId('disconnect-button').click()
  await expect(page.getByTestId('connection-state')).toHaveText('Disconnected')
  await expect(item(page, name)).toHaveAttribute('data-state', 'disconnected')
  await expect(page.getByTestId('connect-button')).toBeVisible()
}

test('welcome screen, then an MQTT profile that connects and disconnects', async ({ app: page }) => {
  const mosquitto = testBroker('mosquitto')
  await expect(page.getByTestId('welcome')).toBeVisible()
  await expect(page.getByTestId('welcome')).toContainText('Welcome to Brokerlens')
  await snap(page, 'welcome.png')

  await page.getByTestId('welcome-new-mqtt').click()
  await expect(page.getByTestId('field-name')).toBeFocused()
  await fillMqtt(page, { name: 'Local Mosquitto', host: mosquitto.host, port: mosquitto.ports.plain })
  await page.getByTestId('editor-tab-general').click()
  await expect(page.getByTestId('endpoint-preview')).toHaveText(
    `mqtt://${mosquitto.host}:${mosquitto.ports.plain}`,
  )
  await snap(page, 'profile-editor-mqtt.png')
  await save(page, 'Local Mosquitto')

  await expect(item(page, 'Local Mosquitto')).toContainText(
    `mqtt://${mosquitto.host}:${mosquitto.ports.plain}`,
  )
  await expect(item(page, 'Local Mosquitto')).toContainText('MQTT')
  await connectAndDisconnect(page, 'Local Mosquitto')

  // the about box tells where the data lives
  await page.getByTestId('about-button').click()
  await expect(page.getByTestId('about-host')).toContainText('Web host')
  await expect(page.getByTestId('about-data-dir')).not.toHaveText('…')
})

test('a wrong password shows the broker’s reason; the right one connects', async ({ app: page }) => {
  const mosquitto = testBroker('mosquitto')
  await newProfile(page, 'mqtt')
  await fillMqtt(page, {
    name: 'Secured',
    host: mosquitto.host,
    port: mosquitto.ports.password,
    username: mosquitto.username,
    password: 'not-the-password',
  })
  await save(page, 'Secured')
  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('connection-state')).toHaveText('Failed')
  await expect(page.getByTestId('connection-reason')).toHaveText(
    /not authori[sz]ed|bad user ?name or password/i,
  )
  await expect(item(page, 'Secured')).toHaveAttribute('data-state', 'failed')

  // the stored password is never shown; typing a new one replaces it
  await page.getByTestId('edit-profile').click()
  await page.getByTestId('editor-tab-auth').click()
  await expect(page.getByTestId('field-password')).toHaveValue('')
  await expect(page.getByTestId('field-password')).toHaveAttribute('placeholder', '•••••• (stored)')
  await page.getByTestId('field-password').fill(mosquitto.password)
  await save(page, 'Secured')
  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 30_000 })
  await page.getByTestId('disconnect-button').click()
  await expect(page.getByTestId('connection-state')).toHaveText('Disconnected')

  // clearing the stored password: the broker says no again
  await page.getByTestId('edit-profile').click()
  await page.getByTestId('editor-tab-auth').click()
  await page.getByTestId('secret-clear-password').click()
  await expect(page.getByTestId('field-password')).toHaveAttribute('placeholder', 'Removed when you save')
  await save(page, 'Secured')
  await expect(page.getByTestId('profile-summary')).not.toContainText('password stored')
  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('connection-state')).toHaveText('Failed')
  await expect(page.getByTestId('connection-reason')).toHaveText(
    /not authori[sz]ed|bad user ?name or password/i,
  )
})

test('a closed port shows the socket’s reason, not a spinner', async ({ app: page }) => {
  const mosquitto = testBroker('mosquitto')
  await newProfile(page, 'mqtt')
  // port 1 on loopback: nothing listens there
  await fillMqtt(page, { name: 'Nobody home', host: mosquitto.host, port: 1 })
  await save(page, 'Nobody home')
  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('connection-state')).toHaveText('Failed')
  await expect(page.getByTestId('connection-alert')).toContainText('The connection failed')
  await expect(page.getByTestId('connection-reason')).toContainText('ECONNREFUSED')
  await expect(page.getByTestId('connect-button')).toHaveText('Try again')
  await snap(page, 'connection-failed.png')
})

test('RabbitMQ: connect and disconnect', async ({ app: page }) => {
  const rabbit = testBroker('rabbitmq')
  await newProfile(page, 'amqp')
  await page.getByTestId('field-name').fill('Local RabbitMQ')
  await page.getByTestId('field-host').fill(rabbit.host)
  await page.getByTestId('field-port').fill(String(rabbit.ports.amqp))
  await page.getByTestId('editor-tab-auth').click()
  await page.getByTestId('field-username').fill(rabbit.username)
  await page.getByTestId('field-password').fill(rabbit.password)
  await page.getByTestId('editor-tab-advanced').click()
  await page.getByTestId('field-managementUrl').fill(rabbit.managementUrl)
  await save(page, 'Local RabbitMQ')
  await expect(item(page, 'Local RabbitMQ')).toContainText('AMQP')
  await expect(item(page, 'Local RabbitMQ')).toContainText(`amqp://${rabbit.host}:${rabbit.ports.amqp}`)
  await connectAndDisconnect(page, 'Local RabbitMQ')
})

test('Kafka: connect and disconnect', async ({ app: page }) => {
  const kafka = testBroker('kafka')
  await newProfile(page, 'kafka')
  await page.getByTestId('field-name').fill('Local Kafka')
  await page.getByTestId('field-brokers-0').fill(kafka.bootstrap)
  await save(page, 'Local Kafka')
  await expect(item(page, 'Local Kafka')).toContainText('Kafka')
  await expect(item(page, 'Local Kafka')).toContainText(`kafka://${kafka.bootstrap}`)
  await connectAndDisconnect(page, 'Local Kafka')
})

test('the editor checks each field with the contract and explains TLS choices', async ({ app: page }) => {
  await newProfile(page, 'mqtt')
  await page.getByTestId('field-host').fill('mqtt://broker')
  await page.getByTestId('field-port').fill('')
  await page.getByTestId('editor-save').click()
  await expect(page.getByTestId('profile-editor')).toBeVisible()
  await expect(page.getByTestId('field-name')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByText('Name is required')).toBeVisible()
  await expect(page.getByText('Host is a name or an address, without scheme, path or spaces')).toBeVisible()
  await expect(page.getByText('Port is required')).toBeVisible()
  await expect(page.getByTestId('editor-error-count')).toHaveText('3 fields need attention')

  // fixing a field clears its error as you type
  await page.getByTestId('field-name').fill('TLS broker')
  await page.getByTestId('field-host').fill('127.0.0.1')
  await expect(page.getByTestId('editor-error-count')).toHaveText('1 field needs attention')

  // switching transport suggests the usual port unless one was typed
  await page.getByTestId('field-port').fill('1883')
  await page.getByTestId('field-transport').getByText('mqtts (TLS)').click()
  await expect(page.getByTestId('field-port')).toHaveValue('8883')
  await page.getByTestId('field-port').fill('18883')
  await page.getByTestId('field-transport').getByText('wss (TLS)').click()
  await expect(page.getByTestId('field-port')).toHaveValue('18883')
  await expect(page.getByTestId('field-path')).toHaveValue('/mqtt')

  // TLS: a CA from a file, and the warning when verification is off
  await page.getByTestId('editor-tab-tls').click()
  const ca = testBroker('mosquitto').tls.ca.certPem
  await page
    .getByTestId('file-tls-ca')
    .setInputFiles({ name: 'ca.crt', mimeType: 'application/x-pem-file', buffer: Buffer.from(ca) })
  await expect(page.getByTestId('field-tls-ca')).toHaveValue(ca)
  await expect(page.getByTestId('tls-unsafe-warning')).toBeHidden()
  await page.getByTestId('field-tls-verify').click({ force: true })
  await expect(page.getByTestId('tls-unsafe-warning')).toContainText(
    "Unsafe: the server's identity is not checked",
  )
  await snap(page, 'profile-editor-tls.png')

  // last will: the topic is checked only when the will is on
  await page.getByTestId('editor-tab-will').click()
  await page.getByTestId('field-will-enabled').click({ force: true })
  await page.getByTestId('field-will-topic').fill('status/#')
  await page.getByTestId('editor-save').click()
  await expect(page.getByText('Will topic must not contain wildcards')).toBeVisible()
  await page.getByTestId('field-will-topic').fill('status/brokerlens')
  await save(page, 'TLS broker')
  await expect(page.getByTestId('panel-endpoint')).toHaveText('wss://127.0.0.1:18883/mqtt')
  await expect(page.getByTestId('profile-summary')).toContainText('not verified')

  // Kafka: each bootstrap broker row is checked on its own
  await newProfile(page, 'kafka')
  await page.getByTestId('field-name').fill('Cluster')
  await page.getByTestId('field-brokers-0').fill('a.example:9092, b.example')
  await expect(page.getByTestId('field-brokers-1')).toHaveValue('b.example')
  await page.getByTestId('editor-save').click()
  await expect(page.getByText('Each broker is host:port')).toBeVisible()
  await expect(page.getByTestId('field-brokers-1')).toHaveAttribute('aria-invalid', 'true')
  await page.getByTestId('broker-remove-1').click()
  await page.getByTestId('editor-tab-auth').click()
  await page.getByTestId('field-sasl').click()
  await page.getByRole('option', { name: 'SCRAM-SHA-512' }).click()
  await page.getByTestId('editor-save').click()
  await expect(page.getByText('A user name is required for SASL')).toBeVisible()
  await page.getByTestId('field-username').fill('svc')
  await save(page, 'Cluster')
  await expect(page.getByTestId('profile-summary')).toContainText('SCRAM-SHA-512 · svc')
})

test('edit, duplicate and delete a profile', async ({ app: page }) => {
  const mosquitto = testBroker('mosquitto')
  await newProfile(page, 'mqtt')
  await fillMqtt(page, { name: 'Sensor hub', host: mosquitto.host, port: mosquitto.ports.plain })
  await save(page, 'Sensor hub')

  // edit from the list's menu
  await page.getByTestId('profile-menu-Sensor hub').click()
  await page.getByTestId('profile-menu-edit').click()
  await expect(page.getByTestId('field-name')).toHaveValue('Sensor hub')
  await page.getByTestId('field-name').fill('Sensor hub (lab)')
  await page.getByTestId('editor-tab-advanced').click()
  await page.getByTestId('field-mqttVersion').getByText('5.0').click()
  await page.getByTestId('field-clientId').fill('lab-viewer')
  await save(page, 'Sensor hub (lab)')
  await expect(item(page, 'Sensor hub')).toHaveCount(0)
  await expect(page.getByTestId('profile-summary')).toContainText('5.0')
  await expect(page.getByTestId('profile-summary')).toContainText('lab-viewer')

  // cancel leaves the profile as it was
  await page.getByTestId('edit-profile').click()
  await page.getByTestId('field-name').fill('Not saved')
  await page.getByTestId('editor-cancel').click()
  await expect(page.getByTestId('panel-profile-name')).toHaveText('Sensor hub (lab)')

  // duplicate
  await page.getByTestId('profile-menu-Sensor hub (lab)').click()
  await page.getByTestId('profile-menu-duplicate').click()
  await expect(item(page, 'Sensor hub (lab) (copy)')).toBeVisible()
  await expect(page.getByTestId('panel-profile-name')).toHaveText('Sensor hub (lab) (copy)')
  await expect(page.getByTestId('profile-list').getByRole('listitem')).toHaveCount(2)

  // the copy connects like the original
  await connectAndDisconnect(page, 'Sensor hub (lab) (copy)')

  // delete asks first, naming the profile
  await page.getByTestId('profile-menu-Sensor hub (lab) (copy)').click()
  await page.getByTestId('profile-menu-delete').click()
  await expect(page.getByRole('dialog')).toContainText('Delete “Sensor hub (lab) (copy)”?')
  await page.getByTestId('delete-cancel').click()
  await expect(item(page, 'Sensor hub (lab) (copy)')).toBeVisible()
  await page.getByTestId('profile-menu-Sensor hub (lab) (copy)').click()
  await page.getByTestId('profile-menu-delete').click()
  await page.getByTestId('delete-confirm').click()
  await expect(item(page, 'Sensor hub (lab) (copy)')).toHaveCount(0)
  await expect(page.getByTestId('profile-list').getByRole('listitem')).toHaveCount(1)

  // deleting the last one brings back the welcome screen
  await page.getByTestId('profile-menu-Sensor hub (lab)').click()
  await page.getByTestId('profile-menu-delete').click()
  await page.getByTestId('delete-confirm').click()
  await expect(page.getByTestId('welcome')).toBeVisible()
})

test('export to a file and import it back', async ({ app: page }) => {
  const mosquitto = testBroker('mosquitto')
  await newProfile(page, 'mqtt')
  await fillMqtt(page, {
    name: 'Exported MQTT',
    host: mosquitto.host,
    port: mosquitto.ports.password,
    username: mosquitto.username,
    password: mosquitto.password,
  })
  await save(page, 'Exported MQTT')
  await newProfile(page, 'kafka')
  await page.getByTestId('field-name').fill('Exported Kafka')
  await page.getByTestId('field-brokers-0').fill('127.0.0.1:9092')
  await save(page, 'Exported Kafka')

  // all profiles, without secrets (the default)
  await page.getByTestId('export-button').click()
  await expect(page.getByTestId('export-include-secrets')).not.toBeChecked()
  await expect(page.getByTestId('export-secrets-warning')).toBeHidden()
  let downloading = page.waitForEvent('download')
  await page.getByTestId('export-confirm').click()
  let download = await downloading
  expect(download.suggestedFilename()).toMatch(/^brokerlens-profiles-\d{4}-\d{2}-\d{2}\.json$/)
  const plain = JSON.parse(readFileSync(await download.path(), 'utf8'))
  expect(plain.format).toBe('brokerlens-profiles')
  expect(plain.profiles.map((p: { config: { name: string } }) => p.config.name).sort()).toEqual([
    'Exported Kafka',
    'Exported MQTT',
  ])
  expect(JSON.stringify(plain)).not.toContain(mosquitto.password)

  // the selected one, with its password, after a clear warning
  await item(page, 'Exported MQTT').click()
  await page.getByTestId('profile-menu-Exported MQTT').click()
  await page.getByTestId('profile-menu-export').click()
  await page.getByTestId('export-scope-selected').check()
  await page.getByTestId('export-include-secrets').check()
  await expect(page.getByTestId('export-secrets-warning')).toContainText('plain text')
  downloading = page.waitForEvent('download')
  await page.getByTestId('export-confirm').click()
  download = await downloading
  expect(download.suggestedFilename()).toMatch(/^brokerlens-exported-mqtt-.*\.json$/)
  const withSecrets = JSON.parse(readFileSync(await download.path(), 'utf8'))
  expect(withSecrets.profiles).toHaveLength(1)
  expect(withSecrets.profiles[0].secrets.password).toBe(mosquitto.password)

  // delete it, then import the file with its secret: it connects with the imported password
  await page.getByTestId('profile-menu-Exported MQTT').click()
  await page.getByTestId('profile-menu-delete').click()
  await page.getByTestId('delete-confirm').click()
  await expect(item(page, 'Exported MQTT')).toHaveCount(0)
  await page.getByTestId('import-button-file').setInputFiles({
    name: 'with-secrets.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(withSecrets)),
  })
  await expect(page.getByTestId('import-imported-count')).toHaveText('Imported 1 profile')
  await page.getByTestId('import-result-close').click()
  await expect(page.getByTestId('panel-profile-name')).toHaveText('Exported MQTT')
  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 30_000 })
  await page.getByTestId('disconnect-button').click()

  // a file with one bad entry: the good ones come in, the bad one is named with its reason
  const mixed = {
    ...plain,
    profiles: [...plain.profiles, { config: { protocol: 'mqtt', name: 'Broken', host: 'has space' } }],
  }
  await page.getByTestId('import-button-file').setInputFiles({
    name: 'mixed.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(mixed)),
  })
  await expect(page.getByTestId('import-imported-count')).toHaveText('Imported 2 profiles')
  await expect(page.getByTestId('import-rejected-item')).toHaveCount(1)
  await expect(page.getByTestId('import-rejected-item')).toContainText('#3 “Broken”')
  await expect(page.getByTestId('import-rejected-item')).toContainText('host')
  await page.getByTestId('import-result-close').click()
  await expect(page.getByTestId('profile-list').getByRole('listitem')).toHaveCount(4)

  // not an export file at all
  await page
    .getByTestId('import-button-file')
    .setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') })
  await expect(page.getByTestId('import-error')).toBeVisible()
  await page.getByTestId('import-result-close').click()
})

test('overview: three brokers connected at once', async ({ app: page }) => {
  const { mosquitto, rabbitmq, kafka } = {
    mosquitto: testBroker('mosquitto'),
    rabbitmq: testBroker('rabbitmq'),
    kafka: testBroker('kafka'),
  }
  const file = {
    format: 'brokerlens-profiles',
    version: 1,
    exportedAt: new Date().toISOString(),
    profiles: [
      {
        config: {
          protocol: 'mqtt',
          name: 'Home Mosquitto',
          host: mosquitto.host,
          port: mosquitto.ports.plain,
        },
      },
      {
        config: {
          protocol: 'mqtt',
          name: 'Mosquitto (TLS)',
          host: mosquitto.host,
          port: mosquitto.ports.tls,
          transport: 'mqtts',
          tls: { ca: mosquitto.tls.ca.certPem },
        },
      },
      {
        config: {
          protocol: 'amqp',
          name: 'RabbitMQ',
          host: rabbitmq.host,
          port: rabbitmq.ports.amqp,
          username: rabbitmq.username,
        },
        secrets: { password: rabbitmq.password },
      },
      { config: { protocol: 'kafka', name: 'Kafka (KRaft)', brokers: [kafka.bootstrap] } },
      { config: { protocol: 'mqtt', name: 'Staging (offline)', host: '127.0.0.1', port: 1 } },
    ],
  }
  await page.getByTestId('welcome-import-file').setInputFiles({
    name: 'demo.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(file)),
  })
  await expect(page.getByTestId('import-imported-count')).toHaveText('Imported 5 profiles')
  await page.getByTestId('import-result-close').click()

  for (const name of [
    'Staging (offline)',
    'Kafka (KRaft)',
    'RabbitMQ',
    'Mosquitto (TLS)',
    'Home Mosquitto',
  ]) {
    await item(page, name).click()
    await page.getByTestId('connect-button').click()
    await expect(page.getByTestId('connection-state')).toHaveText(
      name.includes('offline') ? 'Failed' : 'Connected',
      { timeout: 45_000 },
    )
  }
  await expect(page.getByTestId('profile-count')).toHaveText('4 of 5 connected')
  await snap(page, 'profiles-connected.png')
  await page.emulateMedia({ colorScheme: 'dark' })
  await snap(page, 'profiles-connected-dark.png')
  await page.emulateMedia({ colorScheme: 'light' })

  for (const name of ['Home Mosquitto', 'Mosquitto (TLS)', 'RabbitMQ', 'Kafka (KRaft)']) {
    await item(page, name).click()
    await page.getByTestId('disconnect-button').click()
    await expect(page.getByTestId('connection-state')).toHaveText('Disconnected')
  }
})

test('the banner shows while the web host is away, and the state comes back', async ({ app: page, host }) => {
  await newProfile(page, 'mqtt')
  await fillMqtt(page, { name: 'Survivor', host: '127.0.0.1', port: 1 })
  await save(page, 'Survivor')
  await expect(page.getByTestId('host-connection-banner')).toBeHidden()

  await host.kill()
  await expect(page.getByTestId('host-connection-banner')).toContainText(
    'Lost connection to the Brokerlens host — reconnecting…',
  )
  // calls fail at once with a clear error rather than hang
  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('connection-call-error')).toContainText('Brokerlens host')
  await snap(page, 'host-reconnecting.png')

  await host.restart()
  await expect(page.getByTestId('host-connection-banner')).toBeHidden({ timeout: 30_000 })
  await expect(item(page, 'Survivor')).toBeVisible()
  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('connection-reason')).toContainText('ECONNREFUSED')
})
