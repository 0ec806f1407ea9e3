import type { SavedPayloadSummary } from '../../../../shared/saved-payloads'

/**
 * Saved payloads as the panel's rows: folders ('a/b' paths) as a tree, each folder before its
 * payloads, sub-folders first then payloads, both by name. A collapsed folder hides what is inside;
 * a search shows the matching payloads with the folders that lead to them, opened.
 */
export type SavedRow =
  | { kind: 'folder'; path: string; name: string; depth: number; count: number; open: boolean }
  | { kind: 'payload'; payload: SavedPayloadSummary; depth: number }

interface Folder {
  path: string
  folders: Map<string, Folder>
  payloads: SavedPayloadSummary[]
  count: number
}

const byName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true })

function matches(p: SavedPayloadSummary, needle: string): boolean {
  return (
    p.name.toLowerCase().includes(needle) ||
    p.topic.toLowerCase().includes(needle) ||
    p.folder.toLowerCase().includes(needle) ||
    p.note.toLowerCase().includes(needle)
  )
}

export function buildSavedRows(
  list: readonly SavedPayloadSummary[],
  collapsed: ReadonlySet<string>,
  search = '',
): SavedRow[] {
  const needle = search.trim().toLowerCase()
  const root: Folder = { path: '', folders: new Map(), payloads: [], count: 0 }
  for (const p of list) {
    if (needle && !matches(p, needle)) continue
    let folder = root
    folder.count++
    if (p.folder !== '') {
      for (const name of p.folder.split('/')) {
        let next = folder.folders.get(name)
        if (!next) {
          next = {
            path: folder.path === '' ? name : `${folder.path}/${name}`,
            folders: new Map(),
            payloads: [],
            count: 0,
          }
          folder.folders.set(name, next)
        }
        folder = next
        folder.count++
      }
    }
    folder.payloads.push(p)
  }
  const rows: SavedRow[] = []
  const walk = (folder: Folder, depth: number) => {
    for (const name of [...folder.folders.keys()].sort(byName)) {
      const sub = folder.folders.get(name)!
      const open = needle !== '' || !collapsed.has(sub.path)
      rows.push({ kind: 'folder', path: sub.path, name, depth, count: sub.count, open })
      if (open) walk(sub, depth + 1)
    }
    for (const p of [...folder.payloads].sort((a, b) => byName(a.name, b.name) || a.id - b.id))
      rows.push({ kind: 'payload', payload: p, depth })
  }
  walk(root, 0)
  return rows
}

/** Every folder path in use, parents included, for the folder picker. */
export function folderPaths(list: readonly SavedPayloadSummary[]): string[] {
  const all = new Set<string>()
  for (const p of list) {
    if (p.folder === '') continue
    const parts = p.folder.split('/')
    for (let i = 1; i <= parts.length; i++) all.add(parts.slice(0, i).join('/'))
  }
  return [...all].sort(byName)
}

/** For each folder path, the ids of the payloads in it and below (for a folder's checkbox). */
export function idsByFolder(list: readonly SavedPayloadSummary[]): Map<string, number[]> {
  const map = new Map<string, number[]>()
  for (const p of list) {
    if (p.folder === '') continue
    const parts = p.folder.split('/')
    for (let i = 1; i <= parts.length; i++) {
      const path = parts.slice(0, i).join('/')
      let ids = map.get(path)
      if (!ids) map.set(path, (ids = []))
      ids.push(p.id)
    }
  }
  return map
}
