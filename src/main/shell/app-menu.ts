import type { MenuItemConstructorOptions } from 'electron'

/**
 * The application menu: standard roles only, so Electron supplies the platform's labels,
 * shortcuts and behaviour (copy/paste shortcuts on macOS exist only through the Edit menu). macOS
 * also gets its app menu (About, Hide, Quit) first.
 */
export function applicationMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ]
}
