/**
 * Whether a URL may be handed to the operating system (`shell.openExternal`). Only web links: other
 * schemes (file:, smb:, ms-…:, custom app handlers) can launch programs or open local files, so a
 * page that could choose them could run things on the user's machine.
 */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol, host } = new URL(url)
    return (protocol === 'http:' || protocol === 'https:') && host !== ''
  } catch {
    return false
  }
}
