import type { Monaco } from './monaco-setup'

let loading: Promise<Monaco> | null = null

/** Monaco, loaded once on first use (its own chunk); a failed load is tried again next time. */
export function loadMonaco(): Promise<Monaco> {
  loading ??= import('./monaco-setup').then(
    (m) => m.monaco,
    (err: unknown) => {
      loading = null
      throw err
    },
  )
  return loading
}
