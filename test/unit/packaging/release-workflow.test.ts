// .github/workflows/release.yml builds with the same npm scripts and manifest as a developer does.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_ID } from '../../../scripts/packaging/flatpak-check.mjs'
import { parseYaml } from '../../../scripts/packaging/yaml-subset.mjs'

const root = resolve(__dirname, '..', '..', '..')
const file = join(root, '.github', 'workflows', 'release.yml')

interface Step {
  uses?: string
  run?: string
  with?: Record<string, unknown>
}
interface Job {
  'runs-on': string
  needs?: string
  steps: Step[]
}
const workflow = parseYaml(readFileSync(file, 'utf8'), file) as {
  on: { push: { tags: string[] } }
  jobs: Record<string, Job>
}
const scripts = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts

const runs = (job: Job) => job.steps.map((step) => step.run ?? '').filter(Boolean)
const uses = (job: Job, action: string) => job.steps.filter((step) => step.uses?.startsWith(`${action}@`))

describe('the release workflow', () => {
  it('runs on version tags', () => {
    expect(workflow.on.push.tags).toEqual(['v*'])
  })

  it('has a job per system, and one that builds the Flatpak from freshly pinned sources', () => {
    const { linux, macos, windows, flatpak } = workflow.jobs
    expect(linux?.['runs-on']).toContain('matrix.runner')
    expect(macos?.['runs-on']).toMatch(/^macos-/)
    expect(windows?.['runs-on']).toMatch(/^windows-/)
    expect(flatpak?.needs).toBe('flatpak-sources')
  })

  it('packages with npm run dist on every system, after npm ci', () => {
    for (const name of ['linux', 'macos', 'windows']) {
      const commands = runs(workflow.jobs[name]!)
      const ci = commands.indexOf('npm ci')
      const dist = commands.findIndex((run) => run.startsWith('npm run dist'))
      expect(ci, name).toBeGreaterThanOrEqual(0)
      expect(dist, name).toBeGreaterThan(ci)
    }
    expect(runs(workflow.jobs['linux']!)).toContain('npm test -- static unit')
    expect(scripts['dist']).toBeDefined()
  })

  it('checks the Flatpak with npm run flatpak:check and builds the manifest with flatpak-builder', () => {
    const sources = runs(workflow.jobs['flatpak-sources']!)
    expect(sources).toContain('npm run flatpak:sources')
    expect(sources).toContain('npm run flatpak:check -- --release')
    expect(sources.indexOf('npm run flatpak:check -- --release')).toBeGreaterThan(
      sources.indexOf('npm run flatpak:sources'),
    )
    expect(scripts['flatpak:check']).toBeDefined()
    expect(scripts['flatpak:sources']).toBeDefined()

    const [builder] = uses(workflow.jobs['flatpak']!, 'flatpak/flatpak-github-actions/flatpak-builder')
    const manifest = builder?.with?.['manifest-path']
    expect(manifest).toBe(`flatpak/${APP_ID}.yml`)
    expect(existsSync(join(root, String(manifest)))).toBe(true)
  })

  it('attaches what each job built to the release', () => {
    const attached = Object.values(workflow.jobs)
      .flatMap((job) => uses(job, 'softprops/action-gh-release'))
      .map((step) => String(step.with?.['files']))
      .join('\n')
    for (const pattern of ['*.AppImage', '*.deb', '*.dmg', '*.exe', 'Brokerlens.flatpak']) {
      expect(attached).toContain(pattern)
    }
  })
})
