import { describe, expect, it } from 'vitest'
import type { SavedPayloadSummary } from '../../../../shared/saved-payloads'
import { buildSavedRows, folderPaths, idsByFolder } from './saved-rows'

let nextId = 1
function p(folder: string, name: string, topic = 't'): SavedPayloadSummary {
  return {
    id: nextId++,
    folder,
    name,
    protocol: 'mqtt',
    topic,
    qos: 0,
    retain: false,
    properties: null,
    amqp: null,
    kafka: null,
    note: '',
    size: 2,
    createdAt: 0,
    updatedAt: 0,
    preview: '{}',
    previewTruncated: false,
  }
}

const list = [
  p('', 'loose'),
  p('lights/kitchen', 'on', 'prod/light/1'),
  p('lights/kitchen', 'off'),
  p('lights', 'all off'),
  p('alarms', 'siren 10'),
  p('alarms', 'siren 9'),
]
const show = (rows: ReturnType<typeof buildSavedRows>) =>
  rows.map((r) =>
    r.kind === 'folder'
      ? `${'  '.repeat(r.depth)}${r.open ? '▾' : '▸'} ${r.name} (${r.count})`
      : `${'  '.repeat(r.depth)}${r.payload.name}`,
  )

describe('saved payload rows', () => {
  it('nests folders, sub-folders before payloads, names in natural order', () => {
    expect(show(buildSavedRows(list, new Set()))).toEqual([
      '▾ alarms (2)',
      '  siren 9',
      '  siren 10',
      '▾ lights (3)',
      '  ▾ kitchen (2)',
      '    off',
      '    on',
      '  all off',
      'loose',
    ])
  })

  it('hides what a collapsed folder holds', () => {
    expect(show(buildSavedRows(list, new Set(['lights'])))).toEqual([
      '▾ alarms (2)',
      '  siren 9',
      '  siren 10',
      '▸ lights (3)',
      'loose',
    ])
  })

  it('searches names, topics and folders, opening the way', () => {
    expect(show(buildSavedRows(list, new Set(['lights', 'lights/kitchen']), 'PROD/light'))).toEqual([
      '▾ lights (1)',
      '  ▾ kitchen (1)',
      '    on',
    ])
  })

  it('lists folders for the picker and the ids of a folder', () => {
    expect(folderPaths(list)).toEqual(['alarms', 'lights', 'lights/kitchen'])
    const byFolder = idsByFolder(list)
    expect(byFolder.get('lights')).toHaveLength(3)
    expect(byFolder.get('lights/kitchen')).toHaveLength(2)
    expect(byFolder.has('')).toBe(false)
  })
})
