/**
 * Heap bytes per topic: 200,000 distinct topics of depth 3 to 5, one message each, recorded
 *   - into a fresh TopicTree (the topic model alone), and
 *   - through Ingest, as the core does it (tree + history writer + views, on a temp SQLite file,
 *     flushed; SQLite's own memory is native, not heap, and not counted here),
 * measured as the heapUsed delta between forced full GCs, divided by the topics.
 *
 * Then where the bytes go: two heap snapshots around building the tree (fewer topics, same shape),
 * the objects that are new in the second grouped by kind (TopicNode, Map tables, strings, boxed
 * numbers, …), in bytes per topic. Needs --expose-gc (the bench project sets it).
 */
import { getHeapSnapshot } from 'node:v8'
import { describe, it } from 'vitest'
import { HistoryStore } from '../src/main/history/history-store'
import { Ingest } from '../src/main/ingest/ingest'
import { openDatabase } from '../src/main/storage/database'
import { TopicTree } from '../src/main/topics/topic-tree'
import { TopicViews } from '../src/main/topics/topic-views'
import { benchPayload } from '../scripts/bench/stream-shape.mjs'
import { tempDir } from '../test/support/temp-dir'
import { progress, setting, writePart } from './support/bench-env'

const TOPICS = setting('HEAP_TOPICS', 200_000)
const SNAPSHOT_TOPICS = setting('HEAP_SNAPSHOT_TOPICS', 50_000)

const gc = (globalThis as { gc?: () => void }).gc

/**
 * The i-th of the distinct topics: depth 3, 4 or 5 as homes, plants and sites name them, many
 * leaves under each inner node as real brokers have (rooms with sensors, machines with metrics).
 */
function heapTopic(i: number): string {
  switch (i % 3) {
    case 0: // site/building/floor/room/sensorN (depth 5)
      return `site${i % 7}/building${i % 13}/floor${i % 5}/room${Math.floor(i / 3) % 40}/sensor${i}`
    case 1: // plant/line/machine/metricN (depth 4)
      return `plant${i % 4}/line${i % 11}/machine${Math.floor(i / 3) % 60}/metric${i}`
    default: // home/room/deviceN (depth 3)
      return `home/${ROOMS[i % ROOMS.length]}/device${i}`
  }
}
const ROOMS = ['kitchen', 'living_room', 'bedroom', 'office', 'garage', 'garden', 'attic', 'basement']

const enc = new TextEncoder()
const PAYLOADS = Array.from({ length: 64 }, (_, i) => enc.encode(benchPayload(i)))

/** Heap growth of what `build` returns (kept alive until measured), after full GCs. */
function heapDelta(build: () => unknown): number {
  if (!gc) throw new Error('global.gc is missing: run with --expose-gc (the bench project does)')
  gc()
  gc()
  const before = process.memoryUsage().heapUsed
  let kept: unknown = build()
  gc()
  gc()
  const after = process.memoryUsage().heapUsed
  // Keep `kept` alive across the measurement.
  if (kept === Symbol.for('never')) console.log(kept)
  kept = null
  return after - before
}

function buildTree(n: number): TopicTree {
  const tree = new TopicTree()
  const now = Date.now()
  for (let i = 0; i < n; i++) {
    tree.record(heapTopic(i), {
      id: i + 1,
      receivedAt: now + i,
      payload: PAYLOADS[i % 64]!,
      retain: false,
      live: true,
    })
    // The views' timer empties the dirty list ten times a second.
    if (i % 5000 === 0) tree.takeDirty()
  }
  tree.takeDirty()
  return tree
}

describe('heap per topic', () => {
  it('TopicTree and Ingest', async () => {
    progress(`heap: ${TOPICS} topics into a TopicTree`)
    let nodeCount = 0
    const treeBytes = heapDelta(() => {
      const tree = buildTree(TOPICS)
      nodeCount = tree.nodeCount
      return tree
    })
    // Levels only (nodeFor with create): the trie's skeleton without any message recorded.
    const skeletonBytes = heapDelta(() => {
      const tree = new TopicTree()
      for (let i = 0; i < TOPICS; i++) tree.nodeFor(heapTopic(i), true)
      return tree
    })

    progress(`heap: ${TOPICS} topics through Ingest (tree + history + views)`)
    const dir = tempDir('brokerlens-bench-heap-')
    const db = openDatabase(dir.path)
    let ingestBytes = NaN
    try {
      const history = new HistoryStore(db, (err) => {
        throw err
      })
      const views = new TopicViews(history, () => undefined)
      // The tree of the profile is made before the first measurement, like the history's statements.
      views.tree('bench')
      ingestBytes = heapDelta(() => {
        const ingest = new Ingest(history, views)
        for (let i = 0; i < TOPICS; i++) {
          ingest.receive('bench', 'mqtt', {
            topic: heapTopic(i),
            payload: PAYLOADS[i % 64]!,
            qos: 1,
            retain: false,
            dup: false,
            properties: null,
          })
          if (i % 2000 === 0) views.tick()
        }
        history.flush()
        views.tick()
        return ingest
      })
      views.close()
      history.close()
    } finally {
      db.close()
      dir.remove()
    }

    progress(`heap: where the bytes go (heap snapshots around ${SNAPSHOT_TOPICS} topics)`)
    const breakdown = await snapshotBreakdown(SNAPSHOT_TOPICS)

    writePart('heap', {
      topics: TOPICS,
      nodesPerTopic: nodeCount / TOPICS,
      /** V8 without pointer compression (Node) stores a pointer in 8 bytes; Electron's in 4. */
      pointerBytes: 8,
      treeBytesPerTopic: treeBytes / TOPICS,
      skeletonBytesPerTopic: skeletonBytes / TOPICS,
      ingestBytesPerTopic: ingestBytes / TOPICS,
      breakdown,
    })
  })
})

interface HeapSnapshotJson {
  snapshot: {
    meta: {
      node_fields: string[]
      node_types: [string[], ...unknown[]]
      edge_fields: string[]
      edge_types: [string[], ...unknown[]]
    }
  }
  nodes: number[]
  edges: number[]
  strings: string[]
}

interface Breakdown {
  /** New objects by kind, in bytes per topic (natives, e.g. typed-array stores, left out). */
  kinds: { kind: string; bytesPerTopic: number; count: number }[]
  /**
   * Number fields of a TopicNode stored as a boxed double (a heap number object of its own, 16
   * bytes, besides the field): V8 boxes every value of a field once any store to it was a double.
   */
  boxedNumbersPerNode: number
  nodesPerTopic: number
  /** Bytes of one TopicNode object itself (header and in-object fields). */
  topicNodeBytes: number
}

async function takeSnapshot(): Promise<HeapSnapshotJson> {
  const chunks: string[] = []
  for await (const chunk of getHeapSnapshot()) chunks.push(String(chunk))
  return JSON.parse(chunks.join('')) as HeapSnapshotJson
}

/**
 * The ids of every object on the heap now, sorted, in a typed array: its bytes are off the JS heap,
 * so it adds next to nothing to the next snapshot. A function of its own, so that the parsed
 * snapshot is garbage once it returns.
 */
async function heapIds(): Promise<Float64Array> {
  const s = await takeSnapshot()
  const f = s.snapshot.meta.node_fields
  const idAt = f.indexOf('id')
  const ids = new Float64Array(s.nodes.length / f.length)
  for (let i = 0, j = 0; i < s.nodes.length; i += f.length) ids[j++] = s.nodes[i + idAt]!
  return ids.sort()
}

function has(sorted: Float64Array, id: number): boolean {
  let lo = 0
  let hi = sorted.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const v = sorted[mid]!
    if (v === id) return true
    if (v < id) lo = mid + 1
    else hi = mid - 1
  }
  return false
}

/** What building the tree added to the heap, by kind of object, and which node fields are boxed. */
async function snapshotBreakdown(n: number): Promise<Breakdown> {
  const before = await heapIds()
  const tree = buildTree(n)
  const result = await newObjects(before, n)
  if (tree.nodeCount === 0) throw new Error('empty tree') // keeps the tree alive until here
  return result
}

async function newObjects(before: Float64Array, n: number): Promise<Breakdown> {
  const s = await takeSnapshot()
  const f = s.snapshot.meta.node_fields
  const ef = s.snapshot.meta.edge_fields
  const types = s.snapshot.meta.node_types[0]
  const [typeAt, nameAt, idAt, sizeAt, edgesAt] = ['type', 'name', 'id', 'self_size', 'edge_count'].map((x) =>
    f.indexOf(x),
  ) as [number, number, number, number, number]
  const eToAt = ef.indexOf('to_node')
  const kinds = new Map<string, { bytes: number; count: number }>()
  let boxedNumbers = 0
  let topicNodes = 0
  let topicNodeBytes = 0
  for (let i = 0, e = 0; i < s.nodes.length; i += f.length) {
    const edgeCount = s.nodes[i + edgesAt]!
    const firstEdge = e
    e += edgeCount * ef.length
    if (has(before, s.nodes[i + idAt]!)) continue
    const type = types[s.nodes[i + typeAt]!]!
    if (type === 'native') continue
    const name = s.strings[s.nodes[i + nameAt]!]!
    const kind =
      type === 'object' || type === 'hidden' || type === 'array' || type === 'code'
        ? `${type} ${name}`.trim()
        : type === 'number'
          ? 'heap number (boxed double)'
          : type
    const k = kinds.get(kind) ?? { bytes: 0, count: 0 }
    k.bytes += s.nodes[i + sizeAt]!
    k.count++
    kinds.set(kind, k)
    if (kind !== 'object TopicNode') continue
    topicNodes++
    topicNodeBytes += s.nodes[i + sizeAt]!
    // In-object number fields show as unnamed (hidden) edges to their heap number.
    for (let j = firstEdge; j < e; j += ef.length) {
      const to = s.edges[j + eToAt]!
      if (types[s.nodes[to + typeAt]!] === 'number') boxedNumbers++
    }
  }
  return {
    kinds: [...kinds]
      .map(([kind, { bytes, count }]) => ({ kind, bytesPerTopic: bytes / n, count }))
      .filter((k) => k.bytesPerTopic >= 0.5)
      .sort((a, b) => b.bytesPerTopic - a.bytesPerTopic),
    boxedNumbersPerNode: boxedNumbers / Math.max(1, topicNodes),
    nodesPerTopic: topicNodes / n,
    topicNodeBytes: topicNodes > 0 ? topicNodeBytes / topicNodes : NaN,
  }
}
