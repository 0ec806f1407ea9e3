import { describe, expect, it } from 'vitest'
import { AmqpConfig, type Secrets } from '../../shared/profiles'
import { managementTarget, ManagementUrlError, urlHost } from './management-url'

const config = (fields: Partial<AmqpConfig> = {}) =>
  AmqpConfig.parse({ protocol: 'amqp', name: 'rabbit', host: 'rabbit.example', username: 'app', ...fields })

describe('management API URL and credentials', () => {
  it('derives http://host:15672 from the AMQP host, https://host:15671 for amqps', () => {
    expect(managementTarget(config(), {}).url).toBe('http://rabbit.example:15672')
    expect(managementTarget(config({ scheme: 'amqps', port: 5671 }), {}).url).toBe(
      'https://rabbit.example:15671',
    )
    expect(managementTarget(config({ host: '10.0.0.7', port: 5673 }), {}).url).toBe('http://10.0.0.7:15672')
  })

  it('puts IPv6 hosts in brackets, once', () => {
    expect(urlHost('::1')).toBe('[::1]')
    expect(urlHost('[fd00::2]')).toBe('[fd00::2]')
    expect(urlHost('localhost')).toBe('localhost')
    expect(managementTarget(config({ host: '::1' }), {}).url).toBe('http://[::1]:15672')
    expect(managementTarget(config({ host: 'fd00::2', scheme: 'amqps' }), {}).url).toBe(
      'https://[fd00::2]:15671',
    )
  })

  it('uses the profile’s URL, tidied: no trailing slash, /api or the UI’s #/, a path prefix kept', () => {
    const url = (managementUrl: string) => managementTarget(config({ managementUrl }), {}).url
    expect(url('http://mq.example:8080')).toBe('http://mq.example:8080')
    expect(url('http://mq.example:8080/')).toBe('http://mq.example:8080')
    expect(url('http://mq.example:15672/#/queues')).toBe('http://mq.example:15672')
    expect(url('https://mq.example/api/')).toBe('https://mq.example')
    expect(url('https://proxy.example/rabbitmq/?x=1')).toBe('https://proxy.example/rabbitmq')
  })

  it('takes the management user and password if set, else the AMQP ones', () => {
    const secrets: Secrets = { password: 'amqp-secret' }
    expect(managementTarget(config(), secrets)).toMatchObject({ username: 'app', password: 'amqp-secret' })
    expect(
      managementTarget(config({ managementUsername: 'monitor' }), { ...secrets, managementPassword: 'mon' }),
    ).toMatchObject({ username: 'monitor', password: 'mon' })
    // A management password alone keeps the AMQP user; nothing set at all is an empty password.
    expect(managementTarget(config(), { managementPassword: 'mon' })).toMatchObject({
      username: 'app',
      password: 'mon',
    })
    expect(managementTarget(config(), {}).password).toBe('')
  })

  it('takes credentials out of a URL and uses them only where the profile names none', () => {
    const withUser = config({ managementUrl: 'http://ops:p%40ss@mq.example:15672' })
    expect(managementTarget(withUser, { password: 'amqp-secret' })).toEqual({
      url: 'http://mq.example:15672',
      username: 'ops',
      password: 'p@ss',
    })
    const named = config({
      managementUrl: 'http://ops:p%40ss@mq.example:15672',
      managementUsername: 'monitor',
    })
    expect(managementTarget(named, { managementPassword: 'mon' })).toEqual({
      url: 'http://mq.example:15672',
      username: 'monitor',
      password: 'mon',
    })
  })

  it('reports a URL that cannot be parsed without its credentials', () => {
    const bad = config({ managementUrl: 'http://ops:hunter22@mq.example:99999' })
    let error: unknown
    try {
      managementTarget(bad, {})
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(ManagementUrlError)
    expect((error as ManagementUrlError).url).toBe('http://mq.example:99999')
    expect((error as Error).message).toBe(
      'The management URL "http://mq.example:99999" in the profile is not a valid URL',
    )
    expect((error as Error).message).not.toContain('hunter22')
  })
})
