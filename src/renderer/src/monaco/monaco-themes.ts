import type { Monaco } from './monaco-setup'

/** Monaco's own themes, on the app's background colours so the editor sits flush in the form. */
export const LIGHT_THEME = 'brokerlens-light'
export const DARK_THEME = 'brokerlens-dark'

let defined = false

export function defineThemes(monaco: Monaco): void {
  if (defined) return
  defined = true
  monaco.editor.defineTheme(LIGHT_THEME, {
    base: 'vs',
    inherit: true,
    rules: [],
    colors: { 'editor.background': '#ffffff' },
  })
  monaco.editor.defineTheme(DARK_THEME, {
    base: 'vs-dark',
    inherit: true,
    rules: [],
    // Mantine's dark body (dark-7)
    colors: { 'editor.background': '#242424' },
  })
}

export function themeFor(scheme: 'light' | 'dark'): string {
  return scheme === 'dark' ? DARK_THEME : LIGHT_THEME
}
