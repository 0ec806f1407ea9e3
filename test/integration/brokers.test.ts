// Smoke test of the test brokers themselves: every broker and listener that scripts/brokers starts
// answers, with the bare client libraries (no Brokerlens code), so that a failure in a feature test
// can be told apart from a broken test environment.
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { promisify } from 'node:util'
import { connect as amqpConnect } from 'amqplib'
import { Kafka, logLevel, Partitioners, type SASLOptions } from 'kafkajs'
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt'
import { describe, expect, it } from 'vitest'
import { testBrokers } from '../support/brokers'

const run = promisify(execFile)
const brokers = testBrokers()
const { mosquitto, rabbitmq, kafka } = brokers

/** Connects, or rejects with the first error; never retries. */
function mqttConnect(url: string, options: IClientOptions = {}): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 5_000, ...options })
    client.once('connect', () => resolve(client))
    client.once('error', (error) => {
      client.end(true)
      reject(error)
    })
    client.once('close', () => reject(new Error(`connection to ${url} closed before CONNACK`)))
  })
}

/** Subscribes, publishes one message to itself and returns what arrived. */
async function mqttRoundTrip(url: string, options: IClientOptions = {}): Promise<string> {
  const client = await mqttConnect(url, options)
  try {
    const topic = `brokerlens/smoke/${randomUUID()}`
    const received = new Promise<string>((resolve) => {
      client.on('message', (arrivedOn, payload) => {
        if (arrivedOn === topic) resolve(payload.toString())
      })
    })
    await client.subscribeAsync(topic, { qos: 1 })
    await client.publishAsync(topic, 'hello', { qos: 1 })
    return await received
  } finally {
    await client.endAsync()
  }
}

describe('mosquitto', () => {
  const { urls, tls } = mosquitto

  it('plain listener: publish/subscribe round trip', async () => {
    expect(await mqttRoundTrip(urls.plain)).toBe('hello')
  })

  it('TLS listener: round trip when trusting the test CA', async () => {
    expect(await mqttRoundTrip(urls.tls, { ca: tls.ca.certPem })).toBe('hello')
  })

  it('TLS listener: refused when trusting another CA', async () => {
    await expect(mqttConnect(urls.tls, { ca: tls.wrongCa.certPem })).rejects.toThrow(/certificate/i)
  })

  it('mutual-TLS listener: accepts the client certificate, refuses a client without one', async () => {
    const ca = tls.ca.certPem
    expect(await mqttRoundTrip(urls.mtls, { ca, cert: tls.client.certPem, key: tls.client.keyPem })).toBe(
      'hello',
    )
    await expect(mqttConnect(urls.mtls, { ca })).rejects.toThrow()
    await expect(
      mqttConnect(urls.mtls, { ca, cert: tls.untrustedClient.certPem, key: tls.untrustedClient.keyPem }),
    ).rejects.toThrow()
  })

  it('WebSocket listener: round trip', async () => {
    expect(await mqttRoundTrip(urls.ws)).toBe('hello')
  })

  it('password listener: the right password works, a wrong one or none is refused', async () => {
    const { username, password } = mosquitto
    expect(await mqttRoundTrip(urls.password, { username, password })).toBe('hello')
    await expect(mqttConnect(urls.password, { username, password: `${password}x` })).rejects.toThrow(
      /not authori[sz]ed/i,
    )
    await expect(mqttConnect(urls.password)).rejects.toThrow(/not authori[sz]ed/i)
  })
})

describe('rabbitmq', () => {
  it('AMQP: declare a queue, publish, get the message back', async () => {
    const connection = await amqpConnect(rabbitmq.amqpUrl)
    try {
      const channel = await connection.createChannel()
      const { queue } = await channel.assertQueue('', { exclusive: true })
      channel.sendToQueue(queue, Buffer.from('hello'))
      let message: Awaited<ReturnType<typeof channel.get>> = false
      for (let attempt = 0; attempt < 50 && message === false; attempt++) {
        message = await channel.get(queue, { noAck: true })
        if (message === false) await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect(message && message.content.toString()).toBe('hello')
    } finally {
      await connection.close()
    }
  })

  it('AMQP: the second vhost is usable; a wrong password is refused', async () => {
    const extraVhost = rabbitmq.vhosts.find((vhost) => vhost !== '/')
    expect(extraVhost).toBeDefined()
    const connection = await amqpConnect(`${rabbitmq.amqpUrl}/${encodeURIComponent(extraVhost!)}`)
    try {
      const channel = await connection.createChannel()
      await channel.assertQueue('', { exclusive: true })
    } finally {
      await connection.close()
    }
    const url = new URL(rabbitmq.amqpUrl)
    url.password = 'wrong'
    await expect(amqpConnect(url.toString())).rejects.toThrow(/ACCESS_REFUSED|403/)
  })

  it('management API answers /api/overview', async () => {
    const auth = Buffer.from(`${rabbitmq.username}:${rabbitmq.password}`).toString('base64')
    const response = await fetch(`${rabbitmq.managementUrl}/api/overview`, {
      headers: { authorization: `Basic ${auth}` },
    })
    expect(response.status).toBe(200)
    const overview = (await response.json()) as { node: string; rabbitmq_version: string }
    expect(overview.node).toBe(rabbitmq.nodeName)
    expect(overview.rabbitmq_version).toMatch(/^\d+\.\d+/)
  })

  it('rabbitmqctl reaches the node with the recorded environment', async () => {
    const { stdout } = await run(rabbitmq.ctl.command, ['-n', rabbitmq.nodeName, '-q', 'list_vhosts'], {
      env: { ...process.env, ...rabbitmq.ctl.env },
    })
    for (const vhost of rabbitmq.vhosts) expect(stdout.split('\n')).toContain(vhost)
  })
})

describe('kafka', () => {
  const clientFor = (sasl?: SASLOptions) =>
    new Kafka({
      clientId: 'brokerlens-smoke',
      brokers: [sasl ? kafka.saslBootstrap : kafka.bootstrap],
      sasl,
      logLevel: logLevel.NOTHING,
      retry: { retries: 2 },
    })
  const groupId = `brokerlens-smoke-${randomUUID()}`

  it('create a topic, produce and consume one record', async () => {
    const client = clientFor()
    const topic = `brokerlens-smoke-${randomUUID()}`
    const admin = client.admin()
    await admin.connect()
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true })
    } finally {
      await admin.disconnect()
    }

    const producer = client.producer({ createPartitioner: Partitioners.DefaultPartitioner })
    await producer.connect()
    try {
      await producer.send({ topic, messages: [{ key: 'k', value: 'hello' }] })
    } finally {
      await producer.disconnect()
    }

    const consumer = client.consumer({ groupId })
    await consumer.connect()
    try {
      await consumer.subscribe({ topic, fromBeginning: true })
      const value = await new Promise<string>((resolve) => {
        void consumer.run({ eachMessage: async ({ message }) => resolve(message.value?.toString() ?? '') })
      })
      expect(value).toBe('hello')
    } finally {
      await consumer.disconnect()
    }
  })

  // Lists the consumer group of the test above (tests of a file run in order).
  it("Kafka's own tools run from the recorded classpath", async () => {
    const { stdout } = await run(
      kafka.java,
      [
        '-cp',
        kafka.classpath,
        'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
        '--bootstrap-server',
        kafka.bootstrap,
        '--list',
      ],
      { timeout: 60_000 },
    )
    expect(stdout.split('\n')).toContain(groupId)
  })

  it.each(['plain', 'scram-sha-256', 'scram-sha-512'] as const)(
    'SASL %s: the right password works',
    async (mechanism) => {
      const admin = clientFor({
        mechanism,
        username: kafka.username,
        password: kafka.password,
      } as SASLOptions).admin()
      await admin.connect()
      try {
        expect(Array.isArray(await admin.listTopics())).toBe(true)
      } finally {
        await admin.disconnect()
      }
    },
  )

  it('SASL: a wrong password is refused', async () => {
    const admin = clientFor({
      mechanism: 'scram-sha-512',
      username: kafka.username,
      password: 'wrong',
    }).admin()
    await expect(admin.connect()).rejects.toThrow(/authenticat/i)
    await admin.disconnect()
  })
})
