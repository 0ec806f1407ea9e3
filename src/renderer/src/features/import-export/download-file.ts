/** Saves text as a file through the browser's download (a Blob and an object URL; nothing leaves the machine). */
export function downloadText(filename: string, text: string, type = 'application/json'): void {
  downloadBlob(filename, new Blob([text], { type }))
}

/** Saves a Blob as a file: a large export is assembled from its chunks without one giant string. */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.style.display = 'none'
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 30_000)
}

/** A file name made of a profile name: letters, digits and dashes. */
export function fileSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-')
    .toLowerCase()
    .slice(0, 60)
  return slug || 'profile'
}

export function exportFileName(profileName: string | null, now = new Date()): string {
  const day = now.toISOString().slice(0, 10)
  return profileName ? `brokerlens-${fileSlug(profileName)}-${day}.json` : `brokerlens-profiles-${day}.json`
}
