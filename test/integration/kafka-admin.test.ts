import { ConfigResourceTypes, Kafka, logLevel, type Admin, type Producer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiSpec, type ApiInput, type ApiMethod, type ApiResult } from '../../src/shared/api'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { Profile } from '../../src/shared/profiles'
import { testBroker, type TestKafka } from '../support/brokers'
import { testCore } from '../support/test-core'

/**
 * The Kafka cluster and topic views against the real broker: what the app shows is checked against
 * what the test made with its own kafkajs admin, and what the app makes is checked with that admin.
 */
describe('Kafka cluster and topics', () => {
  let broker: TestKafka
  let ctx: ReturnType<typeof testCore>
  let admin: Admin
  let producer: Producer
  let profileId: string
  const run = Date.now().toString(36)
  const topic = `it-adm-${run}`
  const made = new Set<string>([topic])
  // Records per partition, and how many are deleted from the front of partition 1.
  const counts = [4, 7, 2]
  const deletedFromP1 = 3

  /** Calls the API and checks the answer against the contract's output schema (strict objects). */
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

  beforeAll(async () => {
    broker = testBroker('kafka')
    ctx = testCore()
    const kafka = new Kafka({ clientId: 'it-admin', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING })
    admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({
      topics: [{ topic, numPartitions: 3, configEntries: [{ name: 'retention.ms', value: '3600000' }] }],
      waitForLeaders: true,
    })
    producer = kafka.producer()
    await producer.connect()
    for (const [partition, n] of counts.entries())
      await producer.send({
        topic,
        messages: Array.from({ length: n }, (_, i) => ({ partition, value: `p${partition}-${i}` })),
      })
    // kafkajs finds the leaders only for topics its admin has looked at (else KafkaJSBrokerNotFound).
    await admin.fetchTopicOffsets(topic)
    await admin.deleteTopicRecords({ topic, partitions: [{ partition: 1, offset: String(deletedFromP1) }] })
    const p = await ctx.core.invoke(
      'createProfile',
      { config: { protocol: 'kafka', name: 'kafka admin', brokers: [broker.bootstrap] } },
      'test',
    )
    profileId = (p as Profile).id
    const status = (await ctx.core.invoke('connect', { profileId }, 'test')) as ConnectionStatus
    expect(status.state).toBe('connected')
  })
  afterAll(async () => {
    await ctx?.dispose()
    await producer?.disconnect()
    const existing = new Set(await admin.listTopics())
    const leftovers = [...made].filter((t) => existing.has(t))
    if (leftovers.length) await admin.deleteTopics({ topics: leftovers }).catch(() => undefined)
    await admin?.disconnect()
  })

  it('shows the cluster: id, the one broker as controller, topic and partition counts', async () => {
    const before = await admin.fetchTopicMetadata()
    const info = await api('kafkaCluster', { profileId })
    const after = await admin.fetchTopicMetadata()
    expect(info.clusterId).toBe(broker.clusterId)
    expect(info.brokers).toEqual([
      { nodeId: 1, host: '127.0.0.1', port: broker.ports.plaintext, rack: null, controller: true },
    ])
    expect(info.controllerId).toBe(1)
    // Other suites may add topics meanwhile: the counts lie between two looks of the test's own.
    const partitions = (m: typeof before) => m.topics.reduce((n, t) => n + t.partitions.length, 0)
    expect(info.topicCount).toBeGreaterThanOrEqual(Math.min(before.topics.length, after.topics.length))
    expect(info.topicCount).toBeLessThanOrEqual(Math.max(before.topics.length, after.topics.length))
    expect(info.partitionCount).toBeGreaterThanOrEqual(Math.min(partitions(before), partitions(after)))
    expect(info.partitionCount).toBeLessThanOrEqual(Math.max(partitions(before), partitions(after)))
  })

  it('lists the topic with partitions, replication, records held and no reader yet', async () => {
    const topics = await api('listKafkaTopics', { profileId })
    const mine = topics.find((t) => t.name === topic)
    const held = counts.reduce((a, b) => a + b, 0) - deletedFromP1
    expect(mine).toEqual({
      name: topic,
      internal: false,
      partitions: 3,
      replicationFactor: 1,
      messages: held,
      sizeBytes: null,
      groups: [],
    })
    // Sorted by name, with Kafka's own topic flagged internal once any group has committed.
    expect(topics.map((t) => t.name)).toEqual([...topics.map((t) => t.name)].sort())
    for (const t of topics) expect(t.internal).toBe(t.name.startsWith('_'))
  })

  it('shows a group reading the topic, with its lag there', async () => {
    const groupId = `${topic}-reader`
    await admin.setOffsets({
      groupId,
      topic,
      partitions: [
        { partition: 0, offset: '1' },
        { partition: 1, offset: '7' },
      ],
    })
    try {
      const topics = await api('listKafkaTopics', { profileId })
      // p0: 4 − 1 = 3; p1: 7 − 7 = 0; p2 has no commit and adds nothing.
      expect(topics.find((t) => t.name === topic)!.groups).toEqual([{ groupId, lag: 3 }])
      expect(topics.find((t) => t.name === '__consumer_offsets')?.internal).toBe(true)
    } finally {
      await admin.deleteGroups([groupId])
    }
  })

  it('shows partitions with leaders, replicas, watermarks, and the configs with their sources', async () => {
    const detail = await api('getKafkaTopic', { profileId, topic })
    expect(detail.name).toBe(topic)
    expect(detail.internal).toBe(false)
    expect(detail.partitions).toEqual(
      counts.map((n, partition) => ({
        partition,
        leader: 1,
        replicas: [1],
        isr: [1],
        offlineReplicas: [],
        low: partition === 1 ? String(deletedFromP1) : '0',
        high: String(n),
      })),
    )
    const config = (name: string) => detail.configs.find((c) => c.name === name)
    expect(config('retention.ms')).toEqual({
      name: 'retention.ms',
      value: '3600000',
      source: 'topic',
      isDefault: false,
      readOnly: false,
      sensitive: false,
    })
    expect(config('cleanup.policy')).toMatchObject({ value: 'delete', source: 'default', isDefault: true })
    // The same set of names the broker gives kafkajs's describeConfigs.
    const { resources } = await admin.describeConfigs({
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
      includeSynonyms: false,
    })
    expect(detail.configs.map((c) => c.name)).toEqual(
      resources[0]!.configEntries.map((c) => c.configName).sort(),
    )
  })

  it('says not_found for a topic that does not exist', async () => {
    const error = await failure(api('getKafkaTopic', { profileId, topic: `${topic}-none` }))
    expect(error).toMatchObject({ code: 'not_found', message: `Topic ${topic}-none does not exist` })
  })

  it('creates a topic with partitions and configs, refuses it twice, and deletes it', async () => {
    const name = `${topic}-made`
    made.add(name)
    const detail = await api('createKafkaTopic', {
      profileId,
      name,
      partitions: 2,
      configs: { 'retention.ms': '7200000', 'cleanup.policy': 'compact' },
    })
    expect(detail.partitions.map((p) => [p.partition, p.low, p.high, p.leader])).toEqual([
      [0, '0', '0', 1],
      [1, '0', '0', 1],
    ])
    expect(detail.configs.find((c) => c.name === 'cleanup.policy')).toMatchObject({
      value: 'compact',
      source: 'topic',
    })
    // The broker has it as asked.
    const { topics } = await admin.fetchTopicMetadata({ topics: [name] })
    expect(topics[0]!.partitions).toHaveLength(2)
    const { resources } = await admin.describeConfigs({
      resources: [{ type: ConfigResourceTypes.TOPIC, name, configNames: ['retention.ms'] }],
      includeSynonyms: false,
    })
    expect(resources[0]!.configEntries[0]!.configValue).toBe('7200000')

    const again = await failure(api('createKafkaTopic', { profileId, name }))
    expect(again).toMatchObject({ code: 'conflict', message: `Topic ${name} already exists` })

    expect(await api('deleteKafkaTopic', { profileId, topic: name })).toBeNull()
    expect(await admin.listTopics()).not.toContain(name)
    expect(await failure(api('deleteKafkaTopic', { profileId, topic: name }))).toMatchObject({
      code: 'not_found',
    })
  })

  it("refuses a bad config and an impossible replication factor with the broker's error", async () => {
    const name = `${topic}-bad`
    made.add(name)
    const badConfig = await failure(
      api('createKafkaTopic', { profileId, name, configs: { 'retention.ms': 'soon' } }),
    )
    expect(badConfig.code).toBe('invalid_input')
    expect(badConfig.message).toMatch(new RegExp(`Kafka refused to create topic ${name}: INVALID_CONFIG`))
    const tooMany = await failure(api('createKafkaTopic', { profileId, name, replicationFactor: 3 }))
    expect(tooMany.code).toBe('invalid_input')
    expect(tooMany.message).toMatch(/INVALID_REPLICATION_FACTOR/)
    expect(await admin.listTopics()).not.toContain(name)
  })

  it('keeps reading topics after another client deleted one the app had looked at', async () => {
    // kafkajs's admin re-reads every topic it ever looked at; a deleted one poisons that list.
    const doomed = `${topic}-doomed`
    const next = `${topic}-next`
    made.add(doomed).add(next)
    await admin.createTopics({ topics: [{ topic: doomed }, { topic: next }], waitForLeaders: true })
    expect((await api('getKafkaTopic', { profileId, topic: doomed })).partitions).toHaveLength(1)
    await admin.deleteTopics({ topics: [doomed] })

    expect((await api('getKafkaTopic', { profileId, topic: next })).partitions).toHaveLength(1)
    const names = (await api('listKafkaTopics', { profileId })).map((t) => t.name)
    expect(names).toContain(next)
    expect(names).not.toContain(doomed)
    expect(await failure(api('getKafkaTopic', { profileId, topic: doomed }))).toMatchObject({
      code: 'not_found',
    })
  })

  it('needs a connected Kafka profile', async () => {
    await ctx.core.invoke('disconnect', { profileId }, 'test')
    expect(await failure(api('listKafkaTopics', { profileId }))).toMatchObject({ code: 'unavailable' })
    const status = (await ctx.core.invoke('connect', { profileId }, 'test')) as ConnectionStatus
    expect(status.state).toBe('connected')
  })
})
