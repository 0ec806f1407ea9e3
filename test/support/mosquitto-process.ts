import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect, createServer, type AddressInfo } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'

/**
 * A Mosquitto of the test's own, for tests that kill and restart the broker mid-stream without
 * disturbing the shared test brokers. Same port across restarts, as a real broker host would keep.
 */
export class MosquittoProcess {
  private child: ChildProcess | null = null
  private readonly dir = mkdtempSync(join(tmpdir(), 'brokerlens-mosq-own-'))
  port = 0

  async start(): Promise<void> {
    if (this.port === 0) this.port = await freePort()
    const conf = join(this.dir, 'mosquitto.conf')
    writeFileSync(
      conf,
      [
        `listener ${this.port} 127.0.0.1`,
        'allow_anonymous true',
        'persistence false',
        `user ${userInfo().username}`,
        '',
      ].join('\n'),
    )
    this.child = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' })
    await waitForPort(this.port, 10_000)
  }

  /** SIGKILL: the broker dies as in a crash, with no DISCONNECT to anyone. */
  async kill(): Promise<void> {
    const child = this.child
    this.child = null
    if (!child || child.exitCode !== null) return
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGKILL')
    })
  }

  async dispose(): Promise<void> {
    await this.kill()
    rmSync(this.dir, { recursive: true, force: true })
  }
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.address() as AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1')
      s.once('connect', () => {
        s.destroy()
        resolve(true)
      })
      s.once('error', () => resolve(false))
    })
    if (ok) return
    if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port} within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
