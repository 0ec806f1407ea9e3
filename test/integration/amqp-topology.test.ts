import amqp, { type Channel, type ChannelModel, type GetMessage } from 'amqplib'
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { AmqpTopology } from '../../src/shared/amqp'
import { apiSpec, type ApiInput, type ApiMethod, type ApiResult } from '../../src/shared/api'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { AmqpProperties } from '../../src/shared/messages'
import type { Profile, SecretsPatch } from '../../src/shared/profiles'
import { testBroker, type TestRabbitmq } from '../support/brokers'
import { testCore } from '../support/test-core'

/** 128 characters, 256 bytes of UTF-8: within the contract's 255 characters, over AMQP's 255 bytes. */
const TOO_LONG = 'é'.repeat(128)

/**
 * RabbitMQ's topology through the core against the real broker: declaring and binding (checked
 * with a separate amqplib connection and by publishing through the core), the management API's
 * view of it, the AMQP fallback with watched names when that API cannot be used, and refusals in
 * the broker's words that cost a channel, never the profile's connection.
 */
describe('RabbitMQ topology', () => {
  let broker: TestRabbitmq
  let ctx: ReturnType<typeof testCore>
  let reader: ChannelModel
  let profileId: string
  const id = `it-topo-${Date.now().toString(36)}`
  /** topic exchange; its alternate exchange is named but never made. */
  const sensors = `${id}.sensors`
  /** internal fanout, fed by `sensors` through an exchange-to-exchange binding. */
  const archive = `${id}.archive`
  /** headers exchange, auto-delete. */
  const byHeaders = `${id}.by-headers`
  /** sensors.*.temp */
  const temps = `${id}.temps`
  /** sensors.#, durable, with a TTL and a length limit. */
  const all = `${id}.all`
  /** quorum, sensors.eu.# */
  const eu = `${id}.eu`
  /** everything `archive` gets */
  const archived = `${id}.archived`
  /** headers kind=temp and hot=true */
  const hot = `${id}.hot`
  /** a stream, bound to nothing */
  const stream = `${id}.stream`
  const madeQueues = new Set([temps, all, eu, archived, hot, stream])
  const madeExchanges = new Set([sensors, archive, byHeaders])
  const ours = (name: string) => name.startsWith(`${id}.`)

  /** Calls the API and checks the answer against the contract's output schema (strict objects). */
  const api = async <M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiResult<M>> =>
    apiSpec[method].output.parse(await ctx.core.invoke(method, input, 'test')) as ApiResult<M>
  const failure = async (promise: Promise<unknown>) => {
    try {
      await promise
    } catch (error) {
      return error as { code: string; message: string; issues?: { path: string; message: string }[] }
    }
    throw new Error('expected the call to fail')
  }
  const createProfile = async (
    name: string,
    config: Record<string, unknown> = {},
    secrets: SecretsPatch = {},
  ) => {
    const p = (await ctx.core.invoke(
      'createProfile',
      {
        config: {
          protocol: 'amqp',
          name,
          host: '127.0.0.1',
          port: broker.ports.amqp,
          username: broker.username,
          managementUrl: broker.managementUrl,
          ...config,
        },
        secrets: { password: broker.password, ...secrets },
      },
      'test',
    )) as Profile
    return p.id
  }
  const connect = async (pid: string) =>
    expect((await api('connect', { profileId: pid })).state).toBe('connected')
  const statusOf = async (pid: string): Promise<ConnectionStatus> =>
    (await api('listConnections', {})).find((s) => s.profileId === pid)!
  const publish = (exchange: string, routingKey: string, body: string, properties: AmqpProperties = {}) =>
    api('publish', {
      profileId,
      target: { protocol: 'amqp', exchange, routingKey, properties },
      payload: Buffer.from(body),
    })
  const depth = async (name: string) => (await api('checkAmqpQueue', { profileId, name })).messages
  const bind = (
    source: string,
    destination: string,
    routingKey: string,
    extra: Record<string, unknown> = {},
  ) => api('bindAmqp', { profileId, source, destination, routingKey, ...extra })
  /** Each reader operation on a channel of its own, so a refusal in cleanup cannot stop the rest. */
  const onReader = async <T>(fn: (ch: Channel) => Promise<T>): Promise<T> => {
    const ch = await reader.createChannel()
    ch.on('error', () => undefined)
    try {
      return await fn(ch)
    } finally {
      await ch.close().catch(() => undefined)
    }
  }
  const takeAll = (queue: string) =>
    onReader(async (ch) => {
      const got: GetMessage[] = []
      for (let m = await ch.get(queue, { noAck: true }); m; m = await ch.get(queue, { noAck: true }))
        got.push(m)
      return got
    })
  /** A loopback port nothing listens on. */
  const closedPort = () =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer()
      server.on('error', reject)
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo
        server.close(() => resolve(port))
      })
    })

  beforeAll(async () => {
    broker = testBroker('rabbitmq')
    ctx = testCore()
    reader = await amqp.connect(broker.amqpUrl)
    profileId = await createProfile('rabbit topology')
    await connect(profileId)
  })
  afterAll(async () => {
    await ctx?.dispose()
    for (const q of madeQueues) await onReader((ch) => ch.deleteQueue(q)).catch(() => undefined)
    for (const x of madeExchanges) await onReader((ch) => ch.deleteExchange(x)).catch(() => undefined)
    await reader?.close()
  })

  it('declares exchanges and queues of each kind, and binds queues and exchanges', async () => {
    await api('declareAmqpExchange', {
      profileId,
      name: sensors,
      type: 'topic',
      durable: false,
      arguments: { 'alternate-exchange': `${id}.unrouted` },
    })
    await api('declareAmqpExchange', { profileId, name: archive, type: 'fanout', internal: true })
    await api('declareAmqpExchange', {
      profileId,
      name: byHeaders,
      type: 'headers',
      durable: false,
      autoDelete: true,
    })
    expect(await api('declareAmqpQueue', { profileId, name: temps, durable: false })).toEqual({
      name: temps,
      messages: 0,
      consumers: 0,
    })
    await api('declareAmqpQueue', {
      profileId,
      name: all,
      arguments: { 'x-message-ttl': 600_000, 'x-max-length': 100 },
    })
    await api('declareAmqpQueue', { profileId, name: eu, type: 'quorum' })
    await api('declareAmqpQueue', { profileId, name: archived, durable: false })
    await api('declareAmqpQueue', { profileId, name: hot, durable: false })
    await api('declareAmqpQueue', { profileId, name: stream, type: 'stream' })
    await bind(sensors, temps, 'sensors.*.temp')
    await bind(sensors, all, 'sensors.#')
    await bind(sensors, eu, 'sensors.eu.#')
    await bind(sensors, archive, '#', { destinationType: 'exchange' })
    await bind(archive, archived, '')
    await bind(byHeaders, hot, '', { arguments: { 'x-match': 'all', kind: 'temp', hot: true } })

    // The reader's passive declares agree: each exists, empty.
    for (const x of madeExchanges) await onReader((ch) => ch.checkExchange(x))
    for (const q of madeQueues) expect((await onReader((ch) => ch.checkQueue(q))).messageCount).toBe(0)

    // "" lets the broker name it; exclusive makes it the profile connection's, so only it deletes it.
    const named = await api('declareAmqpQueue', { profileId, name: '', durable: false, exclusive: true })
    expect(named).toEqual({ name: expect.stringMatching(/^amq\.gen-/), messages: 0, consumers: 0 })
    const locked = await failure(onReader((ch) => ch.deleteQueue(named.name)))
    expect(locked.message).toMatch(/405 \(RESOURCE-LOCKED\)/)
    expect(await api('deleteAmqpQueue', { profileId, name: named.name })).toEqual({ deleted: 0 })
  })

  it('routes what the core publishes by pattern, through an exchange binding and by headers', async () => {
    const properties: AmqpProperties = {
      contentType: 'application/json',
      messageId: 'reading-1',
      deliveryMode: 2,
      headers: { room: 'kitchen', celsius: 21.5 },
    }
    const sent = [
      await publish(sensors, 'sensors.kitchen.temp', '{"t":21.5}', properties),
      await publish(sensors, 'sensors.kitchen.humidity', '{"h":40}'),
      await publish(sensors, 'sensors.eu.temp', '{"t":18}'),
      await publish(sensors, 'sensors.eu.lab.temp', '{"t":30}'),
      // Only the exchange binding's `#` takes it.
      await publish(sensors, 'alerts.fire', 'fire'),
      // Nothing takes it, and the alternate exchange does not exist: the broker drops it.
      await publish(byHeaders, '', 'cold', { headers: { kind: 'humidity', hot: true } }),
      await publish(byHeaders, '', 'hot', { headers: { kind: 'temp', hot: true } }),
      await publish(byHeaders, '', 'mild', { headers: { kind: 'temp' } }),
    ]
    expect(sent.map((r) => r.ok)).toEqual([true, true, true, true, true, true, true, true])
    // `*` is one word, `#` any number: the quorum queue takes the two eu keys, the fanout copy all five.
    expect(await depth(temps)).toBe(2)
    expect(await depth(all)).toBe(4)
    expect(await depth(eu)).toBe(2)
    expect(await depth(archived)).toBe(5)
    expect(await depth(hot)).toBe(1)
    expect(await depth(stream)).toBe(0)
  })

  it('lists exactly what was declared from the management API, with counts once it has them', async () => {
    // The management API's figures lag the broker by a few seconds: wait until they are in.
    let topo: AmqpTopology | null = null
    await vi.waitFor(
      async () => {
        topo = await api('amqpTopology', { profileId })
        const counts = Object.fromEntries(
          topo.queues.filter((q) => ours(q.name)).map((q) => [q.name, q.messages]),
        )
        expect(counts).toEqual({ [all]: 4, [archived]: 5, [eu]: 2, [hot]: 1, [stream]: 0, [temps]: 2 })
      },
      { timeout: 30_000, interval: 500 },
    )
    const t = topo!
    expect(t).toMatchObject({
      vhost: '/',
      source: 'management',
      management: { url: broker.managementUrl, ok: true, error: null },
      watched: [],
    })
    expect(t.management.rabbitmqVersion).toMatch(/^\d+\.\d+\.\d+/)
    expect(t.management.erlangVersion).toMatch(/^\d+/)
    expect(t.management.clusterName).toEqual(expect.any(String))
    expect(t.vhosts?.map((v) => v.name)).toEqual(expect.arrayContaining(broker.vhosts))
    expect(t.vhosts?.find((v) => v.name === '/')?.messages).toEqual(expect.any(Number))

    expect(t.exchanges.find((x) => x.name === '')).toMatchObject({ type: 'direct', durable: true })
    const exchanges = t.exchanges.filter((x) => ours(x.name))
    expect(exchanges.map((x) => x.name)).toEqual([archive, byHeaders, sensors])
    expect(exchanges).toMatchObject([
      {
        type: 'fanout',
        durable: true,
        autoDelete: false,
        internal: true,
        arguments: {},
        source: 'management',
      },
      { type: 'headers', durable: false, autoDelete: true, internal: false, arguments: {} },
      {
        type: 'topic',
        durable: false,
        autoDelete: false,
        internal: false,
        arguments: { 'alternate-exchange': `${id}.unrouted` },
      },
    ])

    const queues = t.queues.filter((q) => ours(q.name))
    expect(queues.map((q) => q.name)).toEqual([all, archived, eu, hot, stream, temps])
    const [qAll, qArchived, qEu, qHot, qStream, qTemps] = queues
    expect(qAll).toMatchObject({
      type: 'classic',
      durable: true,
      autoDelete: false,
      exclusive: false,
      arguments: { 'x-message-ttl': 600_000, 'x-max-length': 100, 'x-queue-type': 'classic' },
      messages: 4,
      messagesReady: 4,
      messagesUnacked: 0,
      consumers: 0,
      source: 'management',
    })
    expect(qEu).toMatchObject({
      type: 'quorum',
      durable: true,
      arguments: { 'x-queue-type': 'quorum' },
      messages: 2,
    })
    expect(qTemps).toMatchObject({
      type: 'classic',
      durable: false,
      messages: 2,
      bytes: '{"t":21.5}{"t":18}'.length,
    })
    expect(qArchived).toMatchObject({ durable: false, messages: 5 })
    expect(qStream).toMatchObject({ type: 'stream', durable: true, arguments: { 'x-queue-type': 'stream' } })
    expect(qHot).toMatchObject({ messages: 1, bytes: 3 })
    expect(qAll?.state).toEqual(expect.any(String))
    expect(qAll?.publishRate).toEqual(expect.any(Number))

    const bindings = t.bindings
      .filter((b) => ours(b.source) || ours(b.destination))
      .map((b) => [b.source, b.destinationType, b.destination, b.routingKey])
    expect(bindings).toEqual([
      ['', 'queue', all, all],
      ['', 'queue', archived, archived],
      ['', 'queue', eu, eu],
      ['', 'queue', hot, hot],
      ['', 'queue', stream, stream],
      ['', 'queue', temps, temps],
      [archive, 'queue', archived, ''],
      [byHeaders, 'queue', hot, ''],
      [sensors, 'exchange', archive, '#'],
      [sensors, 'queue', all, 'sensors.#'],
      [sensors, 'queue', eu, 'sensors.eu.#'],
      [sensors, 'queue', temps, 'sensors.*.temp'],
    ])
    // Both ways: what an exchange feeds, and what feeds a queue (its implicit default binding too).
    expect(t.bindings.filter((b) => b.destination === archive)).toEqual([
      { source: sensors, destination: archive, destinationType: 'exchange', routingKey: '#', arguments: {} },
    ])
    expect(t.bindings.filter((b) => b.destination === hot)).toEqual([
      { source: '', destination: hot, destinationType: 'queue', routingKey: hot, arguments: {} },
      {
        source: byHeaders,
        destination: hot,
        destinationType: 'queue',
        routingKey: '',
        arguments: { 'x-match': 'all', kind: 'temp', hot: true },
      },
    ])
  })

  it('delivered each copy with its body and properties (read back with a separate connection)', async () => {
    const fromTemps = await takeAll(temps)
    expect(fromTemps.map((m) => [m.fields.exchange, m.fields.routingKey, m.content.toString()])).toEqual([
      [sensors, 'sensors.kitchen.temp', '{"t":21.5}'],
      [sensors, 'sensors.eu.temp', '{"t":18}'],
    ])
    expect(fromTemps[0]?.properties).toMatchObject({
      contentType: 'application/json',
      messageId: 'reading-1',
      deliveryMode: 2,
      headers: { room: 'kitchen', celsius: 21.5 },
    })
    // The exchange binding keeps the exchange and key the message was published with.
    const fromArchive = await takeAll(archived)
    expect(fromArchive.map((m) => [m.fields.exchange, m.fields.routingKey])).toEqual([
      [sensors, 'sensors.kitchen.temp'],
      [sensors, 'sensors.kitchen.humidity'],
      [sensors, 'sensors.eu.temp'],
      [sensors, 'sensors.eu.lab.temp'],
      [sensors, 'alerts.fire'],
    ])
    const fromHot = await takeAll(hot)
    expect(fromHot.map((m) => [m.content.toString(), m.properties.headers])).toEqual([
      ['hot', { kind: 'temp', hot: true }],
    ])
    expect(await depth(temps)).toBe(0)
    expect(await depth(archived)).toBe(0)
  })

  it('falls back to the watched names over AMQP when the management API cannot be reached', async () => {
    const port = await closedPort()
    const url = `http://127.0.0.1:${port}`
    const missingQueue = `${id}.missing-queue`
    const missingExchange = `${id}.missing-exchange`
    const pid = await createProfile('rabbit without management', {
      managementUrl: url,
      watched: [
        { kind: 'queue', name: all },
        { kind: 'queue', name: missingQueue },
        { kind: 'exchange', name: sensors },
        { kind: 'queue', name: eu },
        { kind: 'exchange', name: missingExchange },
        { kind: 'queue', name: all },
      ],
    })
    await connect(pid)
    const t = await api('amqpTopology', { profileId: pid })
    expect(t).toMatchObject({
      vhost: '/',
      source: 'amqp',
      management: {
        url,
        ok: false,
        error: `Management API at ${url} could not be reached: connect ECONNREFUSED 127.0.0.1:${port}`,
        rabbitmqVersion: null,
        erlangVersion: null,
        clusterName: null,
      },
      vhosts: null,
      bindings: [],
    })
    expect(t.queues).toEqual([
      {
        name: all,
        type: null,
        durable: null,
        autoDelete: null,
        exclusive: null,
        arguments: {},
        state: null,
        messages: 4,
        messagesReady: 4,
        messagesUnacked: null,
        consumers: 0,
        publishRate: null,
        deliverRate: null,
        ackRate: null,
        bytes: null,
        source: 'amqp',
      },
      expect.objectContaining({ name: eu, messages: 2, consumers: 0, type: null, source: 'amqp' }),
    ])
    expect(t.exchanges).toEqual([
      {
        name: sensors,
        type: null,
        durable: null,
        autoDelete: null,
        internal: null,
        arguments: {},
        publishInRate: null,
        publishOutRate: null,
        source: 'amqp',
      },
    ])
    // In the profile's order, once each; the missing ones in the broker's words.
    expect(t.watched).toEqual([
      { kind: 'queue', name: all, error: null },
      { kind: 'queue', name: missingQueue, error: `404 NOT_FOUND - no queue '${missingQueue}' in vhost '/'` },
      { kind: 'exchange', name: sensors, error: null },
      { kind: 'queue', name: eu, error: null },
      {
        kind: 'exchange',
        name: missingExchange,
        error: `404 NOT_FOUND - no exchange '${missingExchange}' in vhost '/'`,
      },
    ])
    // The failed checks cost their channels only.
    expect(await statusOf(pid)).toMatchObject({ state: 'connected', attempt: 0 })

    // Neither the management API nor a connection: the call fails and gives both reasons.
    await api('disconnect', { profileId: pid })
    const neither = await failure(api('amqpTopology', { profileId: pid }))
    expect(neither.code).toBe('unavailable')
    expect(neither.message).toBe(
      `rabbit without management is not connected, and the management API cannot be used either: Management API at ${url} could not be reached: connect ECONNREFUSED 127.0.0.1:${port}`,
    )
  })

  it('reports a refused management login with 401 and the server’s reason, never the password', async () => {
    const wrong = 'not-the-password-4711'
    const pid = await createProfile(
      'rabbit wrong management password',
      { watched: [{ kind: 'queue', name: all }] },
      { managementPassword: wrong },
    )
    await connect(pid)
    const t = await api('amqpTopology', { profileId: pid })
    expect(t.source).toBe('amqp')
    expect(t.management.error).toMatch(
      new RegExp(
        `^Management API at ${broker.managementUrl}: user "${broker.username}" was refused \\(401\\): \\S`,
      ),
    )
    expect(t.management.error).not.toContain(wrong)
    expect(t.watched).toEqual([{ kind: 'queue', name: all, error: null }])

    // A management user of its own is the one named (and refused: there is no such user).
    const other = await createProfile(
      'rabbit other management user',
      { managementUsername: 'no-such-user' },
      { managementPassword: wrong },
    )
    await connect(other)
    const o = await api('amqpTopology', { profileId: other })
    expect(o.management.error).toMatch(/: user "no-such-user" was refused \(401\): \S/)
    expect(o.watched).toEqual([])
    // The AMQP password still serves the management API when no management password is set.
    const same = await createProfile('rabbit same password', { managementUsername: broker.username })
    expect((await api('amqpTopology', { profileId: same })).source).toBe('management')
  })

  it('gives up on a management API that accepts the connection but never answers, after 5 s', async () => {
    const held: net.Socket[] = []
    const silent = net.createServer((socket) => held.push(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`
    try {
      const pid = await createProfile('rabbit silent management', { managementUrl: url })
      await connect(pid)
      const t = await api('amqpTopology', { profileId: pid })
      expect(t.management).toMatchObject({
        ok: false,
        error: `Management API at ${url} did not answer in 5 s`,
      })
      expect(held.length).toBeGreaterThan(0)
    } finally {
      for (const s of held) s.destroy()
      await new Promise((resolve) => silent.close(resolve))
    }
  })

  it('refuses a check of a missing queue in the broker’s words and keeps the connection', async () => {
    const before = await statusOf(profileId)
    const missing = `${id}.nowhere`
    expect(await failure(api('checkAmqpQueue', { profileId, name: missing }))).toMatchObject({
      code: 'not_found',
      message: `404 NOT_FOUND - no queue '${missing}' in vhost '/'`,
    })
    // The same connection publishes and declares as before.
    expect(await publish(sensors, 'sensors.after.temp', 'after')).toMatchObject({ ok: true })
    expect(await depth(temps)).toBe(1)
    const after = `${id}.after-refusal`
    madeQueues.add(after)
    expect(await api('declareAmqpQueue', { profileId, name: after, durable: false })).toEqual({
      name: after,
      messages: 0,
      consumers: 0,
    })
    // No reconnect happened: same state, entered at the same moment, and no lost connection noticed.
    expect(await statusOf(profileId)).toMatchObject({ state: 'connected', attempt: 0, since: before.since })
    const notices = await api('listAmqpNotices', { profileId })
    expect(notices.filter((n) => n.kind === 'connection-lost')).toEqual([])
  })

  it('refuses a redeclare with other settings (406) and an unknown exchange type, connection intact', async () => {
    const before = await statusOf(profileId)
    const redeclared = await failure(
      api('declareAmqpExchange', { profileId, name: sensors, type: 'direct', durable: false }),
    )
    expect(redeclared.code).toBe('conflict')
    expect(redeclared.message).toMatch(
      new RegExp(`^406 PRECONDITION_FAILED - inequivalent arg 'type' for exchange '${sensors}' in vhost '/'`),
    )
    const badArgument = await failure(
      api('declareAmqpQueue', { profileId, name: `${id}.bad-ttl`, arguments: { 'x-message-ttl': 'soon' } }),
    )
    expect(badArgument).toMatchObject({ code: 'conflict' })
    expect(badArgument.message).toMatch(/^406 PRECONDITION_FAILED - invalid arg 'x-message-ttl' for queue/)

    // RabbitMQ answers an unknown exchange type by closing the connection: not the profile's.
    const unknownType = `${id}.plugin-less`
    madeExchanges.add(unknownType)
    expect(
      await failure(api('declareAmqpExchange', { profileId, name: unknownType, type: 'x-no-such-type' })),
    ).toEqual(
      expect.objectContaining({
        code: 'invalid_input',
        message: "503 COMMAND_INVALID - unknown exchange type 'x-no-such-type'",
      }),
    )
    expect(await statusOf(profileId)).toMatchObject({ state: 'connected', since: before.since })
    expect(await publish(sensors, 'sensors.still.temp', 'still')).toMatchObject({ ok: true })
    expect(await depth(temps)).toBe(2)
  })

  it('unbinds queues and exchanges: what they no longer match stays out', async () => {
    await api('unbindAmqp', { profileId, source: sensors, destination: temps, routingKey: 'sensors.*.temp' })
    await api('unbindAmqp', {
      profileId,
      source: sensors,
      destination: archive,
      destinationType: 'exchange',
      routingKey: '#',
    })
    const [t, a, x] = [await depth(temps), await depth(all), await depth(archived)]
    expect((await publish(sensors, 'sensors.garage.temp', 'unbound')).ok).toBe(true)
    expect([await depth(temps), await depth(all), await depth(archived)]).toEqual([t, a + 1, x])
  })

  it('purges and deletes, answering the counts; refusals come in the broker’s words, connection intact', async () => {
    const before = await statusOf(profileId)
    const waiting = await depth(all)
    expect(waiting).toBeGreaterThan(4)
    expect(await api('purgeAmqpQueue', { profileId, name: all })).toEqual({ purged: waiting })
    expect(await depth(all)).toBe(0)

    // A classic queue refuses if-empty while it holds messages (406, on its channel).
    const held = await depth(archived)
    expect(held).toBeGreaterThan(0)
    const notEmpty = await failure(api('deleteAmqpQueue', { profileId, name: archived, ifEmpty: true }))
    expect(notEmpty.code).toBe('conflict')
    expect(notEmpty.message).toBe(`406 PRECONDITION_FAILED - queue '${archived}' in vhost '/' not empty`)
    expect(await api('deleteAmqpQueue', { profileId, name: archived })).toEqual({ deleted: held })

    // A quorum queue and a stream refuse these by closing the connection (540): not the profile's.
    const quorum = await failure(api('deleteAmqpQueue', { profileId, name: eu, ifEmpty: true }))
    expect(quorum.code).toBe('conflict')
    expect(quorum.message).toMatch(
      new RegExp(`^540 NOT_IMPLEMENTED - cannot delete queue '${eu}' in vhost '/'.*if-empty.*quorum queues`),
    )
    const streamPurge = await failure(api('purgeAmqpQueue', { profileId, name: stream }))
    expect(streamPurge).toMatchObject({ code: 'conflict' })
    expect(streamPurge.message).toMatch(/^540 NOT_IMPLEMENTED - queue.purge not supported by stream queues/)
    expect(await api('deleteAmqpQueue', { profileId, name: eu })).toEqual({ deleted: 2 })
    expect(await failure(api('checkAmqpQueue', { profileId, name: eu }))).toMatchObject({
      code: 'not_found',
      message: `404 NOT_FOUND - no queue '${eu}' in vhost '/'`,
    })
    expect(await api('deleteAmqpQueue', { profileId, name: stream })).toEqual({ deleted: 0 })

    // An exclusive queue belongs to the profile's connection: purged and deleted there.
    const own = await api('declareAmqpQueue', { profileId, name: '', durable: false, exclusive: true })
    expect((await publish('', own.name, 'mine')).ok).toBe(true)
    expect(await api('purgeAmqpQueue', { profileId, name: own.name })).toEqual({ purged: 1 })
    expect((await publish('', own.name, 'mine again')).ok).toBe(true)
    expect(await failure(api('deleteAmqpQueue', { profileId, name: own.name, ifEmpty: true }))).toMatchObject(
      {
        code: 'conflict',
        message: `406 PRECONDITION_FAILED - queue '${own.name}' in vhost '/' not empty`,
      },
    )
    expect(await api('deleteAmqpQueue', { profileId, name: own.name, ifUnused: true })).toEqual({
      deleted: 1,
    })

    const inTemps = await depth(temps)
    expect(await api('deleteAmqpQueue', { profileId, name: temps, ifUnused: true })).toEqual({
      deleted: inTemps,
    })

    const inUse = await failure(api('deleteAmqpExchange', { profileId, name: sensors, ifUnused: true }))
    expect(inUse.code).toBe('conflict')
    expect(inUse.message).toBe(`406 PRECONDITION_FAILED - exchange '${sensors}' in vhost '/' in use`)
    expect(await api('deleteAmqpExchange', { profileId, name: sensors })).toBeNull()
    expect((await failure(onReader((ch) => ch.checkExchange(sensors)))).message).toMatch(/404 \(NOT-FOUND\)/)

    expect(await statusOf(profileId)).toMatchObject({ state: 'connected', attempt: 0, since: before.since })
  })

  it('refuses names, keys and argument names over 255 bytes, naming the field, before sending', async () => {
    const queueName = await failure(api('declareAmqpQueue', { profileId, name: TOO_LONG }))
    expect(queueName).toMatchObject({
      code: 'invalid_input',
      message: 'Queue names are at most 255 bytes of UTF-8',
      issues: [{ path: 'name', message: 'Queue names are at most 255 bytes of UTF-8' }],
    })
    expect(await failure(api('declareAmqpExchange', { profileId, name: TOO_LONG }))).toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'name', message: 'Exchange names are at most 255 bytes of UTF-8' }],
    })
    expect(await failure(bind(byHeaders, hot, TOO_LONG))).toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'routingKey', message: 'Routing keys are at most 255 bytes of UTF-8' }],
    })
    expect(await failure(bind(TOO_LONG, hot, ''))).toMatchObject({ issues: [{ path: 'source' }] })
    expect(await failure(api('checkAmqpQueue', { profileId, name: TOO_LONG }))).toMatchObject({
      issues: [{ path: 'name' }],
    })
    expect(
      await failure(api('declareAmqpQueue', { profileId, name: `${id}.args`, arguments: { [TOO_LONG]: 1 } })),
    ).toMatchObject({ issues: [{ path: `arguments.${TOO_LONG}` }] })
    // Nothing reached the broker.
    expect((await failure(onReader((ch) => ch.checkQueue(`${id}.args`)))).message).toMatch(/404/)
    expect(await statusOf(profileId)).toMatchObject({ state: 'connected', attempt: 0 })
  })
})
