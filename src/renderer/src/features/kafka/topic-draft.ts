import { KAFKA_TOPIC_PATTERN } from '../../../../shared/publish'
import { isBlank, type KvRow, type RowErrors } from '../publish/kv-rows'

/**
 * The "create topic" form: what was typed, checked as the contract and the brokers would check it,
 * so the user reads the reason beside the field instead of the broker's error after sending.
 */

export interface TopicDraft {
  name: string
  partitions: number | string
  /** Empty: the brokers' default (default.replication.factor). */
  replicationFactor: number | string
  configs: KvRow[]
}

export interface NewTopic {
  name: string
  partitions: number
  replicationFactor: number
  configs: Record<string, string>
}

export interface TopicDraftErrors {
  name?: string
  partitions?: string
  replicationFactor?: string
  configs: RowErrors
}

/** Kafka names metrics with '.' turned into '_': two names equal after that cannot both exist. */
function metricName(name: string): string {
  return name.replaceAll('.', '_')
}

export function topicNameError(name: string, existing: readonly string[]): string | undefined {
  if (name === '') return 'A name is required'
  if (name.length > 249) return 'At most 249 characters'
  if (!KAFKA_TOPIC_PATTERN.test(name)) return 'Only a-z A-Z 0-9 . _ - are allowed'
  if (name === '.' || name === '..') return 'Not “.” or “..”'
  if (existing.includes(name)) return 'A topic of that name exists'
  const clash = existing.find((t) => metricName(t) === metricName(name))
  if (clash !== undefined) return `Collides with “${clash}”: Kafka treats . and _ alike in metric names`
  return undefined
}

function wholeNumber(v: number | string): number | null {
  if (typeof v === 'number') return Number.isInteger(v) ? v : null
  const t = v.trim()
  return /^-?\d+$/.test(t) ? Number(t) : null
}

export function checkTopicDraft(
  draft: TopicDraft,
  ctx: { existing: readonly string[]; brokers: number | null },
): { ok: true; topic: NewTopic } | { ok: false; errors: TopicDraftErrors } {
  const errors: TopicDraftErrors = { configs: {} }
  const name = draft.name.trim()
  errors.name = topicNameError(name, ctx.existing)

  const partitions = wholeNumber(draft.partitions)
  if (partitions === null || partitions < 1 || partitions > 100_000)
    errors.partitions = 'A whole number from 1 to 100,000'

  let replicationFactor = -1
  if (String(draft.replicationFactor).trim() !== '') {
    const rf = wholeNumber(draft.replicationFactor)
    if (rf === null || rf < 1 || rf > 32_767) errors.replicationFactor = 'A whole number from 1, or empty'
    else if (ctx.brokers !== null && rf > ctx.brokers)
      errors.replicationFactor = `At most ${ctx.brokers}: the cluster has ${ctx.brokers} broker${ctx.brokers === 1 ? '' : 's'}`
    else replicationFactor = rf
  }

  const configs: Record<string, string> = {}
  for (const row of draft.configs) {
    if (isBlank(row)) continue
    const key = row.key.trim()
    if (key === '') errors.configs[row.id] = 'A config name is required'
    else if (key.length > 255) errors.configs[row.id] = 'At most 255 characters'
    else if (!/^[a-z0-9.]+$/i.test(key)) errors.configs[row.id] = 'Config names are like retention.ms'
    else if (key in configs) errors.configs[row.id] = `“${key}” is given twice`
    else if (row.value.length > 10_000) errors.configs[row.id] = 'At most 10,000 characters'
    else configs[key] = row.value
  }

  const failed =
    errors.name !== undefined ||
    errors.partitions !== undefined ||
    errors.replicationFactor !== undefined ||
    Object.keys(errors.configs).length > 0
  if (failed || partitions === null) return { ok: false, errors }
  return { ok: true, topic: { name, partitions, replicationFactor, configs } }
}
