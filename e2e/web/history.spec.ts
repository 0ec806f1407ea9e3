/**
 * The message history, saved payloads and replay, on the real web host against the test Mosquitto,
 * fed by mqtt.js from here: search a payload word and see it highlighted, open the hit, save it as
 * a payload, replay it (topic rewritten) and see it arrive in the tree, replay a recorded sequence
 * at 10×, export to JSON Lines and import into another profile, clear a topic's history, storage.
 *
 * Stable hooks (data-testid unless said otherwise), beside those of topic-tree.spec.ts:
 *   detail-tab-topic, detail-tab-history (the right pane's tabs)
 *   history-panel (data-scope), history-scope (data-value; options Topic / Subtree / Connection),
 *   history-search, history-filters-toggle, history-filters, history-filter-{direction,retain,qos},
 *   history-filter-{min,max}-size, history-until, history-until-clear, history-refresh,
 *   history-count (data-count), history-pause (data-paused), history-paused-note, history-write-error,
 *   history-list (data-count, data-loading), history-hit (data-id, data-topic), history-hit-snippet
 *   (<mark> around matches), history-hit-retain, history-empty, history-end, history-error,
 *   history-message (data-id), history-message-topic, history-message-close, history-save-message,
 *   history-replay-message (its payload: detail-payload, detail-payload-text, detail-message-meta)
 *   history-menu, then history-export, history-import (+ history-import-file, its file input),
 *   history-replay-filter, history-pause-menu, history-clear
 *   export-history-modal, export-history-format, export-history-count (data-count),
 *   export-history-start, export-history-progress (data-exported), export-history-cancel,
 *   export-history-done (data-count), export-history-close, export-history-error
 *   import-history-modal, import-history-progress, import-history-count (data-imported, data-state),
 *   import-history-errors (data-count), import-history-error, import-history-cancel, import-history-close
 *   clear-history-modal, clear-history-count (data-count), clear-history-confirm, clear-history-cancel,
 *   clear-history-done (data-removed), clear-history-close
 *   save-message-modal, save-message-name, save-message-folder, save-message-note, save-message-submit
 *   history-paused-badge (the workspace header, while recording is paused)
 *   storage-button (data-error), storage-popover, storage-used, storage-used-text, storage-messages
 *   (data-count), storage-oldest, storage-pruned, storage-write-error, storage-budget-input,
 *   storage-budget-unit, storage-budget-save, storage-paused
 *   saved-button, saved-drawer, saved-new, saved-import (+ saved-import-file), saved-export,
 *   saved-export-all, saved-export-selected, saved-replay-selected, saved-search, saved-count (data-count),
 *   saved-list (data-rows), saved-empty, saved-folder-<path> (data-open), saved-payload (data-id,
 *   data-name, data-checked), saved-payload-check, saved-payload-replay, saved-payload-menu, then
 *   saved-payload-{edit,duplicate,export,delete}; saved-editor, saved-field-{name,folder,topic,qos,
 *   retain,payload,note,binary}, saved-editor-submit; saved-delete-modal, saved-delete-confirm;
 *   saved-import-result, saved-import-count (data-count), saved-import-rejected, saved-import-close
 *   replay-dialog, replay-source (data-count), replay-target, replay-target-offline, replay-rewrite,
 *   replay-rewrite-from, replay-rewrite-to, replay-rewrite-example (data-kind), replay-pace,
 *   replay-speed, replay-speed-value, replay-speed-preset-{0.5,1,2,10}, replay-loop, replay-start,
 *   replay-error, replay-close, replay-show-all
 *   replay-card (data-id, data-state, data-sent, data-total, data-pass), replay-state, replay-figures,
 *   replay-progress (data-percent), replay-pause, replay-resume, replay-stop, replay-log
 *   replays-button (data-active), replays-drawer, replays-empty, replays-clear-finished
 */
import { mkdirSync, readFileSync } from 'node:fs'
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

/** Our own topics, so other tests' retained messages and runs never count. */
const P = `lab-${Date.now().toString(36)}`

const KITCHEN = [20.9, 21.1, 21.4, 21.2]
/** A device's recorded sequence: gaps in ms between its messages. */
const SEQ_GAPS = [0, 300, 200, 400, 250, 350]

async function importProfiles(page: Page, profiles: object[], first: boolean) {
  await page.getByTestId(first ? 'welcome-import-file' : 'import-button-file').setInputFiles({
    name: 'lab.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        format: 'brokerlens-profiles',
        version: 1,
        exportedAt: new Date().toISOString(),
        profiles: profiles.map((config) => ({ config })),
      }),
    ),
  })
  await page.getByTestId('import-result-close').click()
}

/** "2024-06-01T03:00:15" in local time: what a datetime-local input takes. */
function localDateTime(ms: number): string {
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

/** Opens a tree node (and leaves an open one open). */
async function expand(page: Page, path: string) {
  const row = page.getByTestId(`tree-row-${path}`)
  await expect(row).toHaveAttribute('aria-expanded', /true|false/)
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.tree-chevron').click()
  await expect(row).toHaveAttribute('aria-expanded', 'true')
}

test('history: search, save, replay, export and import, clear, storage', async ({ app: page }) => {
  test.setTimeout(240_000)
  const broker = testBroker('mosquitto')
  const pub: MqttClient = await mqtt.connectAsync(`mqtt://${broker.host}:${broker.ports.plain}`, {
    clientId: `bl-e2e-history-${Math.random().toString(16).slice(2)}`,
    reconnectPeriod: 0,
  })
  try {
    const mqttConfig = (name: string, subscriptions: object[]) => ({
      protocol: 'mqtt',
      name,
      host: broker.host,
      port: broker.ports.plain,
      subscriptions,
    })
    await importProfiles(
      page,
      [mqttConfig('Lab recorder', [{ filter: `${P}/#`, qos: 1 }]), mqttConfig('Archive', [])],
      true,
    )
    // what the broker holds before the app connects: a retained config
    await pub.publishAsync(`${P}/config`, JSON.stringify({ interval: 60 }), { qos: 1, retain: true })
    await page.getByTestId('profile-item-Lab recorder').click()
    await page.getByTestId('connect-button').click()
    await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 45_000 })
    await page.getByTestId('subscriptions-toggle').click()
    await expect(page.getByTestId(`subscription-${P}/#`)).toHaveAttribute('data-state', 'active')
    await page.getByTestId('subscriptions-toggle').click()

    // a night of a small lab: a kitchen sensor, a garage door that raised an alarm, a camera still,
    // and a device's sequence with its own rhythm
    for (const t of KITCHEN) {
      await pub.publishAsync(`${P}/sensors/kitchen`, JSON.stringify({ temperature: t, humidity: 48 }), {
        qos: 1,
      })
    }
    await pub.publishAsync(
      `${P}/sensors/garage`,
      JSON.stringify({ event: 'door', state: 'open', note: 'alarm: garage door opened at night' }),
      { qos: 1 },
    )
    await pub.publishAsync(`${P}/sensors/hall`, 'motion detected, no alarm armed', { qos: 0 })
    await pub.publishAsync(
      `${P}/camera/still`,
      Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.alloc(2048, 3)]),
    )
    // the device's sequence comes a little later: "jump to time" can tell them apart
    await new Promise((r) => setTimeout(r, 2100))
    const beforeSeq = Math.floor(Date.now() / 1000) * 1000 - 1000
    for (const [i, gap] of SEQ_GAPS.entries()) {
      await new Promise((r) => setTimeout(r, gap))
      await pub.publishAsync(`${P}/seq/device`, JSON.stringify({ step: i, value: i * 10 }), { qos: 1 })
    }
    const total = KITCHEN.length + 3 + 1 + SEQ_GAPS.length
    await expect(page.getByTestId(`tree-row-${P}`)).toHaveAttribute('data-messages', String(total))

    // ---- the tree filter finds topics below collapsed nodes (the core's searchTopics)
    await page.getByTestId('tree-filter').fill('garage')
    await expect(page.getByTestId(`tree-row-${P}/sensors/garage`)).toBeVisible()
    await expect(page.getByTestId('tree-filter-count')).toHaveAttribute('data-source', 'core')
    await expect(page.getByTestId('tree-filter-count')).toHaveText('1 match')
    await page.getByTestId('tree-filter').fill('')
    await page.getByTestId('tree-collapse-all').click()

    // ---- the history of the whole connection, then a search
    await page.getByTestId(`tree-row-${P}`).click()
    await page.getByTestId('detail-tab-history').click()
    const panel = page.getByTestId('history-panel')
    await expect(page.getByTestId('history-scope')).toHaveAttribute('data-value', 'subtree')
    await expect(page.getByTestId('history-count')).toHaveAttribute('data-count', String(total))
    await page.getByTestId('history-scope').getByText('Connection').click()
    await expect(panel).toHaveAttribute('data-scope', 'all')
    await expect(page.getByTestId('history-count')).toHaveAttribute('data-count', String(total))
    await expect(page.getByTestId('history-list').getByTestId('history-hit').first()).toHaveAttribute(
      'data-topic',
      `${P}/seq/device`,
    )
    // binary shows as such, retain is marked
    await expect(page.getByTestId('history-list').locator(`[data-topic="${P}/camera/still"]`)).toContainText(
      '‹binary, 2 KB›',
    )
    await expect(
      page
        .getByTestId('history-list')
        .locator(`[data-topic="${P}/config"]`)
        .getByTestId('history-hit-retain'),
    ).toBeVisible()

    // jump to a time: the list starts there
    await page.getByTestId('history-filters-toggle').click()
    await page.getByTestId('history-until').fill(localDateTime(beforeSeq))
    await expect(page.getByTestId('history-count')).toHaveAttribute(
      'data-count',
      String(total - SEQ_GAPS.length),
    )
    await expect(page.getByTestId('history-list').getByTestId('history-hit').first()).not.toHaveAttribute(
      'data-topic',
      `${P}/seq/device`,
    )
    await page.getByTestId('history-until-clear').click()
    // QoS and size narrow too
    await page.getByTestId('history-filter-qos').getByText('0', { exact: true }).click()
    await expect(page.getByTestId('history-count')).toHaveAttribute('data-count', '2') // hall, camera
    await page.getByTestId('history-filter-min-size').fill('1 KB')
    await expect(page.getByTestId('history-count')).toHaveAttribute('data-count', '1')
    await page.getByTestId('history-filter-min-size').fill('')
    await page.getByTestId('history-filter-qos').getByText('Any').click()

    await page.getByTestId('history-search').fill('alarm')
    await expect(page.getByTestId('history-count')).toHaveAttribute('data-count', '2')
    await page.getByTestId('history-filter-direction').getByText('Received').click()
    await expect(page.getByTestId('history-count')).toHaveAttribute('data-count', '2')
    const garage = page.getByTestId('history-list').locator(`[data-topic="${P}/sensors/garage"]`)
    await expect(garage.getByTestId('history-hit-snippet').locator('mark')).toHaveText('alarm')
    await garage.click()
    const message = page.getByTestId('history-message')
    await expect(message.getByTestId('history-message-topic')).toHaveText(`${P}/sensors/garage`)
    await expect(message.getByTestId('detail-payload')).toHaveAttribute('data-kind', 'json')
    await expect(message.getByTestId('payload-tree')).toContainText('"note": "alarm: garage door opened')
    // the tree beside it, opened where the night happened
    await expand(page, P)
    await expand(page, `${P}/sensors`)
    await snap(page, 'history-search.png')

    await page.getByTestId('history-filter-direction').getByText('Any').click()
    await page.getByTestId('history-filters-toggle').click()

    // ---- save it as a payload
    await message.getByTestId('history-save-message').click()
    await page.getByTestId('save-message-name').fill('Garage alarm')
    await page.getByTestId('save-message-folder').fill('incidents/garage')
    await page.getByTestId('save-message-note').fill('What tripped the automation at night')
    await page.getByTestId('save-message-submit').click()
    await expect(page.getByTestId('save-message-modal')).toBeHidden()

    // ---- saved payloads: the folder tree, one made by hand beside it
    await page.getByTestId('saved-button').click()
    const drawer = page.getByTestId('saved-drawer')
    await expect(drawer.getByTestId('saved-folder-incidents')).toBeVisible()
    await expect(drawer.getByTestId('saved-folder-incidents/garage')).toBeVisible()
    await expect(drawer.locator('[data-testid="saved-payload"][data-name="Garage alarm"]')).toContainText(
      `${P}/sensors/garage`,
    )
    await drawer.getByTestId('saved-new').click()
    await page.getByTestId('saved-field-name').fill('Kitchen light on')
    await page.getByTestId('saved-field-folder').fill('lights')
    await page.getByTestId('saved-field-topic').fill(`${P}/kitchen/light/set`)
    await page.getByTestId('saved-field-payload').fill('{"state": "ON", "brightness": 200}')
    await page.getByTestId('saved-editor-submit').click()
    await expect(page.getByTestId('saved-editor')).toBeHidden()
    await drawer
      .locator('[data-testid="saved-payload"][data-name="Kitchen light on"]')
      .getByTestId('saved-payload-menu')
      .click()
    await page.getByTestId('saved-payload-duplicate').click()
    await expect(drawer.getByTestId('saved-count')).toHaveAttribute('data-count', '3')
    await expect(
      drawer.locator('[data-testid="saved-payload"][data-name="Kitchen light on (copy)"]'),
    ).toBeVisible()
    // tick two: "Replay 2…" and "Export selected" work on them
    await drawer
      .locator('[data-testid="saved-payload"][data-name="Garage alarm"]')
      .getByTestId('saved-payload-check')
      .check()
    await drawer
      .locator('[data-testid="saved-payload"][data-name="Kitchen light on"]')
      .getByTestId('saved-payload-check')
      .check()
    await expect(drawer.getByTestId('saved-replay-selected')).toHaveText('Replay 2…')
    await expect(page.getByTestId('notice-success')).toHaveCount(0, { timeout: 10_000 })
    await snap(page, 'saved-payloads.png')
    await drawer
      .locator('[data-testid="saved-payload"][data-name="Kitchen light on (copy)"]')
      .getByTestId('saved-payload-menu')
      .click()
    await page.getByTestId('saved-payload-delete').click()
    await page.getByTestId('saved-delete-confirm').click()
    await expect(drawer.getByTestId('saved-count')).toHaveAttribute('data-count', '2')
    // edit one: the list shows the new payload
    const kitchenLight = drawer.locator('[data-testid="saved-payload"][data-name="Kitchen light on"]')
    await kitchenLight.getByTestId('saved-payload-menu').click()
    await page.getByTestId('saved-payload-edit').click()
    await expect(page.getByTestId('saved-field-payload')).toHaveValue('{"state": "ON", "brightness": 200}')
    await page.getByTestId('saved-field-payload').fill('{"state": "ON", "brightness": 120}')
    await page.getByTestId('saved-field-qos').getByText('1').click()
    await page.getByTestId('saved-editor-submit').click()
    await expect(kitchenLight).toContainText('"brightness": 120')
    await expect(kitchenLight).toContainText('Q1')
    // export the ticked ones and import the file back: two more, in the same folders
    await drawer.getByTestId('saved-export').click()
    const savedDownload = page.waitForEvent('download')
    await page.getByTestId('saved-export-selected').click()
    const savedFile = readFileSync((await (await savedDownload).path())!, 'utf8')
    expect(JSON.parse(savedFile).payloads).toHaveLength(2)
    await drawer.getByTestId('saved-import-file').setInputFiles({
      name: 'saved.json',
      mimeType: 'application/json',
      buffer: Buffer.from(savedFile),
    })
    await expect(page.getByTestId('saved-import-count')).toHaveAttribute('data-count', '2')
    await page.getByTestId('saved-import-close').click()
    await expect(drawer.getByTestId('saved-count')).toHaveAttribute('data-count', '4')
    await expect(drawer.locator('[data-testid="saved-payload"][data-name="Garage alarm"]')).toHaveCount(2)
    await expect(drawer.getByTestId('saved-folder-incidents/garage')).toContainText('2')

    // ---- replay the saved payload to the same connection under a new prefix
    await drawer
      .locator('[data-testid="saved-payload"][data-name="Garage alarm"]')
      .first()
      .getByTestId('saved-payload-replay')
      .click()
    const dialog = page.getByTestId('replay-dialog')
    await expect(dialog.getByTestId('replay-source')).toHaveAttribute('data-count', '1')
    await expect(dialog.getByTestId('replay-target')).toHaveValue('Lab recorder · MQTT')
    await dialog.getByTestId('replay-rewrite').check()
    await dialog.getByTestId('replay-rewrite-from').fill(`${P}/sensors/`)
    await dialog.getByTestId('replay-rewrite-to').fill(`${P}/replayed/`)
    await expect(dialog.getByTestId('replay-rewrite-example')).toHaveText(
      `e.g. ${P}/sensors/garage → ${P}/replayed/garage`,
    )
    await dialog.getByTestId('replay-start').click()
    await expect(dialog.getByTestId('replay-card')).toHaveAttribute('data-state', 'done')
    await expect(dialog.getByTestId('replay-card')).toHaveAttribute('data-sent', '1')
    await dialog.getByTestId('replay-close').click()
    await page.keyboard.press('Escape') // the drawer
    await expect(drawer).toBeHidden()
    await expect(page.getByTestId(`tree-row-${P}/replayed`)).toHaveAttribute('data-messages', '1')
    await expand(page, `${P}/replayed`)
    await expect(page.getByTestId(`tree-row-${P}/replayed/garage`)).toHaveAttribute('data-messages', '1')
    await expect(page.getByTestId(`tree-row-${P}/replayed/garage`)).toContainText('alarm: garage door')

    // ---- replay the recorded sequence at 10×, under another prefix, and watch it finish
    await page.getByTestId('history-search').fill('')
    await expand(page, `${P}/seq`)
    await page.getByTestId(`tree-row-${P}/seq`).click()
    await page.getByTestId('history-scope').getByText('Subtree').click()
    await expect(page.getByTestId('history-count')).toHaveAttribute('data-count', String(SEQ_GAPS.length))
    await page.getByTestId('history-menu').click()
    await page.getByTestId('history-replay-filter').click()
    await expect(dialog.getByTestId('replay-source')).toHaveAttribute('data-count', String(SEQ_GAPS.length))
    await dialog.getByTestId('replay-rewrite').check()
    await dialog.getByTestId('replay-rewrite-from').fill(`${P}/seq/`)
    await dialog.getByTestId('replay-rewrite-to').fill(`${P}/seq-test/`)
    await dialog.getByTestId('replay-speed-preset-10').click()
    await expect(dialog.getByTestId('replay-speed-value')).toHaveText('10×')
    await expect(page.getByTestId('notice-success')).toHaveCount(0, { timeout: 10_000 })
    await snap(page, 'replay.png')
    await dialog.getByTestId('replay-start').click()
    const card = dialog.getByTestId('replay-card')
    await expect(card).toHaveAttribute('data-total', String(SEQ_GAPS.length))
    await expect(card).toHaveAttribute('data-state', 'done')
    await expect(card).toHaveAttribute('data-sent', String(SEQ_GAPS.length))
    await expect(card.getByTestId('replay-progress')).toHaveAttribute('data-percent', '100')
    await dialog.getByTestId('replay-show-all').click()
    const replays = page.getByTestId('replays-drawer')
    await expect(replays.getByTestId('replay-card')).toHaveCount(2)
    await expect(page.getByTestId('notice-success')).toHaveCount(0, { timeout: 10_000 })
    await snap(page, 'replays.png')
    await page.keyboard.press('Escape')
    await expect(page.getByTestId(`tree-row-${P}/seq-test`)).toHaveAttribute(
      'data-messages',
      String(SEQ_GAPS.length),
    )

    // ---- export the whole connection as JSON Lines
    await page.getByTestId('history-scope').getByText('Connection').click()
    // with what the replays sent: each stored as sent ('out') and again as received back ('in')
    const exported = total + 2 * (1 + SEQ_GAPS.length)
    await expect(page.getByTestId('history-count')).toHaveAttribute('data-count', String(exported))
    await page.getByTestId('history-menu').click()
    await page.getByTestId('history-export').click()
    await expect(page.getByTestId('export-history-count')).toHaveAttribute('data-count', String(exported))
    const downloading = page.waitForEvent('download')
    await page.getByTestId('export-history-start').click()
    const download = await downloading
    await expect(page.getByTestId('export-history-done')).toHaveAttribute('data-count', String(exported))
    expect(download.suggestedFilename()).toMatch(/^brokerlens-lab-recorder-\d{4}-\d{2}-\d{2}\.jsonl$/)
    const jsonl = readFileSync((await download.path())!, 'utf8')
    const lines = jsonl.trim().split('\n')
    expect(lines).toHaveLength(exported)
    expect(lines.map((l) => JSON.parse(l).topic)).toContain(`${P}/camera/still`)
    await page.getByTestId('export-history-close').click()

    // ---- and import it into another profile
    await page.getByTestId('profile-item-Archive').click()
    await page.getByTestId('detail-tab-history').click()
    await page.getByTestId('history-import-file').setInputFiles({
      name: 'lab.jsonl',
      mimeType: 'application/jsonl',
      buffer: Buffer.from(`${jsonl}{"topic": "broken line"\n`),
    })
    const imported = page.getByTestId('import-history-count')
    await expect(imported).toHaveAttribute('data-state', 'done')
    await expect(imported).toHaveAttribute('data-imported', String(exported))
    await expect(page.getByTestId('import-history-errors')).toHaveAttribute('data-count', '1')
    await expect(page.getByTestId('import-history-error')).toContainText(`line ${exported + 1}`)
    await page.getByTestId('import-history-close').click()
    await expect(page.getByTestId('history-count')).toHaveAttribute('data-count', String(exported))

    // ---- clear one topic's history, told how many first
    await page.getByTestId('profile-item-Lab recorder').click()
    await page.getByTestId('detail-tab-topic').click()
    await expand(page, P)
    await expand(page, `${P}/sensors`)
    await page.getByTestId(`tree-row-${P}/sensors/kitchen`).click()
    await page.getByTestId('detail-tab-history').click()
    await expect(page.getByTestId('history-scope')).toHaveAttribute('data-value', 'topic')
    await expect(page.getByTestId('history-count')).toHaveAttribute('data-count', String(KITCHEN.length))
    await page.getByTestId('history-menu').click()
    await page.getByTestId('history-clear').click()
    await expect(page.getByTestId('clear-history-count')).toHaveAttribute(
      'data-count',
      String(KITCHEN.length),
    )
    await expect(page.getByTestId('clear-history-count')).toContainText(
      `This deletes ${KITCHEN.length} stored messages of ${P}/sensors/kitchen`,
    )
    await page.getByTestId('clear-history-confirm').click()
    await expect(page.getByTestId('clear-history-done')).toHaveAttribute(
      'data-removed',
      String(KITCHEN.length),
    )
    await page.getByTestId('clear-history-close').click()
    await expect(page.getByTestId('history-count')).toHaveAttribute('data-count', '0')
    await expect(page.getByTestId('history-empty')).toBeVisible()

    // ---- pause recording: said in the header, nothing stored meanwhile
    await page.getByTestId('history-pause').click()
    await expect(page.getByTestId('history-paused-badge')).toBeVisible()
    await pub.publishAsync(`${P}/sensors/kitchen`, JSON.stringify({ temperature: 22 }), { qos: 1 })
    await expect(page.getByTestId(`tree-row-${P}/sensors/kitchen`)).toHaveAttribute(
      'data-messages',
      String(KITCHEN.length + 1),
    )
    await page.getByTestId('history-refresh').click()
    await expect(page.getByTestId('history-count')).toHaveAttribute('data-count', '0')

    // ---- storage: size against the budget, messages, paused connections
    await page.getByTestId('storage-button').click()
    const storage = page.getByTestId('storage-popover')
    await expect(storage.getByTestId('storage-messages')).toHaveAttribute(
      'data-count',
      String(exported * 2 - KITCHEN.length),
    )
    await expect(storage.getByTestId('storage-paused')).toContainText('Lab recorder')
    await expect(storage.getByTestId('storage-used-text')).toContainText(' of ')
    await expect(page.getByTestId('notice-success')).toHaveCount(0, { timeout: 10_000 })
    await snap(page, 'history-storage.png')
    await page.keyboard.press('Escape')
    await page.getByTestId('history-paused-badge').click()
    await expect(page.getByTestId('history-paused-badge')).toBeHidden()
  } finally {
    await pub.publishAsync(`${P}/config`, '', { retain: true, qos: 1 }).catch(() => {})
    await pub.endAsync()
  }
})

test('a large import goes in chunks; the list pages as it scrolls', async ({ app: page }) => {
  const broker = testBroker('mosquitto')
  await importProfiles(
    page,
    [{ protocol: 'mqtt', name: 'Bulk', host: broker.host, port: broker.ports.plain, subscriptions: [] }],
    true,
  )
  await page.getByTestId('profile-item-Bulk').click()
  await page.getByTestId('detail-tab-history').click()
  await expect(page.getByTestId('history-count')).toHaveAttribute('data-count', '0')

  // ~3 MB of JSON Lines: more than one 2 MB chunk; a broken line in the second one
  const N = 6000
  const BROKEN = 4500
  const start = Date.UTC(2024, 5, 1, 1, 0, 0)
  const lines = Array.from({ length: N }, (_, i) =>
    i + 1 === BROKEN
      ? '{"topic": "bulk/broken", "receivedAt": "not a number", "payload": "x"}'
      : JSON.stringify({
          topic: `bulk/sensor/${i % 20}`,
          receivedAt: start + i * 1000,
          qos: 0,
          payload: JSON.stringify({ i, reading: 'x'.repeat(400) }),
        }),
  )
  const text = `${lines.join('\n')}\n`
  expect(text.length).toBeGreaterThan(2.5 * 1024 * 1024)
  await page.getByTestId('history-import-file').setInputFiles({
    name: 'bulk.jsonl',
    mimeType: 'application/jsonl',
    buffer: Buffer.from(text),
  })
  const imported = page.getByTestId('import-history-count')
  await expect(imported).toHaveAttribute('data-state', 'done')
  await expect(imported).toHaveAttribute('data-imported', String(N - 1))
  await expect(page.getByTestId('import-history-error')).toHaveCount(1)
  await expect(page.getByTestId('import-history-error')).toContainText(`line ${BROKEN}: receivedAt`)
  await page.getByTestId('import-history-close').click()
  await expect(page.getByTestId('history-count')).toHaveAttribute('data-count', String(N - 1))

  // newest first, a page at a time as the list scrolls; the DOM holds only what is on screen
  const list = page.getByTestId('history-list')
  await expect(list.getByTestId('history-hit').first()).toContainText(`bulk/sensor/${(N - 1) % 20}`)
  const loaded = async () => Number(await list.getAttribute('data-count'))
  expect(await loaded()).toBeLessThan(N - 1)
  for (let i = 0; i < 100 && (await loaded()) < N - 1; i++) {
    await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
    await page.waitForTimeout(60)
  }
  await expect(list).toHaveAttribute('data-count', String(N - 1))
  await expect(page.getByTestId('history-end')).toHaveText('No older messages')
  expect(await list.getByTestId('history-hit').count()).toBeLessThan(80)
  await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
  await expect(list.getByTestId('history-hit').last()).toContainText('bulk/sensor/0')
  await expect(list.getByTestId('history-hit').last()).toContainText('2024-06-01')

  // a looping replay of the first three seconds to a connection that is not connected yet: it waits,
  // runs once connected, passes go by, and it pauses, resumes and stops on request
  await page.getByTestId('history-filters-toggle').click()
  await page.getByTestId('history-until').fill(localDateTime(start + 2000))
  await expect(page.getByTestId('history-count')).toHaveAttribute('data-count', '3')
  await page.getByTestId('history-menu').click()
  await page.getByTestId('history-replay-filter').click()
  const dialog = page.getByTestId('replay-dialog')
  await expect(dialog.getByTestId('replay-source')).toHaveAttribute('data-count', '3')
  await expect(dialog.getByTestId('replay-target-offline')).toContainText('the replay will wait')
  await dialog.getByTestId('replay-speed-preset-10').click()
  await dialog.getByTestId('replay-loop').check()
  await dialog.getByTestId('replay-start').click()
  await expect(dialog.getByTestId('replay-card')).toHaveAttribute('data-state', 'waiting')
  await dialog.getByTestId('replay-close').click()
  await expect(page.getByTestId('replays-button')).toHaveAttribute('data-active', '1')
  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 45_000 })
  await page.getByTestId('replays-button').click()
  const card = page.getByTestId('replays-drawer').getByTestId('replay-card')
  await expect(card).toHaveAttribute('data-state', 'running')
  await expect
    .poll(async () => Number(await card.getAttribute('data-pass')), { timeout: 20_000 })
    .toBeGreaterThan(2)
  await expect(card.getByTestId('replay-figures')).toContainText('pass')
  await card.getByTestId('replay-pause').click()
  await expect(card).toHaveAttribute('data-state', 'paused')
  const sentWhilePaused = await card.getAttribute('data-sent')
  await page.waitForTimeout(600)
  await expect(card).toHaveAttribute('data-sent', sentWhilePaused!)
  await card.getByTestId('replay-resume').click()
  await expect(card).toHaveAttribute('data-state', 'running')
  await card.getByTestId('replay-stop').click()
  await expect(card).toHaveAttribute('data-state', 'stopped')
  await expect(card.getByTestId('replay-log')).toContainText('Waiting for the target')
  await expect(page.getByTestId('replays-button')).toHaveAttribute('data-active', '0')
})
