import { defineConfig } from 'vitest/config'
import { modulePathPlugin } from './test/support/module-path-plugin'

const plugins = [modulePathPlugin(__dirname)]

// Three projects: `unit` needs nothing but Node; `integration` talks to the real test brokers that
// scripts/brokers starts (npm test starts them first); `bench` is `npm run bench`'s, not `npm test`'s.
export default defineConfig({
  test: {
    projects: [
      {
        plugins,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        plugins,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Brokers are shared: files run one after another so tests do not starve each other.
          fileParallelism: false,
        },
      },
      {
        plugins,
        // `npm run bench` (scripts/bench/run.mjs) runs this against a Mosquitto of its own and reads
        // the figures from the JSON files the bench files write. Not part of `npm test`.
        test: {
          name: 'bench',
          include: ['bench/**/*.bench.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // global.gc() for the heap figures
          execArgv: ['--expose-gc'],
        },
      },
    ],
  },
})
