// What the bench files share: their settings (from the environment scripts/bench/run.mjs sets) and
// where they leave their figures (JSON files that run.mjs reads back and reports).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** BROKERLENS_BENCH_OUT, or bench-results/parts when a bench file is run by hand. */
export function benchOutDir(): string {
  return process.env.BROKERLENS_BENCH_OUT || join(root, 'bench-results', 'parts')
}

/** Writes one part's figures as `<out>/<name>.json`. */
export function writePart(name: string, figures: unknown): string {
  const dir = benchOutDir()
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `${name}.json`)
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`)
  return file
}

/** A numeric setting: BROKERLENS_BENCH_<NAME>, else the default. */
export function setting(name: string, fallback: number): number {
  const raw = process.env[`BROKERLENS_BENCH_${name}`]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isFinite(n)) throw new Error(`BROKERLENS_BENCH_${name}=${raw} is not a number`)
  return n
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

export const repoRoot = root

/** Progress on stderr (vitest shows it as the run goes). */
export function progress(line: string): void {
  process.stderr.write(`[bench] ${line}\n`)
}
