/**
 * The tree against a homelab of ~3,000 topics published by the project's fixture publisher
 * (scripts/fixtures/homelab.mjs): message and topic counts per top-level node, and retained marks,
 * exactly as the publisher's manifest says. Test ids: see topic-tree.spec.ts.
 */
import mqtt from 'mqtt'
import { publishHomelab } from '../../scripts/fixtures/homelab.mjs'
import { testBroker } from '../../test/support/brokers'
import { expect, test } from './fixtures'

test('a homelab of thousands of topics: the tree matches what was published', async ({ app: page }) => {
  test.setTimeout(180_000)
  const broker = testBroker('mosquitto')
  const prefix = `lab-${Date.now().toString(36)}`
  await page.getByTestId('welcome-import-file').setInputFiles({
    name: 'lab.json',
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
              name: 'Lab',
              host: broker.host,
              port: broker.ports.plain,
              // MQTT 5 with retain-as-published: a retained message published while we are subscribed
              // keeps its flag (on 3.1.1 the broker clears it on live delivery, so nobody can mark it).
              mqttVersion: 5,
              subscriptions: [{ filter: `${prefix}/#`, qos: 0, retainAsPublished: true }],
            },
          },
        ],
      }),
    ),
  })
  await page.getByTestId('import-result-close').click()
  await page.getByTestId('profile-item-Lab').click()
  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 45_000 })

  const pub = await mqtt.connectAsync(`mqtt://${broker.host}:${broker.ports.plain}`, { reconnectPeriod: 0 })
  let totals: { topics: number; messages: number; retained: number }
  let manifest: Awaited<ReturnType<typeof publishHomelab>>['manifest']
  try {
    const result = await publishHomelab(pub, { prefix: `${prefix}/`, once: true, qos: 1, seed: 7 })
    totals = result
    manifest = result.manifest
  } finally {
    await pub.endAsync()
  }
  expect(totals.topics).toBeGreaterThan(2000)

  const root = page.getByTestId(`tree-row-${prefix}`)
  await expect(root).toHaveAttribute('data-messages', String(totals.messages), { timeout: 30_000 })
  await root.click()
  await page.keyboard.press('ArrowRight') // expand the lab

  // Every top-level part of the lab: the subtree count the app shows is what was published below it.
  const perChild = new Map<string, number>()
  for (const [topic, entry] of manifest.topics) {
    const child = topic.slice(prefix.length + 1).split('/')[0]!
    perChild.set(child, (perChild.get(child) ?? 0) + entry.messages)
  }
  // The tree is virtualised: rows off screen are not in the page, so each is brought in by the
  // filter (an MQTT filter for its subtree, which expands its ancestors).
  const kinds = [...perChild]
    .filter(([child]) => child !== '')
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
  expect(kinds.map(([child]) => child)).toEqual(expect.arrayContaining(['zigbee2mqtt', 'homeassistant']))
  for (const [child, messages] of kinds) {
    await page.getByTestId('tree-filter').fill(`${prefix}/${child}/#`)
    await expect(page.getByTestId(`tree-row-${prefix}/${child}`)).toHaveAttribute(
      'data-messages',
      String(messages),
      {
        timeout: 15_000,
      },
    )
  }

  // Retained marks: a few retained topics and a few live ones, found through the tree's filter.
  const retained = [...manifest.topics].filter(([, e]) => e.retained).slice(0, 3)
  const live = [...manifest.topics].filter(([, e]) => !e.retained).slice(0, 3)
  const subtreeMessages = (topic: string) =>
    [...manifest.topics].reduce(
      (n, [t, e]) => (t === topic || t.startsWith(`${topic}/`) ? n + e.messages : n),
      0,
    )
  for (const [topic, entry] of [...retained, ...live]) {
    await page.getByTestId('tree-filter').fill(topic)
    const row = page.getByTestId(`tree-row-${topic}`)
    await expect(row).toHaveAttribute('data-retained', String(entry.retained), { timeout: 15_000 })
    await expect(row).toHaveAttribute('data-messages', String(subtreeMessages(topic)))
  }
  await page.getByTestId('tree-filter').fill('')
  await expect(page.getByTestId('tree-filter-count')).toHaveCount(0)
  await page.screenshot({ path: 'docs/screenshots/homelab-tree.png' })
})
