import { homedir } from 'node:os'
import { join } from 'node:path'
import { APP_NAME } from '../shared/app-meta'

/**
 * The user's data folder, the same one Electron's `app.getPath('userData')` names, so that the web
 * host and the desktop app share profiles and history (inside Flatpak, XDG_CONFIG_HOME points into
 * the app's own ~/.var/app folder).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME)
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_NAME)
}
