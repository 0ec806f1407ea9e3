import { describe, expect, it } from 'vitest'
import {
  addRow,
  jsonHeadersToRows,
  newRow,
  removeRow,
  rowsToJsonHeaders,
  rowsToKafkaHeaders,
  rowsToUserProperties,
  updateRow,
} from './kv-rows'

describe('key/value rows', () => {
  it('adds, updates and removes rows by id, each with an id of its own', () => {
    let rows = addRow(addRow([]))
    expect(rows).toHaveLength(2)
    expect(rows[0]!.id).not.toBe(rows[1]!.id)
    rows = updateRow(rows, rows[1]!.id, { key: 'unit', value: '°C' })
    expect(rows[1]).toMatchObject({ key: 'unit', value: '°C' })
    expect(rows[0]).toMatchObject({ key: '', value: '' })
    rows = removeRow(rows, rows[0]!.id)
    expect(rows.map((r) => r.key)).toEqual(['unit'])
  })

  it('turns user property rows into pairs in order, repeats and empty values kept, blank rows skipped', () => {
    const r = rowsToUserProperties([newRow('a', '1'), newRow('', ''), newRow('a', '2'), newRow('b', '')])
    expect(r).toEqual({
      ok: true,
      value: [
        ['a', '1'],
        ['a', '2'],
        ['b', ''],
      ],
    })
  })

  it('names the user property row that has a value but no name', () => {
    const bad = newRow('', 'orphan')
    const r = rowsToUserProperties([newRow('a', '1'), bad])
    expect(r).toEqual({ ok: false, errors: { [bad.id]: 'A user property needs a name' } })
  })

  it('parses AMQP header values as JSON', () => {
    const r = rowsToJsonHeaders([
      newRow('s', '"text"'),
      newRow('n', '42'),
      newRow('b', 'true'),
      newRow('z', 'null'),
      newRow('o', '{"a":[1,2]}'),
      newRow('', ''),
    ])
    expect(r).toEqual({ ok: true, value: { s: 'text', n: 42, b: true, z: null, o: { a: [1, 2] } } })
  })

  it('refuses header values that are not JSON, duplicate names and missing values, per row', () => {
    const bare = newRow('x-user', 'alice')
    const dup1 = newRow('k', '1')
    const dup2 = newRow('k', '2')
    const empty = newRow('e', ' ')
    const nameless = newRow('', '3')
    const r = rowsToJsonHeaders([bare, dup1, dup2, empty, nameless])
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors[bare.id]).toBe('“x-user” is not JSON: put text in quotes, e.g. "alice"')
    expect(r.errors[dup1.id]).toBeUndefined()
    expect(r.errors[dup2.id]).toMatch(/already set above/)
    expect(r.errors[empty.id]).toMatch(/needs a JSON value/)
    expect(r.errors[nameless.id]).toBe('A header needs a name')
  })

  it('shows a header table as rows of JSON text, which parse back to the same table', () => {
    const headers = { s: 'text', n: 1.5, list: ['a', 2], nested: { b: false } }
    const rows = jsonHeadersToRows(headers)
    expect(rows.map((r) => [r.key, r.value])).toEqual([
      ['s', '"text"'],
      ['n', '1.5'],
      ['list', '["a",2]'],
      ['nested', '{"b":false}'],
    ])
    expect(rowsToJsonHeaders(rows)).toEqual({ ok: true, value: headers })
  })

  it('encodes Kafka header values as UTF-8, names may repeat', () => {
    const r = rowsToKafkaHeaders([newRow('trace', 'é'), newRow('trace', '')])
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.map(([k, v]) => [k, [...v]])).toEqual([
      ['trace', [0xc3, 0xa9]],
      ['trace', []],
    ])
  })
})
