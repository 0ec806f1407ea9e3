import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveBuildPaths } from './build-paths'

describe('resolveBuildPaths', () => {
  it('finds the preload and the renderer beside out/main, as electron-vite lays them out', () => {
    const out = join('/opt', 'Brokerlens', 'resources', 'app.asar', 'out')
    expect(resolveBuildPaths(join(out, 'main'))).toEqual({
      preload: join(out, 'preload', 'index.cjs'),
      renderer: join(out, 'renderer'),
    })
  })
})
