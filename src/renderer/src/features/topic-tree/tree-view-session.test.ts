import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Api, ApiEvent } from '../../../../shared/api'
import type { TreeViewRequest } from '../../../../shared/topic-tree'
import { createTreeViewStore } from '../../stores/tree-view-store'
import { delta, node, snapshot } from './node-fixture'
import { RESEARCH_MS, startTreeViewSession, VIEW_DEBOUNCE_MS } from './tree-view-session'

function fakeApi() {
  const listeners = new Set<(e: ApiEvent) => void>()
  const calls: TreeViewRequest[] = []
  const closed: string[] = []
  const api = {
    setTreeView: vi.fn(async (req: TreeViewRequest) => {
      calls.push(req)
      return snapshot([{ parent: null, nodes: [node('a', { children: 1 })] }], req.viewId)
    }),
    searchTopics: vi.fn(async ({ query }: { query: string }) => ({
      paths: [`deep/down/${query}`],
      truncated: false,
    })),
    closeTreeView: vi.fn(async ({ viewId }: { viewId: string }) => {
      closed.push(viewId)
      return null
    }),
    onEvent(l: (e: ApiEvent) => void) {
      listeners.add(l)
      return () => listeners.delete(l)
    },
  }
  return {
    api: api as unknown as Api,
    calls,
    closed,
    emit: (e: ApiEvent) => listeners.forEach((l) => l(e)),
    listeners,
  }
}

describe('tree view session', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('opens the view, coalesces quick changes into one call, closes on leave', async () => {
    const fake = fakeApi()
    const store = createTreeViewStore('p1', 'v1')
    const session = startTreeViewSession(store, fake.api)
    await vi.runAllTimersAsync()
    expect(fake.calls).toHaveLength(1)
    expect(store.getState().rows.map((r) => r.path)).toEqual(['a'])

    store.getState().setExpanded('a', true)
    store.getState().select('a')
    store.getState().select('b')
    await vi.advanceTimersByTimeAsync(VIEW_DEBOUNCE_MS + 1)
    expect(fake.calls).toHaveLength(2)
    expect(fake.calls[1]).toMatchObject({ expanded: ['a'], selected: 'b' })

    session.close()
    expect(fake.closed).toEqual(['v1'])
    expect(fake.listeners.size).toBe(0)
  })

  it('takes deltas of its own view only', async () => {
    const fake = fakeApi()
    const store = createTreeViewStore('p1', 'v1')
    startTreeViewSession(store, fake.api)
    await vi.runAllTimersAsync()
    fake.emit(delta([node('mine')], [], 'v1'))
    fake.emit(delta([node('theirs')], [], 'v2'))
    expect(store.getState().rows.map((r) => r.path)).toEqual(['a', 'mine'])
  })

  it('reopens even when nothing changed, and reports failures', async () => {
    const fake = fakeApi()
    const store = createTreeViewStore('p1', 'v1')
    const session = startTreeViewSession(store, fake.api)
    await vi.runAllTimersAsync()
    session.reopen()
    await vi.runAllTimersAsync()
    expect(fake.calls).toHaveLength(2)
    ;(fake.api.setTreeView as ReturnType<typeof vi.fn>).mockRejectedValueOnce(new Error('host gone'))
    session.reopen()
    await vi.runAllTimersAsync()
    expect(store.getState().error).toBe('host gone')
  })

  it('asks the core which topics match a filter, and again as topics appear', async () => {
    const fake = fakeApi()
    const store = createTreeViewStore('p1', 'v1')
    startTreeViewSession(store, fake.api)
    await vi.runAllTimersAsync()
    store.getState().setFilter('dht22')
    await vi.advanceTimersByTimeAsync(1)
    expect(fake.api.searchTopics).toHaveBeenCalledTimes(1)
    expect(store.getState().search).toEqual({ text: 'dht22', paths: ['deep/down/dht22'], truncated: false })
    await vi.advanceTimersByTimeAsync(VIEW_DEBOUNCE_MS + 1)
    expect(fake.calls.at(-1)?.expanded).toEqual(['deep', 'deep/down'])

    // a new topic somewhere: searched again, but not at once
    fake.emit({ ...delta([node('b')], [], 'v1'), totals: { messages: 9, topics: 9, nodes: 9, rate: 0 } })
    await vi.advanceTimersByTimeAsync(RESEARCH_MS / 2)
    expect(fake.api.searchTopics).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(RESEARCH_MS)
    expect(fake.api.searchTopics).toHaveBeenCalledTimes(2)

    store.getState().setFilter('')
    await vi.advanceTimersByTimeAsync(RESEARCH_MS * 2)
    expect(fake.api.searchTopics).toHaveBeenCalledTimes(2)
  })
})
