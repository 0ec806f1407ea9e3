// The app in headless Chromium as a user keeps it open: Debian's Chromium driven by playwright-core
// with a fresh profile folder, probes installed before the app loads (long tasks), and the page's own
// figures read through the DevTools protocol (JS heap, DOM nodes, main-thread time).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core'
import { CHROMIUM_ARGS } from '../../scripts/provision/chromium-args.mjs'


// Plain JavaScript run in the page before the app's own: every long task the page has, kept as
// [start, duration] until the bench takes them (so the list stays short over a long run).
const PROBES = `(() => {
  const soak = { tasks: [] }
  window.__soak = soak
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) soak.tasks.push([e.startTime, e.duration])
  }).observe({ type: 'longtask', buffered: true })
})()`

export interface PageMetrics {
  /** performance.now() of the page when read. */
  pageNowMs: number
  jsHeapUsedMB: number
  jsHeapTotalMB: number
  domNodes: number
  eventListeners: number
  /** Main-thread time in tasks and in script so far, seconds (Chromium's cumulative counters). */
  taskSeconds: number
  scriptSeconds: number
}

export interface SoakPage {
  page: Page
  pageErrors: string[]
  /** Long tasks since the last call, [start (page time, ms), duration ms]. */
  takeLongTasks(): Promise<[number, number][]>
  metrics(): Promise<PageMetrics>
  pageNow(): Promise<number>
  close(): Promise<void>
}

export async function openSoakPage(url: string, chromiumPath: string): Promise<SoakPage> {
  // A profile folder of its own: nothing from an earlier run (caches, storage) reaches this one.
  const userDataDir = mkdtempSync(join(tmpdir(), 'brokerlens-soak-chromium-'))
  // Chromium goes with the worker's pipe to it; its profile folder is removed here even then.
  const removeDir = () => rmSync(userDataDir, { recursive: true, force: true })
  process.once('exit', removeDir)
  let context: BrowserContext | null = null
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      args: [...CHROMIUM_ARGS],
      headless: true,
      viewport: { width: 1280, height: 800 },
    })
    const page = context.pages()[0] ?? (await context.newPage())
    const pageErrors: string[] = []
    page.on('pageerror', (err) => pageErrors.push(err.message))
    await page.addInitScript({ content: PROBES })
    const cdp: CDPSession = await context.newCDPSession(page)
    await cdp.send('Performance.enable')
    await page.goto(url)
    const ctx = context
    return {
      page,
      pageErrors,
      takeLongTasks: () => page.evaluate('window.__soak.tasks.splice(0)') as Promise<[number, number][]>,
      pageNow: () => page.evaluate('performance.now()') as Promise<number>,
      async metrics() {
        const [pageNowMs, { metrics }] = await Promise.all([
          page.evaluate('performance.now()') as Promise<number>,
          cdp.send('Performance.getMetrics'),
        ])
        const m = new Map(metrics.map((x) => [x.name, x.value]))
        const mb = (name: string) => (m.get(name) ?? NaN) / 2 ** 20
        return {
          pageNowMs,
          jsHeapUsedMB: mb('JSHeapUsedSize'),
          jsHeapTotalMB: mb('JSHeapTotalSize'),
          domNodes: m.get('Nodes') ?? NaN,
          eventListeners: m.get('JSEventListeners') ?? NaN,
          taskSeconds: m.get('TaskDuration') ?? NaN,
          scriptSeconds: m.get('ScriptDuration') ?? NaN,
        }
      },
      async close() {
        await ctx.close().catch(() => {})
        removeDir()
        process.off('exit', removeDir)
      },
    }
  } catch (err) {
    await context?.close().catch(() => {})
    removeDir()
    process.off('exit', removeDir)
    throw err
  }
}
