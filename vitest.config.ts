import { defineConfig } from 'vitest/config'

// Two projects: `unit` needs nothing but Node; `integration` talks to the real test brokers that
// scripts/brokers starts (npm test starts them first).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
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
    ],
  },
})
