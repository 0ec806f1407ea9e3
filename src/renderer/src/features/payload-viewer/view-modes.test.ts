import { describe, expect, it } from 'vitest'
import { rememberedView, rememberView, VIEW_STORAGE_KEY } from './view-memory'
import { bestView, pickView, viewsFor } from './view-modes'

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial))
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    data,
  }
}

describe('view modes', () => {
  it('opens JSON as a tree, text and numbers as text, bytes as hex', () => {
    expect(bestView('json')).toBe('tree')
    expect(bestView('text')).toBe('text')
    expect(bestView('number')).toBe('text')
    expect(bestView('binary')).toBe('hex')
  })

  it('offers the tree for JSON only, every decoder for every payload, nothing for an empty one', () => {
    expect(viewsFor('json')).toEqual(['tree', 'text', 'hex', 'base64', 'msgpack', 'cbor', 'protobuf'])
    expect(viewsFor('binary')).toEqual(['text', 'hex', 'base64', 'msgpack', 'cbor', 'protobuf'])
    expect(viewsFor('empty')).toEqual([])
  })

  it("keeps the user's choice while it fits the payload", () => {
    expect(pickView('json', 'hex')).toBe('hex')
    expect(pickView('binary', 'tree')).toBe('hex')
    expect(pickView('text', null)).toBe('text')
  })
})

describe('view memory', () => {
  it('remembers the last view per kind of payload', () => {
    const s = memoryStorage()
    expect(rememberedView(s, 'binary')).toBeNull()
    rememberView(s, 'binary', 'protobuf')
    rememberView(s, 'json', 'text')
    expect(rememberedView(s, 'binary')).toBe('protobuf')
    expect(rememberedView(s, 'json')).toBe('text')
    expect(rememberedView(s, 'text')).toBeNull()
  })

  it('ignores what it cannot read and storage that refuses', () => {
    expect(
      rememberedView(memoryStorage({ [VIEW_STORAGE_KEY]: '{"binary":"pictures"}' }), 'binary'),
    ).toBeNull()
    expect(rememberedView(memoryStorage({ [VIEW_STORAGE_KEY]: 'not json' }), 'binary')).toBeNull()
    expect(rememberedView(null, 'binary')).toBeNull()
    const refusing = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
    }
    expect(() => rememberView(refusing, 'json', 'text')).not.toThrow()
  })
})
