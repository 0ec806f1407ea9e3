/**
 * Publishing from the MQTT workspace, on the real web host against the test Mosquitto: the Monaco
 * payload editor (bundled: nothing may come from anywhere but the app itself), JSON validation as
 * you type, the broker's answer, the publish log with re-send and "load into editor", and a
 * `{{counter}}` template sent N times, checked in the topic tree and the topic's history.
 *
 * Stable hooks (data-testid unless said otherwise), beside those of topic-tree.spec.ts:
 *   detail-tab-publish (the MQTT workspace's tab), panel-tab-overview, panel-tab-publish (AMQP/Kafka)
 *   publish-panel (data-protocol), publish-offline, publish-target, publish-topic, publish-qos,
 *   publish-retain, publish-properties (data-open) + publish-properties-toggle, publish-content-type,
 *   publish-response-topic, publish-correlation-data, publish-correlation-mode, publish-expiry,
 *   publish-payload-format, publish-user-properties (data-rows) with -add, -row, -key, -value, -remove,
 *   -error; AMQP: publish-exchange, publish-routing-key, publish-mandatory, publish-delivery-mode,
 *   publish-correlation-id, publish-reply-to, publish-expiration, publish-priority, publish-message-id,
 *   publish-headers (rows as above); Kafka: publish-partition, publish-key, publish-key-mode
 *   payload-editor-panel (data-mode, data-template), payload-mode, payload-format, payload-minify,
 *   payload-template, payload-mode-error, payload-editor (data-ready, data-language, data-markers),
 *   payload-json-error, payload-json-ok, payload-error, payload-core-error, payload-size (data-bytes),
 *   payload-template-box, payload-template-errors (data-count), payload-template-preview
 *   publish-send, publish-result (data-tone ok|warn|error), publish-result-text
 *   publish-repeat, publish-repeat-count, publish-repeat-interval, publish-repeat-start,
 *   publish-job (data-state, data-sent, data-failed, data-count), publish-job-text, publish-job-stop
 *   publish-log (data-count), publish-log-count, publish-log-clear, publish-log-empty, publish-log-error,
 *   publish-log-row (data-id, data-tone, data-sent, data-count), publish-log-target,
 *   publish-log-preview, publish-log-result, publish-log-load, publish-log-resend
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { Kafka, logLevel } from 'kafkajs'
import { testBroker } from '../../test/support/brokers'
import { expect, test } from './fixtures'

const shots = join(import.meta.dirname, '..', '..', 'docs', 'screenshots')
mkdirSync(shots, { recursive: true })

async function snap(page: Page, name: string) {
  await page.waitForTimeout(400)
  await page.screenshot({ path: join(shots, name) })
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

/** Our own topics, so other runs' messages never count. */
const P = `pub-${Date.now().toString(36)}`

/** Opens a tree node (and leaves an open one open). */
async function expand(page: Page, path: string) {
  const row = page.getByTestId(`tree-row-${path}`)
  await expect(row).toHaveAttribute('aria-expanded', /true|false/)
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.tree-chevron').click()
  await expect(row).toHaveAttribute('aria-expanded', 'true')
}

/** What Monaco shows, as text (it draws spaces as no-break spaces). */
async function editorText(page: Page): Promise<string> {
  const lines = await page.getByTestId('payload-editor').locator('.view-line').allTextContents()
  return lines.join('\n').replaceAll('\u00a0', ' ')
}

/** Empties the editor and types `text` into it key by key, as a user would. */
async function typeIntoEditor(page: Page, text: string) {
  await page.getByTestId('payload-editor').locator('.monaco-editor').click()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('Delete')
  await page.keyboard.type(text)
  // nothing was closed, completed or indented behind our back
  await expect.poll(() => editorText(page)).toBe(text)
}

test('publishing from the MQTT workspace: JSON editor, result, log, re-send, template sent N times', async ({
  app: page,
}) => {
  test.setTimeout(180_000)
  const broker = testBroker('mosquitto')

  // Every URL the page and its workers asked for; the fixture also fails on any non-local request.
  const requested: string[] = []
  page.on('request', (r) => requested.push(r.url()))
  page.on('worker', (w) => requested.push(w.url()))

  await page.getByTestId('welcome-import-file').setInputFiles({
    name: 'publisher.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        format: 'brokerlens-profiles',
        version: 1,
        exportedAt: new Date().toISOString(),
        profiles: [
          {
            config: {
              protocol: 'mqtt',
              name: 'Publisher',
              host: broker.host,
              port: broker.ports.plain,
              mqttVersion: 5,
              subscriptions: [{ filter: `${P}/#`, qos: 1 }],
            },
          },
        ],
      }),
    ),
  })
  await page.getByTestId('import-result-close').click()
  await page.getByTestId('profile-item-Publisher').click()

  // the panel before connecting: says so, Send is off, Monaco is there and loaded from the app
  await page.getByTestId('detail-tab-publish').click()
  await expect(page.getByTestId('publish-panel')).toHaveAttribute('data-protocol', 'mqtt')
  await expect(page.getByTestId('publish-offline')).toBeVisible()
  await expect(page.getByTestId('publish-send')).toBeDisabled()
  await expect(page.getByTestId('payload-editor')).toHaveAttribute('data-ready', 'true')
  await expect(page.getByTestId('payload-editor')).toHaveAttribute('data-language', 'json')

  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 45_000 })
  await expect(page.getByTestId('publish-offline')).toHaveCount(0)
  await page.getByTestId('subscriptions-toggle').click()
  await expect(page.getByTestId(`subscription-${P}/#`)).toHaveAttribute('data-state', 'active')
  await page.getByTestId('subscriptions-toggle').click()

  // ---- a topic with a wildcard is refused in place, naming the field
  const topic = page.getByTestId('publish-topic')
  await topic.fill(`${P}/+/state`)
  await expect(page.getByTestId('publish-target')).toContainText(
    'Topic must not contain the wildcards + or #',
  )
  await topic.fill(`${P}/lamp/state`)
  await page.getByTestId('publish-qos').getByText('1', { exact: true }).click()

  // ---- JSON with a syntax error: Monaco's marker and the first error in words
  const bad = '{"state": "ON", "brightness": 180,}'
  await typeIntoEditor(page, bad)
  const column = bad.indexOf(',}') + 2
  await expect(page.getByTestId('payload-json-error')).toHaveText(
    `Line 1, column ${column}: Trailing comma before '}'`,
  )
  await expect(page.getByTestId('payload-editor')).toHaveAttribute('data-markers', /^[1-9]/)
  await expect(page.getByTestId('payload-editor').locator('.squiggly-error').first()).toBeVisible()
  await expect(page.getByTestId('payload-format')).toBeDisabled()
  // Send refuses it and says why
  await page.getByTestId('publish-send').click()
  await expect(page.getByTestId('publish-result')).toHaveAttribute('data-tone', 'error')
  await expect(page.getByTestId('publish-result-text')).toHaveText(
    `Not sent · Payload: JSON error at line 1, column ${column}`,
  )
  await snap(page, 'publish-json-error.png')

  // fixed by keyboard: the marker goes, Format pretty-prints it
  await page.getByTestId('payload-editor').locator('.monaco-editor').click()
  await page.keyboard.press('ControlOrMeta+End')
  await page.keyboard.press('Backspace')
  await page.keyboard.press('Backspace')
  await page.keyboard.type('}')
  const good = '{"state": "ON", "brightness": 180}'
  await expect.poll(() => editorText(page)).toBe(good)
  await expect(page.getByTestId('payload-json-ok')).toBeVisible()
  await expect(page.getByTestId('payload-json-error')).toHaveCount(0)
  await expect(page.getByTestId('payload-editor')).toHaveAttribute('data-markers', '0')
  await expect(page.getByTestId('payload-size')).toHaveAttribute('data-bytes', String(good.length))
  await page.getByTestId('payload-format').click()
  const pretty = '{\n  "state": "ON",\n  "brightness": 180\n}'
  await expect.poll(() => editorText(page)).toBe(pretty)

  // a mode switch that cannot keep the content says why and stays
  await page.getByTestId('payload-template').click()
  await page.getByTestId('payload-mode').getByText('Hex').click()
  await expect(page.getByTestId('payload-mode-error')).toContainText('A template is text')
  await expect(page.getByTestId('payload-editor-panel')).toHaveAttribute('data-mode', 'json')
  await page.getByTestId('payload-template').click()
  await expect(page.getByTestId('payload-editor-panel')).toHaveAttribute('data-template', 'false')

  // ---- sent: the broker's answer, the topic in the tree, the row in the log
  await page.getByTestId('publish-send').click()
  await expect(page.getByTestId('publish-result-text')).toHaveText('Sent · PUBACK 0 Success')
  await expect(page.getByTestId('publish-result')).toHaveAttribute('data-tone', 'ok')
  await expect(page.getByTestId(`tree-row-${P}`)).toHaveAttribute('data-messages', '1')
  await expand(page, P)
  await expand(page, `${P}/lamp`)
  await expect(page.getByTestId(`tree-row-${P}/lamp/state`)).toContainText('"brightness"')
  const log = page.getByTestId('publish-log')
  await expect(log).toHaveAttribute('data-count', '1')
  const first = log.getByTestId('publish-log-row').first()
  await expect(first.getByTestId('publish-log-target')).toHaveText(`${P}/lamp/state · QoS 1`)
  await expect(first.getByTestId('publish-log-result')).toHaveText('Sent · PUBACK 0 Success')
  await expect(first.getByTestId('publish-log-preview')).toContainText('"brightness": 180')
  await expect(first).toHaveAttribute('data-tone', 'ok')

  // MQTT 5 properties go with it: a user property, shown on the received message
  await page.getByTestId('publish-properties-toggle').click()
  await page.getByTestId('publish-content-type').fill('application/json')
  await page.getByTestId('publish-user-properties-add').click()
  await page.getByTestId('publish-user-properties-key').fill('room')
  await page.getByTestId('publish-user-properties-value').fill('kitchen')
  await page.getByTestId('publish-send').click()
  await expect(page.getByTestId(`tree-row-${P}/lamp/state`)).toHaveAttribute('data-messages', '2')
  await expect(log).toHaveAttribute('data-count', '2')
  await expect(page.getByTestId('payload-mode-error')).toHaveCount(0)
  await page.getByTestId('publish-properties-toggle').click()
  await expect(page.getByTestId('publish-properties')).toHaveAttribute('data-open', 'false')
  // tall enough to show the form, the answer and the log together
  await page.setViewportSize({ width: 1280, height: 1000 })
  await page.getByTestId('publish-panel').evaluate((el) => el.scrollTo(0, 0))
  await snap(page, 'publish-mqtt.png')
  await page.setViewportSize({ width: 1280, height: 800 })

  // ---- picking a topic in the tree fills the topic in
  await page.getByTestId(`tree-row-${P}/lamp`).click()
  await expect(topic).toHaveValue(`${P}/lamp`)

  // ---- re-send the first publish with one click; load it back into the editor
  const firstRow = log.locator('[data-testid="publish-log-row"]').last()
  await firstRow.getByTestId('publish-log-resend').click()
  await expect(log).toHaveAttribute('data-count', '3')
  await expect(page.getByTestId(`tree-row-${P}/lamp/state`)).toHaveAttribute('data-messages', '3')
  await typeIntoEditor(page, 'scratch')
  await firstRow.getByTestId('publish-log-load').click()
  await expect(topic).toHaveValue(`${P}/lamp/state`)
  await expect.poll(() => editorText(page)).toBe(pretty)
  // its whole target: that first publish had no user properties
  await expect(page.getByTestId('publish-user-properties')).toHaveAttribute('data-rows', '0')
  await expect(page.getByTestId('publish-content-type')).toHaveValue('')

  // ---- a template, {{counter}}, sent 5 times by the core
  await topic.fill(`${P}/counter`)
  await page.getByTestId('payload-template').click()
  await expect(page.getByTestId('payload-editor')).toHaveAttribute('data-language', 'plaintext')
  await typeIntoEditor(page, '{"n": {{counter}}}')
  await expect(page.getByTestId('payload-template-preview')).toHaveText('{"n": 1}')
  // a placeholder typo is shown inline, not sent
  await typeIntoEditor(page, '{"n": {{countr}}}')
  await expect(page.getByTestId('payload-template-errors')).toHaveAttribute('data-count', '1')
  await expect(page.getByTestId('payload-editor')).toHaveAttribute('data-markers', '1')
  await typeIntoEditor(page, '{"n": {{counter}}}')
  await expect(page.getByTestId('payload-template-preview')).toHaveText('{"n": 1}')

  await page.getByTestId('publish-repeat-count').fill('5')
  // slow enough to see it running (five sends take two seconds)
  await page.getByTestId('publish-repeat-interval').fill('500')
  await page.getByTestId('publish-repeat-start').click()
  const job = page.getByTestId('publish-job')
  await expect(job).toHaveAttribute('data-count', '5')
  // while it runs a second job cannot start: Start gives way to Stop
  await expect(page.getByTestId('publish-repeat-start')).toHaveCount(0)
  await expect(page.getByTestId('publish-job-stop')).toBeVisible()
  await expect(job).toHaveAttribute('data-state', 'done')
  await expect(job).toHaveAttribute('data-sent', '5')
  await expect(job).toHaveAttribute('data-failed', '0')
  await expect(page.getByTestId('publish-job-text')).toHaveText('5 of 5 sent · done')
  await expect(page.getByTestId('publish-repeat-start')).toBeEnabled()
  const jobRow = log.getByTestId('publish-log-row').first()
  await expect(jobRow).toHaveAttribute('data-count', '5')
  await expect(jobRow).toHaveAttribute('data-sent', '5')
  await expect(jobRow.getByTestId('publish-log-result')).toContainText('5 of 5 sent')

  // each message resolved anew: five in the tree, the last one counts 5, the history holds 1…5
  await expect(page.getByTestId(`tree-row-${P}/counter`)).toHaveAttribute('data-messages', '5')
  await page.getByTestId(`tree-row-${P}/counter`).click()
  await page.getByTestId('detail-tab-topic').click()
  await expect(page.getByTestId('detail-summary')).toContainText('5 messages')
  for (let n = 1; n <= 5; n++) await expect(page.getByTestId('detail-history')).toContainText(`{"n": ${n}}`)

  // nothing but the app itself: the page, its chunks, Monaco's workers and font, the socket
  expect(requested.length).toBeGreaterThan(0)
  expect(requested.some((u) => /editor\.worker|json\.worker/.test(u))).toBe(true)
  const foreign = requested.filter((u) => {
    const url = new URL(u)
    return url.protocol !== 'blob:' && url.protocol !== 'data:' && !LOOPBACK.has(url.hostname)
  })
  expect(foreign).toEqual([])
})

test('AMQP and Kafka: a publish tab beside the overview, confirmed, returned and written', async ({
  app: page,
}) => {
  test.setTimeout(150_000)
  const rabbit = testBroker('rabbitmq')
  const kafka = testBroker('kafka')
  // the test Kafka creates no topic on first use: ours, with two partitions
  const ordersTopic = `${P}-orders`
  const admin = new Kafka({
    clientId: 'bl-e2e-admin',
    brokers: [kafka.bootstrap],
    logLevel: logLevel.NOTHING,
  }).admin()
  await admin.connect()
  try {
    await admin.createTopics({ topics: [{ topic: ordersTopic, numPartitions: 2 }], waitForLeaders: true })
  } finally {
    await admin.disconnect()
  }
  await page.getByTestId('welcome-import-file').setInputFiles({
    name: 'others.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        format: 'brokerlens-profiles',
        version: 1,
        exportedAt: new Date().toISOString(),
        profiles: [
          {
            config: {
              protocol: 'amqp',
              name: 'Rabbit',
              host: rabbit.host,
              port: rabbit.ports.amqp,
              username: rabbit.username,
              managementUrl: rabbit.managementUrl,
            },
            secrets: { password: rabbit.password },
          },
          { config: { protocol: 'kafka', name: 'Stream', brokers: [kafka.bootstrap] } },
        ],
      }),
    ),
  })
  await page.getByTestId('import-result-close').click()

  // ---- AMQP: the form is checked in place before anything goes out
  await page.getByTestId('profile-item-Rabbit').click()
  await expect(page.getByTestId('workspace-placeholder')).toBeVisible()
  await page.getByTestId('panel-tab-publish').click()
  await expect(page.getByTestId('publish-panel')).toHaveAttribute('data-protocol', 'amqp')
  await expect(page.getByTestId('publish-offline')).toBeVisible()
  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 45_000 })
  await expect(page.getByTestId('publish-offline')).toHaveCount(0)

  await page.getByTestId('publish-exchange').fill('amq.direct')
  await page.getByTestId('publish-routing-key').fill(`${P}.nowhere`)
  await page.getByTestId('publish-mandatory').check()
  await page.getByTestId('publish-properties-toggle').click()
  await page.getByTestId('publish-content-type').fill('application/json')
  await page.getByTestId('publish-headers-add').click()
  await page.getByTestId('publish-headers-key').fill('x-source')
  await page.getByTestId('publish-headers-value').fill('ui')
  await page.getByTestId('publish-priority').fill('300')
  await typeIntoEditor(page, '{"order": 1}')
  await page.getByTestId('publish-send').click()
  await expect(page.getByTestId('publish-priority')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByTestId('publish-target')).toContainText('A whole number from 0 to 255')
  await expect(page.getByTestId('publish-headers-error')).toContainText('“x-source” is not JSON')
  await expect(page.getByTestId('publish-result-text')).toContainText(
    'Not sent · Priority: A whole number from 0 to 255',
  )
  await expect(page.getByTestId('publish-log')).toHaveAttribute('data-count', '0')

  // fixed: no queue is bound to that key, so a mandatory publish comes back
  await page.getByTestId('publish-priority').fill('5')
  await page.getByTestId('publish-headers-value').fill('"ui"')
  await page.getByTestId('publish-send').click()
  await expect(page.getByTestId('publish-result-text')).toHaveText('Returned · 312 NO_ROUTE')
  await expect(page.getByTestId('publish-result')).toHaveAttribute('data-tone', 'warn')
  // without "mandatory" the broker just confirms it
  await page.getByTestId('publish-mandatory').uncheck()
  await page.getByTestId('publish-send').click()
  await expect(page.getByTestId('publish-result-text')).toHaveText('Confirmed by the broker')
  const amqpLog = page.getByTestId('publish-log')
  await expect(amqpLog).toHaveAttribute('data-count', '2')
  await expect(amqpLog.getByTestId('publish-log-target').first()).toHaveText(`amq.direct → ${P}.nowhere`)
  await expect(amqpLog.getByTestId('publish-log-result').nth(1)).toHaveText('Returned · 312 NO_ROUTE')

  await page.getByTestId('panel-tab-overview').click()
  await expect(page.getByTestId('workspace-placeholder')).toBeVisible()

  // ---- Kafka: topic names are checked as typed; the record's partition and offset come back
  await page.getByTestId('profile-item-Stream').click()
  await page.getByTestId('panel-tab-publish').click()
  await expect(page.getByTestId('publish-panel')).toHaveAttribute('data-protocol', 'kafka')
  await page.getByTestId('publish-topic').fill('bad topic')
  await expect(page.getByTestId('publish-target')).toContainText('Only a-z A-Z 0-9 . _ - are allowed')
  await expect(page.getByTestId('publish-partition')).toHaveAttribute('placeholder', 'Auto')
  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 45_000 })
  await page.getByTestId('publish-topic').fill(ordersTopic)
  await page.getByTestId('publish-partition').fill('1')
  await page.getByTestId('publish-key').fill('customer-7')
  await page.getByTestId('publish-headers-add').click()
  await page.getByTestId('publish-headers-key').fill('trace')
  await page.getByTestId('publish-headers-value').fill('abc')
  // the same editor, validating here too
  await typeIntoEditor(page, '{"id": 1 "qty": 2}')
  await expect(page.getByTestId('payload-json-error')).toContainText('Line 1, column 10')
  await expect(page.getByTestId('payload-editor')).toHaveAttribute('data-markers', /^[1-9]/)
  await typeIntoEditor(page, '{"id": 1, "qty": 2}')
  await page.getByTestId('publish-send').click()
  await expect(page.getByTestId('publish-result-text')).toHaveText('Written · partition 1 · offset 0', {
    timeout: 45_000,
  })
  await page.getByTestId('publish-log-resend').click()
  const kafkaLog = page.getByTestId('publish-log')
  await expect(kafkaLog).toHaveAttribute('data-count', '2')
  await expect(kafkaLog.getByTestId('publish-log-result').first()).toHaveText(
    'Written · partition 1 · offset 1',
  )
  await expect(kafkaLog.getByTestId('publish-log-target').first()).toHaveText(`${ordersTopic} [partition 1]`)
})
