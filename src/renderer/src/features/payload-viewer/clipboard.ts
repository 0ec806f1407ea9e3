/**
 * Puts text on the clipboard: the async Clipboard API first; where it is refused (no permission, an
 * unfocused page, an old shell) the selection-and-copy command, which needs no permission. Rejects
 * with the reason when both fail, so the viewer can say so instead of pretending it copied.
 */
export async function writeClipboard(text: string): Promise<void> {
  let reason: unknown = null
  if (typeof navigator !== 'undefined' && navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text)
      return
    } catch (err) {
      reason = err
    }
  }
  if (copyWithSelection(text)) return
  const why = reason instanceof Error ? reason.message : 'the page may not use the clipboard'
  throw new Error(`The clipboard refused the copy (${why})`)
}

function copyWithSelection(text: string): boolean {
  if (typeof document === 'undefined') return false
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.append(area)
  const active = document.activeElement instanceof HTMLElement ? document.activeElement : null
  try {
    area.select()
    // deprecated, but the one way to copy without the Clipboard API's permission
    return document.execCommand('copy')
  } catch {
    return false
  } finally {
    area.remove()
    active?.focus()
  }
}
