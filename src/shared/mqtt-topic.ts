/**
 * MQTT topic names and filters, to the letter of MQTT 3.1.1 §4.7 and 5.0 §4.7: levels split on '/',
 * empty levels are real levels ("a//b" has three, "/a" starts with an empty one), '+' matches one
 * whole level, '#' the rest (including the parent level itself), and filters starting with a
 * wildcard never match topics starting with '$' (such as $SYS).
 */

/** Longest topic the protocol can carry: a UTF-8 string with a 16-bit length prefix. */
export const MAX_TOPIC_BYTES = 65535

const encoder = new TextEncoder()

export function topicLevels(topic: string): string[] {
  return topic.split('/')
}

/** Why a topic cannot be published to, or null when it can. */
export function topicNameError(topic: string): string | null {
  if (topic.length === 0) return 'Topic must not be empty'
  if (topic.includes('+') || topic.includes('#')) return 'Topic must not contain the wildcards + or #'
  if (topic.includes('\u0000')) return 'Topic must not contain the null character'
  if (encoder.encode(topic).length > MAX_TOPIC_BYTES) return `Topic is longer than ${MAX_TOPIC_BYTES} bytes`
  return null
}

/** Why a subscription filter is malformed, or null when it is valid. */
export function topicFilterError(filter: string): string | null {
  if (filter.length === 0) return 'Filter must not be empty'
  if (filter.includes('\u0000')) return 'Filter must not contain the null character'
  if (encoder.encode(filter).length > MAX_TOPIC_BYTES) return `Filter is longer than ${MAX_TOPIC_BYTES} bytes`
  const levels = topicLevels(filter)
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] ?? ''
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
      return "'#' must be a whole level and the last one"
    }
    if (level.includes('+') && level !== '+') return "'+' must be a whole level"
  }
  return null
}

export function isWildcardFilter(filter: string): boolean {
  return filter.includes('+') || filter.includes('#')
}

/** Whether `topic` (a topic name) matches `filter` (a valid topic filter). */
export function topicMatches(filter: string, topic: string): boolean {
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false
  const f = topicLevels(filter)
  const t = topicLevels(topic)
  for (let i = 0; i < f.length; i++) {
    const level = f[i]
    if (level === '#') return true
    if (i >= t.length) return false
    if (level !== '+' && level !== t[i]) return false
  }
  return f.length === t.length
}
