import { join } from 'node:path'

export interface BuildPaths {
  /** out/preload/index.cjs: CommonJS, because sandboxed preloads cannot be ES modules. */
  readonly preload: string
  /** out/renderer: what the `app://` protocol serves. */
  readonly renderer: string
}

/**
 * Where electron-vite puts the other two bundles, relative to the folder of the built main entry
 * (out/main). Passed in by the entry itself because only the entry module's `import.meta.url` is
 * sure to be out/main/index.js; code moved into a shared chunk would see out/main/chunks.
 */
export function resolveBuildPaths(mainDir: string): BuildPaths {
  return {
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    renderer: join(mainDir, '..', 'renderer'),
  }
}
