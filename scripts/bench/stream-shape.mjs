// The shape of the benchmark stream, shared by the publisher and the subscribers that check it:
// topics of depth 5 below a prefix (site/building/floor/room/sensor) and small payloads as homelab
// devices send them (a plain number, or a little JSON object).

/**
 * `count` distinct topics: `deep` ones like bench/site0/building1/floor3/room07/temperature4, or
 * `flat` ones, all children of the prefix (busy/sensor-0042), which puts them all in one tree level.
 */
export function benchTopics(prefix, count, shape = 'deep') {
  if (shape === 'flat') {
    const width = String(count - 1).length
    return Array.from({ length: count }, (_, i) => `${prefix}/sensor-${String(i).padStart(width, '0')}`)
  }
  const kinds = ['temperature', 'humidity', 'co2', 'power', 'motion', 'lux', 'voltage', 'door']
  const topics = []
  for (let i = 0; i < count; i++) {
    const sensor = i % 10
    const room = Math.floor(i / 10) % 25
    const floor = Math.floor(i / 250) % 4
    const building = Math.floor(i / 1000) % 5
    const site = Math.floor(i / 5000)
    const kind = kinds[(i * 7) % kinds.length]
    topics.push(
      `${prefix}/site${site}/building${building}/floor${floor}/room${String(room).padStart(2, '0')}/${kind}${sensor}`,
    )
  }
  return topics
}

/** The n-th payload: about half plain numbers ("21.43"), half small JSON (40-70 bytes). */
export function benchPayload(n) {
  const v = (20 + ((n * 7919) % 1000) / 100).toFixed(2)
  if (n % 2 === 0) return v
  return `{"temperature":${v},"humidity":${40 + (n % 30)},"battery":${100 - (n % 60)},"linkquality":${n % 255}}`
}
