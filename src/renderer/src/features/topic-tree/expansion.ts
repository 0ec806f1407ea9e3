import { parentPath } from '../../../../shared/topic-tree'

/**
 * What the core is told is expanded: the user's and the filter's expanded nodes whose ancestors are
 * all expanded too. A node the user expanded inside a collapsed one stays remembered here (it opens
 * again with its parent) but is not sent, so the core streams nothing nobody can see. Sorted, so two
 * requests compare as strings.
 */
export function openPaths(user: ReadonlySet<string>, auto: ReadonlySet<string>): string[] {
  const isExpanded = (p: string) => user.has(p) || auto.has(p)
  const open: string[] = []
  const consider = (path: string) => {
    for (let p = parentPath(path); p !== null; p = parentPath(p)) if (!isExpanded(p)) return
    open.push(path)
  }
  for (const p of user) consider(p)
  for (const p of auto) if (!user.has(p)) consider(p)
  return open.sort()
}

/** The user's and the filter's expanded nodes as one set, for drawing. */
export function mergeExpanded(user: ReadonlySet<string>, auto: ReadonlySet<string>): ReadonlySet<string> {
  if (auto.size === 0) return user
  if (user.size === 0) return auto
  const all = new Set(user)
  for (const p of auto) all.add(p)
  return all
}
