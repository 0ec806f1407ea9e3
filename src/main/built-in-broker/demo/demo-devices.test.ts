import { describe, expect, it } from 'vitest'
import { demoDevices, pickByWeight, type DemoMessage } from './demo-devices'
import { Drifting } from './demo-values'

/** A fixed, repeatable sequence in [0, 1). */
function sequence(seed = 1): () => number {
  let x = seed
  return () => {
    x = (x * 16807) % 2147483647
    return (x - 1) / 2147483646
  }
}

const devices = () => demoDevices(sequence(), () => Date.UTC(2025, 5, 1, 12))
const allFirst = (): DemoMessage[] => devices().flatMap((d) => d.onConnect())
const json = (m: DemoMessage | undefined) => JSON.parse(m!.payload) as Record<string, unknown>

describe('the demo homelab', () => {
  it('announces a full tree at connect: retained bridge state, LWTs, discovery configs and readings', () => {
    const first = allFirst()
    const byTopic = new Map(first.map((m) => [m.topic, m]))
    expect(byTopic.get('zigbee2mqtt/bridge/state')).toEqual({
      topic: 'zigbee2mqtt/bridge/state',
      payload: '{"state":"online"}',
      retain: true,
    })
    for (const dev of ['tasmota_A1B2C3', 'tasmota_D4E5F6', 'tasmota_F1A2B3'])
      expect(byTopic.get(`tele/${dev}/LWT`)).toEqual({
        topic: `tele/${dev}/LWT`,
        payload: 'Online',
        retain: true,
      })
    const roots = new Set(first.map((m) => m.topic.split('/')[0]))
    expect([...roots].sort()).toEqual([
      'esp-greenhouse',
      'home',
      'homeassistant',
      'stat',
      'tele',
      'zigbee2mqtt',
    ])
    expect(first.filter((m) => m.topic.startsWith('homeassistant/')).every((m) => m.retain)).toBe(true)
  })

  it('shapes zigbee2mqtt climate readings as zigbee2mqtt does', () => {
    const reading = json(allFirst().find((m) => m.topic === 'zigbee2mqtt/Living Room Climate'))
    expect(reading).toMatchObject({
      temperature: expect.any(Number),
      humidity: expect.any(Number),
      battery: expect.any(Number),
      linkquality: expect.any(Number),
    })
    expect(reading.temperature).toBeGreaterThanOrEqual(10)
    expect(reading.temperature).toBeLessThanOrEqual(30)
    expect(reading.linkquality).toBeGreaterThanOrEqual(0)
    expect(reading.linkquality).toBeLessThanOrEqual(255)
  })

  it('points every Home Assistant discovery config at a topic the demo publishes', () => {
    const first = allFirst()
    const topics = new Set(first.map((m) => m.topic))
    const configs = first.filter((m) => /^homeassistant\/sensor\/.+\/config$/.test(m.topic))
    expect(configs.length).toBeGreaterThanOrEqual(10)
    for (const c of configs) {
      const config = json(c)
      expect(config).toMatchObject({ unique_id: expect.any(String), name: expect.any(String) })
      expect(topics.has(config.state_topic as string), `${c.topic} → ${String(config.state_topic)}`).toBe(
        true,
      )
    }
  })

  it('publishes Tasmota telemetry in Tasmota’s shapes', () => {
    const first = allFirst()
    const sensor = json(first.find((m) => m.topic === 'tele/tasmota_A1B2C3/SENSOR'))
    expect(sensor).toMatchObject({ Time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/) })
    expect(sensor.ENERGY).toMatchObject({
      Power: expect.any(Number),
      Voltage: expect.any(Number),
      Total: expect.any(Number),
    })
    expect(json(first.find((m) => m.topic === 'tele/tasmota_A1B2C3/STATE'))).toMatchObject({ POWER: 'ON' })
    expect(first.find((m) => m.topic === 'stat/tasmota_A1B2C3/POWER')?.payload).toBe('ON')
  })

  it('sends plain numbers on home/<room>/… and ESPHome states as text', () => {
    const first = allFirst()
    const plain = first.filter((m) => m.topic.startsWith('home/'))
    expect(plain.map((m) => m.topic)).toContain('home/kitchen/temperature')
    for (const m of plain) expect(m.payload).toMatch(/^-?\d+(\.\d)?$/)
    const esp = first.find((m) => m.topic === 'esp-greenhouse/sensor/temperature/state')
    expect(esp).toMatchObject({ retain: true, payload: expect.stringMatching(/^-?\d+(\.\d)?$/) })
  })

  it('has exactly one flaky device, with a retained Offline will on its LWT topic', () => {
    const list = devices()
    const flaky = list.filter((d) => d.flaky)
    expect(flaky.map((d) => d.clientId)).toEqual(['DVES_F1A2B3'])
    expect(flaky[0]!.will).toEqual({ topic: 'tele/tasmota_F1A2B3/LWT', payload: 'Offline' })
    expect(new Set(list.map((d) => d.clientId)).size).toBe(list.length)
  })

  it('keeps sending readings of the same shapes', () => {
    for (const d of devices()) {
      for (let i = 0; i < 50; i++) {
        for (const m of d.next()) {
          expect(m.topic).not.toMatch(/[#+]/)
          if (m.topic.startsWith('zigbee2mqtt/')) expect(json(m)).toHaveProperty('linkquality')
        }
      }
    }
  })
})

describe('demo helpers', () => {
  it('picks by weight', () => {
    const items = [
      { name: 'rare', weight: 1 },
      { name: 'often', weight: 9 },
    ]
    const random = sequence(7)
    const counts = { rare: 0, often: 0 }
    for (let i = 0; i < 2000; i++) counts[pickByWeight(items, random).name as 'rare' | 'often']++
    expect(counts.often).toBeGreaterThan(counts.rare * 5)
  })

  it('drifts around its mean within its bounds, rounded', () => {
    const d = new Drifting(sequence(3), 50, 40, 1, 20, 90)
    const values = Array.from({ length: 5000 }, () => d.next())
    expect(Math.min(...values)).toBeGreaterThanOrEqual(20)
    expect(Math.max(...values)).toBeLessThanOrEqual(90)
    expect(values.every((v) => Math.round(v * 10) === v * 10)).toBe(true)
    const mean = values.reduce((a, b) => a + b, 0) / values.length
    expect(Math.abs(mean - 50)).toBeLessThan(10)
  })
})
