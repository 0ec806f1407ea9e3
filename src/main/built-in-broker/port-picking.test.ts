import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { listenOnPort, PortError, tryListen } from './port-picking'

const taken = (busy: number[]) => async (port: number) => !busy.includes(port)

describe('listenOnPort', () => {
  it('takes the default port when it is free', async () => {
    expect(await listenOnPort(null, 1883, taken([]))).toBe(1883)
  })
  it('moves up to the next free port when the default is taken', async () => {
    expect(await listenOnPort(null, 1883, taken([1883, 1884, 1885]))).toBe(1886)
  })
  it('gives up after the span, naming the range', async () => {
    const all = Array.from({ length: 101 }, (_, i) => 1883 + i)
    await expect(listenOnPort(null, 1883, taken(all))).rejects.toThrow('ports 1883 to 1983 are all in use')
  })
  it('never moves an explicit port: a taken one fails with its number', async () => {
    const tried: number[] = []
    const attempt = async (p: number) => {
      tried.push(p)
      return false
    }
    const err = await listenOnPort(2000, 1883, attempt).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(PortError)
    expect((err as Error).message).toBe('port 2000 is in use')
    expect(tried).toEqual([2000])
  })
  it('passes on failures other than a taken port', async () => {
    await expect(
      listenOnPort(null, 1883, async () => {
        throw new PortError('port 1883 needs privileges the app does not have')
      }),
    ).rejects.toThrow('needs privileges')
  })
})

describe('tryListen', () => {
  it('binds a free port and reports a taken one as false', async () => {
    const first = createServer()
    expect(await tryListen(first, '127.0.0.1', 0)).toBe(true)
    const port = (first.address() as { port: number }).port
    const second = createServer()
    expect(await tryListen(second, '127.0.0.1', port)).toBe(false)
    // The same server can try again elsewhere after a refusal.
    expect(await tryListen(second, '127.0.0.1', 0)).toBe(true)
    await Promise.all([first, second].map((s) => new Promise((r) => s.close(r))))
  })
})
