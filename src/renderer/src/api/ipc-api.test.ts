import { describe, expect, it, vi } from 'vitest'
import { apiMethodNames } from '../../../shared/api'
import { ApiError } from '../../../shared/api-error'
import { createIpcApi, type BrokerlensBridge } from './ipc-api'

function fakeBridge(impl: (method: string, input: unknown) => Promise<unknown>) {
  const listeners = new Set<(e: unknown) => void>()
  const bridge: Record<string, unknown> = {}
  for (const m of apiMethodNames) bridge[m] = (input?: unknown) => impl(m, input)
  bridge.onEvent = (l: (e: unknown) => void) => {
    listeners.add(l)
    return () => listeners.delete(l)
  }
  return { bridge: bridge as BrokerlensBridge, emit: (e: unknown) => listeners.forEach((l) => l(e)) }
}

describe('createIpcApi', () => {
  it('passes inputs through and validates results', async () => {
    const calls: unknown[] = []
    const { bridge } = fakeBridge(async (method, input) => {
      calls.push([method, input])
      return method === 'listProfiles' ? [] : { bogus: true }
    })
    const { api } = createIpcApi(bridge)
    await expect(api.listProfiles()).resolves.toEqual([])
    await expect(api.getAppInfo()).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('getAppInfo'),
    })
    expect(calls).toEqual([
      ['listProfiles', undefined],
      ['getAppInfo', undefined],
    ])
  })

  it('turns the preload’s error payloads into ApiError with issues', async () => {
    const { bridge } = fakeBridge(async () => {
      throw {
        code: 'invalid_input',
        message: 'Invalid input',
        issues: [{ path: 'config.host', message: 'bad' }],
      }
    })
    const { api } = createIpcApi(bridge)
    const err = await api
      .createProfile({ config: { protocol: 'mqtt', name: 'x', host: 'h' } })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'invalid_input', issues: [{ path: 'config.host', message: 'bad' }] })

    const { bridge: plain } = fakeBridge(async () => {
      throw new Error('boom')
    })
    await expect(createIpcApi(plain).api.listProfiles()).rejects.toMatchObject({
      code: 'internal',
      message: 'boom',
    })
  })

  it('validates events', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { bridge, emit } = fakeBridge(async () => null)
    const { api } = createIpcApi(bridge)
    const seen: unknown[] = []
    const off = api.onEvent((e) => seen.push(e))
    emit({ type: 'profiles.changed' })
    emit({ type: 'nope' })
    off()
    emit({ type: 'profiles.changed' })
    expect(seen).toEqual([{ type: 'profiles.changed' }])
    vi.restoreAllMocks()
  })
})
