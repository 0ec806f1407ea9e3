/**
 * The cost of one tree delta along its way, for the case the UI bench loads: `busy` expanded, its
 * 1,000 topics each changed since the last delta (10,000 msg/s over 1,000 topics, ten deltas a
 * second), so every delta carries 1,000 visible nodes.
 *   core:     TopicViews.tick() (summaries, previews read from the history) in the host process
 *   web host: encodeFrame of the event
 *   renderer: decodeFrame + WireServerFrame + ApiEvent validation, against a bare JSON.parse of
 *             the same text (the baseline: what the bytes cost at least)
 * Medians over repeated deltas; no broker needed.
 */
import { describe, it } from 'vitest'
import { HistoryStore } from '../src/main/history/history-store'
import { Ingest } from '../src/main/ingest/ingest'
import { openDatabase } from '../src/main/storage/database'
import { TopicViews } from '../src/main/topics/topic-views'
import { ApiEvent } from '../src/shared/api'
import { decodeFrame, encodeFrame, WireServerFrame } from '../src/shared/wire'
import { benchPayload, benchTopics } from '../scripts/bench/stream-shape.mjs'
import { tempDir } from '../test/support/temp-dir'
import { median, progress, setting, writePart } from './support/bench-env'

const ROWS = setting('DELTA_ROWS', 1000)
const ROUNDS = setting('DELTA_ROUNDS', 40)
const WARM = 10

describe('tree delta cost', () => {
  it('core tick, frame encode, renderer decode and validation', () => {
    progress(`delta: ${ROWS} visible changed rows per delta, ${ROUNDS} deltas`)
    const dir = tempDir('brokerlens-bench-delta-')
    const db = openDatabase(dir.path)
    const events: unknown[] = []
    const history = new HistoryStore(db, (err) => {
      throw err
    })
    const views = new TopicViews(history, (event) => events.push(event))
    try {
      const ingest = new Ingest(history, views)
      const topics = benchTopics('busy', ROWS, 'flat')
      const enc = new TextEncoder()
      const feed = (round: number) => {
        for (let i = 0; i < topics.length; i++)
          ingest.receive('bench', 'mqtt', {
            topic: topics[i]!,
            payload: enc.encode(benchPayload(round * ROWS + i)),
            qos: 0,
            retain: false,
            dup: false,
            properties: null,
          })
      }
      feed(0)
      views.setView('bench-client', { profileId: 'bench', viewId: 'v', expanded: ['busy'], selected: null })
      const tick: number[] = []
      const encode: number[] = []
      const parse: number[] = []
      const decode: number[] = []
      const validate: number[] = []
      const bytes: number[] = []
      const nodes: number[] = []
      for (let r = 1; r <= ROUNDS + WARM; r++) {
        feed(r)
        events.length = 0
        let t = performance.now()
        views.tick()
        const tickMs = performance.now() - t
        const event = events[0] as { nodes: unknown[] } | undefined
        if (!event) throw new Error('no delta from the tick')

        t = performance.now()
        const text = encodeFrame({ event })
        const encodeMs = performance.now() - t

        t = performance.now()
        JSON.parse(text)
        const parseMs = performance.now() - t

        t = performance.now()
        const json = decodeFrame(text)
        const decodeMs = performance.now() - t

        t = performance.now()
        const frame = WireServerFrame.safeParse(json)
        const parsed = frame.success && 'event' in frame.data ? ApiEvent.safeParse(frame.data.event) : null
        const validateMs = performance.now() - t
        if (!parsed?.success) throw new Error('the delta did not validate')

        if (r <= WARM) continue
        tick.push(tickMs)
        encode.push(encodeMs)
        parse.push(parseMs)
        decode.push(decodeMs)
        validate.push(validateMs)
        bytes.push(text.length)
        nodes.push(event.nodes.length)
      }
      const decodeAndValidate = median(decode) + median(validate)
      writePart('delta', {
        rows: ROWS,
        deltas: ROUNDS,
        nodesPerDelta: median(nodes),
        frameBytes: median(bytes),
        coreTickMs: median(tick),
        encodeMs: median(encode),
        jsonParseMs: median(parse),
        decodeFrameMs: median(decode),
        validateMs: median(validate),
        rendererMs: decodeAndValidate,
        /** Renderer decode + validation against a bare JSON.parse of the same frame. */
        rendererVsJsonParse: decodeAndValidate / median(parse),
      })
    } finally {
      views.close()
      db.close()
      dir.remove()
    }
  })
})
