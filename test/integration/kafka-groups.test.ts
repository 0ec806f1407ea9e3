import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { promisify } from 'node:util'
import { Kafka, logLevel, type Admin, type Consumer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { apiSpec, type ApiInput, type ApiMethod, type ApiResult } from '../../src/shared/api'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { KafkaGroupOffset, KafkaResetMode, KafkaResetPreview } from '../../src/shared/kafka'
import type { Profile } from '../../src/shared/profiles'
import { testBroker, type TestKafka } from '../support/brokers'
import { testCore } from '../support/test-core'

const run = promisify(execFile)

/** One row of `kafka-consumer-groups --describe` (null where the tool prints "-"). */
interface ToolRow {
  topic: string
  partition: number
  current: string | null
  logEnd: string
  lag: string | null
  consumerId: string | null
}

/**
 * Consumer groups, lag and offset resets against the real Kafka: a real kafkajs consumer group
 * reads and commits known offsets; every figure the app shows is checked against what the test
 * knows and against Kafka's own `kafka-consumer-groups` tool; each reset mode moves the offsets
 * exactly as previewed.
 */
describe('Kafka consumer groups', () => {
  let broker: TestKafka
  let ctx: ReturnType<typeof testCore>
  let kafka: Kafka
  let admin: Admin
  let consumer: Consumer | null = null
  let profileId: string
  const id = Date.now().toString(36)
  const orders = `it-grp-${id}-orders`
  const audit = `it-grp-${id}-audit`
  const groupId = `it-grp-${id}`
  const counts: Record<string, number[]> = { [orders]: [10, 20, 30], [audit]: [5] }
  // Record i of every partition was written at base + i seconds.
  const base = Date.now() - 10 * 60_000
  const groupsMade = new Set([groupId])

  const api = async <M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiResult<M>> =>
    apiSpec[method].output.parse(await ctx.core.invoke(method, input, 'test')) as ApiResult<M>
  const failure = async (promise: Promise<unknown>) => {
    try {
      await promise
    } catch (error) {
      return error as { code: string; message: string }
    }
    throw new Error('expected the call to fail')
  }

  /** Runs Kafka's ConsumerGroupCommand; stdout, or the error text when it exits non-zero. */
  const tool = async (...args: string[]) => {
    const main = 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand'
    try {
      const { stdout } = await run(
        broker.java,
        ['-cp', broker.classpath, main, '--bootstrap-server', broker.bootstrap, ...args],
        { timeout: 60_000 },
      )
      return stdout
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string }
      return `FAILED ${e.stdout ?? ''}${e.stderr ?? ''}${e.message}`
    }
  }
  const dash = (s: string) => (s === '-' ? null : s)
  /** `--describe --group g`, parsed: one row per partition the tool lists. */
  const describeWithTool = async (): Promise<ToolRow[]> => {
    const out = await tool('--describe', '--group', groupId)
    const rows = out
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[0] === groupId)
      .map(([, topic, partition, current, logEnd, lag, consumerId]) => ({
        topic: topic!,
        partition: Number(partition),
        current: dash(current!),
        logEnd: logEnd!,
        lag: dash(lag!),
        consumerId: dash(consumerId!),
      }))
    if (rows.length === 0) throw new Error(`kafka-consumer-groups printed no rows:\n${out}`)
    return rows
  }
  /** `--reset-offsets … --dry-run`, parsed as "topic-partition" → new offset. */
  const dryRunWithTool = async (...args: string[]) => {
    const out = await tool('--reset-offsets', '--group', groupId, '--dry-run', ...args)
    const rows = out
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[0] === groupId && cols.length === 4)
    if (rows.length === 0) throw new Error(`kafka-consumer-groups printed no rows:\n${out}`)
    return new Map(rows.map(([, topic, partition, offset]) => [`${topic}-${partition}`, offset!]))
  }

  /** The app's rows against the tool's: every row the tool prints, the app shows the same. */
  const expectToolAgrees = (app: KafkaGroupOffset[], toolRows: ToolRow[]) => {
    for (const t of toolRows) {
      const a = app.find((o) => o.topic === t.topic && o.partition === t.partition)
      expect(a, `${t.topic}-${t.partition}`).toBeDefined()
      expect({
        current: a!.committed,
        logEnd: a!.logEnd,
        lag: a!.lag === null ? null : String(a!.lag),
      }).toEqual({
        current: t.current,
        logEnd: t.logEnd,
        lag: t.lag,
      })
    }
  }
  const committed = async () => {
    const g = await api('getKafkaGroup', { profileId, groupId })
    return Object.fromEntries(g.offsets.map((o) => [`${o.topic}-${o.partition}`, o.committed]))
  }
  const nexts = (p: KafkaResetPreview) =>
    Object.fromEntries(p.rows.map((r) => [`${r.topic}-${r.partition}`, r.next]))
  /** Previews, applies, and checks that the applied rows and the re-read commits are the preview's. */
  const reset = async (topic: string | null, mode: KafkaResetMode) => {
    const preview = await api('previewKafkaOffsetReset', { profileId, groupId, topic, mode })
    expect(preview.refusal).toBeNull()
    const before = await committed()
    const applied = await api('applyKafkaOffsetReset', { profileId, groupId, topic, mode })
    expect(applied).toEqual(preview)
    const after = await committed()
    // The previewed partitions moved as previewed; every other partition kept its commit.
    expect(after).toEqual({ ...before, ...nexts(preview) })
    return preview
  }

  beforeAll(async () => {
    broker = testBroker('kafka')
    ctx = testCore()
    kafka = new Kafka({ clientId: 'it-groups', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING })
    admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({
      topics: [
        { topic: orders, numPartitions: 3 },
        { topic: audit, numPartitions: 1 },
      ],
      waitForLeaders: true,
    })
    const producer = kafka.producer()
    await producer.connect()
    for (const [topic, perPartition] of Object.entries(counts))
      for (const [partition, n] of perPartition.entries())
        await producer.send({
          topic,
          messages: Array.from({ length: n }, (_, i) => ({
            partition,
            value: `${partition}:${i}`,
            timestamp: String(base + i * 1000),
          })),
        })
    await producer.disconnect()
    const p = await ctx.core.invoke(
      'createProfile',
      { config: { protocol: 'kafka', name: 'kafka groups', brokers: [broker.bootstrap] } },
      'test',
    )
    profileId = (p as Profile).id
    expect(((await ctx.core.invoke('connect', { profileId }, 'test')) as ConnectionStatus).state).toBe(
      'connected',
    )
  })
  afterAll(async () => {
    await ctx?.dispose()
    await consumer?.disconnect()
    const { groups } = await admin.listGroups()
    const leftover = groups.map((g) => g.groupId).filter((g) => groupsMade.has(g))
    if (leftover.length) await admin.deleteGroups(leftover).catch(() => undefined)
    await admin.deleteTopics({ topics: [orders, audit] }).catch(() => undefined)
    await admin.disconnect()
  })

  it('shows a running group: members, assignments, commits, lag and "no commit" as null', async () => {
    consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 })
    const received: string[] = []
    await consumer.connect()
    await consumer.subscribe({ topics: [orders, audit], fromBeginning: true })
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) =>
        void received.push(`${topic}-${partition}@${message.offset}`),
    })
    await vi.waitFor(() => expect(received).toHaveLength(65), { timeout: 30_000, interval: 100 })
    // Read everything, but commit only part of it: orders-2 keeps no commit at all.
    await consumer.commitOffsets([
      { topic: orders, partition: 0, offset: '4', metadata: 'checkpoint-a' },
      { topic: orders, partition: 1, offset: '20' },
      { topic: audit, partition: 0, offset: '2' },
    ])

    const group = await api('getKafkaGroup', { profileId, groupId })
    expect(group).toMatchObject({
      groupId,
      state: 'Stable',
      protocolType: 'consumer',
      protocol: 'RoundRobinAssigner',
      totalLag: 6 + 0 + 3,
      note: null,
    })
    expect(group.members).toEqual([
      {
        memberId: expect.stringMatching(/^it-groups-/),
        clientId: 'it-groups',
        host: expect.stringMatching(/127\.0\.0\.1/),
        assignments: [
          { topic: audit, partitions: [0] },
          { topic: orders, partitions: [0, 1, 2] },
        ],
      },
    ])
    const row = (
      topic: string,
      partition: number,
      committed: string | null,
      logEnd: string,
      lag: number | null,
    ) => ({
      topic,
      partition,
      committed,
      logStart: '0',
      logEnd,
      lag,
      metadata: partition === 0 && topic === orders ? 'checkpoint-a' : null,
      // First look: the app has not seen any commit change yet.
      lastCommitSeenAt: null,
    })
    expect(group.offsets).toEqual([
      row(audit, 0, '2', '5', 3),
      row(orders, 0, '4', '10', 6),
      row(orders, 1, '20', '20', 0),
      row(orders, 2, null, '30', null),
    ])

    // Kafka's tool sees the same; for a running group it lists orders-2 too, with "-".
    const toolRows = await describeWithTool()
    expect(toolRows.map((r) => `${r.topic}-${r.partition}`).sort()).toEqual(
      group.offsets.map((o) => `${o.topic}-${o.partition}`).sort(),
    )
    expect(toolRows.every((r) => r.consumerId === group.members[0]!.memberId)).toBe(true)
    expectToolAgrees(group.offsets, toolRows)
  })

  it('refuses to reset or delete the group while its consumer runs, and changes nothing', async () => {
    const before = await committed()
    const message = `Group ${groupId} has 1 active member: stop it before resetting offsets`
    const preview = await api('previewKafkaOffsetReset', { profileId, groupId, mode: { kind: 'earliest' } })
    expect(preview.refusal).toBe(message)
    expect(preview.rows.map((r) => r.next)).toEqual(['0', '0', '0', '0'])
    expect(
      await failure(api('applyKafkaOffsetReset', { profileId, groupId, mode: { kind: 'earliest' } })),
    ).toMatchObject({ code: 'conflict', message })
    const del = await failure(api('deleteKafkaGroup', { profileId, groupId }))
    expect(del.code).toBe('conflict')
    expect(del.message).toMatch(/still has active members.*NON_EMPTY_GROUP/)
    expect(await committed()).toEqual(before)
  })

  it('shows the stopped group as Empty, in the group list and on its topics, as the tool does', async () => {
    await consumer!.disconnect()
    consumer = null
    const group = await api('getKafkaGroup', { profileId, groupId })
    expect(group.state).toBe('Empty')
    expect(group.members).toEqual([])
    expect(group.offsets.map((o) => [o.topic, o.partition, o.committed, o.lag])).toEqual([
      [audit, 0, '2', 3],
      [orders, 0, '4', 6],
      [orders, 1, '20', 0],
      [orders, 2, null, null],
    ])
    expect(group.totalLag).toBe(9)

    const listed = (await api('listKafkaGroups', { profileId })).find((g) => g.groupId === groupId)
    expect(listed).toEqual({
      groupId,
      state: 'Empty',
      protocolType: 'consumer',
      members: 0,
      topics: [audit, orders].sort(),
      totalLag: 9,
      note: null,
    })
    const topics = await api('listKafkaTopics', { profileId })
    expect(topics.find((t) => t.name === orders)).toMatchObject({
      messages: 60,
      groups: [{ groupId, lag: 6 }],
    })
    expect(topics.find((t) => t.name === audit)).toMatchObject({ messages: 5, groups: [{ groupId, lag: 3 }] })

    // Without members the tool lists only partitions with a commit.
    const toolRows = await describeWithTool()
    expect(toolRows.map((r) => `${r.topic}-${r.partition}`).sort()).toEqual(
      [`${audit}-0`, `${orders}-0`, `${orders}-1`].sort(),
    )
    expectToolAgrees(group.offsets, toolRows)
  })

  it('shifts one topic back, leaving the partition without a commit alone (the tool refuses it)', async () => {
    const startedAt = Date.now()
    const preview = await reset(orders, { kind: 'shift', by: -2 })
    expect(preview.rows).toEqual([
      { topic: orders, partition: 0, current: '4', next: '2', logStart: '0', logEnd: '10', lagAfter: 8 },
      { topic: orders, partition: 1, current: '20', next: '18', logStart: '0', logEnd: '20', lagAfter: 2 },
    ])
    expect(
      await tool('--reset-offsets', '--group', groupId, '--topic', orders, '--shift-by', '-2', '--dry-run'),
    ).toMatch(/Cannot shift offset for partition .*-2 since there is no current committed offset/)
    // The app saw these commits change; audit's did not.
    const group = await api('getKafkaGroup', { profileId, groupId })
    const seen = (topic: string, partition: number) =>
      group.offsets.find((o) => o.topic === topic && o.partition === partition)!.lastCommitSeenAt
    expect(seen(orders, 0)).toBeGreaterThanOrEqual(startedAt)
    expect(seen(orders, 1)).toBeGreaterThanOrEqual(startedAt)
    expect(seen(audit, 0)).toBeNull()
    expect(seen(orders, 2)).toBeNull()
  })

  it('shifts all topics forward, clamped at the log end, as the tool would', async () => {
    const toolPlan = await dryRunWithTool('--all-topics', '--shift-by', '3')
    const preview = await reset(null, { kind: 'shift', by: 3 })
    expect(nexts(preview)).toEqual({ [`${audit}-0`]: '5', [`${orders}-0`]: '5', [`${orders}-1`]: '20' })
    expect(Object.fromEntries(toolPlan)).toEqual(nexts(preview))
  })

  it('resets all topics to a time: the first record at or after it, every partition of the topics', async () => {
    const at = base + 3500
    const toolPlan = await dryRunWithTool(
      '--all-topics',
      '--to-datetime',
      new Date(at).toISOString().replace('Z', '+00:00'),
    )
    const preview = await reset(null, { kind: 'timestamp', at })
    // Record 4 is the first written at or after base + 3.5 s, in every partition; orders-2 had no
    // commit but belongs to a topic the group reads, so it is set too.
    expect(nexts(preview)).toEqual({
      [`${audit}-0`]: '4',
      [`${orders}-0`]: '4',
      [`${orders}-1`]: '4',
      [`${orders}-2`]: '4',
    })
    // The tool covers only partitions that had a commit; on those it agrees.
    for (const [key, offset] of toolPlan) expect(nexts(preview)[key]).toBe(offset)
    expect(preview.rows.find((r) => r.partition === 2)).toMatchObject({ current: null, lagAfter: 26 })
  })

  it('resets one topic to a time after its last record: the log end', async () => {
    const preview = await reset(orders, { kind: 'timestamp', at: Date.now() + 3_600_000 })
    expect(nexts(preview)).toEqual({ [`${orders}-0`]: '10', [`${orders}-1`]: '20', [`${orders}-2`]: '30' })
    expect(preview.rows.every((r) => r.lagAfter === 0)).toBe(true)
  })

  it('resets one topic to earliest', async () => {
    const preview = await reset(audit, { kind: 'earliest' })
    expect(preview.rows).toEqual([
      { topic: audit, partition: 0, current: '4', next: '0', logStart: '0', logEnd: '5', lagAfter: 5 },
    ])
  })

  it('sets explicit offsets, clamped into the log', async () => {
    const preview = await reset(null, {
      kind: 'offsets',
      offsets: [
        { topic: orders, partition: 1, offset: '7' },
        { topic: orders, partition: 2, offset: '0' },
        { topic: audit, partition: 0, offset: '99' },
      ],
    })
    expect(nexts(preview)).toEqual({ [`${audit}-0`]: '5', [`${orders}-1`]: '7', [`${orders}-2`]: '0' })
    expect(
      await failure(
        api('previewKafkaOffsetReset', {
          profileId,
          groupId,
          mode: { kind: 'offsets', offsets: [{ topic: orders, partition: 3, offset: '1' }] },
        }),
      ),
    ).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/has no partition 3/) })
    const missing = `${orders}-missing`
    expect(
      await failure(
        api('previewKafkaOffsetReset', {
          profileId,
          groupId,
          mode: { kind: 'offsets', offsets: [{ topic: missing, partition: 0, offset: '1' }] },
        }),
      ),
    ).toMatchObject({ code: 'not_found', message: `Topic ${missing} does not exist` })
  })

  it('resets all topics to latest, and the tool reads the offsets the app set', async () => {
    const preview = await reset(null, { kind: 'latest' })
    expect(nexts(preview)).toEqual({
      [`${audit}-0`]: '5',
      [`${orders}-0`]: '10',
      [`${orders}-1`]: '20',
      [`${orders}-2`]: '30',
    })
    const group = await api('getKafkaGroup', { profileId, groupId })
    expect(group.totalLag).toBe(0)
    const toolRows = await describeWithTool()
    expect(toolRows).toHaveLength(4)
    expectToolAgrees(group.offsets, toolRows)
  })

  it('deletes the empty group', async () => {
    expect(await api('deleteKafkaGroup', { profileId, groupId })).toBeNull()
    expect((await api('listKafkaGroups', { profileId })).map((g) => g.groupId)).not.toContain(groupId)
    expect(await failure(api('getKafkaGroup', { profileId, groupId }))).toMatchObject({ code: 'not_found' })
    expect((await admin.listGroups()).groups.map((g) => g.groupId)).not.toContain(groupId)
  })

  it('lists a group of the KIP-848 consumer protocol with a note, and will not reset it', async () => {
    const modern = `${groupId}-kip848`
    groupsMade.add(modern)
    let child: ChildProcess | null = null
    try {
      child = spawn(
        broker.java,
        [
          '-cp',
          broker.classpath,
          'org.apache.kafka.tools.consumer.ConsoleConsumer',
          '--bootstrap-server',
          broker.bootstrap,
          '--topic',
          audit,
          '--group',
          modern,
          '--from-beginning',
          '--command-property',
          'group.protocol=consumer',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      )
      let printed = ''
      child.stdout!.on('data', (d: Buffer) => (printed += d.toString()))
      await vi.waitFor(() => expect(printed.split('\n').filter(Boolean)).toHaveLength(5), {
        timeout: 30_000,
        interval: 200,
      })
      const summary = await vi.waitFor(
        async () => {
          const s = (await api('listKafkaGroups', { profileId })).find((g) => g.groupId === modern)
          expect(s).toBeDefined()
          return s!
        },
        { timeout: 15_000, interval: 300 },
      )
      expect(summary.state).toBe('Unknown')
      expect(summary.note).toMatch(/KIP-848/)
      const detail = await api('getKafkaGroup', { profileId, groupId: modern })
      expect(detail).toMatchObject({ state: 'Unknown', members: [], note: expect.stringMatching(/KIP-848/) })
      const mode = { kind: 'earliest' } as const
      const preview = await api('previewKafkaOffsetReset', { profileId, groupId: modern, topic: audit, mode })
      expect(preview.refusal).toMatch(/cannot be described.*active members is unknown/)
      expect(
        await failure(api('applyKafkaOffsetReset', { profileId, groupId: modern, topic: audit, mode })),
      ).toMatchObject({
        code: 'conflict',
      })
      // The broker itself refuses to delete it while its member is there.
      expect((await failure(api('deleteKafkaGroup', { profileId, groupId: modern }))).code).toBe('conflict')
    } finally {
      if (child && child.exitCode === null) {
        const exited = new Promise((resolve) => child!.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
    }
  })
})
