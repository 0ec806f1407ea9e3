/**
 * The guide's MicroPython program for a Raspberry Pi Pico W (or an ESP32) with a DHT22: joins the
 * Wi-Fi, connects to the built-in broker with umqtt.simple, sets a retained `offline` will on
 * `pico/status`, says `online` there, and publishes the temperature and humidity as plain numbers
 * every 5 s — the topics the app's device view and charts understand at once.
 */

export interface SnippetInput {
  host: string
  port: number
  /** Empty: the broker takes anyone, so the program sends no credentials. */
  username: string
  /**
   * The password when the app knows it (typed in this window); null when one is set but the app
   * cannot show it (it is kept encrypted), in which case the program says where to type it.
   */
  password: string | null
  passwordSet: boolean
  wifiName: string
  wifiPassword: string
}

/** Seconds between readings: a DHT22 gives a new one every 2 s at best. */
export const READING_INTERVAL_S = 5
/** umqtt.simple pings nothing by itself: a keepalive well above the interval keeps it connected. */
export const SNIPPET_KEEPALIVE_S = 30

/**
 * A Python string literal for any text: backslashes, quotes and control characters escaped, other
 * characters kept (MicroPython reads its source as UTF-8).
 */
export function pyString(text: string): string {
  let out = '"'
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0
    if (ch === '\\') out += '\\\\'
    else if (ch === '"') out += '\\"'
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`
    else out += ch
  }
  return `${out}"`
}

function credentials(input: SnippetInput): string[] {
  if (input.username === '') return ['USER = None  # the broker asks for no user name', 'PASSWORD = None']
  const password =
    input.password !== null
      ? pyString(input.password)
      : input.passwordSet
        ? '""  # the broker’s password (Brokerlens keeps it encrypted and cannot show it)'
        : 'None'
  return [`USER = ${pyString(input.username)}`, `PASSWORD = ${password}`]
}

export function micropythonSnippet(input: SnippetInput): string {
  const wifiName = input.wifiName === '' ? '""  # your Wi-Fi’s name' : pyString(input.wifiName)
  const wifiPassword =
    input.wifiName === '' && input.wifiPassword === ''
      ? '""  # and its password'
      : pyString(input.wifiPassword)
  return [
    '# Pico W + DHT22 -> the Brokerlens built-in broker (MicroPython, umqtt.simple)',
    'import time',
    'import dht',
    'import machine',
    'import network',
    'import ubinascii',
    'from umqtt.simple import MQTTClient',
    '',
    `WIFI_NAME = ${wifiName}`,
    `WIFI_PASSWORD = ${wifiPassword}`,
    `BROKER = ${pyString(input.host)}`,
    `PORT = ${input.port}`,
    ...credentials(input),
    'CLIENT_ID = b"pico-w-" + ubinascii.hexlify(machine.unique_id())',
    'SENSOR_PIN = 15  # the GPIO the DHT22’s data line is on',
    '',
    'wlan = network.WLAN(network.STA_IF)',
    'wlan.active(True)',
    'wlan.connect(WIFI_NAME, WIFI_PASSWORD)',
    'while not wlan.isconnected():',
    '    time.sleep(0.5)',
    '',
    'sensor = dht.DHT22(machine.Pin(SENSOR_PIN))',
    'client = MQTTClient(CLIENT_ID, BROKER, port=PORT, user=USER, password=PASSWORD,',
    `                    keepalive=${SNIPPET_KEEPALIVE_S})`,
    '# if the Pico goes silent, the broker publishes this for it',
    'client.set_last_will(b"pico/status", b"offline", retain=True)',
    'client.connect()',
    'client.publish(b"pico/status", b"online", retain=True)',
    '',
    'while True:',
    '    sensor.measure()',
    '    client.publish(b"pico/temperature/dht22", str(sensor.temperature()).encode())',
    '    client.publish(b"pico/humidity/dht22", str(sensor.humidity()).encode())',
    `    time.sleep(${READING_INTERVAL_S})`,
    '',
  ].join('\n')
}
