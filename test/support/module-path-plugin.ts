import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { build, type Plugin } from 'vite'

const SUFFIX = '?modulePath'

/**
 * `import path from './x?modulePath'` under Vitest: electron-vite turns such an import into a
 * bundle of its own next to the app's and gives its path; Node cannot start a worker from
 * TypeScript source, so under Vitest the module is bundled the same way (packages and Node's own
 * modules left external), into node_modules/.cache, and the import gives that file's path.
 */
export function modulePathPlugin(root: string): Plugin {
  const outDir = join(root, 'node_modules', '.cache', 'module-path')
  return {
    name: 'brokerlens:module-path',
    enforce: 'pre',
    async resolveId(id, importer) {
      if (!id.endsWith(SUFFIX) || !importer) return null
      const file = resolve(dirname(importer), id.slice(0, -SUFFIX.length))
      return `\0module-path:${file.endsWith('.ts') ? file : `${file}.ts`}`
    },
    async load(id) {
      if (!id.startsWith('\0module-path:')) return null
      const entry = id.slice('\0module-path:'.length)
      const name = createHash('sha256').update(entry).digest('hex').slice(0, 12)
      mkdirSync(outDir, { recursive: true })
      await build({
        configFile: false,
        logLevel: 'silent',
        build: {
          ssr: entry,
          outDir,
          emptyOutDir: false,
          minify: false,
          rollupOptions: { output: { format: 'es', entryFileNames: `${name}.mjs` } },
        },
      })
      return `export default ${JSON.stringify(join(outDir, `${name}.mjs`))}`
    },
  }
}
