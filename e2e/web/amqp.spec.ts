/**
 * The AMQP workspace on the real web host against the test RabbitMQ (with its management API): an
 * AMQP profile connected, the exchanges and queues listed, a topic exchange and a queue declared and
 * bound with a pattern through the UI (and a clashing declare refused in the broker's words), a
 * message published from the Publish tab, the queue's ready count rising in the Queues tab (the
 * management API samples every 5 s), a peek that shows the message and leaves the count as it was,
 * a manual-ack consumer holding the message until Ack (the count falls to 0), and the Messages tree
 * with the exchange and its routing key. Everything it declares has names of its own, deleted at
 * the end through the UI and again from here should a step fail.
 *
 * Stable hooks (data-testid unless said otherwise), beside the connection header's
 * (connection-state, connect-button, disconnect-button, …; see connections.spec.ts):
 *   connection-panel (data-protocol=amqp), panel-tab-{overview,exchanges,queues,messages,publish},
 *   amqp-not-connected, amqp-connect-cta, workspace-placeholder, amqp-blocked-banner,
 *   amqp-topology-updated, amqp-poll-toggle (data-paused), amqp-refresh (data-busy), amqp-refresh-failed,
 *   amqp-topology-error, amqp-source-note,
 *   amqp-overview, connection-server-info, amqp-vhost, amqp-stat-{exchanges,queues,ready,unacked,consumers},
 *   amqp-management (data-ok), amqp-management-url, amqp-management-error, amqp-management-hint,
 *   amqp-management-missing, amqp-watched (data-count), amqp-watched-kind, amqp-watched-name,
 *   amqp-watched-add, amqp-watched-error, amqp-watched-row (data-kind, data-name, data-check),
 *   amqp-watched-check-error, amqp-watched-remove, amqp-vhosts, amqp-vhost-row (data-vhost),
 *   amqp-notices (data-count), amqp-notice (data-kind)
 *   amqp-exchanges, amqp-exchange-search, amqp-exchange-type-filter, amqp-exchange-declare,
 *   amqp-exchange-table (data-count), amqp-exchange-row (data-exchange), amqp-exchange-open,
 *   amqp-exchange-type, amqp-exchange-flags (data-flags), amqp-exchanges-empty, sort-<column>,
 *   amqp-declare-exchange (+ -name, -type, -custom-type, -durable, -auto-delete, -internal, -arguments,
 *   -confirm, -error)
 *   amqp-exchange-detail (data-exchange), amqp-exchange-back, amqp-exchange-name,
 *   amqp-exchange-detail-type, amqp-exchange-rate-{in,out}, amqp-exchange-publish, amqp-exchange-missing,
 *   amqp-bindings-from, amqp-bindings-to, amqp-queue-bindings (data-count),
 *   amqp-binding-row (data-source, data-destination, data-key), amqp-binding-key, amqp-binding-unbind,
 *   amqp-bind (data-mode), amqp-bind-dest-type, amqp-bind-target, amqp-bind-key, amqp-bind-args,
 *   amqp-bind-submit, amqp-bind-error, amqp-arguments (data-count), amqp-argument-row (data-name),
 *   amqp-tap-open, amqp-tap-form, amqp-tap-key, amqp-tap-args, amqp-tap-start, amqp-tap-error,
 *   amqp-exchange-delete-open, amqp-delete-exchange (+ -input, -confirm, -cancel, -error, -if-unused)
 *   amqp-queues, amqp-queue-search, amqp-queue-declare, amqp-queue-table (data-count),
 *   amqp-queue-row (data-queue), amqp-queue-open, amqp-queue-state (data-state),
 *   amqp-queue-{ready,unacked,total,consumers} (data-value), amqp-queues-empty,
 *   amqp-declare-queue (+ -name, -type, -durable, -auto-delete, -exclusive, -ttl, -max-length, -dlx,
 *   -arguments, -confirm, -error)
 *   amqp-queue-detail (data-queue), amqp-queue-back, amqp-queue-name,
 *   amqp-queue-figure-{ready,unacked,total,consumers} (data-value), amqp-queue-missing,
 *   amqp-consume-open, amqp-consume-form, amqp-consume-ack, amqp-consume-prefetch, amqp-consume-exclusive,
 *   amqp-consume-start, amqp-consume-error, amqp-queue-purge-open, amqp-purge (+ -confirm, -close,
 *   -result (data-purged), -error), amqp-queue-delete-open, amqp-delete-queue (+ -input, -confirm,
 *   -if-unused, -if-empty, -error),
 *   amqp-peek, amqp-peek-count, amqp-peek-run, amqp-peek-error, amqp-peek-note,
 *   amqp-peek-counts (data-before, data-after), amqp-peek-result (data-count), amqp-peek-row (data-id),
 *   amqp-peek-empty, amqp-peek-detail (data-id; detail-amqp, detail-payload … inside),
 *   amqp-message-preview
 *   amqp-messages, amqp-messages-view, amqp-consumers-summary, messages-tree-view (tree hooks inside),
 *   amqp-consumers (data-count), amqp-consumers-empty, amqp-consumer-item (data-id, data-kind, data-state,
 *   data-ack, data-pending, data-delivered), amqp-consumer-state, amqp-consumer-counters,
 *   amqp-consumer-reason, amqp-consumer-stop, amqp-consumer-dismiss, amqp-consumer-detail (data-id),
 *   amqp-pending (data-count), amqp-pending-count, amqp-pending-{ack,requeue,drop}-all,
 *   amqp-pending-table (data-count), amqp-pending-row (data-id), amqp-pending-{ack,requeue,drop},
 *   amqp-pending-empty, amqp-pending-error, amqp-pending-detail (data-id)
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import amqp from 'amqplib'
import { testBroker } from '../../test/support/brokers'
import { expect, test } from './fixtures'

const shots = join(import.meta.dirname, '..', '..', 'docs', 'screenshots')
mkdirSync(shots, { recursive: true })

async function snap(page: Page, name: string) {
  // the corner notices ("Queue declared") are not what the picture is about
  const close = page.locator('[data-testid^="notice-"] .mantine-Notification-closeButton')
  while ((await close.count()) > 0)
    await close
      .first()
      .click({ timeout: 2000 })
      .catch(() => undefined)
  await expect(page.locator('[data-testid^="notice-"]')).toHaveCount(0)
  await page.mouse.move(1, 1)
  await page.waitForTimeout(400)
  await page.screenshot({ path: join(shots, name) })
}

/** Our own names, so other runs' exchanges and queues never count. */
const RUN = `amqp-${Date.now().toString(36)}`
const EXCHANGE = `${RUN}.shop`
const QUEUE = `${RUN}.orders`
const AUDIT = `${RUN}.audit`
const KEY = 'order.eu.created'
const PAYLOAD = '{"order": 42, "item": "book"}'

/** What Monaco shows, as text (it draws spaces as no-break spaces). */
async function editorText(page: Page): Promise<string> {
  const lines = await page.getByTestId('payload-editor').locator('.view-line').allTextContents()
  return lines.join('\n').replaceAll('\u00a0', ' ')
}

async function typeIntoEditor(page: Page, text: string) {
  await page.getByTestId('payload-editor').locator('.monaco-editor').click()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('Delete')
  await page.keyboard.type(text)
  await expect.poll(() => editorText(page)).toBe(text)
}

/** Declares a queue from the Queues tab's dialog and binds it to our exchange from its detail. */
async function declareBoundQueue(page: Page, name: string, pattern: string) {
  await page.getByTestId('panel-tab-queues').click()
  // the tab shows the queue opened last, if any
  const back = page.getByTestId('amqp-queue-back')
  if (await back.isVisible()) await back.click()
  await page.getByTestId('amqp-queue-declare').click()
  await page.getByTestId('amqp-declare-queue-name').fill(name)
  await page.getByTestId('amqp-declare-queue-type').getByText('classic').click()
  await page.getByTestId('amqp-declare-queue-confirm').click()
  const detail = page.getByTestId('amqp-queue-detail')
  await expect(detail).toHaveAttribute('data-queue', name)
  const bind = detail.getByTestId('amqp-bind')
  await expect(bind).toHaveAttribute('data-mode', 'into-queue')
  await bind.getByTestId('amqp-bind-target').fill(EXCHANGE)
  await page.keyboard.press('Escape')
  await bind.getByTestId('amqp-bind-key').fill(pattern)
  await bind.getByTestId('amqp-bind-submit').click()
  const row = detail.locator(`[data-testid="amqp-binding-row"][data-source="${EXCHANGE}"]`)
  await expect(row).toHaveAttribute('data-key', pattern)
  await expect(row.getByTestId('amqp-binding-key')).toHaveText(pattern)
}

test('RabbitMQ: topology, declare and bind, publish, peek, manual ack, and the tree', async ({
  app: page,
}) => {
  test.setTimeout(180_000)
  const rabbit = testBroker('rabbitmq')
  try {
    // ---- an AMQP profile with the management API, opened before connecting
    await page.getByTestId('welcome-import-file').setInputFiles({
      name: 'rabbit.json',
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
                name: 'Local RabbitMQ',
                host: rabbit.host,
                port: rabbit.ports.amqp,
                username: rabbit.username,
                managementUrl: rabbit.managementUrl,
              },
              secrets: { password: rabbit.password },
            },
          ],
        }),
      ),
    })
    await page.getByTestId('import-result-close').click()
    await page.getByTestId('profile-item-Local RabbitMQ').click()
    await expect(page.getByTestId('connection-panel')).toHaveAttribute('data-protocol', 'amqp')
    await expect(page.getByTestId('amqp-not-connected')).toContainText('Connect to see exchanges and queues')
    await page.getByTestId('amqp-connect-cta').click()
    await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 45_000 })

    // ---- overview: the server, the management API in use, the vhosts
    await expect(page.getByTestId('workspace-placeholder')).toContainText('Connected to')
    await expect(page.getByTestId('connection-server-info')).toContainText(/RabbitMQ/i)
    const management = page.getByTestId('amqp-management')
    await expect(management).toHaveAttribute('data-ok', 'true')
    await expect(page.getByTestId('amqp-management-url')).toHaveText(rabbit.managementUrl)
    for (const vhost of rabbit.vhosts)
      await expect(page.locator(`[data-testid="amqp-vhost-row"][data-vhost="${vhost}"]`)).toBeVisible()
    await expect(page.getByTestId('amqp-topology-updated')).toContainText(/updated \d+ s ago/)
    // the 5-second refresh can be paused, and says so
    await page.getByTestId('amqp-poll-toggle').click()
    await expect(page.getByTestId('amqp-poll-toggle')).toHaveAttribute('data-paused', 'true')
    await expect(page.getByTestId('amqp-topology-updated')).toContainText('paused')
    await page.getByTestId('amqp-poll-toggle').click()
    await expect(page.getByTestId('amqp-poll-toggle')).toHaveAttribute('data-paused', 'false')

    // ---- exchanges: the broker's own, the default one by its shown name
    await page.getByTestId('panel-tab-exchanges').click()
    const table = page.getByTestId('amqp-exchange-table')
    await expect(table.locator('[data-testid="amqp-exchange-row"][data-exchange="amq.topic"]')).toBeVisible()
    const defaultRow = table.locator('[data-testid="amqp-exchange-row"][data-exchange=""]')
    await expect(defaultRow.getByTestId('amqp-exchange-open')).toHaveText('(default exchange)')
    await expect(defaultRow.getByTestId('amqp-exchange-type')).toHaveText('direct')
    await expect(defaultRow.getByTestId('amqp-exchange-flags')).toHaveAttribute('data-flags', 'D')
    // the type filter narrows the list
    await page.getByTestId('amqp-exchange-type-filter').click()
    await page.getByRole('option', { name: 'fanout', exact: true }).click()
    await expect(table.getByTestId('amqp-exchange-type').first()).toHaveText('fanout')
    await expect(table.locator('[data-testid="amqp-exchange-row"][data-exchange="amq.topic"]')).toHaveCount(0)
    await page.getByTestId('amqp-exchange-type-filter').click()
    await page.getByRole('option', { name: 'Every type' }).click()

    // ---- declare a topic exchange through the dialog; a clashing declare comes back in the broker's words
    await page.getByTestId('amqp-exchange-declare').click()
    await page.getByTestId('amqp-declare-exchange-name').fill('amq.mine')
    await expect(page.getByTestId('amqp-declare-exchange')).toContainText('reserved')
    await page.getByTestId('amqp-declare-exchange-name').fill(EXCHANGE)
    await page.getByTestId('amqp-declare-exchange-type').getByText('topic').click()
    await page.getByTestId('amqp-declare-exchange-confirm').click()
    const exchangeDetail = page.getByTestId('amqp-exchange-detail')
    await expect(exchangeDetail).toHaveAttribute('data-exchange', EXCHANGE)
    await expect(page.getByTestId('amqp-exchange-detail-type')).toHaveText('topic')
    await page.getByTestId('amqp-exchange-back').click()
    await page.getByTestId('amqp-exchange-declare').click()
    await page.getByTestId('amqp-declare-exchange-name').fill(EXCHANGE)
    await page.getByTestId('amqp-declare-exchange-type').getByText('fanout').click()
    await page.getByTestId('amqp-declare-exchange-confirm').click()
    await expect(page.getByTestId('amqp-declare-exchange-error')).toContainText('PRECONDITION_FAILED')
    await page.getByTestId('amqp-declare-exchange').getByRole('button', { name: 'Cancel' }).click()

    // ---- two queues bound with patterns, each from its own detail
    await declareBoundQueue(page, QUEUE, 'order.*.created')
    await declareBoundQueue(page, AUDIT, '#')

    // the exchange sees both bindings
    await page
      .getByTestId('amqp-queue-bindings')
      .locator(`[data-testid="amqp-binding-row"][data-source="${EXCHANGE}"]`)
      .getByRole('button', { name: EXCHANGE })
      .click()
    await expect(exchangeDetail).toHaveAttribute('data-exchange', EXCHANGE)
    const routes = page.getByTestId('amqp-bindings-from')
    await expect(routes).toHaveAttribute('data-count', '2')
    await expect(
      routes.locator(`[data-testid="amqp-binding-row"][data-destination="${QUEUE}"]`),
    ).toHaveAttribute('data-key', 'order.*.created')
    await snap(page, 'amqp-exchange.png')

    // ---- a tap on the exchange: "#" by default, it shows among the consumers
    await page.getByTestId('amqp-tap-open').click()
    await expect(page.getByTestId('amqp-tap-key')).toHaveValue('#')
    await page.getByTestId('amqp-tap-start').click()
    const tap = page.locator('[data-testid="amqp-consumer-item"][data-kind="tap"]')
    await expect(tap).toHaveAttribute('data-state', 'active')
    await expect(tap.getByTestId('amqp-consumer-counters')).toContainText('0 delivered')
    await page.getByTestId('panel-tab-exchanges').click()

    // ---- publish from the exchange: the form opens on it
    await page.getByTestId('amqp-exchange-publish').click()
    await expect(page.getByTestId('publish-panel')).toHaveAttribute('data-protocol', 'amqp')
    await expect(page.getByTestId('publish-exchange')).toHaveValue(EXCHANGE)
    await page.getByTestId('publish-routing-key').fill(KEY)
    await typeIntoEditor(page, PAYLOAD)
    await page.getByTestId('publish-send').click()
    await expect(page.getByTestId('publish-result-text')).toHaveText('Confirmed by the broker')

    // ---- the queues tab: the ready count rises once the management API has sampled it
    await page.getByTestId('panel-tab-queues').click()
    await page.getByTestId('amqp-queue-detail').getByTestId('amqp-queue-back').click()
    const queueRow = page.locator(`[data-testid="amqp-queue-row"][data-queue="${QUEUE}"]`)
    await expect(queueRow.getByTestId('amqp-queue-ready')).toHaveAttribute('data-value', '1', {
      timeout: 45_000,
    })
    await expect(queueRow.getByTestId('amqp-queue-unacked')).toHaveAttribute('data-value', '0')
    const auditRow = page.locator(`[data-testid="amqp-queue-row"][data-queue="${AUDIT}"]`)
    await expect(auditRow.getByTestId('amqp-queue-ready')).toHaveAttribute('data-value', '1', {
      timeout: 45_000,
    })
    await expect(queueRow.getByTestId('amqp-queue-state')).toHaveAttribute('data-state', /running|idle/)
    await page.getByTestId('sort-ready').click()
    await snap(page, 'amqp-queues.png')

    // ---- peek: the message shown whole, the queue's count as it was
    await queueRow.getByTestId('amqp-queue-open').click()
    await page.getByTestId('amqp-peek-count').fill('5')
    await page.getByTestId('amqp-peek-run').click()
    await expect(page.getByTestId('amqp-peek-result')).toHaveAttribute('data-count', '1')
    const counts = page.getByTestId('amqp-peek-counts')
    await expect(counts).toHaveAttribute('data-before', '1')
    await expect(counts).toHaveAttribute('data-after', '1')
    await expect(page.getByTestId('amqp-peek-note')).toContainText('back in the queue')
    const peeked = page.getByTestId('amqp-peek-detail')
    await expect(peeked.getByTestId('detail-amqp')).toContainText(KEY)
    await expect(peeked.getByTestId('detail-payload')).toContainText('book')
    await snap(page, 'amqp-peek.png')

    // ---- consume with manual ack: the message waits for the user, Ack settles it
    await page.getByTestId('amqp-consume-open').click()
    await expect(page.getByTestId('amqp-consume-ack')).toBeVisible()
    await page.getByTestId('amqp-consume-ack').getByText('Manually').click()
    await page.getByTestId('amqp-consume-start').click()
    await expect(page.getByTestId('amqp-messages-view')).toBeVisible()
    const consumer = page.locator('[data-testid="amqp-consumer-item"][data-kind="consumer"]')
    await expect(consumer).toHaveAttribute('data-ack', 'manual')
    await expect(consumer).toHaveAttribute('data-state', 'active')
    await expect(consumer).toHaveAttribute('data-pending', '1')
    const pending = page.getByTestId('amqp-pending')
    await expect(pending).toHaveAttribute('data-count', '1')
    await expect(page.getByTestId('amqp-pending-detail').getByTestId('detail-payload')).toContainText('book')
    // peeked, so the broker hands it over marked redelivered
    await expect(page.getByTestId('amqp-pending-detail').getByTestId('detail-amqp-redelivered')).toBeVisible()
    // the tap saw the message too, with automatic ack
    await expect(tap).toHaveAttribute('data-delivered', '1')
    await expect(tap).toHaveAttribute('data-ack', 'auto')
    await snap(page, 'amqp-consumers.png')
    await page.getByTestId('amqp-pending-row').first().getByTestId('amqp-pending-ack').click()
    await expect(pending).toHaveAttribute('data-count', '0')
    await expect(consumer).toHaveAttribute('data-pending', '0')
    await expect(consumer.getByTestId('amqp-consumer-counters')).toContainText('1 acked')

    // the queue is empty now, unacked included
    await page.getByTestId('panel-tab-queues').click()
    await page.getByTestId('amqp-queue-back').click()
    await expect(queueRow.getByTestId('amqp-queue-total')).toHaveAttribute('data-value', '0', {
      timeout: 45_000,
    })
    await expect(queueRow.getByTestId('amqp-queue-consumers')).toHaveAttribute('data-value', '1')

    // ---- the tree: the exchange, then the routing key
    await page.getByTestId('panel-tab-messages').click()
    await page.getByTestId('amqp-messages-view').getByText('Topic tree').click()
    await expect(page.getByTestId('tree-filter')).toHaveAttribute(
      'placeholder',
      'Filter: text, or a pattern like amq.topic/#',
    )
    const exchangeNode = page.getByTestId(`tree-row-${EXCHANGE}`)
    await expect(exchangeNode).toBeVisible()
    await exchangeNode.locator('.tree-chevron').click()
    const keyNode = page.getByTestId(`tree-row-${EXCHANGE}/${KEY}`)
    await expect(keyNode.locator('.tree-name')).toHaveText(KEY)
    await keyNode.click()
    await expect(page.getByTestId('topic-detail')).toHaveAttribute('data-path', `${EXCHANGE}/${KEY}`)
    await expect(page.getByTestId('detail-payload')).toContainText('book')
    await expect(page.getByTestId('clear-retained-topic')).toHaveCount(0)

    // ---- stop the consumer and the tap
    await page
      .getByTestId('amqp-messages-view')
      .getByText(/Consumers/)
      .click()
    await consumer.getByTestId('amqp-consumer-stop').click()
    await expect(consumer).toHaveAttribute('data-state', 'stopped')
    await tap.getByTestId('amqp-consumer-stop').click()
    await expect(tap).toHaveAttribute('data-state', 'stopped')

    // ---- purge the other queue: the broker's count of what went
    await page.getByTestId('panel-tab-queues').click()
    await auditRow.getByTestId('amqp-queue-open').click()
    await page.getByTestId('amqp-queue-purge-open').click()
    await page.getByTestId('amqp-purge-confirm').click()
    await expect(page.getByTestId('amqp-purge-result')).toHaveAttribute('data-purged', '1')
    await page.getByTestId('amqp-purge-close').click()
    await page.getByTestId('amqp-queue-back').click()
    await expect(auditRow.getByTestId('amqp-queue-ready')).toHaveAttribute('data-value', '0', {
      timeout: 45_000,
    })

    // ---- delete the queue by typing its name
    await queueRow.getByTestId('amqp-queue-open').click()
    await page.getByTestId('amqp-queue-delete-open').click()
    await expect(page.getByTestId('amqp-delete-queue-confirm')).toBeDisabled()
    await page.getByTestId('amqp-delete-queue-input').fill(QUEUE)
    await page.getByTestId('amqp-delete-queue-confirm').click()
    await expect(page.getByTestId('amqp-queues')).toBeVisible()
    await expect(queueRow).toHaveCount(0)
  } finally {
    // whatever step failed, nothing of ours is left on the shared broker
    const connection = await amqp.connect(rabbit.amqpUrl)
    try {
      const channel = await connection.createChannel()
      for (const q of [QUEUE, AUDIT]) await channel.deleteQueue(q)
      await channel.deleteExchange(EXCHANGE)
      await channel.close()
    } finally {
      await connection.close()
    }
  }
})

test('RabbitMQ without the management API: why, what is missing, and watched names checked over AMQP', async ({
  app: page,
}) => {
  test.setTimeout(120_000)
  const rabbit = testBroker('rabbitmq')
  const watchedQueue = `${RUN}.watched`
  const missing = `${RUN}.missing`
  const connection = await amqp.connect(rabbit.amqpUrl)
  try {
    const channel = await connection.createChannel()
    await channel.assertQueue(watchedQueue, { durable: false })
    await channel.sendToQueue(watchedQueue, Buffer.from('one'))
    await channel.sendToQueue(watchedQueue, Buffer.from('two'))
    await channel.close()

    // nothing listens on port 1: the management API cannot answer
    await page.getByTestId('welcome-import-file').setInputFiles({
      name: 'rabbit.json',
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
                name: 'Rabbit without management',
                host: rabbit.host,
                port: rabbit.ports.amqp,
                username: rabbit.username,
                managementUrl: 'http://127.0.0.1:1',
              },
              secrets: { password: rabbit.password },
            },
          ],
        }),
      ),
    })
    await page.getByTestId('import-result-close').click()
    await page.getByTestId('profile-item-Rabbit without management').click()
    await page.getByTestId('connect-button').click()
    await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 45_000 })

    const management = page.getByTestId('amqp-management')
    await expect(management).toHaveAttribute('data-ok', 'false', { timeout: 30_000 })
    await expect(page.getByTestId('amqp-management-error')).not.toBeEmpty()
    await expect(page.getByTestId('amqp-management-missing')).toContainText('bindings')
    await expect(page.getByTestId('amqp-stat-unacked')).toHaveText('—')

    // watched names, saved in the profile and checked with a passive declare
    const watched = page.getByTestId('amqp-watched')
    await page.getByTestId('amqp-watched-name').fill(watchedQueue)
    await page.getByTestId('amqp-watched-add').click()
    const ok = watched.locator(`[data-testid="amqp-watched-row"][data-name="${watchedQueue}"]`)
    await expect(ok).toHaveAttribute('data-check', 'ok', { timeout: 30_000 })
    await page.getByTestId('amqp-watched-name').fill(missing)
    await page.getByTestId('amqp-watched-add').click()
    const notFound = watched.locator(`[data-testid="amqp-watched-row"][data-name="${missing}"]`)
    await expect(notFound).toHaveAttribute('data-check', 'error', { timeout: 30_000 })
    await expect(notFound.getByTestId('amqp-watched-check-error')).toContainText('NOT_FOUND')
    // the same name twice is refused in place
    await page.getByTestId('amqp-watched-name').fill(watchedQueue)
    await page.getByTestId('amqp-watched-add').click()
    await expect(page.getByTestId('amqp-watched-error')).toContainText('watched already')
    await page.getByTestId('amqp-watched-name').fill('')
    await expect(watched).toHaveAttribute('data-count', '2')

    // the queues tab lists the watched queue that exists, with its ready count from the check
    await page.getByTestId('panel-tab-queues').click()
    await expect(page.getByTestId('amqp-source-note')).toBeVisible()
    const row = page.locator(`[data-testid="amqp-queue-row"][data-queue="${watchedQueue}"]`)
    await expect(row.getByTestId('amqp-queue-ready')).toHaveAttribute('data-value', '2')
    await expect(row.getByTestId('amqp-queue-unacked')).toHaveText('—')

    // removing a name saves the profile again
    await page.getByTestId('panel-tab-overview').click()
    await notFound.getByTestId('amqp-watched-remove').click()
    await expect(notFound).toHaveCount(0)
    await expect(watched).toHaveAttribute('data-count', '1')
  } finally {
    const channel = await connection.createChannel()
    await channel.deleteQueue(watchedQueue)
    await channel.close()
    await connection.close()
  }
})
