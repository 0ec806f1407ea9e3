import { randomBytes } from 'node:crypto'
import type WebSocket from 'ws'
import type { Secret } from '../../scripts/security/secrets-scan.mjs'
import type { TestBrokers } from './brokers'

/** A secret no other run or test shares, so a hit can only come from this one. */
export const unique = (what: string) => `${what}-${randomBytes(9).toString('base64url')}`

/** The body lines of a PEM key: JSON carries the key with its newlines escaped, so look for each line. */
export const pemLines = (pem: string) =>
  pem.split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----'))

/** Passwords the brokers refuse: the app must keep these as secret as the right ones. */
export function wrongPasswords() {
  return {
    mqtt: unique('wrong-mqtt-password'),
    amqp: unique('wrong-amqp-password'),
    kafka: unique('wrong-kafka-password'),
    management: unique('wrong-management-password'),
  }
}

/** The secrets every secrets test looks for: the brokers' real ones, the wrong ones, a client key. */
export function brokerSecrets(
  b: TestBrokers,
  wrong: ReturnType<typeof wrongPasswords>,
  passphrase: string,
): Secret[] {
  return [
    { label: 'Mosquitto password', value: b.mosquitto.password },
    { label: 'RabbitMQ password', value: b.rabbitmq.password },
    { label: 'Kafka SASL password', value: b.kafka.password },
    { label: 'wrong MQTT password', value: wrong.mqtt },
    { label: 'wrong AMQP password', value: wrong.amqp },
    { label: 'wrong Kafka password', value: wrong.kafka },
    { label: 'management password', value: wrong.management },
    { label: 'TLS key passphrase', value: passphrase },
    ...pemLines(b.mosquitto.tls.client.keyPem).map((value, i) => ({
      label: `client key line ${i + 1}`,
      value,
    })),
  ]
}

/**
 * API calls over a web-host socket, as the renderer makes them: each waits for the frame with its
 * id; `seen` gets every answer (result or error) by method.
 */
export function socketCaller(
  socket: () => WebSocket,
  encode: (frame: unknown) => string = JSON.stringify,
  seen: (method: string, answer: unknown) => void = () => undefined,
) {
  let nextId = 1
  return <T>(method: string, input?: unknown) =>
    new Promise<T>((resolve, reject) => {
      const ws = socket()
      const id = nextId++
      const onFrame = (data: WebSocket.RawData) => {
        const frame = JSON.parse(data.toString()) as {
          id?: number
          ok?: boolean
          result?: T
          error?: unknown
        }
        if (frame.id !== id) return
        ws.off('message', onFrame)
        seen(method, frame.ok ? frame.result : frame.error)
        if (frame.ok) resolve(frame.result as T)
        else reject(new Error(`${method}: ${JSON.stringify(frame.error)}`))
      }
      ws.on('message', onFrame)
      ws.send(encode({ id, method, input }))
    })
}
