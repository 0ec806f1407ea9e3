import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react'
import { useStore } from 'zustand'
import type { HistoryHit } from '../../../../shared/history'
import { MAX_LOADED_HITS, type HistoryListStore } from '../../stores/history-list-store'
import { HIT_HEIGHT, HistoryHitRow } from './HistoryHitRow'
import { startOfDay } from './hit-time'

/** Fetch the next page when the last rows on screen are this close to the end of what is loaded. */
const PREFETCH_ROWS = 30
/** Height of the line under the last row: loading, the end, or the cap. */
const END_HEIGHT = 40

/**
 * The history as a virtual list, newest first: only the rows on screen are in the DOM, and the next
 * older page is fetched as the user scrolls near the end. ↑/↓ move the opened message.
 */
export function HistoryList({ store, emptyText }: { store: HistoryListStore; emptyText: string }) {
  const hits = useStore(store, (s) => s.hits)
  const loading = useStore(store, (s) => s.loading)
  const done = useStore(store, (s) => s.done)
  const capped = useStore(store, (s) => s.capped)
  const error = useStore(store, (s) => s.error)
  const hasFilter = useStore(store, (s) => s.filter !== null)
  const openedId = useStore(store, (s) => s.opened?.id ?? null)
  const scrollRef = useRef<HTMLDivElement>(null)
  // the same number all day, so rows stay memoised; tomorrow yesterday's rows get their date
  const today = startOfDay(Date.now())

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in render on purpose
  const virtualizer = useVirtualizer({
    count: hits.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => HIT_HEIGHT,
    overscan: 12,
    getItemKey: (i) => hits[i]?.id ?? i,
  })
  const items = virtualizer.getVirtualItems()
  const lastShown = items[items.length - 1]?.index ?? -1

  useEffect(() => {
    if (!done && !loading && hits.length > 0 && lastShown >= hits.length - PREFETCH_ROWS) {
      store.getState().loadMore()
    }
  }, [lastShown, hits.length, done, loading, store])

  const onOpen = useCallback((hit: HistoryHit) => store.getState().open(hit), [store])

  function onKeyDown(e: KeyboardEvent) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return
    e.preventDefault()
    const s = store.getState()
    const i = s.opened ? s.hits.findIndex((h) => h.id === s.opened?.id) : -1
    const next = s.hits[Math.max(0, Math.min(s.hits.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))]
    if (!next) return
    s.open(next)
    virtualizer.scrollToIndex(s.hits.indexOf(next), { align: 'auto' })
  }

  const total = virtualizer.getTotalSize()
  return (
    <div
      ref={scrollRef}
      className="history-list-scroll"
      role="listbox"
      aria-label="Stored messages"
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="history-list"
      data-count={hits.length}
      data-loading={loading}
    >
      {error && (
        <Alert
          m="sm"
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={16} />}
          title="The history could not be read"
          data-testid="history-error"
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm" className="reason-text">
              {error}
            </Text>
            <Button
              size="xs"
              variant="light"
              color="red"
              onClick={() => store.getState().show(store.getState().filter)}
            >
              Try again
            </Button>
          </Stack>
        </Alert>
      )}
      {!error && hits.length === 0 && (
        <Center h="100%" p="md">
          {loading ? (
            <Loader size="sm" />
          ) : (
            <Text size="sm" c="dimmed" ta="center" data-testid="history-empty">
              {hasFilter ? emptyText : 'Choose what to show above.'}
            </Text>
          )}
        </Center>
      )}
      <div style={{ height: total + (hits.length > 0 ? END_HEIGHT : 0), position: 'relative' }}>
        {items.map((item) => {
          const hit = hits[item.index]
          if (!hit) return null
          return (
            <HistoryHitRow
              key={hit.id}
              hit={hit}
              start={item.start}
              opened={hit.id === openedId}
              today={today}
              onOpen={onOpen}
            />
          )
        })}
        {hits.length > 0 && (
          <div className="history-end" style={{ top: total }}>
            <Text size="xs" c="dimmed" data-testid="history-end">
              {loading
                ? 'Loading older messages…'
                : capped
                  ? `The first ${MAX_LOADED_HITS.toLocaleString()} are listed: narrow the filter or jump to a time to go further back.`
                  : done
                    ? 'No older messages'
                    : ''}
            </Text>
          </div>
        )}
      </div>
    </div>
  )
}
