/**
 * The MQTT workspace: topic tree, topic detail (payload, chart, history, diff), filter, and clearing
 * retained messages, on the real web host against the test Mosquitto, fed by mqtt.js from here with
 * a homelab's worth of topics (zigbee2mqtt, Tasmota, Home Assistant discovery, a Pico sensor, odd
 * topic names; $SYS comes from Mosquitto itself).
 *
 * Stable hooks the MQTT workspace offers (data-testid unless said otherwise), beside the connection
 * panel's (connection-state, connect-button, disconnect-button, …; see connections.spec.ts):
 *   topic-tree (data-rows), tree-row-<path> (data-messages, data-retained, aria-selected, aria-expanded),
 *   tree-retained (the R marker inside a row), tree-filter (data-mode none|text|mqtt|invalid),
 *   tree-sort (data-value), tree-collapse-all, tree-totals, tree-filter-count, tree-offline, tree-empty,
 *   tree-row-menu, row-menu-copy, row-menu-clear-topic, row-menu-clear-subtree
 *   topic-detail (data-path), detail-topic, detail-copy-topic, detail-summary, detail-retained,
 *   detail-message-meta, detail-message-time, detail-properties, detail-user-properties,
 *   detail-payload (data-kind), detail-payload-kind, detail-payload-text, detail-payload-more,
 *   detail-follow-latest, detail-chart (data-points), detail-chart-field,
 *   detail-history (data-count), history-row (data-id), history-pick, history-compare-previous,
 *   history-load-older, detail-diff (data-added, data-removed), detail-diff-close, detail-diff-same
 *   clear-retained-topic, clear-retained-subtree, clear-retained-modal, clear-retained-count (data-count),
 *   clear-retained-topics, clear-retained-confirm, clear-retained-cancel, clear-retained-done (data-count),
 *   clear-retained-close, clear-retained-error
 *   subscriptions-panel, subscriptions-toggle, subscriptions-summary, subscription-<filter> (data-state),
 *   subscription-state, subscription-reason, subscription-remove-<filter>, subscription-form,
 *   subscription-filter, subscription-qos, subscription-add, subscription-no-local, subscription-rap,
 *   subscription-rh, subscription-id, subscription-error
 *   workspace-placeholder (the detail pane before a topic is picked)
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import mqtt, { type MqttClient } from 'mqtt'
import { testBroker } from '../../test/support/brokers'
import { expect, test } from './fixtures'

const shots = join(import.meta.dirname, '..', '..', 'docs', 'screenshots')
mkdirSync(shots, { recursive: true })

async function snap(page: Page, name: string) {
  await page.waitForTimeout(400)
  await page.screenshot({ path: join(shots, name) })
}

// ---- a homelab's topics --------------------------------------------------------------------------

const ZIGBEE = [
  'kitchen_sensor',
  'living_room_sensor',
  'bedroom_sensor',
  'bathroom_sensor',
  'office_sensor',
  'hallway_motion',
  'front_door',
  'balcony_sensor',
  'attic_sensor',
  'garage_sensor',
  'kids_room_sensor',
  'basement_sensor',
  'laundry_sensor',
  'guest_room_sensor',
  'greenhouse_sensor',
  'freezer_sensor',
  'fridge_sensor',
  'server_rack_sensor',
  'porch_sensor',
  'shed_sensor',
]
const ZIGBEE_ROUNDS = 3
const TASMOTA = Array.from({ length: 12 }, (_, i) => `plug_${String(i + 1).padStart(2, '0')}`)
const HA_SENSORS = Array.from({ length: 40 }, (_, i) => `sensor_${i + 1}`)
const PICO = [21.4, 21.5, 21.5, 21.7, 21.6]
const ODD = ['/leading', 'a//b', 'with space/x', 'ünïcødé/温度']
const PREFIXES = ['zigbee2mqtt', 'tasmota', 'homeassistant', 'pico', '', 'a', 'with space', 'ünïcødé']

function zigbeePayload(device: string, round: number, i: number) {
  return JSON.stringify({
    battery: 90 - i,
    humidity: 40 + i,
    linkquality: 120 + round * 3 + i,
    temperature: Math.round((20 + i * 0.3 + round * 0.4) * 10) / 10,
    voltage: 2950 + i,
    device: { friendlyName: device, model: 'WSDCGQ11LM' },
  })
}

function tasmotaSensor(i: number, round: number) {
  return JSON.stringify({
    Time: `2024-06-01T12:0${round}:00`,
    ENERGY: {
      Total: 12.5 + i,
      Yesterday: 0.4,
      Today: 0.1 * round,
      Power: 40 + i * 3 + round,
      Voltage: 231,
      Current: 0.18,
    },
  })
}

function haConfig(id: string) {
  return JSON.stringify({
    name: id.replace('_', ' '),
    state_topic: `zigbee2mqtt/${id}`,
    unit_of_measurement: '°C',
    device_class: 'temperature',
    unique_id: `brokerlens_${id}`,
  })
}

async function connectPublisher(): Promise<MqttClient> {
  const broker = testBroker('mosquitto')
  return mqtt.connectAsync(`mqtt://${broker.host}:${broker.ports.plain}`, {
    clientId: `bl-e2e-publisher-${Math.random().toString(16).slice(2)}`,
    reconnectPeriod: 0,
  })
}

/** Clears every retained message under our prefixes, whoever left it, so counts start from zero. */
async function clearOurRetained(client: MqttClient) {
  const found = new Set<string>()
  const onMessage = (topic: string, payload: Buffer, packet: { retain?: boolean }) => {
    if (packet.retain && payload.length > 0) found.add(topic)
  }
  client.on('message', onMessage)
  const filters = PREFIXES.map((p) => `${p}/#`)
  await client.subscribeAsync(filters)
  await new Promise((r) => setTimeout(r, 700))
  await client.unsubscribeAsync(filters)
  client.off('message', onMessage)
  for (const topic of found) await client.publishAsync(topic, '', { retain: true, qos: 1 })
}

test('the topic tree and detail of a homelab broker', async ({ app: page }) => {
  test.setTimeout(180_000)
  const broker = testBroker('mosquitto')
  const pub = await connectPublisher()
  try {
    await clearOurRetained(pub)

    // what a broker already holds when the app connects: discovery configs and device states
    for (const id of HA_SENSORS)
      await pub.publishAsync(`homeassistant/sensor/${id}/config`, haConfig(id), { retain: true, qos: 1 })
    await pub.publishAsync('zigbee2mqtt/bridge/state', 'online', { retain: true, qos: 1 })
    for (const plug of TASMOTA)
      await pub.publishAsync(`tasmota/${plug}/tele/LWT`, 'Online', { retain: true, qos: 1 })

    // a profile, imported, then connected
    await page.getByTestId('welcome-import-file').setInputFiles({
      name: 'homelab.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          format: 'brokerlens-profiles',
          version: 1,
          exportedAt: new Date().toISOString(),
          profiles: [
            { config: { protocol: 'mqtt', name: 'Homelab', host: broker.host, port: broker.ports.plain } },
          ],
        }),
      ),
    })
    await page.getByTestId('import-result-close').click()
    await page.getByTestId('profile-item-Homelab').click()
    await expect(page.getByTestId('topic-tree')).toBeVisible()
    await expect(page.getByTestId('workspace-placeholder')).toContainText('Not connected')
    await page.getByTestId('connect-button').click()
    await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 45_000 })
    await expect(page.getByTestId('workspace-placeholder')).toContainText('Connected to')

    // the retained ones arrive with the subscription
    await expect(page.getByTestId('tree-row-homeassistant')).toHaveAttribute(
      'data-messages',
      String(HA_SENSORS.length),
    )
    await page.getByTestId('subscriptions-toggle').click()
    await expect(page.getByTestId('subscription-#')).toHaveAttribute('data-state', 'active')
    await expect(page.getByTestId('subscription-$SYS/#')).toHaveAttribute('data-state', 'active')
    await page.getByTestId('subscriptions-toggle').click()

    // live traffic
    for (let round = 0; round < ZIGBEE_ROUNDS; round++) {
      if (round > 0) await page.waitForTimeout(700) // devices report every so often, not all at once
      for (const [i, device] of ZIGBEE.entries())
        await pub.publishAsync(`zigbee2mqtt/${device}`, zigbeePayload(device, round, i))
      for (const [i, plug] of TASMOTA.entries()) {
        await pub.publishAsync(`tasmota/${plug}/tele/SENSOR`, tasmotaSensor(i, round))
        await pub.publishAsync(
          `tasmota/${plug}/tele/STATE`,
          JSON.stringify({ POWER: round % 2 ? 'ON' : 'OFF', Wifi: { RSSI: 70 + i } }),
        )
      }
    }
    for (const v of PICO) {
      await pub.publishAsync('pico/temperature/dht22', String(v))
      await page.waitForTimeout(200)
    }
    await pub.publishAsync(
      'pico/camera/jpeg',
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100 * 1024, 7)]),
    )
    for (const t of ODD) await pub.publishAsync(t, 'odd but valid')

    // top-level nodes with their subtree counts
    const zigbeeCount = ZIGBEE.length * ZIGBEE_ROUNDS + 1
    const tasmotaCount = TASMOTA.length * (2 * ZIGBEE_ROUNDS + 1)
    await expect(page.getByTestId('tree-row-zigbee2mqtt')).toHaveAttribute(
      'data-messages',
      String(zigbeeCount),
    )
    await expect(page.getByTestId('tree-row-tasmota')).toHaveAttribute('data-messages', String(tasmotaCount))
    await expect(page.getByTestId('tree-row-pico')).toHaveAttribute('data-messages', String(PICO.length + 1))
    await expect(page.getByTestId('tree-row-$SYS')).toBeVisible()
    // odd names are nodes like any other: the empty first level of "/leading", spaces, Unicode
    await expect(page.getByTestId('tree-row-')).toContainText('∅')
    await expect(page.getByTestId('tree-row-with space')).toBeVisible()
    await expect(page.getByTestId('tree-row-ünïcødé')).toBeVisible()
    await page.getByTestId('tree-row-a').locator('.tree-chevron').click()
    await page.getByTestId('tree-row-a/').locator('.tree-chevron').click()
    await expect(page.getByTestId('tree-row-a//b')).toContainText('odd but valid')
    await expect(page.getByTestId('tree-totals')).toContainText('messages')

    // retained markers: on the discovery configs, not on live telemetry
    await page.getByTestId('tree-row-homeassistant').locator('.tree-chevron').click()
    await page.getByTestId('tree-row-homeassistant/sensor').locator('.tree-chevron').click()
    await page.getByTestId('tree-row-homeassistant/sensor/sensor_1').locator('.tree-chevron').click()
    await expect(page.getByTestId('tree-row-homeassistant/sensor/sensor_1/config')).toHaveAttribute(
      'data-retained',
      'true',
    )
    await expect(
      page.getByTestId('tree-row-homeassistant/sensor/sensor_1/config').getByTestId('tree-retained'),
    ).toBeVisible()
    await page.getByTestId('tree-collapse-all').click()
    await page.getByTestId('tree-row-zigbee2mqtt').locator('.tree-chevron').click()
    await expect(page.getByTestId('tree-row-zigbee2mqtt/kitchen_sensor')).toHaveAttribute(
      'data-retained',
      'false',
    )
    await expect(page.getByTestId('tree-row-zigbee2mqtt/bridge')).toBeVisible()

    // a JSON device: pretty payload, chart of a picked field
    await page.getByTestId('tree-row-zigbee2mqtt/bedroom_sensor').click()
    await expect(page.getByTestId('detail-topic')).toHaveText('zigbee2mqtt/bedroom_sensor')
    await expect(page.getByTestId('detail-payload')).toHaveAttribute('data-kind', 'json')
    await expect(page.getByTestId('payload-tree')).toContainText('"friendlyName": "bedroom_sensor"')
    await expect(page.getByTestId('detail-chart')).toHaveAttribute('data-points', String(ZIGBEE_ROUNDS))
    await expect(page.getByTestId('detail-chart-field')).toHaveValue('temperature')
    await snap(page, 'topic-tree.png')

    // keyboard: down moves the selection, left steps out to the parent
    await page.getByTestId('tree-row-zigbee2mqtt/living_room_sensor').click()
    await page.keyboard.press('ArrowDown')
    await expect(page.getByTestId('detail-topic')).toHaveText('zigbee2mqtt/office_sensor')
    await page.keyboard.press('ArrowLeft')
    await expect(page.getByTestId('tree-row-zigbee2mqtt')).toHaveAttribute('aria-selected', 'true')

    // the Pico's plain numbers: last value, chart growing as more arrive
    await page.getByTestId('tree-row-pico').locator('.tree-chevron').click()
    await page.getByTestId('tree-row-pico/temperature').locator('.tree-chevron').click()
    await page.getByTestId('tree-row-pico/temperature/dht22').click()
    await expect(page.getByTestId('detail-topic')).toHaveText('pico/temperature/dht22')
    await expect(page.getByTestId('detail-payload-text')).toHaveText(String(PICO[PICO.length - 1]))
    await expect(page.getByTestId('detail-chart')).toHaveAttribute('data-points', String(PICO.length))
    for (const v of [21.9, 22.3, 22.1, 22.6]) {
      await pub.publishAsync('pico/temperature/dht22', String(v))
      await page.waitForTimeout(150)
    }
    await expect(page.getByTestId('detail-chart')).toHaveAttribute('data-points', String(PICO.length + 4))
    await expect(page.getByTestId('detail-payload-text')).toHaveText('22.6')
    await expect(page.getByTestId('detail-history')).toHaveAttribute('data-count', String(PICO.length + 4))
    await snap(page, 'topic-detail-chart.png')

    // binary: a hex dump, always whole (virtualised)
    await page.getByTestId('tree-row-pico/camera').locator('.tree-chevron').click()
    await expect(page.getByTestId('tree-row-pico/camera/jpeg')).toContainText('‹binary 100 KB›')
    await page.getByTestId('tree-row-pico/camera/jpeg').click()
    await expect(page.getByTestId('detail-payload')).toHaveAttribute('data-kind', 'binary')
    await expect(page.getByTestId('payload-hex').locator('[data-offset="0"]')).toContainText(
      'ff d8 ff e0 07 07',
    )
    await expect(page.getByTestId('payload-size')).toHaveText('102,404 bytes (100 KiB)')

    // diff of two messages of a device: the changed lines
    await page.getByTestId('tree-row-zigbee2mqtt/kitchen_sensor').click()
    await expect(page.getByTestId('detail-history')).toHaveAttribute('data-count', String(ZIGBEE_ROUNDS))
    const picks = page.getByTestId('detail-history').getByTestId('history-pick')
    await picks.nth(0).check()
    await picks.nth(1).check()
    const diff = page.getByTestId('detail-diff')
    await expect(diff).toHaveAttribute('data-added', '2')
    await expect(
      diff.locator('.diff-line[data-kind="removed"]', { hasText: '"temperature": 20.4' }),
    ).toBeVisible()
    await expect(
      diff.locator('.diff-line[data-kind="added"]', { hasText: '"temperature": 20.8' }),
    ).toBeVisible()
    await expect(diff.locator('.diff-line[data-kind="same"]', { hasText: '"humidity": 40' })).toBeVisible()
    await snap(page, 'topic-diff.png')
    await page.getByTestId('detail-diff-close').click()
    await expect(diff).toBeHidden()

    // an MQTT filter narrows the tree to its matches and the way to them
    await page.getByTestId('tree-filter').fill('zigbee2mqtt/+')
    await expect(page.getByTestId('tree-filter')).toHaveAttribute('data-mode', 'mqtt')
    await expect(page.getByTestId('tree-row-pico')).toHaveCount(0)
    await expect(page.getByTestId('tree-row-tasmota')).toHaveCount(0)
    await expect(page.getByTestId('tree-row-zigbee2mqtt/front_door')).toBeVisible()
    await expect(page.getByTestId('tree-filter-count')).toHaveText(`${ZIGBEE.length} matches`)
    await expect(page.getByTestId('topic-tree')).toHaveAttribute('data-rows', String(ZIGBEE.length + 1))
    // text finds loaded topics anywhere
    await page.getByTestId('tree-filter').fill('dht22')
    await expect(page.getByTestId('tree-filter')).toHaveAttribute('data-mode', 'text')
    await expect(page.getByTestId('tree-row-pico/temperature/dht22')).toBeVisible()
    await expect(page.getByTestId('tree-row-zigbee2mqtt')).toHaveCount(0)
    await page.getByTestId('tree-filter').fill('')
    await expect(page.getByTestId('tree-row-tasmota')).toBeVisible()

    // clearing the retained messages of a subtree: asks with the count, then the markers go
    await page.getByTestId('tree-collapse-all').click()
    await page.getByTestId('tree-row-homeassistant').locator('.tree-chevron').click()
    await page.getByTestId('tree-row-homeassistant/sensor').locator('.tree-chevron').click()
    await page.getByTestId('tree-row-homeassistant/sensor/sensor_2').locator('.tree-chevron').click()
    await expect(page.getByTestId('tree-row-homeassistant/sensor/sensor_2/config')).toHaveAttribute(
      'data-retained',
      'true',
    )
    await page.getByTestId('tree-row-homeassistant').click()
    await page.getByTestId('clear-retained-subtree').click()
    await expect(page.getByTestId('clear-retained-count')).toHaveAttribute(
      'data-count',
      String(HA_SENSORS.length),
    )
    await expect(page.getByTestId('clear-retained-count')).toContainText(
      `This clears ${HA_SENSORS.length} retained messages in homeassistant`,
    )
    await expect(page.getByTestId('clear-retained-topics').locator('li')).toHaveCount(20)
    await expect(page.getByTestId('clear-retained-more')).toHaveText(`… and ${HA_SENSORS.length - 20} more`)
    await snap(page, 'clear-retained.png')
    await page.getByTestId('clear-retained-confirm').click()
    await expect(page.getByTestId('clear-retained-done')).toHaveAttribute(
      'data-count',
      String(HA_SENSORS.length),
    )
    await page.getByTestId('clear-retained-close').click()
    await expect(page.getByTestId('tree-row-homeassistant/sensor/sensor_2/config')).toHaveAttribute(
      'data-retained',
      'false',
    )
    await expect(page.getByTestId('topic-tree').getByTestId('tree-retained')).toHaveCount(0)

    // from the row's context menu: one topic
    await page.getByTestId('tree-collapse-all').click()
    await page.getByTestId('tree-row-zigbee2mqtt').locator('.tree-chevron').click()
    await page.getByTestId('tree-row-zigbee2mqtt/bridge').locator('.tree-chevron').click()
    await expect(page.getByTestId('tree-row-zigbee2mqtt/bridge/state')).toHaveAttribute(
      'data-retained',
      'true',
    )
    await page.getByTestId('tree-row-zigbee2mqtt/bridge/state').click({ button: 'right' })
    await page.getByTestId('row-menu-clear-topic').click()
    await expect(page.getByTestId('clear-retained-count')).toHaveAttribute('data-count', '1')
    await page.getByTestId('clear-retained-confirm').click()
    await expect(page.getByTestId('clear-retained-done')).toHaveAttribute('data-count', '1')
    await page.getByTestId('clear-retained-close').click()
    await expect(page.getByTestId('tree-row-zigbee2mqtt/bridge/state')).toHaveAttribute(
      'data-retained',
      'false',
    )

    // offline: the tree stays, marked so; it comes back live on reconnect
    // (the clear itself came back as a message: one more in zigbee2mqtt)
    const afterClear = zigbeeCount + 1
    await expect(page.getByTestId('tree-row-zigbee2mqtt')).toHaveAttribute(
      'data-messages',
      String(afterClear),
    )
    await page.getByTestId('disconnect-button').click()
    await expect(page.getByTestId('connection-state')).toHaveText('Disconnected')
    await expect(page.getByTestId('tree-offline')).toBeVisible()
    await expect(page.getByTestId('tree-row-zigbee2mqtt')).toHaveAttribute(
      'data-messages',
      String(afterClear),
    )
    await page.getByTestId('connect-button').click()
    await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 45_000 })
    await expect(page.getByTestId('tree-offline')).toBeHidden()
    await pub.publishAsync('zigbee2mqtt/kitchen_sensor', zigbeePayload('kitchen_sensor', 9, 0))
    await expect(page.getByTestId('tree-row-zigbee2mqtt')).toHaveAttribute(
      'data-messages',
      String(afterClear + 1),
    )
  } finally {
    await clearOurRetained(pub).catch(() => {})
    await pub.endAsync()
  }
})

test('MQTT 5: subscriptions with their options, message properties, older history', async ({ app: page }) => {
  const broker = testBroker('mosquitto')
  await page.getByTestId('welcome-import-file').setInputFiles({
    name: 'v5.json',
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
              name: 'Five',
              host: broker.host,
              // the listener that refuses subscriptions to secret/#
              port: broker.ports.acl,
              mqttVersion: 5,
              subscriptions: [{ filter: 'sensors/#', qos: 1 }],
            },
          },
        ],
      }),
    ),
  })
  await page.getByTestId('import-result-close').click()
  await page.getByTestId('profile-item-Five').click()
  await page.getByTestId('subscriptions-toggle').click()
  await expect(page.getByTestId('subscription-sensors/#')).toHaveAttribute('data-state', 'offline')
  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 45_000 })
  await expect(page.getByTestId('subscription-sensors/#')).toHaveAttribute('data-state', 'active')
  await expect(page.getByTestId('subscription-sensors/#')).toContainText('QoS 1')

  // the filter is checked as it is typed
  await page.getByTestId('subscription-filter').fill('home/#/temp')
  await expect(page.getByText("'#' must be a whole level and the last one")).toBeVisible()
  await page.getByTestId('subscription-filter').fill('home/+/temperature')
  await expect(page.getByText("'#' must be a whole level and the last one")).toBeHidden()
  // MQTT 5 options
  await page.getByTestId('subscription-no-local').check()
  await page.getByTestId('subscription-id').fill('7')
  await page.getByTestId('subscription-add').click()
  await expect(page.getByTestId('subscription-home/+/temperature')).toHaveAttribute('data-state', 'active')
  await expect(page.getByTestId('subscription-home/+/temperature')).toContainText('no local · id 7')
  await expect(page.getByTestId('subscription-filter')).toHaveValue('')

  await page.getByTestId('subscription-remove-home/+/temperature').click()
  await expect(page.getByTestId('subscription-home/+/temperature')).toHaveCount(0)

  // a refusal shows with the broker's reason
  await page.getByTestId('subscription-filter').fill('secret/#')
  await page.getByTestId('subscription-add').click()
  await expect(page.getByTestId('subscription-secret/#')).toHaveAttribute('data-state', 'refused')
  await expect(page.getByTestId('subscription-secret/#').getByTestId('subscription-reason')).toContainText(
    'Not authorized',
  )
  await expect(page.getByTestId('subscriptions-summary')).toContainText('1 refused')
  await page.getByTestId('subscription-remove-secret/#').click()
  await page.getByTestId('subscriptions-toggle').click()

  // MQTT 5 properties of a message, and history older than the first page
  const pub = await mqtt.connectAsync(`mqtt://${broker.host}:${broker.ports.plain}`, {
    protocolVersion: 5,
    clientId: `bl-e2e-v5-${Math.random().toString(16).slice(2)}`,
    reconnectPeriod: 0,
  })
  try {
    for (let i = 0; i < 70; i++) await pub.publishAsync('sensors/lab/co2', String(400 + i))
    await pub.publishAsync('sensors/lab/status', JSON.stringify({ ok: true }), {
      properties: {
        contentType: 'application/json',
        responseTopic: 'sensors/lab/reply',
        correlationData: Buffer.from([0xca, 0xfe, 0x01]),
        messageExpiryInterval: 3600,
        userProperties: { site: 'lab-2', firmware: '1.4.2' },
      },
    })
  } finally {
    await pub.endAsync()
  }
  await page.getByTestId('tree-row-sensors').locator('.tree-chevron').click()
  await page.getByTestId('tree-row-sensors/lab').locator('.tree-chevron').click()
  await page.getByTestId('tree-row-sensors/lab/status').click()
  const props = page.getByTestId('detail-properties')
  await expect(props).toContainText('application/json')
  await expect(props).toContainText('sensors/lab/reply')
  await expect(props).toContainText('ca fe 01')
  await expect(props).toContainText('3600 s')
  await expect(page.getByTestId('detail-user-properties')).toContainText('site')
  await expect(page.getByTestId('detail-user-properties')).toContainText('lab-2')
  await expect(page.getByTestId('detail-user-properties')).toContainText('1.4.2')

  await page.getByTestId('tree-row-sensors/lab/co2').click()
  await expect(page.getByTestId('detail-payload-text')).toHaveText('469')
  const shown = Number(await page.getByTestId('detail-history').getAttribute('data-count'))
  expect(shown).toBeLessThan(70)
  await page.getByTestId('history-load-older').click()
  await expect(page.getByTestId('detail-history')).toHaveAttribute('data-count', '70')
  await expect(page.getByTestId('history-load-older')).toHaveText('No older messages')
})
