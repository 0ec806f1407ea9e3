// Typed access to the test brokers that scripts/brokers starts (npm run brokers:start, or
// npm test, which starts them itself). Reads the state file that scripts/brokers/state.mjs writes
// and checks it with zod, so a test fails with a clear message rather than on `undefined`.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

const NOT_RUNNING = 'test brokers are not running: run npm run brokers:start'

const port = z.number().int().min(1).max(65535)

/** A certificate with its private key, as files and as PEM text. */
const certificate = z.object({
  certFile: z.string(),
  keyFile: z.string(),
  certPem: z.string(),
  keyPem: z.string(),
})

/** Present in the state file whenever mosquitto is. */
const tlsSchema = z.object({
  dir: z.string(),
  /** The CA that signed the brokers' server certificate: trust it. */
  ca: certificate,
  /** Server certificate for 127.0.0.1 and localhost, signed by `ca`. */
  server: certificate,
  /** Client certificate signed by `ca` (accepted by the mTLS listener). */
  client: certificate,
  /** An unrelated CA: trusting only it must make TLS connections fail. */
  wrongCa: certificate,
  /** Client certificate signed by `wrongCa` (refused by the mTLS listener). */
  untrustedClient: certificate,
})

/** What every broker section holds about its process and files. */
const processFields = {
  pid: z.number().int(),
  startTime: z.number().nullable(),
  dir: z.string(),
  logFile: z.string(),
  outputFile: z.string(),
  ready: z.literal(true),
  startedAt: z.string(),
  startupMs: z.number(),
}

const mosquittoSchema = z.object({
  ...processFields,
  configFile: z.string(),
  ports: z.object({ plain: port, tls: port, mtls: port, ws: port, password: port, acl: port }),
  /** Credentials for the `password` listener; the others allow anonymous clients. */
  username: z.string(),
  password: z.string(),
  passwordFile: z.string(),
  urls: z.object({
    plain: z.string(),
    tls: z.string(),
    mtls: z.string(),
    ws: z.string(),
    password: z.string(),
  }),
})

const rabbitmqSchema = z.object({
  ...processFields,
  epmdPid: z.number().int(),
  epmdStartTime: z.number().nullable(),
  epmdOutputFile: z.string(),
  nodeName: z.string(),
  configFile: z.string(),
  ports: z.object({ amqp: port, management: port, dist: port, epmd: port, ctlDist: port }),
  /** Administrator with full permissions on every vhost below. */
  username: z.string(),
  password: z.string(),
  vhosts: z.array(z.string()),
  /** amqp://user:password@127.0.0.1:port (default vhost `/`). */
  amqpUrl: z.string(),
  /** Base URL of the management HTTP API (basic auth with username/password). */
  managementUrl: z.string(),
  /** Run `${ctl.command} -n ${nodeName} ...` with `ctl.env` added to the environment. */
  ctl: z.object({ command: z.string(), env: z.record(z.string(), z.string()) }),
})

const kafkaSchema = z.object({
  ...processFields,
  version: z.string(),
  clusterId: z.string(),
  propertiesFile: z.string(),
  ports: z.object({ plaintext: port, controller: port, sasl: port }),
  /** host:port of the PLAINTEXT listener. */
  bootstrap: z.string(),
  /** host:port of the SASL_PLAINTEXT listener (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512). */
  saslBootstrap: z.string(),
  username: z.string(),
  password: z.string(),
  saslMechanisms: z.array(z.string()),
  /** Run Kafka's own tools with `${java} -cp ${classpath} <main class> ...`. */
  java: z.string(),
  classpath: z.string(),
  libsDir: z.string(),
})

// Sections are checked one by one when asked for, so that a broker that is still starting (or
// whose section is broken) does not keep tests of the other brokers from running.
const stateSchema = z.object({
  version: z.literal(1),
  host: z.string(),
  updatedAt: z.string(),
  tls: z.unknown().optional(),
  mosquitto: z.unknown().optional(),
  rabbitmq: z.unknown().optional(),
  kafka: z.unknown().optional(),
})

const sectionSchemas = { mosquitto: mosquittoSchema, rabbitmq: rabbitmqSchema, kafka: kafkaSchema }

export type TlsMaterial = z.infer<typeof tlsSchema>
export type TestMosquitto = z.infer<typeof mosquittoSchema> & { host: string; tls: TlsMaterial }
export type TestRabbitmq = z.infer<typeof rabbitmqSchema> & { host: string }
export type TestKafka = z.infer<typeof kafkaSchema> & { host: string }
export type TestBrokers = { mosquitto: TestMosquitto; rabbitmq: TestRabbitmq; kafka: TestKafka }
export type BrokerName = keyof TestBrokers

/** Same rule as scripts/brokers/state.mjs: BROKERLENS_BROKERS_FILE, else .brokers/state.json. */
export function brokersStateFile(): string {
  const fromEnv = process.env.BROKERLENS_BROKERS_FILE
  if (fromEnv) return path.resolve(fromEnv)
  return fileURLToPath(new URL('../../.brokers/state.json', import.meta.url))
}

type BrokerState = z.infer<typeof stateSchema>

function unusable(what: string, error: z.ZodError): Error {
  return new Error(
    `${NOT_RUNNING} (${what} in ${brokersStateFile()} is not usable:\n${z.prettifyError(error)})`,
  )
}

function readBrokerState(): BrokerState {
  const file = brokersStateFile()
  let json: unknown
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? `no ${file}` : `${file}: ${String(error)}`
    throw new Error(`${NOT_RUNNING} (${reason})`)
  }
  const parsed = stateSchema.safeParse(json)
  if (!parsed.success) throw unusable('the top level', parsed.error)
  return parsed.data
}

function pick<N extends BrokerName>(state: BrokerState, name: N): TestBrokers[N] {
  if (state[name] === undefined) throw new Error(`${NOT_RUNNING} (${name} is not in ${brokersStateFile()})`)
  if ((state[name] as { ready?: unknown }).ready !== true) {
    throw new Error(`${NOT_RUNNING} (${name} is still starting, or its start failed)`)
  }
  const section = sectionSchemas[name].safeParse(state[name])
  if (!section.success) throw unusable(name, section.error)
  if (name !== 'mosquitto') return { ...section.data, host: state.host } as TestBrokers[N]
  const tls = tlsSchema.safeParse(state.tls)
  if (!tls.success) throw unusable('tls', tls.error)
  return { ...section.data, host: state.host, tls: tls.data } as TestBrokers[N]
}

/** One broker; throws if the state file does not list it as ready. */
export function testBroker<N extends BrokerName>(name: N): TestBrokers[N] {
  return pick(readBrokerState(), name)
}

/** All three brokers; throws if any of them is not running. */
export function testBrokers(): TestBrokers {
  const state = readBrokerState()
  return {
    mosquitto: pick(state, 'mosquitto'),
    rabbitmq: pick(state, 'rabbitmq'),
    kafka: pick(state, 'kafka'),
  }
}

/** For describe.skipIf / runIf: is this broker listed as ready (without checking that it answers)? */
export function hasTestBroker(name: BrokerName): boolean {
  try {
    testBroker(name)
    return true
  } catch {
    return false
  }
}
