// The UI under load: the real renderer (built into bench-results/build, so that `out/` of a running
// e2e suite is left alone) served by the web host, in Debian's Chromium driven by playwright-core,
// while publishers stream 10,000 msg/s over 1,000 topics below `busy/` plus a homelab in the
// background. Measures, in the page:
//   - long tasks (PerformanceObserver 'longtask', installed before the app loads) during the load,
//   - click-to-detail: from a click on a tree row to the first frame in which `detail-topic` shows
//     that row's topic, for ~10 rows of the expanded `busy` node,
// and, through the core's API, the messages actually delivered per second.
/* global window, document, MutationObserver, requestAnimationFrame -- in functions run in the page */
import { spawn, spawnSync, fork } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import WebSocket from 'ws'
import { CHROMIUM_ARGS } from '../provision/chromium-args.mjs'

const PROFILE = 'Bench load'

/**
 * @param {{ root: string, brokerUrl: string, brokerPort: number, log: (line: string) => void,
 *   rate?: number, topics?: number, durationS?: number, backgroundRate?: number, clicks?: number,
 *   build?: boolean }} o
 */
export async function runUiBench(o) {
  const rate = o.rate ?? 10_000
  const topics = o.topics ?? 1000
  const durationS = o.durationS ?? 30
  const clicks = o.clicks ?? 10
  const buildDir = join(o.root, 'bench-results', 'build')
  const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath} (set CHROMIUM_PATH)`)

  if (o.build !== false) {
    o.log(`ui: building the app into ${buildDir}`)
    const built = spawnSync(
      process.execPath,
      [
        join(o.root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
        'build',
        '--outDir',
        buildDir,
      ],
      { cwd: o.root, encoding: 'utf8' },
    )
    if (built.status !== 0) throw new Error(`electron-vite build failed:\n${built.stdout}\n${built.stderr}`)
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'brokerlens-bench-ui-'))
  const children = []
  let host = null
  let browser = null
  let api = null
  try {
    host = await startWebHost(join(buildDir, 'main', 'web.js'), dataDir, o.root)
    children.push(host.child)
    o.log(`ui: web host at ${host.url}`)

    // The profile is made and connected through the API, as the renderer would, over the socket.
    api = await ApiSocket.open(host.port)
    const profile = await api.call('createProfile', {
      config: { protocol: 'mqtt', name: PROFILE, host: '127.0.0.1', port: o.brokerPort },
    })
    const status = await api.call('connect', { profileId: profile.id })
    if (status.state !== 'connected') throw new Error(`the profile did not connect: ${status.reason}`)

    // The homelab first (its retained set and first readings), live in the background from then on.
    const homelab = spawnNode(join(o.root, 'scripts', 'fixtures', 'homelab-publisher.mjs'), [
      '--url',
      o.brokerUrl,
      '--rate',
      String(o.backgroundRate ?? 100),
      '--duration',
      String(durationS + 20),
      '--prefix',
      'lab',
      '--quiet',
    ])
    children.push(homelab)

    browser = await chromium.launch({ executablePath: chromiumPath, args: [...CHROMIUM_ARGS] })
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    const pageErrors = []
    page.on('pageerror', (err) => pageErrors.push(err.message))
    await page.addInitScript(installProbes)
    await page.goto(host.url)
    await page.getByTestId(`profile-item-${PROFILE}`).click()
    await page.getByTestId('topic-tree').waitFor({ state: 'visible', timeout: 30_000 })
    await page.getByTestId('tree-row-lab').waitFor({ state: 'visible', timeout: 30_000 })

    // The busy stream: a publisher process at `rate` msg/s, QoS 0 (the profile's default).
    const busy = await startStream(o.root, {
      url: o.brokerUrl,
      prefix: 'busy',
      topics,
      rate,
      durationS,
    })
    children.push(busy.child)
    const before = await api.totals(profile.id)
    const loadStart = await page.evaluate(() => performance.now())
    const wallStart = performance.now()
    busy.go()

    // Expand `busy` once its row is there, then click rows below it while the stream runs.
    const busyRow = page.getByTestId('tree-row-busy')
    await busyRow.waitFor({ state: 'visible', timeout: 30_000 })
    await busyRow.locator('.tree-chevron').click()
    await page
      .locator('[data-testid^="tree-row-busy/"]')
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 })
    await page.waitForTimeout(3000) // let the first deltas of 1,000 rows land before the clicks

    const latencies = []
    const clicked = []
    for (let i = 0; i < clicks && (performance.now() - wallStart) / 1000 < durationS - 2; i++) {
      const paths = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid^="tree-row-busy/"]')]
          .filter((el) => {
            const r = el.getBoundingClientRect()
            return r.top >= 0 && r.bottom <= window.innerHeight
          })
          .map((el) => el.getAttribute('data-testid').slice('tree-row-'.length)),
      )
      const candidates = paths.filter((p) => p !== clicked.at(-1))
      const path = candidates[(i * 3 + 1) % candidates.length]
      if (!path) throw new Error('no row of busy/ on screen to click')
      await page.evaluate((p) => window.__bench.arm(p), path)
      await page.getByTestId(`tree-row-${path}`).click()
      const ms = await page.waitForFunction(() => window.__bench.result, null, { timeout: 10_000 })
      latencies.push(await ms.jsonValue())
      clicked.push(path)
      await page.waitForTimeout(1200)
    }

    const result = await busy.done
    const after = await api.totals(profile.id)
    const wallMs = performance.now() - wallStart
    const loadEnd = await page.evaluate(() => performance.now())
    const tasks = await page.evaluate(() => window.__bench.longtasks)
    const inLoad = tasks.filter((t) => t.start + t.duration >= loadStart && t.start <= loadEnd)
    const frames = (await page.evaluate(() => window.__bench.frames)).filter(
      (f) => f.start >= loadStart && f.start <= loadEnd,
    )
    // Frame handling that ran inside a long task, against the long tasks' total.
    const inLong = frames.filter((f) =>
      inLoad.some((t) => f.start >= t.start && f.start <= t.start + t.duration),
    )
    const delivered = after.messages - before.messages
    const totalsShown = await page
      .getByTestId('tree-totals')
      .textContent()
      .catch(() => null)

    return {
      settings: {
        rate,
        topics,
        durationS,
        backgroundRate: o.backgroundRate ?? 100,
        qos: 0,
        viewport: '1280x800',
      },
      published: { busy: result.sent, busyRate: result.rate },
      deliveredPerSecond: (delivered / wallMs) * 1000,
      delivered,
      longestTaskMs: inLoad.reduce((m, t) => Math.max(m, t.duration), 0),
      tasksOver50ms: inLoad.filter((t) => t.duration > 50).length,
      tasksOver100ms: inLoad.filter((t) => t.duration > 100).length,
      longTaskMsTotal: inLoad.reduce((s, t) => s + t.duration, 0),
      loadWindowMs: loadEnd - loadStart,
      socketFrames: {
        count: frames.length,
        perSecond: (frames.length / (loadEnd - loadStart)) * 1000,
        medianMs: median(frames.map((f) => f.duration)),
        maxMs: frames.reduce((m, f) => Math.max(m, f.duration), 0),
        medianBytes: median(frames.map((f) => f.bytes)),
        maxBytes: frames.reduce((m, f) => Math.max(m, f.bytes), 0),
        totalMs: frames.reduce((sum, f) => sum + f.duration, 0),
        inLongTasksMs: inLong.reduce((sum, f) => sum + f.duration, 0),
      },
      clickToDetailMs: {
        median: median(latencies.map((l) => l.frame)),
        max: Math.max(...latencies.map((l) => l.frame)),
        domMedian: median(latencies.map((l) => l.dom)),
        samples: latencies,
      },
      clicked,
      totalsShown,
      pageErrors,
    }
  } finally {
    await browser?.close().catch(() => {})
    api?.close()
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    if (host) await waitExit(host.child, 10_000)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/**
 * Runs in the page before the app: collects long tasks, and arms a probe that times a click on a
 * row until `detail-topic` shows the row's path (DOM) and until the next frame after that (shown).
 */
function installProbes() {
  const bench = {
    longtasks: [],
    result: null,
    arm(path) {
      bench.result = null
      let clickAt = null
      let dom = null
      const onClick = (e) => {
        clickAt = e.timeStamp
        check()
      }
      const check = () => {
        if (clickAt === null || dom !== null) return
        const el = document.querySelector('[data-testid="detail-topic"]')
        if (el && el.textContent === path) {
          dom = performance.now()
          observer.disconnect()
          window.removeEventListener('click', onClick, true)
          requestAnimationFrame(() => {
            bench.result = { dom: dom - clickAt, frame: performance.now() - clickAt }
          })
        }
      }
      const observer = new MutationObserver(check)
      observer.observe(document.body, { subtree: true, childList: true, characterData: true })
      window.addEventListener('click', onClick, true)
    },
  }
  // Time spent in the app's socket message handler (frame decode, validation, store updates): what
  // of the long tasks is the data path rather than rendering.
  bench.frames = []
  const NativeSocket = window.WebSocket
  window.WebSocket = class extends NativeSocket {
    set onmessage(fn) {
      super.onmessage =
        fn &&
        ((ev) => {
          const t0 = performance.now()
          try {
            return fn.call(this, ev)
          } finally {
            bench.frames.push({ start: t0, duration: performance.now() - t0, bytes: String(ev.data).length })
          }
        })
    }
    get onmessage() {
      return super.onmessage
    }
  }
  window.__bench = bench
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longtasks.push({ start: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask', buffered: true })
}

/** The core's API over the web host's socket: plain JSON frames {id, method, input}. */
class ApiSocket {
  static open(port) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, { origin: `http://127.0.0.1:${port}` })
      ws.once('open', () => resolve(new ApiSocket(ws)))
      ws.once('error', reject)
    })
  }

  constructor(ws) {
    this.ws = ws
    this.next = 1
    this.pending = new Map()
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data))
      if (frame.id === undefined) return // an event
      const p = this.pending.get(frame.id)
      if (!p) return
      this.pending.delete(frame.id)
      if (frame.ok) p.resolve(frame.result)
      else p.reject(new Error(`${frame.error.code}: ${frame.error.message}`))
    })
  }

  call(method, input) {
    const id = this.next++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.ws.send(JSON.stringify({ id, method, input }))
    })
  }

  /** The tree's totals of a profile, from a view of this socket's own (closed again at once). */
  async totals(profileId) {
    const snap = await this.call('setTreeView', {
      profileId,
      viewId: 'bench-totals',
      expanded: [],
      selected: null,
    })
    await this.call('closeTreeView', { profileId, viewId: 'bench-totals' })
    return snap.totals
  }

  close() {
    this.ws.close()
  }
}

function startWebHost(webJs, dataDir, cwd) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env }
    delete env.BROKERLENS_TOKEN
    const child = spawn(process.execPath, [webJs, '--port', '0', '--data-dir', dataDir], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the web host printed no URL within 20 s:\n${out}`))
    }, 20_000)
    const onData = (chunk) => {
      out += chunk
      const m = /https?:\/\/[^\s]+/.exec(out)
      if (m) {
        clearTimeout(timer)
        child.stdout.off('data', onData)
        child.stdout.resume()
        resolve({ child, url: m[0], port: Number(new URL(m[0]).port) })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (c) => (out += c))
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`the web host exited (${signal ?? code}):\n${out}`))
    })
  })
}

/** The stream publisher, flat topics below the prefix, started on go(). */
function startStream(root, { url, prefix, topics, rate, durationS }) {
  const child = fork(
    join(root, 'scripts', 'bench', 'stream-publisher.mjs'),
    [
      '--url',
      url,
      '--prefix',
      prefix,
      '--topics',
      String(topics),
      '--shape',
      'flat',
      '--qos',
      '0',
      '--rate',
      String(rate),
      '--duration',
      String(durationS),
      '--inflight',
      '500',
    ],
    { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  )
  return new Promise((resolve, reject) => {
    let finished
    const done = new Promise((res, rej) => {
      finished = { res, rej }
    })
    done.catch(() => {}) // awaited later; a crash before that must not be an unhandled rejection
    child.on('message', (m) => {
      if (m.type === 'ready') resolve({ child, go: () => child.send({ type: 'go' }), done })
      if (m.type === 'done') finished.res(m)
    })
    child.once('exit', (code, signal) => {
      const err = new Error(`the busy publisher exited (${signal ?? code})`)
      reject(err)
      finished.rej(err)
    })
  })
}

function spawnNode(script, args) {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'ignore', 'inherit'] })
  return child
}

function waitExit(child, timeoutMs) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
  })
}

function median(values) {
  if (values.length === 0) return NaN
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}
