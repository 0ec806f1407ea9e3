import { useEffect, useMemo, useRef, useState } from 'react'
import type { MessageSummary } from '../../../../shared/messages'
import { loadPayload } from './payload-cache'

export type PayloadState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; id: number; bytes: Uint8Array }
  | { status: 'error'; id: number; error: string }

const encoder = new TextEncoder()

/**
 * The full bytes of `message`. A payload whose preview is all of it needs no fetch. Otherwise one
 * fetch runs at a time and, when it ends, the newest wish is fetched: a topic at 10,000 msg/s costs
 * one fetch after another, not one per delta. The previous payload stays on screen until the next
 * one is there, so a busy topic does not flicker.
 */
export function useMessagePayload(message: MessageSummary | null): PayloadState {
  const id = message?.id ?? null
  const direct = useMemo(
    () =>
      message && message.preview !== null && !message.previewTruncated
        ? encoder.encode(message.preview)
        : null,
    // the summary object changes identity with every delta; the id names the payload
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [id],
  )
  const [fetched, setFetched] = useState<PayloadState>({ status: 'idle' })
  const wanted = useRef<MessageSummary | null>(null)
  const inFlight = useRef(false)
  const alive = useRef(true)

  useEffect(() => {
    alive.current = true
    return () => {
      alive.current = false
    }
  }, [])

  useEffect(() => {
    wanted.current = direct ? null : message
    function next() {
      const m = wanted.current
      if (!m || inFlight.current) return
      inFlight.current = true
      loadPayload(m)
        .then((bytes) => {
          if (alive.current) setFetched({ status: 'ready', id: m.id, bytes })
        })
        .catch((err: unknown) => {
          if (alive.current)
            setFetched({ status: 'error', id: m.id, error: err instanceof Error ? err.message : String(err) })
        })
        .finally(() => {
          inFlight.current = false
          if (wanted.current === m) wanted.current = null
          if (alive.current) next()
        })
    }
    next()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, direct])

  if (message === null) return { status: 'idle' }
  if (direct) return { status: 'ready', id: message.id, bytes: direct }
  return fetched.status === 'idle' ? { status: 'loading' } : fetched
}
