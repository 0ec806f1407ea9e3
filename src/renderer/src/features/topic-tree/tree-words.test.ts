import { describe, expect, it } from 'vitest'
import { treeWords } from './tree-words'

describe('tree words', () => {
  it('keeps the MQTT tree as it was: retained clearing and MQTT filters', () => {
    const w = treeWords('mqtt')
    expect(w.retained).toBe(true)
    expect(w.filterPlaceholder).toBe('Filter: text, or an MQTT filter like zigbee2mqtt/+')
    expect(w.patternNote.label).toBe('MQTT filter')
    expect(w.leaf(2)).toBe('topics')
  })

  it('offers no retained clearing and names partitions for Kafka', () => {
    const w = treeWords('kafka')
    expect(w.retained).toBe(false)
    expect(w.filterPlaceholder).toBe('Filter: text, or a pattern like orders/+')
    expect(w.patternNote.label).not.toContain('MQTT')
    expect(w.leaf(1)).toBe('partition')
    expect(w.leaf(3)).toBe('partitions')
  })

  it('offers no retained clearing for AMQP either', () => {
    expect(treeWords('amqp').retained).toBe(false)
    expect(treeWords('amqp').filterPlaceholder).not.toContain('MQTT')
  })
})
