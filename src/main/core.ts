import { platform } from 'node:os'
import type { ApiEvent, ApiHandlers } from '../shared/api'
import { ApiError } from '../shared/api-error'
import { APP_NAME } from '../shared/app-meta'
import type { MqttConfig } from '../shared/profiles'
import { SavedPayloadInput } from '../shared/saved-payloads'
import type { SubscriptionStatus } from '../shared/subscriptions'
import { payloadPreview } from '../shared/payload-preview'
import { PREVIEW_BYTES } from '../shared/messages'
import { createDispatcher } from './api-dispatch'
import { createLinkFactory } from './brokers/link-factory'
import { MqttConnection } from './brokers/mqtt/mqtt-connection'
import { describeError } from './connections/broker-link'
import { ConnectionRegistry } from './connections/connection-registry'
import { HistoryQuery } from './history/history-query'
import { HistoryRetention } from './history/history-retention'
import { HistoryStore } from './history/history-store'
import { CSV_HEADER, parseJsonLines, toCsvRow, toJsonLine } from './history/history-transfer'
import { SearchIndex } from './history/search-index'
import { summarize } from './history/message-record'
import { Ingest } from './ingest/ingest'
import { ProfileStore } from './profiles/profile-store'
import { exportProfiles, importProfiles } from './profiles/profile-transfer'
import type { SecretCipher } from './secrets/secret-cipher'
import { SavedPayloadStore } from './payloads/saved-payload-store'
import { ReplayService } from './replay/replay-service'
import { replayTarget } from './replay/replay-target'
import { PublishLogStore } from './publish/publish-log-store'
import { PublishService } from './publish/publish-service'
import { isPublishingConnection } from './publish/publishing-connection'
import { decodeProtobuf, protoMessageTypes } from './payloads/protobuf-codec'
import { KafkaConnection } from './brokers/kafka/kafka-connection'
import { AmqpConnection } from './brokers/amqp/amqp-connection'
import { AmqpConsumerService } from './amqp/amqp-consumer-service'
import { AmqpNotices } from './amqp/amqp-notices'
import { AmqpTopologyService } from './amqp/amqp-topology-service'
import { BuiltInBrokerService } from './built-in-broker/built-in-broker-service'
import { builtInBrokerHandlers } from './built-in-broker/built-in-broker-handlers'
import { amqpHandlers } from './amqp/amqp-handlers'
import { KafkaAdminService } from './kafka/kafka-admin-service'
import { KafkaBrowseService } from './kafka/kafka-browse-service'
import { LagSampler } from './kafka/lag-sampler'
import { LagStore } from './kafka/lag-store'
import { openDatabase } from './storage/database'
import { Checkpointer } from './storage/checkpointer'
import { Settings } from './storage/settings'
import { TopicViews } from './topics/topic-views'

export interface CoreOptions {
  /** Folder for the database and every other file the app keeps. Created if missing. */
  dataDir: string
  secrets: SecretCipher
  host: 'electron' | 'web'
  version: string
  log?: (message: string) => void
}

export interface Core {
  readonly handlers: ApiHandlers
  /** Where broker adapters hand over messages; exposed for in-process tests and benchmarks. */
  readonly ingest: Ingest
  /**
   * Validated entry point for transports: method name and raw input, result or ApiError.
   * `clientId` names the window or socket calling, so that its views' deltas reach it alone.
   */
  invoke(method: string, input: unknown, clientId?: string): Promise<unknown>
  /** Every event; `clientId` is null for events for everyone, else the one client it is for. */
  onEvent(listener: (event: ApiEvent, clientId: string | null) => void): () => void
  /** A window or socket is gone: drop what was kept for it (tree views). */
  releaseClient(clientId: string): void
  close(): Promise<void>
}

/**
 * The composition root: everything stateful is made here, once, and closed by `close()`.
 * No `electron` import anywhere below this file: both hosts build the same core.
 */
export function createCore(options: CoreOptions): Core {
  const log = options.log ?? ((m: string) => console.error(m))
  const listeners = new Set<(event: ApiEvent, clientId: string | null) => void>()
  const emit = (event: ApiEvent, clientId: string | null = null) => {
    for (const l of listeners) {
      try {
        l(event, clientId)
      } catch (err) {
        log(`[events] listener failed: ${String(err)}`)
      }
    }
  }

  const db = openDatabase(options.dataDir)
  const profiles = new ProfileStore(db, options.secrets, log)
  const history = new HistoryStore(db, (err) => log(`[history] write failed, will retry: ${err.message}`))
  const checkpointer = new Checkpointer(db, log)
  const settings = new Settings(db)
  // Indexing costs about as much per message as storing it: during a burst (over 1,000 msg/s) it
  // waits, so that receiving keeps up, unless it falls more than 200,000 messages behind (a search
  // catches up before it runs, and that must not take long).
  let seenAppended = 0
  const searchIndex: SearchIndex = new SearchIndex(
    db,
    settings,
    (): boolean => {
      const burst = history.appended - seenAppended > 100
      seenAppended = history.appended
      return burst && history.peekNextId() - searchIndex.indexedUpTo < 200_000
    },
    (err) => log(`[search] indexing failed, will retry: ${err.message}`),
  )
  const retention = new HistoryRetention(db, history, searchIndex, settings)
  const historyQuery = new HistoryQuery(db, history, searchIndex)
  searchIndex.start()
  retention.start((err) => log(`[history] pruning failed, will retry: ${err.message}`))
  const views = new TopicViews(history, emit)
  const ingest = new Ingest(history, views, (profileId) => retention.isPaused(profileId))
  // A read like any other: what was received counts, so wait for the writer first.
  const historyStats = () => {
    history.flush()
    return retention.stats(history.lastError, history.pending, history.dropped)
  }
  const savedPayloads = new SavedPayloadStore(db)
  // Declared before the registry (whose AMQP connections report to them), built right after it.
  let amqpConsumers: AmqpConsumerService | null = null
  const amqpNotices = new AmqpNotices((notice) => emit({ type: 'amqp.notice', notice }))
  const connections = new ConnectionRegistry(
    (profile, secrets) =>
      createLinkFactory(profile, secrets, {
        mqtt: (profileId) => ({
          ingest,
          onSubscriptions: (subscriptions) =>
            emit({ type: 'subscriptions.changed', profileId, subscriptions }),
        }),
        amqp: (profileId) => ({
          ingest,
          onLinkUp: (connection) => amqpConsumers?.linkUp(profileId, connection),
          onLinkDown: (reason, byUser) => {
            if (!byUser) amqpNotices.add(profileId, 'connection-lost', reason)
            amqpConsumers?.linkDown(profileId, reason, byUser)
          },
          onBlocked: (reason) =>
            reason === null
              ? amqpNotices.add(
                  profileId,
                  'unblocked',
                  'The broker lifted its resource alarm: publishing resumes',
                )
              : amqpNotices.add(
                  profileId,
                  'blocked',
                  `The broker blocked publishing on this connection (resource alarm): ${reason || 'no reason given'}`,
                ),
        }),
        kafka: () => ({ ingest }),
      }),
    (status) => {
      emit({ type: 'connection.status', status })
      // AMQP consumers waiting for a link that will not come (disconnected or failed while reconnecting).
      if (status.state === 'disconnected' || status.state === 'failed')
        amqpConsumers?.sessionEnded(status.profileId, status.state === 'failed' ? status.reason : null)
    },
  )
  /** The live MQTT connection of a profile, or an error that says why there is none. */
  const mqttOf = (profileId: string): MqttConnection => {
    const c = connections.connection(profileId)
    if (c instanceof MqttConnection) return c
    const { profile } = mqttProfile(profileId)
    throw new ApiError('unavailable', `${profile.config.name} is not connected`)
  }
  const mqttProfile = (profileId: string) => {
    const profile = profiles.get(profileId)
    if (profile.config.protocol !== 'mqtt') {
      throw new ApiError('invalid_input', `${profile.config.name} is not an MQTT profile`)
    }
    return { profile, config: profile.config }
  }
  /** Subscriptions are part of the profile: saved on every change, so they come back next time. */
  const saveSubscriptions = (profileId: string, list: MqttConfig['subscriptions']) => {
    const { config } = mqttProfile(profileId)
    profilesChanged(profiles.update(profileId, { ...config, subscriptions: list }))
  }
  const replays = new ReplayService(
    savedPayloads,
    historyQuery,
    (profileId) => async (item) => {
      const c = connections.connection(profileId)
      if (!isPublishingConnection(c))
        throw new ApiError('unavailable', `${profiles.get(profileId).config.name} is not connected`)
      const result = await c.publish(
        replayTarget(item, profiles.get(profileId).config.protocol),
        item.payload,
      )
      return result.ok ? null : result.reason
    },
    (status) => emit({ type: 'replay.status', status }),
  )
  const publishing = new PublishService(
    new PublishLogStore(db),
    (profileId) => {
      const c = connections.connection(profileId)
      if (isPublishingConnection(c)) return c
      throw new ApiError('unavailable', `${profiles.get(profileId).config.name} is not connected`)
    },
    (event) => emit(event),
  )
  /** The live kafkajs client of a Kafka profile, or an error that says why there is none. */
  const kafkaOf = (profileId: string) => {
    const profile = profiles.get(profileId)
    if (profile.config.protocol !== 'kafka')
      throw new ApiError('invalid_input', `${profile.config.name} is not a Kafka profile`)
    const c = connections.connection(profileId)
    if (c instanceof KafkaConnection) return c.live()
    throw new ApiError('unavailable', `${profile.config.name} is not connected`)
  }
  const kafkaAdmin = new KafkaAdminService(kafkaOf)
  const amqpProfile = (profileId: string) => {
    const profile = profiles.get(profileId)
    if (profile.config.protocol !== 'amqp')
      throw new ApiError('invalid_input', `${profile.config.name} is not an AMQP profile`)
    return { profile, config: profile.config }
  }
  /** The live amqplib connection of an AMQP profile, or an error that says why there is none. */
  const amqpOf = (profileId: string) => {
    const { config } = amqpProfile(profileId)
    const c = connections.connection(profileId)
    if (c instanceof AmqpConnection && c.connected) return c.live()
    throw new ApiError('unavailable', `${config.name} is not connected`)
  }
  const amqpTopology = new AmqpTopologyService({
    profileOf: (profileId) => ({
      config: amqpProfile(profileId).config,
      secrets: profiles.readSecrets(profileId),
    }),
    amqpOf,
  })
  amqpConsumers = new AmqpConsumerService({
    amqpOf,
    ingest,
    history,
    notices: amqpNotices,
    emit: (status) => emit({ type: 'amqp.consumer', status }),
  })
  const consumers = amqpConsumers
  const builtInBroker = new BuiltInBrokerService({
    profiles,
    settings,
    connect: (profileId) => connections.connect(profiles.get(profileId), profiles.readSecrets(profileId)),
    disconnect: (profileId) => connections.disconnect(profileId, 'mqtt'),
    emit: (event) => emit(event),
    log,
  })
  const kafkaBrowse = new KafkaBrowseService(
    kafkaOf,
    ingest,
    history,
    (status) => emit({ type: 'kafka.tail', status }),
    db,
  )
  const lagSampler = new LagSampler(
    new LagStore(db),
    (profileId, groupId) => kafkaAdmin.group(profileId, groupId),
    (profileId, groupId, sample) => emit({ type: 'kafka.lag', profileId, groupId, sample }),
  )
  const offlineStatus = (s: MqttConfig['subscriptions'][number]): SubscriptionStatus => ({
    ...s,
    state: 'offline',
    grantedQos: null,
    reasonCode: null,
    reason: null,
  })
  const profilesChanged = <T>(value: T): T => {
    emit({ type: 'profiles.changed' })
    return value
  }

  const handlers: ApiHandlers = {
    getAppInfo: () => ({
      name: APP_NAME,
      version: options.version,
      host: options.host,
      dataDir: options.dataDir,
      platform: platform(),
    }),
    listProfiles: () => profiles.list(),
    getProfile: ({ id }) => profiles.get(id),
    createProfile: ({ config, secrets }) => profilesChanged(profiles.create(config, secrets)),
    updateProfile: ({ id, config, secrets }) => profilesChanged(profiles.update(id, config, secrets)),
    duplicateProfile: ({ id }) => profilesChanged(profiles.duplicate(id)),
    deleteProfile: async ({ id }) => {
      const profile = profiles.get(id)
      await connections.disconnect(id, profile.config.protocol)
      profiles.delete(id)
      return profilesChanged(null)
    },
    exportProfiles: ({ ids, includeSecrets }) => exportProfiles(profiles, ids, includeSecrets),
    importProfiles: ({ json }) => {
      const result = importProfiles(profiles, json)
      return result.imported.length > 0 ? profilesChanged(result) : result
    },
    listConnections: () => connections.list(),
    connect: ({ profileId }) => {
      const profile = profiles.get(profileId)
      return connections.connect(profile, profiles.readSecrets(profileId))
    },
    disconnect: ({ profileId }) => connections.disconnect(profileId, profiles.get(profileId).config.protocol),

    listSubscriptions: ({ profileId }) => {
      const live = connections.connection(profileId)
      if (live instanceof MqttConnection) return live.subscriptions()
      return mqttProfile(profileId).config.subscriptions.map(offlineStatus)
    },
    subscribe: async ({ profileId, subscription }) => {
      const { config } = mqttProfile(profileId)
      saveSubscriptions(profileId, [
        ...config.subscriptions.filter((s) => s.filter !== subscription.filter),
        subscription,
      ])
      const live = connections.connection(profileId)
      if (live instanceof MqttConnection) return live.subscribe(subscription)
      const status = offlineStatus(subscription)
      emit({
        type: 'subscriptions.changed',
        profileId,
        subscriptions: mqttProfile(profileId).config.subscriptions.map(offlineStatus),
      })
      return status
    },
    unsubscribe: async ({ profileId, filter }) => {
      const { config } = mqttProfile(profileId)
      saveSubscriptions(
        profileId,
        config.subscriptions.filter((s) => s.filter !== filter),
      )
      const live = connections.connection(profileId)
      if (live instanceof MqttConnection) await live.unsubscribe(filter)
      else
        emit({
          type: 'subscriptions.changed',
          profileId,
          subscriptions: mqttProfile(profileId).config.subscriptions.map(offlineStatus),
        })
      return null
    },
    publish: (request) => publishing.publish(request),
    listPublishLog: ({ profileId, limit }) => publishing.logOf(profileId, limit),
    resendPublish: ({ id }) => publishing.resend(id),
    getPublishLogPayload: ({ id }) => ({ bytes: publishing.payloadOf(id) }),
    clearPublishLog: ({ profileId }) => ({ removed: publishing.clearLog(profileId) }),
    startPublishJob: ({ request, count, intervalMs }) => publishing.startJob(request, count, intervalMs),
    stopPublishJob: ({ id }) => publishing.stopJob(id),
    listPublishJobs: () => publishing.listJobs(),
    kafkaCluster: ({ profileId }) => kafkaAdmin.cluster(profileId),
    listKafkaTopics: ({ profileId }) => kafkaAdmin.listTopics(profileId),
    getKafkaTopic: ({ profileId, topic }) => kafkaAdmin.topic(profileId, topic),
    createKafkaTopic: (input) => kafkaAdmin.createTopic(input),
    deleteKafkaTopic: ({ profileId, topic }) => kafkaAdmin.deleteTopic(profileId, topic),
    browseKafka: (request) => kafkaBrowse.browse(request),
    startKafkaTail: ({ profileId, topic, partitions }) => kafkaBrowse.startTail(profileId, topic, partitions),
    stopKafkaTail: ({ id }) => kafkaBrowse.stopTail(id),
    listKafkaTails: () => kafkaBrowse.listTails(),
    listKafkaGroups: ({ profileId }) => kafkaAdmin.listGroups(profileId),
    getKafkaGroup: ({ profileId, groupId }) => kafkaAdmin.group(profileId, groupId),
    deleteKafkaGroup: ({ profileId, groupId }) => kafkaAdmin.deleteGroup(profileId, groupId),
    getKafkaLagHistory: ({ profileId, groupId, since }) => lagSampler.history(profileId, groupId, since),
    watchKafkaLag: ({ profileId, groupId, intervalMs }) => {
      profiles.get(profileId)
      return lagSampler.watch(profileId, groupId, intervalMs)
    },
    previewKafkaOffsetReset: (request) => kafkaAdmin.previewReset(request),
    applyKafkaOffsetReset: (request) => kafkaAdmin.applyReset(request),
    ...amqpHandlers({
      topology: amqpTopology,
      consumers,
      notices: amqpNotices,
      checkProfile: (profileId) => void amqpProfile(profileId),
    }),
    ...builtInBrokerHandlers(builtInBroker),
    parseProto: ({ proto }) => ({ types: asInvalidInput(() => protoMessageTypes(proto)) }),
    decodeProtobuf: ({ proto, messageType, payload }) => ({
      json: asInvalidInput(() => decodeProtobuf(proto, messageType, payload)),
    }),

    setTreeView: (request, { clientId }) => {
      profiles.get(request.profileId)
      return views.setView(clientId, request)
    },
    searchTopics: ({ profileId, query, limit }) => {
      profiles.get(profileId)
      return views.searchTopics(profileId, query, limit)
    },
    closeTreeView: ({ viewId }, { clientId }) => {
      views.closeView(clientId, viewId)
      return null
    },
    getTopicMessages: ({ profileId, topic, beforeId, limit }) =>
      history.topicMessages(profileId, topic, beforeId, limit).map(summarize),
    getMessagePayload: ({ id }) => ({ id, bytes: history.message(id).payload }),
    previewClearRetained: ({ profileId, path, subtree }) => {
      const { count, topics } = retainedTargets(profileId, path, subtree, 200)
      return { count, topics }
    },
    queryHistory: ({ filter, beforeId, limit }) => {
      profiles.get(filter.profileId)
      return historyQuery.page(filter, beforeId, limit)
    },
    countHistory: ({ filter }) => ({ count: historyQuery.count(filter) }),
    exportHistory: ({ filter, format, afterId, limit }) => {
      const { records, next } = historyQuery.records(filter, afterId, limit, true)
      const lines = records.map(format === 'jsonl' ? toJsonLine : toCsvRow)
      if (format === 'csv' && afterId === null) lines.unshift(CSV_HEADER)
      return { text: lines.length > 0 ? lines.join('\n') + '\n' : '', next, exported: records.length }
    },
    importHistory: ({ profileId, text, firstLine }) => {
      const profile = profiles.get(profileId)
      const { messages, errors } = parseJsonLines(text, firstLine)
      for (const m of messages) ingest.imported(profileId, profile.config.protocol, m)
      history.flush()
      return { imported: messages.length, errors: errors.slice(0, 1000) }
    },
    historyStats: () => historyStats(),
    setHistoryBudget: ({ bytes }) => {
      retention.setBudget(bytes)
      return historyStats()
    },
    setHistoryPaused: ({ profileId, paused }) => {
      profiles.get(profileId)
      retention.setPaused(profileId, paused)
      return historyStats()
    },
    clearHistory: ({ profileId, topic }) => {
      profiles.get(profileId)
      return { removed: retention.clear(historyQuery.topicIdsOf(profileId, topic)) }
    },
    listSavedPayloads: () =>
      savedPayloads.list().map(({ payload, ...rest }) => {
        const { preview, truncated } = payloadPreview(payload, PREVIEW_BYTES)
        return { ...rest, preview, previewTruncated: truncated }
      }),
    getSavedPayload: ({ id }) => savedPayloads.get(id),
    createSavedPayload: ({ payload }) => savedPayloads.create(payload),
    updateSavedPayload: ({ id, payload }) => savedPayloads.update(id, payload),
    duplicateSavedPayload: ({ id }) => savedPayloads.duplicate(id),
    deleteSavedPayload: ({ id }) => {
      savedPayloads.delete(id)
      return null
    },
    saveMessage: ({ messageId, name, folder, note }) => {
      const m = history.message(messageId)
      return savedPayloads.create(
        SavedPayloadInput.parse({
          folder,
          name,
          note,
          protocol: m.protocol,
          topic: m.topic,
          qos: m.qos,
          retain: m.retain,
          properties: m.properties,
          amqp: m.amqp,
          kafka: m.kafka,
          payload: m.payload,
        }),
      )
    },
    exportSavedPayloads: ({ ids }) => ({ json: savedPayloads.exportJson(ids) }),
    importSavedPayloads: ({ json }) => {
      const { imported, rejected } = savedPayloads.importJson(json)
      return { imported: imported.length, rejected }
    },
    startReplay: (request) => {
      profiles.get(request.targetProfileId)
      return replays.start(request)
    },
    pauseReplay: ({ id }) => replays.pause(id),
    resumeReplay: ({ id }) => replays.resume(id),
    stopReplay: ({ id }) => replays.stop(id),
    listReplays: () => replays.list(),
    clearRetained: async ({ profileId, path, subtree }) => {
      const mqtt = mqttOf(profileId)
      const { topics } = retainedTargets(profileId, path, subtree, Infinity)
      // QoS 1, one at a time: each clear is confirmed by the broker before the next is sent.
      const tree = views.tree(profileId)
      for (const topic of topics) {
        await mqtt.publish({ protocol: 'mqtt', topic, qos: 1, retain: true }, new Uint8Array(0))
        tree.clearRetained(topic)
      }
      return { cleared: topics.length }
    },
  }

  /** Decoders throw plain Errors on bad input: the user's file or bytes, not a fault of the app. */
  function asInvalidInput<T>(fn: () => T): T {
    try {
      return fn()
    } catch (err) {
      throw new ApiError('invalid_input', describeError(err))
    }
  }

  function retainedTargets(profileId: string, path: string, subtree: boolean, limit: number) {
    const tree = views.tree(profileId)
    const node = tree.nodeFor(path)
    if (!node) return { count: 0, topics: [] }
    if (!subtree) return node.retained ? { count: 1, topics: [path] } : { count: 0, topics: [] }
    return tree.retainedTopics(node, path, limit)
  }

  let closed: Promise<void> | null = null
  return {
    handlers,
    ingest,
    invoke: createDispatcher(handlers, log),
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    releaseClient: (clientId) => views.releaseClient(clientId),
    close() {
      closed ??= (async () => {
        replays.close()
        publishing.close()
        lagSampler.close()
        await kafkaBrowse.close()
        await consumers.close()
        await builtInBroker.close()
        await connections.closeAll()
        views.close()
        searchIndex.stop()
        retention.stop()
        history.close()
        await checkpointer.close()
        listeners.clear()
        db.close()
      })()
      return closed
    },
  }
}
