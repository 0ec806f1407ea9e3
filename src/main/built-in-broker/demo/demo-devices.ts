import { Drifting, type Random } from './demo-values'

/**
 * The demo homelab: what each device publishes, as plain data. No MQTT here (the publisher sends
 * it), so the shapes are checked by unit tests. Modelled on what the real things send:
 * zigbee2mqtt (bridge state, one JSON object per device, Home Assistant discovery), Tasmota plugs
 * (LWT, STATE, SENSOR, POWER), an ESPHome node (retained states, status) and plain sensors that
 * publish bare numbers.
 */

export interface DemoMessage {
  topic: string
  payload: string
  retain: boolean
}

export interface DemoDevice {
  /** The device's own MQTT client id, as the real firmware would choose it. */
  clientId: string
  /** Retained, as devices set their LWT. */
  will: { topic: string; payload: string } | null
  /** Published at every (re)connect: the birth message, retained configs and a first reading. */
  onConnect(): DemoMessage[]
  /** One live update. */
  next(): DemoMessage[]
  /** How often it reports, relative to the others. */
  weight: number
  /** Drops now and then without DISCONNECT (its will fires) and comes back. */
  flaky: boolean
}

const json = (value: unknown) => JSON.stringify(value)
const keep = (topic: string, payload: string): DemoMessage => ({ topic, payload, retain: true })
const say = (topic: string, payload: string): DemoMessage => ({ topic, payload, retain: false })

/** Local time as Tasmota writes it (no zone). */
function tasmotaTime(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000)
  return d.toISOString().slice(0, 19)
}

/** A Home Assistant MQTT discovery config for one sensor. */
export function haSensorConfig(o: {
  uniqueId: string
  name: string
  stateTopic: string
  valueTemplate?: string
  unit?: string
  deviceClass?: string
  availabilityTopic?: string
  device: { identifiers: string[]; name: string; model: string; manufacturer: string }
}): string {
  return json({
    name: o.name,
    unique_id: o.uniqueId,
    state_topic: o.stateTopic,
    ...(o.valueTemplate ? { value_template: o.valueTemplate } : {}),
    ...(o.unit ? { unit_of_measurement: o.unit } : {}),
    ...(o.deviceClass ? { device_class: o.deviceClass, state_class: 'measurement' } : {}),
    ...(o.availabilityTopic ? { availability_topic: o.availabilityTopic } : {}),
    device: o.device,
  })
}

interface ZigbeeSpec {
  name: string
  ieee: string
  model: string
  kind: 'climate' | 'motion' | 'contact'
}

const ZIGBEE: ZigbeeSpec[] = [
  { name: 'Living Room Climate', ieee: '0x00158d0001a2b3c4', model: 'WSDCGQ11LM', kind: 'climate' },
  { name: 'Bedroom Climate', ieee: '0x00158d0001a2b3c5', model: 'WSDCGQ11LM', kind: 'climate' },
  { name: 'Bathroom Climate', ieee: '0x00158d0001a2b3c6', model: 'WSDCGQ11LM', kind: 'climate' },
  { name: 'Kitchen Motion', ieee: '0x00158d0001a2b3d1', model: 'RTCGQ11LM', kind: 'motion' },
  { name: 'Front Door', ieee: '0x00158d0001a2b3e1', model: 'MCCGQ11LM', kind: 'contact' },
]

function zigbeeBridge(random: Random): DemoDevice {
  const devices = ZIGBEE.map((spec) => {
    const battery = new Drifting(random, 85, 20, 0, 5, 100)
    const lqi = new Drifting(random, 120, 80, 0, 0, 255)
    const temperature = new Drifting(random, 21, 4, 2, 10, 30)
    const humidity = new Drifting(random, 50, 20, 2, 20, 90)
    const pressure = new Drifting(random, 1013, 10, 1)
    const lux = new Drifting(random, 200, 300, 0, 0, 2000)
    let occupancy = false
    let contact = true
    const reading = (): Record<string, unknown> => {
      const common = { battery: battery.next(), linkquality: lqi.next() }
      if (spec.kind === 'climate')
        return {
          temperature: temperature.next(),
          humidity: humidity.next(),
          pressure: pressure.next(),
          ...common,
          voltage: 2900 + Math.round(common.battery * 3),
        }
      if (spec.kind === 'motion') {
        occupancy = random() < 0.3
        return { occupancy, illuminance_lux: lux.next(), ...common }
      }
      if (random() < 0.2) contact = !contact
      return { contact, ...common }
    }
    const properties =
      spec.kind === 'climate'
        ? [
            ['temperature', '°C', 'temperature'],
            ['humidity', '%', 'humidity'],
            ['battery', '%', 'battery'],
          ]
        : spec.kind === 'motion'
          ? [
              ['illuminance_lux', 'lx', 'illuminance'],
              ['battery', '%', 'battery'],
            ]
          : [['battery', '%', 'battery']]
    const topic = `zigbee2mqtt/${spec.name}`
    const configs = properties.map(([property, unit, deviceClass]) =>
      keep(
        `homeassistant/sensor/${spec.ieee}_${property}/config`,
        haSensorConfig({
          uniqueId: `${spec.ieee}_${property}_zigbee2mqtt`,
          name: property!.replace(/_/g, ' '),
          stateTopic: topic,
          valueTemplate: `{{ value_json.${property} }}`,
          unit,
          deviceClass,
          availabilityTopic: `${topic}/availability`,
          device: {
            identifiers: [`zigbee2mqtt_${spec.ieee}`],
            name: spec.name,
            model: spec.model,
            manufacturer: 'Aqara',
          },
        }),
      ),
    )
    return { spec, topic, reading, configs }
  })
  return {
    clientId: 'zigbee2mqtt_demo',
    will: { topic: 'zigbee2mqtt/bridge/state', payload: json({ state: 'offline' }) },
    weight: 4,
    flaky: false,
    onConnect: () => [
      keep('zigbee2mqtt/bridge/state', json({ state: 'online' })),
      keep(
        'zigbee2mqtt/bridge/info',
        json({
          version: '1.42.0',
          coordinator: { type: 'zStack3x0', ieee_address: '0x00124b0024c1a2b3' },
          permit_join: false,
        }),
      ),
      ...devices.flatMap((d) => [
        keep(`${d.topic}/availability`, json({ state: 'online' })),
        ...d.configs,
        say(d.topic, json(d.reading())),
      ]),
    ],
    next: () => {
      const d = devices[Math.floor(random() * devices.length)]!
      return [say(d.topic, json(d.reading()))]
    },
  }
}

interface PlugSpec {
  mac: string
  name: string
  watts: number
}

/** A Tasmota plug with power monitoring (Athom Plug V2 and the like). */
export function tasmotaPlug(random: Random, spec: PlugSpec, flaky: boolean, clock: () => number): DemoDevice {
  const dev = `tasmota_${spec.mac}`
  const power = new Drifting(random, spec.watts, spec.watts * 0.4, 0, 0)
  let on = true
  let total = 100 + Math.round(random() * 500_000) / 1000
  const uptime = 3600 + Math.floor(random() * 500_000)
  const started = clock()
  const sensor = () => {
    const watts = on ? power.next() : 0
    total = Math.round((total + watts / 3_600_000) * 1000) / 1000
    const voltage = 229 + Math.round(random() * 4)
    return json({
      Time: tasmotaTime(clock()),
      ENERGY: {
        TotalStartTime: '2024-01-07T10:21:34',
        Total: total,
        Power: watts,
        ApparentPower: Math.round(watts * 1.08),
        Factor: watts > 0 ? 0.92 : 0,
        Voltage: voltage,
        Current: Math.round((watts / voltage) * 1000) / 1000,
      },
    })
  }
  const state = () =>
    json({
      Time: tasmotaTime(clock()),
      UptimeSec: uptime + Math.floor((clock() - started) / 1000),
      Heap: 24 + Math.floor(random() * 4),
      POWER: on ? 'ON' : 'OFF',
      Wifi: {
        AP: 1,
        SSId: 'homelab-iot',
        Channel: 6,
        RSSI: 50 + Math.floor(random() * 40),
        Signal: -80 + Math.floor(random() * 30),
      },
    })
  return {
    // Tasmota's default client id: DVES_ and the last six hex digits of the MAC.
    clientId: `DVES_${spec.mac}`,
    will: { topic: `tele/${dev}/LWT`, payload: 'Offline' },
    weight: 2,
    flaky,
    onConnect: () => {
      return [
        keep(`tele/${dev}/LWT`, 'Online'),
        keep(
          `homeassistant/sensor/${dev}_power/config`,
          haSensorConfig({
            uniqueId: `${dev}_ENERGY_Power`,
            name: `${spec.name} power`,
            stateTopic: `tele/${dev}/SENSOR`,
            valueTemplate: '{{ value_json.ENERGY.Power }}',
            unit: 'W',
            deviceClass: 'power',
            availabilityTopic: `tele/${dev}/LWT`,
            device: {
              identifiers: [spec.mac],
              name: spec.name,
              model: 'Athom Plug V2',
              manufacturer: 'Tasmota',
            },
          }),
        ),
        say(`stat/${dev}/POWER`, on ? 'ON' : 'OFF'),
        say(`tele/${dev}/STATE`, state()),
        say(`tele/${dev}/SENSOR`, sensor()),
      ]
    },
    next: () => {
      const r = random()
      if (r < 0.8) return [say(`tele/${dev}/SENSOR`, sensor())]
      if (r < 0.95) return [say(`tele/${dev}/STATE`, state())]
      on = !on
      return [
        say(`stat/${dev}/RESULT`, json({ POWER: on ? 'ON' : 'OFF' })),
        say(`stat/${dev}/POWER`, on ? 'ON' : 'OFF'),
      ]
    },
  }
}

/** An ESPHome node: retained sensor states under <node>/sensor/<name>/state, and <node>/status. */
function esphomeNode(random: Random): DemoDevice {
  const node = 'esp-greenhouse'
  const sensors = [
    { name: 'temperature', unit: '°C', cls: 'temperature', value: new Drifting(random, 24, 6, 1) },
    { name: 'humidity', unit: '%', cls: 'humidity', value: new Drifting(random, 65, 20, 1, 30, 100) },
    { name: 'soil_moisture', unit: '%', cls: 'moisture', value: new Drifting(random, 40, 20, 0, 0, 100) },
    { name: 'wifi_signal', unit: 'dBm', cls: 'signal_strength', value: new Drifting(random, -62, 12, 0) },
  ]
  const device = { identifiers: ['a4cf12e3b901'], name: node, model: 'esp32dev', manufacturer: 'espressif' }
  return {
    clientId: node,
    will: { topic: `${node}/status`, payload: 'offline' },
    weight: 2,
    flaky: false,
    onConnect: () => [
      keep(`${node}/status`, 'online'),
      ...sensors.flatMap((s) => [
        keep(
          `homeassistant/sensor/${node}/${s.name}/config`,
          haSensorConfig({
            uniqueId: `ESPsensor${node}${s.name}`,
            name: s.name.replace(/_/g, ' '),
            stateTopic: `${node}/sensor/${s.name}/state`,
            unit: s.unit,
            deviceClass: s.cls,
            availabilityTopic: `${node}/status`,
            device,
          }),
        ),
        keep(`${node}/sensor/${s.name}/state`, String(s.value.next())),
      ]),
    ],
    next: () => {
      const s = sensors[Math.floor(random() * sensors.length)]!
      return [keep(`${node}/sensor/${s.name}/state`, String(s.value.next()))]
    },
  }
}

/** Home-made sensors that publish bare numbers, one topic per reading. */
function roomSensors(random: Random): DemoDevice {
  const rooms = ['living-room', 'kitchen', 'office', 'bedroom'].map((room) => ({
    room,
    temperature: new Drifting(random, 21, 4, 1),
    humidity: new Drifting(random, 48, 16, 0, 20, 90),
  }))
  const reading = (r: (typeof rooms)[number]) => [
    say(`home/${r.room}/temperature`, String(r.temperature.next())),
    say(`home/${r.room}/humidity`, String(r.humidity.next())),
  ]
  return {
    clientId: 'room-sensors',
    will: null,
    weight: 2,
    flaky: false,
    onConnect: () => rooms.flatMap(reading),
    next: () => reading(rooms[Math.floor(random() * rooms.length)]!),
  }
}

/** Every device of the demo; exactly one of them is flaky. */
export function demoDevices(random: Random = Math.random, clock: () => number = Date.now): DemoDevice[] {
  return [
    zigbeeBridge(random),
    tasmotaPlug(random, { mac: 'A1B2C3', name: 'Desk Plug', watts: 45 }, false, clock),
    tasmotaPlug(random, { mac: 'D4E5F6', name: 'Washing Machine', watts: 450 }, false, clock),
    tasmotaPlug(random, { mac: 'F1A2B3', name: 'Garage Freezer', watts: 90 }, true, clock),
    esphomeNode(random),
    roomSensors(random),
  ]
}

/** Picks a device by weight. */
export function pickByWeight<T extends { weight: number }>(items: readonly T[], random: Random): T {
  const total = items.reduce((sum, i) => sum + i.weight, 0)
  let r = random() * total
  for (const item of items) {
    r -= item.weight
    if (r < 0) return item
  }
  return items[items.length - 1]!
}
