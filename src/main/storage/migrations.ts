import type { Database } from 'better-sqlite3'

/**
 * Versioned schema migrations, applied in order inside one transaction each. The database's
 * `user_version` is the number of migrations applied. Never edit a released migration: add one.
 */
export interface Migration {
  readonly version: number
  readonly description: string
  up(db: Database): void
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'connection profiles and their encrypted secrets',
    up(db) {
      db.exec(`
        CREATE TABLE profiles (
          id          TEXT PRIMARY KEY,
          protocol    TEXT NOT NULL CHECK (protocol IN ('mqtt', 'amqp', 'kafka')),
          name        TEXT NOT NULL,
          config      TEXT NOT NULL,          -- JSON of the profile's ProfileConfig, validated on read
          position    INTEGER NOT NULL,        -- order in the sidebar
          created_at  INTEGER NOT NULL,
          updated_at  INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE profile_secrets (
          profile_id  TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
          name        TEXT NOT NULL,           -- password | tlsKey | tlsPassphrase
          cipher      TEXT NOT NULL,           -- which SecretCipher wrote it (safeStorage, key file)
          ciphertext  BLOB NOT NULL,
          PRIMARY KEY (profile_id, name)
        ) STRICT;
      `)
    },
  },
  {
    version: 2,
    description: 'message history: topics per profile, messages of every protocol',
    up(db) {
      // One row per topic name and profile keeps the long topic strings out of the messages table
      // and gives the tree (and its rebuild at start) a small table to read. Message ids are given
      // by the core, in arrival order, so `id` is also the time order within a topic.
      db.exec(`
        CREATE TABLE topics (
          id          INTEGER PRIMARY KEY,
          profile_id  TEXT NOT NULL,
          name        TEXT NOT NULL,
          UNIQUE (profile_id, name)
        ) STRICT;
        CREATE TABLE messages (
          id           INTEGER PRIMARY KEY,
          topic_id     INTEGER NOT NULL,
          direction    INTEGER NOT NULL,        -- 0 received, 1 published by the app
          received_at  INTEGER NOT NULL,        -- ms since the epoch, this machine's clock
          broker_ts    INTEGER,                 -- the broker's timestamp (Kafka), when there is one
          qos          INTEGER,
          retain       INTEGER NOT NULL DEFAULT 0,
          dup          INTEGER NOT NULL DEFAULT 0,
          partition    INTEGER,                 -- Kafka
          "offset"     INTEGER,                 -- Kafka
          msg_key      BLOB,                    -- Kafka record key
          routing_key  TEXT,                    -- AMQP (the topic row names the exchange)
          properties   TEXT,                    -- JSON: MQTT 5 properties, AMQP properties, Kafka headers
          size         INTEGER NOT NULL,
          payload      BLOB NOT NULL
        ) STRICT;
        CREATE INDEX messages_by_topic ON messages (topic_id, id);
        CREATE INDEX messages_by_time ON messages (received_at);
      `)
    },
  },
  {
    version: 3,
    description: 'payload search index, settings, saved payloads',
    up(db) {
      // Contentless: the index keeps no copy of the text (the payload is in `messages`), and
      // contentless_delete lets pruning remove rows. Its rowid is the message id. It is filled by a
      // background indexer behind the writer, so that indexing never slows ingest down.
      db.exec(`
        CREATE VIRTUAL TABLE messages_fts USING fts5(body, content='', contentless_delete=1, tokenize='unicode61');
        CREATE TABLE settings (
          key    TEXT PRIMARY KEY,
          value  TEXT NOT NULL                -- JSON
        ) STRICT;
        CREATE TABLE saved_payloads (
          id          INTEGER PRIMARY KEY,
          folder      TEXT NOT NULL DEFAULT '',  -- '/'-separated folder path, '' is the top
          name        TEXT NOT NULL,
          protocol    TEXT,                      -- the protocol it was saved from, if any
          topic       TEXT NOT NULL DEFAULT '',
          qos         INTEGER,
          retain      INTEGER NOT NULL DEFAULT 0,
          properties  TEXT,                      -- JSON, as in messages.properties
          note        TEXT NOT NULL DEFAULT '',
          payload     BLOB NOT NULL,
          created_at  INTEGER NOT NULL,
          updated_at  INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX saved_payloads_by_folder ON saved_payloads (folder, name);
      `)
    },
  },
  {
    version: 4,
    description: "publish log: what each connection sent, with the broker's answer",
    up(db) {
      // The payload is kept here, not referenced in `messages`: a re-send must work after the
      // history was pruned or cleared. Deleting a profile deletes its log.
      db.exec(`
        CREATE TABLE publish_log (
          id          INTEGER PRIMARY KEY,
          profile_id  TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
          at          INTEGER NOT NULL,
          target      TEXT NOT NULL,            -- JSON PublishTarget (bytes as {"$bytes": base64})
          template    INTEGER NOT NULL,
          payload     BLOB NOT NULL,
          count       INTEGER NOT NULL DEFAULT 1,
          sent        INTEGER NOT NULL DEFAULT 0,
          failed      INTEGER NOT NULL DEFAULT 0,
          result      TEXT,                     -- JSON PublishResult of the last send
          error       TEXT
        ) STRICT;
        CREATE INDEX publish_log_by_profile ON publish_log (profile_id, id);
      `)
    },
  },
  {
    version: 5,
    description: 'Kafka consumer group lag samples; Kafka records findable by offset',
    up(db) {
      // Lag samples persist (watches do not: see lag-sampler.ts) and are bounded by LagStore: the
      // newest 100,000 per group, none older than 30 days. Deleting a profile deletes its samples.
      // The partial index lets a browse find which records of a partition the history already holds
      // (one range lookup per page), so that reading a page again stores nothing twice; it covers
      // Kafka rows only, so MQTT and AMQP writes do not pay for it.
      db.exec(`
        CREATE TABLE kafka_lag_samples (
          id          INTEGER PRIMARY KEY,
          profile_id  TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
          group_id    TEXT NOT NULL,
          at          INTEGER NOT NULL,         -- ms since the epoch, when the sample was taken
          total_lag   INTEGER,                  -- null: no partition of the group has a commit
          partitions  TEXT NOT NULL             -- JSON [[topic, partition, lag | null], …]
        ) STRICT;
        CREATE INDEX kafka_lag_samples_by_group ON kafka_lag_samples (profile_id, group_id, at);
        CREATE INDEX messages_by_kafka_offset ON messages (topic_id, "offset") WHERE "offset" IS NOT NULL;
      `)
    },
  },
]

export const LATEST_SCHEMA_VERSION = migrations.length
