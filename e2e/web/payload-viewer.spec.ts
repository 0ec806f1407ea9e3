/**
 * The payload viewer, on the real web host against the test Mosquitto, fed by mqtt.js from here: a
 * Pico's 10 MB raw dump in a virtualised hex view (go to an offset near the end, the marked bytes
 * are there), a zigbee2mqtt JSON state as a collapsible tree and as formatted text, a MessagePack
 * payload decoded (copied, saved), a broken one whose error comes with its raw bytes, and a protobuf
 * payload decoded with a .proto file (remembered across a reload).
 *
 * Stable hooks (data-testid unless said otherwise), beside those of topic-tree.spec.ts:
 *   detail-payload (data-kind empty|json|number|text|binary, data-view), detail-payload-kind,
 *   payload-size (data-bytes), payload-hint (data-format), payload-view-switch and its options
 *   payload-view-{tree,text,hex,base64,msgpack,cbor,protobuf}, payload-copy, then
 *   payload-copy-{text,json,hex,base64}, payload-copy-status (data-tone), payload-save,
 *   payload-empty, payload-load-error
 *   payload-tree / payload-decoded (data-rows, data-nodes), payload-tree-row (data-key, data-kind,
 *   aria-expanded), payload-tree-toggle, payload-tree-expand-all, payload-tree-collapse-all
 *   detail-payload-text, detail-payload-more, payload-show-more, payload-show-all, payload-text-note,
 *   payload-base64
 *   payload-hex / payload-raw-hex (data-lines, data-size), payload-hex-row (data-offset, data-target),
 *   payload-hex-mark, payload-hex-goto, payload-hex-start, payload-hex-end, payload-hex-section
 *   payload-decode-failure, payload-decode-error
 *   payload-protobuf, payload-proto-open, payload-proto-file, payload-proto-edit, payload-proto-text,
 *   payload-proto-type, payload-proto-file-error
 *   detail-amqp, detail-amqp-headers, detail-amqp-redelivered, detail-kafka, detail-kafka-key,
 *   detail-kafka-headers (the message's metadata above the viewer)
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { encode as msgpackEncode } from '@msgpack/msgpack'
import type { Page } from '@playwright/test'
import mqtt, { type MqttClient } from 'mqtt'
import protobuf from 'protobufjs'
import { testBroker } from '../../test/support/brokers'
import { expect, test } from './fixtures'

const shots = join(import.meta.dirname, '..', '..', 'docs', 'screenshots')
mkdirSync(shots, { recursive: true })

async function snap(page: Page, name: string) {
  await page.waitForTimeout(400)
  await page.screenshot({ path: join(shots, name) })
}

/** A prefix of its own per run: the broker is shared and the app subscribes to everything. */
const P = `pv-${Math.random().toString(16).slice(2, 8)}`

async function connectPublisher(): Promise<MqttClient> {
  const broker = testBroker('mosquitto')
  return mqtt.connectAsync(`mqtt://${broker.host}:${broker.ports.plain}`, {
    clientId: `bl-e2e-pv-${Math.random().toString(16).slice(2)}`,
    reconnectPeriod: 0,
  })
}

/** Imports a profile for the test Mosquitto and connects it. */
async function connect(page: Page) {
  const broker = testBroker('mosquitto')
  await page.getByTestId('welcome-import-file').setInputFiles({
    name: 'lab.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        format: 'brokerlens-profiles',
        version: 1,
        exportedAt: new Date().toISOString(),
        profiles: [
          { config: { protocol: 'mqtt', name: 'Lab', host: broker.host, port: broker.ports.plain } },
        ],
      }),
    ),
  })
  await page.getByTestId('import-result-close').click()
  await page.getByTestId('profile-item-Lab').click()
  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 45_000 })
}

/** Expands the tree down to `path` (waiting for its message to arrive). */
async function reveal(page: Page, path: string) {
  const levels = path.split('/')
  for (let i = 1; i < levels.length; i++) {
    const row = page.getByTestId(`tree-row-${levels.slice(0, i).join('/')}`)
    await expect(row).toHaveAttribute('aria-expanded', /true|false/)
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.tree-chevron').click()
  }
  await expect(page.getByTestId(`tree-row-${path}`)).toBeVisible()
}

/** Opens `path` in the detail pane. */
async function open(page: Page, path: string) {
  await reveal(page, path)
  await page.getByTestId(`tree-row-${path}`).click()
  await expect(page.getByTestId('detail-topic')).toHaveText(path)
}

const SIZE = 10 * 1024 * 1024
const MARK = Buffer.from('BROKERLENS-MARK!')
const MARK_OFFSET = SIZE - 4096 // 0x9ff000, a line of its own

test('a 10 MB binary payload in the virtualised hex view', async ({ app: page }) => {
  test.setTimeout(180_000)
  const pub = await connectPublisher()
  try {
    await connect(page)
    const dump = randomBytes(SIZE)
    // random bytes could spell text by chance; these never decode as UTF-8
    dump[0] = 0xff
    dump[1] = 0xfe
    MARK.copy(dump, MARK_OFFSET)
    await pub.publishAsync(`${P}/pico/dump`, dump, { qos: 1 })

    await reveal(page, `${P}/pico/dump`)
    const started = Date.now()
    await open(page, `${P}/pico/dump`)
    const payload = page.getByTestId('detail-payload')
    await expect(payload).toHaveAttribute('data-kind', 'binary', { timeout: 30_000 })
    await expect(payload).toHaveAttribute('data-view', 'hex')
    await expect(page.getByTestId('detail-payload-kind')).toHaveText('Binary')
    await expect(page.getByTestId('payload-size')).toHaveText('10,485,760 bytes (10 MiB)')
    const hex = page.getByTestId('payload-hex')
    await expect(hex).toHaveAttribute('data-lines', '655360')
    await expect(hex.locator('[data-testid="payload-hex-row"][data-offset="0"]')).toContainText(
      '00000000ff fe',
    )
    // fetched from the history over the socket (13 MB of base64) and shown
    console.log(`[e2e] 10 MB payload fetched and shown in ${Date.now() - started} ms`)
    // virtualised: a screenful of rows in the page, not 655,360
    expect(await hex.getByTestId('payload-hex-row').count()).toBeLessThan(120)
    // opened again from the renderer's cache: what the viewer itself costs
    await pub.publishAsync(`${P}/pico/status`, 'online')
    await open(page, `${P}/pico/status`)
    await expect(payload).toHaveAttribute('data-kind', 'text')
    const again = Date.now()
    await page.getByTestId(`tree-row-${P}/pico/dump`).click()
    await expect(hex.locator('[data-testid="payload-hex-row"][data-offset="0"]')).toBeVisible()
    console.log(`[e2e] 10 MB payload shown again (cached) in ${Date.now() - again} ms`)

    // go to the marked bytes near the end
    await page.getByTestId('payload-hex-goto').fill('0x9ff000')
    await page.getByTestId('payload-hex-goto').press('Enter')
    const markRow = hex.locator(`[data-testid="payload-hex-row"][data-offset="${MARK_OFFSET}"]`)
    await expect(markRow).toBeVisible()
    await expect(markRow).toHaveAttribute('data-target', 'true')
    await expect(markRow).toContainText('009ff000')
    await expect(markRow).toContainText('42 52 4f 4b 45 52 4c 45  4e 53 2d 4d 41 52 4b 21')
    await expect(markRow).toContainText('BROKERLENS-MARK!')
    await expect(markRow.getByTestId('payload-hex-mark').first()).toHaveText('42')
    expect(await hex.getByTestId('payload-hex-row').count()).toBeLessThan(120)
    await snap(page, 'payload-viewer-hex.png')

    // the same place by a decimal offset, counted from the end
    await page.getByTestId('payload-hex-goto').fill('-4093')
    await page.getByTestId('payload-hex-goto').press('Enter')
    await expect(markRow.getByTestId('payload-hex-mark').first()).toHaveText('4b')
    await expect(markRow.getByTestId('payload-hex-mark').last()).toHaveText('K')
    // a typo says what is wrong
    await page.getByTestId('payload-hex-goto').fill('0x1000000')
    await page.getByTestId('payload-hex-goto').press('Enter')
    await expect(page.getByText('Offset 01000000 is outside the payload (0 to 009fffff)')).toBeVisible()

    // the very end
    await page.getByTestId('payload-hex-end').click()
    const last = hex.locator(`[data-testid="payload-hex-row"][data-offset="${SIZE - 16}"]`)
    await expect(last).toBeVisible()
    const tail = Array.from(dump.subarray(SIZE - 16, SIZE - 8), (b) => b.toString(16).padStart(2, '0')).join(
      ' ',
    )
    await expect(last).toContainText(tail)

    // the text view of bytes says it is not text, and shows the first part only, saying so
    await page.getByTestId('payload-view-text').click()
    await expect(page.getByTestId('payload-text-note')).toContainText('Not UTF-8 text')
    await expect(page.getByTestId('detail-payload-more')).toContainText(
      'Showing the first 524,288 of 10,485,760 bytes',
    )
    await page.getByTestId('payload-show-more').click()
    await expect(page.getByTestId('detail-payload-more')).toContainText(
      'Showing the first 2,097,152 of 10,485,760 bytes',
    )
  } finally {
    await pub.endAsync()
  }
})

const STATE = {
  battery: 91,
  humidity: 48.2,
  linkquality: 134,
  temperature: 21.4,
  voltage: 2975,
  last_seen: '2024-06-01T12:00:00+02:00',
  // replaced in the text by a number bigger than a double holds: shown exactly as sent
  ieee: 0,
  update: { installed_version: 16777241, latest_version: 16777241, state: 'idle' },
  device: { friendlyName: 'kitchen_sensor', model: 'WSDCGQ11LM', vendor: 'Aqara' },
  tags: ['kitchen', 'ground floor'],
  occupancy: false,
  power_outage_count: null,
}

test('JSON as a tree and as text, MessagePack decoded, a broken one with its bytes', async ({
  app: page,
  host,
}) => {
  test.setTimeout(120_000)
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url })
  const pub = await connectPublisher()
  try {
    await connect(page)
    const json = JSON.stringify(STATE).replace('"ieee":0', '"ieee":12345678901234567890')
    await pub.publishAsync(`${P}/zigbee2mqtt/kitchen_sensor`, json)
    const reading = {
      temperature: 21.5,
      humidity: 40,
      device: { id: 'pico-w', fw: '1.2.0' },
      samples: [1, 2, 3],
    }
    const packed = msgpackEncode(reading)
    await pub.publishAsync(`${P}/sensors/msgpack`, Buffer.from(packed))
    const broken = packed.subarray(0, packed.length - 5)
    await pub.publishAsync(`${P}/sensors/broken`, Buffer.from(broken))

    // ---- JSON: a tree, folded and unfolded
    await open(page, `${P}/zigbee2mqtt/kitchen_sensor`)
    const payload = page.getByTestId('detail-payload')
    await expect(payload).toHaveAttribute('data-kind', 'json')
    await expect(payload).toHaveAttribute('data-view', 'tree')
    await expect(page.getByTestId('detail-payload-kind')).toHaveText('JSON')
    await expect(page.getByTestId('payload-size')).toHaveText(
      `${Buffer.byteLength(json).toLocaleString('en-US')} bytes`,
    )
    const tree = page.getByTestId('payload-tree')
    const row = (key: string) => tree.locator(`[data-testid="payload-tree-row"][data-key="${key}"]`)
    await expect(row('ieee')).toContainText('"ieee": 12345678901234567890')
    await expect(row('temperature')).toContainText('21.4')
    const device = row('device')
    await expect(device).toHaveAttribute('aria-expanded', 'true')
    await expect(row('friendlyName')).toContainText('"friendlyName": "kitchen_sensor"')
    await device.getByTestId('payload-tree-toggle').click()
    await expect(device).toHaveAttribute('aria-expanded', 'false')
    await expect(row('friendlyName')).toHaveCount(0)
    await expect(device).toContainText('3 keys')
    await expect(device).toContainText('{ "friendlyName": "kitchen_sensor", "model": "WSDCGQ11LM"')
    await snap(page, 'payload-viewer-json-tree.png')
    await device.getByTestId('payload-tree-toggle').click()
    await expect(device).toHaveAttribute('aria-expanded', 'true')
    await expect(row('friendlyName')).toBeVisible()
    // all at once
    await page.getByTestId('payload-tree-collapse-all').click()
    await expect(row('friendlyName')).toHaveCount(0)
    await expect(row('vendor')).toHaveCount(0)
    await expect(row('battery')).toBeVisible()
    await page.getByTestId('payload-tree-expand-all').click()
    await expect(row('vendor')).toBeVisible()
    // the keyboard: focus the tree, step down, close the node with ←
    await tree.getByRole('tree').focus()
    await page.keyboard.press('Home')
    // root, 7 values, "update" and its 3, then "device"
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowDown')
    await expect(row('device')).toHaveAttribute('aria-selected', 'true')
    await page.keyboard.press('ArrowLeft')
    await expect(row('device')).toHaveAttribute('aria-expanded', 'false')
    await page.keyboard.press('ArrowRight')
    await expect(row('device')).toHaveAttribute('aria-expanded', 'true')

    // the same as formatted text, big numbers kept
    await page.getByTestId('payload-view-text').click()
    await expect(payload).toHaveAttribute('data-view', 'text')
    await expect(page.getByTestId('detail-payload-text')).toContainText('"friendlyName": "kitchen_sensor"')
    await expect(page.getByTestId('detail-payload-text')).toContainText('"ieee": 12345678901234567890')
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.getByTestId('payload-view-tree').click()
    await snap(page, 'payload-viewer-json-tree-dark.png')
    await page.emulateMedia({ colorScheme: 'light' })

    // ---- MessagePack: bytes at first, with the hint; decoded on request
    await open(page, `${P}/sensors/msgpack`)
    await expect(payload).toHaveAttribute('data-kind', 'binary')
    await expect(payload).toHaveAttribute('data-view', 'hex')
    await expect(page.getByTestId('payload-hint')).toHaveAttribute('data-format', 'msgpack')
    await page.getByTestId('payload-view-msgpack').click()
    await expect(payload).toHaveAttribute('data-view', 'msgpack')
    const decoded = page.getByTestId('payload-decoded')
    await expect(decoded.locator('[data-key="temperature"]')).toContainText('"temperature": 21.5')
    await expect(decoded.locator('[data-key="id"]')).toContainText('"id": "pico-w"')
    await expect(decoded.locator('[data-key="samples"]')).toContainText('3 items')
    await snap(page, 'payload-viewer-msgpack.png')

    // copied as JSON (the decoding) and as hex (the bytes)
    await page.getByTestId('payload-copy').click()
    await page.getByTestId('payload-copy-json').click()
    await expect(page.getByTestId('payload-copy-status')).toHaveAttribute('data-tone', 'ok')
    expect(JSON.parse(await page.evaluate<string>('navigator.clipboard.readText()'))).toEqual(reading)
    await page.getByTestId('payload-copy').click()
    await page.getByTestId('payload-copy-hex').click()
    await expect(page.getByTestId('payload-copy-status')).toContainText('Copied as hex')
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(
      Array.from(packed, (b) => b.toString(16).padStart(2, '0')).join(' '),
    )

    // saved: the exact bytes, named after the topic
    const download = page.waitForEvent('download')
    await page.getByTestId('payload-save').click()
    const file = await download
    expect(file.suggestedFilename()).toBe(`${P}-sensors-msgpack.bin`)
    expect(new Uint8Array(readFileSync(await file.path()))).toEqual(packed)

    // ---- a broken one opens in the view picked for bytes, and says why, over its raw bytes
    await open(page, `${P}/sensors/broken`)
    await expect(payload).toHaveAttribute('data-view', 'msgpack')
    await expect(page.getByTestId('payload-decode-error')).toContainText('Not MessagePack')
    await expect(page.getByTestId('payload-decode-error')).not.toBeEmpty()
    const raw = page.getByTestId('payload-raw-hex')
    await expect(raw).toHaveAttribute('data-size', String(broken.length))
    const firstBytes = Array.from(broken.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ')
    await expect(raw.locator('[data-testid="payload-hex-row"][data-offset="0"]')).toContainText(firstBytes)
    await snap(page, 'payload-viewer-decode-error.png')
  } finally {
    await pub.endAsync()
  }
})

const PROTO = `syntax = "proto3";
package lab;

message Reading {
  double temperature = 1;
  uint32 humidity = 2;
  string device = 3;
  repeated sint32 samples = 4;
}
`

test('Protobuf: a .proto file, a message type, remembered for the next time', async ({ app: page }) => {
  const pub = await connectPublisher()
  try {
    await connect(page)
    const Reading = protobuf.parse(PROTO).root.lookupType('lab.Reading')
    const bytes = Reading.encode(
      Reading.create({ temperature: 21.5, humidity: 48, device: 'pico-w', samples: [1, -2, 3] }),
    ).finish()
    await pub.publishAsync(`${P}/sensors/proto`, Buffer.from(bytes))

    await open(page, `${P}/sensors/proto`)
    const payload = page.getByTestId('detail-payload')
    await expect(payload).toHaveAttribute('data-kind', 'binary')
    await page.getByTestId('payload-view-protobuf').click()
    // nothing to decode with yet: says what to do, over the raw bytes
    await expect(page.getByTestId('payload-protobuf')).toContainText('Open a .proto file or paste its text')
    await expect(page.getByTestId('payload-raw-hex')).toHaveAttribute('data-size', String(bytes.length))

    // a broken .proto says why
    await page.getByTestId('payload-proto-text').fill('message Reading { double t = }')
    await expect(page.getByTestId('payload-decode-error')).toContainText('does not parse')

    await page.getByTestId('payload-proto-file').setInputFiles({
      name: 'reading.proto',
      mimeType: 'text/plain',
      buffer: Buffer.from(PROTO),
    })
    await page.getByTestId('payload-proto-type').click()
    await page.getByRole('option', { name: 'lab.Reading' }).click()
    const decoded = page.getByTestId('payload-decoded')
    await expect(decoded.locator('[data-key="temperature"]')).toContainText('"temperature": 21.5')
    await expect(decoded.locator('[data-key="device"]')).toContainText('"device": "pico-w"')
    await expect(decoded.locator('[data-key="samples"]')).toContainText('3 items')
    await snap(page, 'payload-viewer-protobuf.png')

    // after a reload: the view for bytes, the .proto and the type are remembered
    await page.reload()
    await page.getByTestId('profile-item-Lab').click()
    await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 45_000 })
    await open(page, `${P}/sensors/proto`)
    await expect(payload).toHaveAttribute('data-view', 'protobuf')
    await expect(page.getByTestId('payload-proto-type')).toHaveValue('lab.Reading')
    await expect(decoded.locator('[data-key="humidity"]')).toContainText('"humidity": 48')
  } finally {
    await pub.endAsync()
  }
})
