/**
 * The one module that imports Monaco. It is only ever reached through `loadMonaco()`'s dynamic
 * import, so Monaco (a few MB) is a chunk of its own that the first screen never waits for.
 *
 * Only the editor API and the JSON language are loaded: `editor.main.js` would pull in every
 * language Monaco knows (TypeScript's alone is several MB). Everything comes from the app's own
 * bundle: the workers are Vite `?worker` chunks served by the app (CSP `worker-src 'self' blob:`)
 * and nothing is ever fetched from a CDN, which the app, running offline, could not reach anyway.
 */
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js'
import * as jsonContribution from 'monaco-editor/esm/vs/language/json/monaco.contribution.js'
import type { json } from 'monaco-editor'
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker'
import JsonWorker from 'monaco-editor/esm/vs/language/json/json.worker?worker'

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker()
  },
}

// The contribution's type file declares nothing; its runtime exports are those of `monaco.json`.
const { jsonDefaults } = jsonContribution as unknown as { jsonDefaults: json.LanguageServiceDefaults }

// A payload is strict JSON (RFC 8259): no comments, no trailing commas, and no schema to fetch.
jsonDefaults.setDiagnosticsOptions({
  validate: true,
  allowComments: false,
  comments: 'error',
  trailingCommas: 'error',
  schemas: [],
  enableSchemaRequest: false,
})

export { monaco }
export type Monaco = typeof monaco
