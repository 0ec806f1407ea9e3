import { join } from 'node:path'
import { createCore, type Core } from '../../src/main/core'
import { FileKeyCipher } from '../../src/main/secrets/file-key-cipher'
import { tempDir } from './temp-dir'

/** A real core on a fresh data folder, as the web host builds it. */
export function testCore(existingDataDir?: string): {
  core: Core
  ingest: Core['ingest']
  dataDir: string
  dispose(): Promise<void>
} {
  const dir = existingDataDir
    ? { path: existingDataDir, remove: () => undefined }
    : tempDir('brokerlens-core-')
  const core = createCore({
    dataDir: dir.path,
    secrets: new FileKeyCipher(join(dir.path, 'secret.key')),
    host: 'web',
    version: '0.0.0-test',
    log: () => undefined,
  })
  return {
    core,
    ingest: core.ingest,
    dataDir: dir.path,
    dispose: async () => {
      await core.close()
      dir.remove()
    },
  }
}
