/** Identity shared by both hosts, the packaging files and the About box. */
export const APP_NAME = 'Brokerlens'
export const APP_ID = 'io.github.brokerlens.Brokerlens'
/** The Electron shell's renderer origin (`app://brokerlens/index.html`). */
export const APP_PROTOCOL = 'app'
export const APP_HOST = 'brokerlens'
/** Default port of the web host (`npm run web`). */
export const WEB_DEFAULT_PORT = 4380
