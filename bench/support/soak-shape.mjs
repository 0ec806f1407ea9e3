// The soak stream's shape, shared by its publisher (a child process) and the check of the history:
// topics soak/<area>/<device>/<metric> (ten metrics a device, a hundred devices an area: a fan-out
// like a site's sensors) and small JSON payloads that carry the message's sequence number.

export const SOAK_PREFIX = 'soak'
const METRICS = [
  'temperature',
  'humidity',
  'pressure',
  'co2',
  'power',
  'voltage',
  'current',
  'lux',
  'battery',
  'rssi',
]
const DEVICES_PER_AREA = 100

/** The i-th of the stream's topics. Message n goes to topic n % count. */
export function soakTopic(i) {
  const metric = METRICS[i % METRICS.length]
  const device = Math.floor(i / METRICS.length) % DEVICES_PER_AREA
  const area = Math.floor(i / (METRICS.length * DEVICES_PER_AREA))
  return `${SOAK_PREFIX}/area-${String(area).padStart(2, '0')}/device-${String(device).padStart(3, '0')}/${metric}`
}

/** The n-th message's payload: `{"seq":n,"value":21.43}` (a number, so the detail pane charts it). */
export function soakPayload(n) {
  return `{"seq":${n},"value":${(20 + ((n * 7919) % 1000) / 100).toFixed(2)}}`
}

const OPEN = '{"seq":'

/** The sequence number of a stored payload, or -1 when it is not one of the soak's. */
export function soakSeq(payload) {
  if (payload.length <= OPEN.length) return -1
  for (let i = 0; i < OPEN.length; i++) if (payload[i] !== OPEN.charCodeAt(i)) return -1
  let n = 0
  let digits = 0
  for (let i = OPEN.length; i < payload.length; i++) {
    const c = payload[i]
    if (c < 48 || c > 57) break
    n = n * 10 + (c - 48)
    digits++
  }
  return digits > 0 ? n : -1
}
