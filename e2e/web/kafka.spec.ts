/**
 * The Kafka workspace on the real web host against the test Kafka (KRaft): a 3-partition topic with
 * 3,000 records produced from here, a real kafkajs consumer group that commits part of it (so it
 * lags by a known amount per partition), then in the UI: the topic list with the group's lag, the
 * records browser read from an offset, the records read so far as a tree of topics and partitions
 * (Messages tab; the tree's hooks are topic-tree.spec.ts's, plus messages-tree-view), the group's
 * per-partition lag, live lag falling while a slow consumer catches up (with the chart's samples
 * growing), and an offset reset to earliest with its preview, applied once the consumer stopped.
 *
 * Stable hooks (data-testid unless said otherwise), beside the connection header's
 * (connection-state, connect-button, disconnect-button, …; see connections.spec.ts):
 *   connection-panel (data-protocol=kafka), panel-tab-{overview,topics,groups,messages,publish},
 *   kafka-not-connected,
 *   kafka-connect-cta, kafka-overview, kafka-cluster-id, kafka-stat-{brokers,topics,partitions,groups,lag},
 *   kafka-brokers, kafka-broker-row (data-node-id), kafka-controller-badge, kafka-overview-refresh
 *   kafka-topics, kafka-topic-search, kafka-hide-internal, kafka-topics-refresh, kafka-topic-create,
 *   kafka-topic-table (data-count), kafka-topic-row (data-topic, data-lag), kafka-topic-open,
 *   kafka-topic-messages, kafka-topic-group, kafka-topic-lag, kafka-topic-delete, kafka-topics-empty,
 *   sort-<column> (sortable headers), kafka-create-topic (+ -name, -partitions, -rf, -configs, -confirm,
 *   -error), kafka-delete-topic (+ -input, -confirm, -cancel, -error)
 *   kafka-topic-detail (data-topic), kafka-topic-back, kafka-topic-name, kafka-topic-refresh,
 *   kafka-topic-delete-open, kafka-topic-figure-messages, kafka-topic-tab-{records,partitions,configs},
 *   kafka-partitions, kafka-partition-row (data-partition, data-under-replicated), kafka-under-replicated,
 *   kafka-partition-messages, kafka-configs, kafka-config-row (data-name, data-default), kafka-config-search
 *   kafka-records-browser, kafka-browse-form, kafka-browse-from, kafka-browse-partitions, kafka-browse-limit,
 *   kafka-browse-offset-<partition>, kafka-browse-at, kafka-filter-{key,header,text}, kafka-browse-read,
 *   kafka-live-tail, kafka-tail-status (data-state), kafka-records-summary, kafka-stored-note,
 *   kafka-records (data-count), kafka-record-row (data-partition, data-offset, aria-selected),
 *   kafka-record-offset, kafka-record-key (data-key-kind), kafka-record-value, kafka-records-more,
 *   kafka-records-empty, kafka-records-error, kafka-record-detail (+ detail-kafka, detail-payload … inside)
 *   kafka-groups, kafka-group-search, kafka-groups-refresh, kafka-group-table (data-count),
 *   kafka-group-row (data-group), kafka-group-open, kafka-group-state (data-state), kafka-group-lag (data-lag)
 *   kafka-group-detail (data-group), kafka-group-back, kafka-group-id, kafka-live-interval (data-value),
 *   kafka-group-refresh, kafka-lag-panel, kafka-group-total-lag (data-lag), kafka-lag-trend (data-tone),
 *   kafka-lag-rate, kafka-lag-eta, kafka-lag-samples, kafka-lag-per-partition, kafka-lag-range,
 *   kafka-lag-chart (data-samples, data-lines), kafka-offsets, kafka-offsets-topic (data-topic),
 *   kafka-offsets-topic-lag, kafka-offset-row (data-topic, data-partition, data-committed, data-lag),
 *   kafka-offset-lag, kafka-no-commit, kafka-reset-topic, kafka-members, kafka-member-row,
 *   kafka-members-empty, kafka-reset-open, kafka-group-delete-open, kafka-delete-group (+ -input, -confirm)
 *   kafka-reset-modal, kafka-reset-scope, kafka-reset-mode (data-value), kafka-reset-at, kafka-reset-shift,
 *   kafka-reset-offsets, kafka-reset-offset-<topic>-<partition>, kafka-reset-input-error,
 *   kafka-reset-preview (data-rows, data-changed, data-applied), kafka-reset-preview-row (data-topic,
 *   data-partition, data-current, data-next, data-lag-after, data-changed), kafka-reset-totals,
 *   kafka-reset-refusal, kafka-reset-apply, kafka-reset-result, kafka-reset-error, kafka-reset-close
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { Kafka, logLevel, type Consumer } from 'kafkajs'
import { testBroker } from '../../test/support/brokers'
import { expect, test } from './fixtures'

const shots = join(import.meta.dirname, '..', '..', 'docs', 'screenshots')
mkdirSync(shots, { recursive: true })

async function snap(page: Page, name: string) {
  // the corner notices ("Topic created") are not what the picture is about
  const close = page.locator('[data-testid^="notice-"] .mantine-Notification-closeButton')
  // each closes on its own after a few seconds too: a click may find it gone
  while ((await close.count()) > 0)
    await close
      .first()
      .click({ timeout: 2000 })
      .catch(() => undefined)
  await expect(page.locator('[data-testid^="notice-"]')).toHaveCount(0)
  // no tooltip from where the pointer was left
  await page.mouse.move(1, 1)
  await page.waitForTimeout(400)
  await page.screenshot({ path: join(shots, name) })
}

/** Our own names, so other runs' topics and groups never count. */
const RUN = `kfk-${Date.now().toString(36)}`
const TOPIC = `${RUN}.orders`
const SPARE = `${RUN}.audit`
const GROUP = `${RUN}-billing`
const PER_PARTITION = 1000
const PARTITIONS = 3
/** What the first consumer commits per partition: its lag is the rest. */
const COMMITTED = [400, 250, 100]
const LAGS = COMMITTED.map((c) => PER_PARTITION - c)
const TOTAL_LAG = LAGS.reduce((a, b) => a + b, 0)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Record i goes to partition i % 3, so it sits at offset ⌊i / 3⌋ there. */
function record(i: number) {
  return {
    partition: i % PARTITIONS,
    key: `customer-${i % 37}`,
    value: JSON.stringify({ n: i, kind: i % 2 ? 'order.created' : 'order.paid', amount: (i * 7) % 500 }),
    headers: { source: 'e2e', seq: String(i) },
  }
}

/** Consumes until each partition reached its target, commits exactly that, and leaves the group. */
async function consumePart(kafka: Kafka): Promise<void> {
  const consumer = kafka.consumer({ groupId: GROUP, sessionTimeout: 10_000, heartbeatInterval: 1000 })
  await consumer.connect()
  try {
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true })
    const reached = new Set<number>()
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('the first consumer did not reach its offsets')),
        45_000,
      )
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const target = COMMITTED[partition] ?? 0
            if (Number(message.offset) !== target - 1 || reached.has(partition)) return
            await consumer.commitOffsets([{ topic: TOPIC, partition, offset: String(target) }])
            consumer.pause([{ topic: TOPIC, partitions: [partition] }])
            reached.add(partition)
            if (reached.size === PARTITIONS) {
              clearTimeout(timer)
              resolve()
            }
          },
        })
        .catch(reject)
    })
  } finally {
    await consumer.disconnect()
  }
}

/** A consumer of the group that commits each record after a short pause: the lag falls slowly. */
async function startSlowConsumer(kafka: Kafka): Promise<{ stop(): Promise<void>; consumed(): number }> {
  const consumer: Consumer = kafka.consumer({
    groupId: GROUP,
    sessionTimeout: 10_000,
    heartbeatInterval: 1000,
  })
  let stopped = false
  let consumed = 0
  await consumer.connect()
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true })
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      if (stopped) return
      await sleep(12)
      await consumer.commitOffsets([{ topic: TOPIC, partition, offset: String(Number(message.offset) + 1) }])
      consumed++
    },
  })
  return {
    consumed: () => consumed,
    async stop() {
      stopped = true
      await consumer.disconnect()
    },
  }
}

test('Kafka: topics, records, a lagging group with live lag and history, and an offset reset', async ({
  app: page,
}) => {
  test.setTimeout(150_000)
  const broker = testBroker('kafka')
  const kafka = new Kafka({
    clientId: 'bl-e2e-kafka',
    brokers: [broker.bootstrap],
    logLevel: logLevel.NOTHING,
  })
  const admin = kafka.admin()
  await admin.connect()
  let slow: Awaited<ReturnType<typeof startSlowConsumer>> | null = null
  try {
    // ---- the cluster's side: a topic with 3,000 records, a group that read part of them
    await admin.createTopics({
      topics: [
        { topic: TOPIC, numPartitions: PARTITIONS },
        { topic: SPARE, numPartitions: 1 },
      ],
      waitForLeaders: true,
    })
    const producer = kafka.producer({ allowAutoTopicCreation: false })
    await producer.connect()
    for (let from = 0; from < PER_PARTITION * PARTITIONS; from += 500)
      await producer.send({
        topic: TOPIC,
        acks: -1,
        messages: Array.from({ length: 500 }, (_, k) => record(from + k)),
      })
    await producer.send({ topic: SPARE, messages: [{ value: 'audit started' }] })
    await producer.disconnect()
    await consumePart(kafka)

    // ---- a Kafka profile, opened before connecting: it says what connecting shows
    await page.getByTestId('welcome-import-file').setInputFiles({
      name: 'kafka.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          format: 'brokerlens-profiles',
          version: 1,
          exportedAt: new Date().toISOString(),
          profiles: [{ config: { protocol: 'kafka', name: 'Local Kafka', brokers: [broker.bootstrap] } }],
        }),
      ),
    })
    await page.getByTestId('import-result-close').click()
    await page.getByTestId('profile-item-Local Kafka').click()
    await expect(page.getByTestId('connection-panel')).toHaveAttribute('data-protocol', 'kafka')
    await expect(page.getByTestId('kafka-not-connected')).toContainText('Connect to see the cluster')
    await page.getByTestId('connect-button').click()
    await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 45_000 })

    // ---- overview: the cluster's id and brokers, the controller marked
    await expect(page.getByTestId('kafka-cluster-id')).toHaveText(broker.clusterId)
    await expect(page.getByTestId('kafka-broker-row')).toHaveCount(1)
    await expect(page.getByTestId('kafka-controller-badge')).toBeVisible()

    // ---- topics: our topic with its records and the group's lag on it
    await page.getByTestId('panel-tab-topics').click()
    await page.getByTestId('kafka-topic-search').fill(RUN)
    const row = page.locator(`[data-testid="kafka-topic-row"][data-topic="${TOPIC}"]`)
    await expect(row.getByTestId('kafka-topic-messages')).toHaveText('3,000')
    await expect(row.getByTestId('kafka-topic-lag')).toHaveText(TOTAL_LAG.toLocaleString('en-US'))
    await expect(row.getByTestId('kafka-topic-group')).toHaveAttribute('data-group', GROUP)
    await expect(row.getByTestId('kafka-topic-group')).toContainText(TOTAL_LAG.toLocaleString('en-US'))
    await expect(page.getByTestId('kafka-topic-table')).toHaveAttribute('data-count', '2')
    await snap(page, 'kafka-topics.png')

    // create a topic from the dialog (its name checked as typed), then delete it by typing its name
    await page.getByTestId('kafka-topic-create').click()
    await page.getByTestId('kafka-create-name').fill('bad name')
    await expect(page.getByTestId('kafka-create-topic')).toContainText('Only a-z A-Z 0-9 . _ - are allowed')
    await page.getByTestId('kafka-create-name').fill(`${RUN}.scratch`)
    await page.getByTestId('kafka-create-partitions').fill('2')
    await page.getByTestId('kafka-create-configs-add').click()
    await page.getByTestId('kafka-create-configs-key').fill('retention.ms')
    await page.getByTestId('kafka-create-configs-value').fill('3600000')
    await page.getByTestId('kafka-create-confirm').click()
    await expect(page.getByTestId('kafka-topic-detail')).toHaveAttribute('data-topic', `${RUN}.scratch`)
    await page.getByTestId('kafka-topic-tab-configs').click()
    await expect(page.locator('[data-testid="kafka-config-row"][data-name="retention.ms"]')).toContainText(
      '3600000',
    )
    await expect(page.getByTestId('kafka-config-row').first()).toHaveAttribute('data-default', 'false')
    await page.getByTestId('kafka-topic-tab-partitions').click()
    await expect(page.getByTestId('kafka-partition-row')).toHaveCount(2)
    await page.getByTestId('kafka-topic-delete-open').click()
    await expect(page.getByTestId('kafka-delete-topic-confirm')).toBeDisabled()
    await page.getByTestId('kafka-delete-topic-input').fill(`${RUN}.scratch`)
    await page.getByTestId('kafka-delete-topic-confirm').click()
    await expect(page.getByTestId('kafka-topics')).toBeVisible()
    await expect(page.getByTestId('kafka-topic-table')).toHaveAttribute('data-count', '2')

    // ---- records: the topic opens on its newest records; then from offset 100 of partition 1
    await row.getByTestId('kafka-topic-open').click()
    await page.getByTestId('kafka-topic-tab-records').click()
    await expect(page.getByTestId('kafka-records')).toHaveAttribute('data-count', '50')
    await expect(page.getByTestId('kafka-stored-note')).toContainText('stored in history')
    await page.getByTestId('kafka-browse-from').getByText('Offset').click()
    await page.getByTestId('kafka-browse-offset-1').fill('100')
    await page.getByTestId('kafka-browse-read').click()
    const first = page.getByTestId('kafka-record-row').first()
    await expect(first).toHaveAttribute('data-partition', '1')
    await expect(first).toHaveAttribute('data-offset', '100')
    // record 301 = 1 + 3 × 100: partition 1, offset 100
    await expect(first.getByTestId('kafka-record-value')).toContainText('"n":301')
    await expect(first.getByTestId('kafka-record-key')).toHaveText(`customer-${301 % 37}`)
    await expect(page.getByTestId('kafka-records')).toHaveAttribute('data-count', '50')
    await first.click()
    await expect(page.getByTestId('kafka-record-detail').getByTestId('detail-kafka')).toContainText('100')
    await snap(page, 'kafka-records.png')
    // the next page continues at offset 150 of the same partition
    await page.getByTestId('kafka-records-more').click()
    await expect(page.getByTestId('kafka-records')).toHaveAttribute('data-count', '100')
    await expect(page.locator('[data-testid="kafka-record-row"][data-offset="150"]')).toHaveAttribute(
      'data-partition',
      '1',
    )

    // ---- messages: what was read, as a tree of topics and their partitions, without MQTT's controls
    // partitions 0 and 2 from their start too, so that every partition has records in the history
    await page.getByTestId('kafka-browse-offset-0').fill('0')
    await page.getByTestId('kafka-browse-offset-1').fill('')
    await page.getByTestId('kafka-browse-offset-2').fill('0')
    await page.getByTestId('kafka-browse-read').click()
    await expect(page.getByTestId('kafka-records')).toHaveAttribute('data-count', '50')
    await expect(page.locator('[data-testid="kafka-record-row"][data-partition="1"]')).toHaveCount(0)
    await page.getByTestId('panel-tab-messages').click()
    await expect(page.getByTestId('tree-filter')).toHaveAttribute(
      'placeholder',
      'Filter: text, or a pattern like orders/+',
    )
    const topicNode = page.getByTestId(`tree-row-${TOPIC}`)
    await topicNode.click()
    await expect(page.getByTestId('clear-retained-topic')).toHaveCount(0)
    await expect(page.getByTestId('detail-summary')).toContainText('3 partitions')
    await topicNode.locator('.tree-chevron').click()
    // 50 newest + 100 of partition 1 from offset 100 + 50 from the start of partitions 0 and 2
    await expect(topicNode).toHaveAttribute('data-messages', '200')
    await expect(page.getByTestId(`tree-row-${TOPIC}/1`)).toHaveAttribute('data-messages', '100')
    let total = 0
    for (let p = 0; p < PARTITIONS; p++) {
      const partition = page.getByTestId(`tree-row-${TOPIC}/${p}`)
      await expect(partition.locator('.tree-name')).toHaveText(String(p))
      const n = Number(await partition.getAttribute('data-messages'))
      expect(n).toBeGreaterThan(0)
      await expect(partition.locator('.tree-count')).toHaveText(String(n))
      total += n
    }
    expect(total).toBe(200)
    // the partition's last record read: offset 199 of partition 1, record 598 = 1 + 3 × 199
    await page.getByTestId(`tree-row-${TOPIC}/1`).click()
    await expect(page.getByTestId('topic-detail')).toHaveAttribute('data-path', `${TOPIC}/1`)
    await expect(page.getByTestId('detail-summary')).toContainText('100 messages')
    await expect(page.getByTestId('detail-kafka')).toContainText('199')
    await expect(page.getByTestId('detail-payload')).toHaveAttribute('data-kind', 'json')
    await expect(page.getByTestId('detail-payload')).toContainText('598')
    await expect(page.getByTestId('clear-retained-topic')).toHaveCount(0)
    await expect(page.getByTestId('clear-retained-subtree')).toHaveCount(0)
    await page.getByTestId(`tree-row-${TOPIC}/1`).click({ button: 'right' })
    await expect(page.getByTestId('row-menu-copy')).toBeVisible()
    await expect(page.getByTestId('row-menu-clear-topic')).toHaveCount(0)
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('tree-row-menu')).toBeHidden()
    await snap(page, 'kafka-messages.png')

    // ---- the group: lag per partition as committed, nothing consuming
    await page.getByTestId('panel-tab-groups').click()
    await page.getByTestId('kafka-group-search').fill(RUN)
    const groupRow = page.locator(`[data-testid="kafka-group-row"][data-group="${GROUP}"]`)
    await expect(groupRow.getByTestId('kafka-group-lag')).toHaveAttribute('data-lag', String(TOTAL_LAG))
    await expect(groupRow.getByTestId('kafka-group-state')).toHaveAttribute('data-state', 'Empty')
    await groupRow.getByTestId('kafka-group-open').click()
    await expect(page.getByTestId('kafka-group-total-lag')).toHaveAttribute('data-lag', String(TOTAL_LAG))
    for (let p = 0; p < PARTITIONS; p++) {
      const offsetRow = page.locator(`[data-testid="kafka-offset-row"][data-partition="${p}"]`)
      await expect(offsetRow).toHaveAttribute('data-committed', String(COMMITTED[p]))
      await expect(offsetRow).toHaveAttribute('data-lag', String(LAGS[p]))
    }
    await expect(page.getByTestId('kafka-members-empty')).toBeVisible()

    // ---- live lag every 2 s while a slow consumer catches up: the figure falls, samples pile up
    await page.getByTestId('kafka-live-interval').getByText('2 s').click()
    await expect(page.getByTestId('kafka-live-interval')).toHaveAttribute('data-value', '2000')
    const chart = page.getByTestId('kafka-lag-chart')
    const samplesBefore = Number(await chart.getAttribute('data-samples'))
    slow = await startSlowConsumer(kafka)
    await expect(page.getByTestId('kafka-member-row')).toHaveCount(1, { timeout: 30_000 })
    await expect
      .poll(async () => Number(await page.getByTestId('kafka-group-total-lag').getAttribute('data-lag')), {
        timeout: 30_000,
      })
      .toBeLessThan(TOTAL_LAG - 100)
    await expect
      .poll(async () => Number(await chart.getAttribute('data-samples')), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(samplesBefore + 4)
    await expect(page.getByTestId('kafka-lag-trend')).toHaveAttribute('data-tone', 'catching-up')
    await expect(page.getByTestId('kafka-lag-rate')).toContainText(/catching up [\d.,]+ msg\/s/)
    await expect(page.getByTestId('kafka-lag-eta')).toContainText('caught up in ~')
    await page.getByTestId('kafka-lag-per-partition').click()
    await expect(chart).toHaveAttribute('data-lines', String(PARTITIONS + 1))
    await snap(page, 'kafka-group-lag.png')
    await slow.stop()
    slow = null
    await expect(page.getByTestId('kafka-members-empty')).toBeVisible({ timeout: 30_000 })
    await page.getByTestId('kafka-live-interval').getByText('Off').click()
    await expect(page.getByTestId('kafka-live-interval')).toHaveAttribute('data-value', 'null')

    // ---- reset to earliest: the preview first, then apply: the lag is the whole topic again
    await page.getByTestId('kafka-reset-open').click()
    const modal = page.getByTestId('kafka-reset-modal')
    await expect(page.getByTestId('kafka-reset-mode')).toHaveAttribute('data-value', 'earliest')
    const preview = page.getByTestId('kafka-reset-preview')
    await expect(preview).toHaveAttribute('data-rows', String(PARTITIONS))
    await expect(preview).toHaveAttribute('data-changed', String(PARTITIONS))
    for (let p = 0; p < PARTITIONS; p++) {
      const r = preview.locator(`[data-testid="kafka-reset-preview-row"][data-partition="${p}"]`)
      await expect(r).toHaveAttribute('data-next', '0')
      await expect(r).toHaveAttribute('data-lag-after', String(PER_PARTITION))
      await expect(r).toHaveAttribute('data-changed', 'true')
    }
    await expect(page.getByTestId('kafka-reset-totals')).toContainText('→ 3,000')
    await expect(page.getByTestId('kafka-reset-refusal')).toHaveCount(0)
    // a shift previews too, and going back to earliest restores the preview
    await page.getByTestId('kafka-reset-mode').getByText('Shift ±N').click()
    await page.getByTestId('kafka-reset-shift').fill('-50')
    await expect(preview.locator('[data-testid="kafka-reset-preview-row"][data-changed="true"]')).toHaveCount(
      PARTITIONS,
    )
    await page.getByTestId('kafka-reset-mode').getByText('Earliest').click()
    await expect(preview.locator('[data-testid="kafka-reset-preview-row"][data-next="0"]')).toHaveCount(
      PARTITIONS,
    )
    await snap(page, 'kafka-reset-preview.png')
    await expect(page.getByTestId('kafka-reset-apply')).toBeEnabled()
    await page.getByTestId('kafka-reset-apply').click()
    await expect(page.getByTestId('kafka-reset-result')).toBeVisible()
    await expect(preview).toHaveAttribute('data-applied', 'true')
    await page.getByTestId('kafka-reset-close').click()
    await expect(modal).toBeHidden()
    await expect(page.getByTestId('kafka-group-total-lag')).toHaveAttribute(
      'data-lag',
      String(PER_PARTITION * PARTITIONS),
    )
    for (let p = 0; p < PARTITIONS; p++)
      await expect(page.locator(`[data-testid="kafka-offset-row"][data-partition="${p}"]`)).toHaveAttribute(
        'data-committed',
        '0',
      )

    // the cluster agrees
    const committed = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] })
    expect(committed[0]?.partitions.map((p) => p.offset).sort()).toEqual(['0', '0', '0'])

    // ---- live tail: records written now appear in the open topic's list as they arrive
    // the topics tab is where it was left: on the orders topic
    await page.getByTestId('panel-tab-topics').click()
    await expect(page.getByTestId('kafka-topic-detail')).toHaveAttribute('data-topic', TOPIC)
    await page.getByTestId('kafka-topic-back').click()
    await page
      .locator(`[data-testid="kafka-topic-row"][data-topic="${SPARE}"]`)
      .getByTestId('kafka-topic-open')
      .click()
    await page.getByTestId('kafka-topic-tab-records').click()
    await expect(page.getByTestId('kafka-records')).toHaveAttribute('data-count', '1')
    await page.getByTestId('kafka-live-tail').click()
    await expect(page.getByTestId('kafka-tail-status')).toHaveAttribute('data-state', 'running')
    const live = kafka.producer({ allowAutoTopicCreation: false })
    await live.connect()
    for (let i = 0; i < 3; i++)
      await live.send({ topic: SPARE, messages: [{ key: 'tail', value: `live ${i}` }] })
    await live.disconnect()
    await expect(page.getByTestId('kafka-records')).toHaveAttribute('data-count', '4', { timeout: 20_000 })
    await expect(page.getByTestId('kafka-record-row').last()).toHaveAttribute('data-offset', '3')
    await expect(page.getByTestId('kafka-record-row').last().getByTestId('kafka-record-value')).toHaveText(
      'live 2',
    )
    await expect(page.getByTestId('kafka-tail-status')).toContainText('3 received')
    await page.getByTestId('kafka-live-tail').click()
    await expect(page.getByTestId('kafka-tail-status')).toHaveCount(0)
  } finally {
    await slow?.stop().catch(() => undefined)
    await admin.deleteGroups([GROUP]).catch(() => undefined)
    await admin.deleteTopics({ topics: [TOPIC, SPARE] }).catch(() => undefined)
    await admin.disconnect()
  }
})
