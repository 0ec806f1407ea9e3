import { describe, expect, it } from 'vitest'
import {
  connectText,
  disconnectText,
  publishText,
  sizeText,
  subscribeText,
  versionName,
  willText,
} from './timeline-text'

describe('timeline text', () => {
  it('describes a connect with what matters when debugging a device', () => {
    expect(
      connectText({
        protocolVersion: 4,
        keepalive: 5,
        cleanSession: true,
        username: null,
        will: { topic: 'pico/status', preview: 'offline', size: 7, qos: 1, retain: true },
      }),
    ).toBe('connected: MQTT 3.1.1, keepalive 5 s, clean session, will on pico/status (7 B, QoS 1, retained)')
    expect(
      connectText({ protocolVersion: 5, keepalive: 0, cleanSession: false, username: 'lab', will: null }),
    ).toBe('connected: MQTT 5, no keepalive, resumes its session, user lab, no will')
  })

  it('writes publishes, subscriptions and wills', () => {
    expect(publishText('home/temp', 5, 1, true)).toBe('published home/temp (5 B, QoS 1, retained)')
    expect(
      subscribeText([
        { topic: 'a/#', qos: 1 },
        { topic: 'b', qos: 128 },
      ]),
    ).toBe('subscribed to a/# (QoS 1), b (refused)')
    expect(willText({ topic: 'w', size: 2048, qos: 0, retain: false }, 'socket error: read ECONNRESET')).toBe(
      'will published on w (2.0 KiB, QoS 0): socket error: read ECONNRESET',
    )
    expect(disconnectText({ reason: 'keepalive-timeout', detail: null })).toBe(
      'disconnected: keepalive timeout',
    )
    expect(disconnectText({ reason: 'socket-error', detail: 'read ECONNRESET' })).toBe(
      'disconnected: socket error (read ECONNRESET)',
    )
  })

  it('names versions and sizes', () => {
    expect([3, 4, 5, 6].map(versionName)).toEqual(['MQTT 3.1', 'MQTT 3.1.1', 'MQTT 5', 'MQTT level 6'])
    expect([0, 1023, 1024, 5 * 1024 * 1024].map(sizeText)).toEqual(['0 B', '1023 B', '1.0 KiB', '5.0 MiB'])
  })
})
