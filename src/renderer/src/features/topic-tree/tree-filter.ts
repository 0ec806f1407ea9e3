import { isWildcardFilter, topicFilterError, topicLevels, topicMatches } from '../../../../shared/mqtt-topic'
import { parentPath } from '../../../../shared/topic-tree'

/**
 * The tree's filter box. Text with `+` or `#` is an MQTT filter (with the $SYS rule of
 * `topicMatches`); anything else is a case-insensitive substring of the topic. It works on the nodes
 * the renderer has loaded; an MQTT filter also expands the nodes its literal levels lead through, so
 * `zigbee2mqtt/+` loads the children of `zigbee2mqtt` by itself.
 */
export type TreeFilter =
  | { kind: 'none' }
  | { kind: 'text'; needle: string }
  | { kind: 'mqtt'; filter: string; levels: string[] }
  | { kind: 'invalid'; error: string }

export function compileFilter(text: string): TreeFilter {
  if (text === '') return { kind: 'none' }
  if (!isWildcardFilter(text)) return { kind: 'text', needle: text.toLowerCase() }
  const error = topicFilterError(text)
  if (error) return { kind: 'invalid', error }
  return { kind: 'mqtt', filter: text, levels: topicLevels(text) }
}

export function filterMatches(filter: TreeFilter, path: string): boolean {
  switch (filter.kind) {
    case 'none':
      return true
    case 'invalid':
      return false
    case 'text':
      return path.toLowerCase().includes(filter.needle)
    case 'mqtt':
      return topicMatches(filter.filter, path)
  }
}

/**
 * Whether a topic *below* `path` could match the MQTT filter: every level of the path matches the
 * filter's level at that depth and the filter goes deeper. ("a/#" does not count for "a": "a" matches
 * itself, and the user can expand it.)
 */
export function mayContainMatches(filter: TreeFilter, path: string): boolean {
  if (filter.kind !== 'mqtt') return false
  const f = filter.levels
  const p = topicLevels(path)
  if (p.length >= f.length || f[p.length] === '#') return false
  const first = f[0]
  if ((first === '+' || first === '#') && path.startsWith('$')) return false
  for (let i = 0; i < p.length; i++) {
    const level = f[i]
    if (level === '#') return false
    if (level !== '+' && level !== p[i]) return false
  }
  return true
}

export interface FilterIndex {
  /** Loaded paths the filter matches. */
  matches: Set<string>
  /** Proper ancestors of matches: shown, dimmed, as the way to them. */
  ancestors: Set<string>
  /** Nodes the filter opens: the ancestors, and for an MQTT filter the nodes it leads through. */
  autoExpand: Set<string>
  /** More nodes wanted opening than AUTO_EXPAND_LIMIT: the user is told to narrow the filter. */
  truncated: boolean
}

/** Beyond this many, the filter stops opening nodes (each open node streams its children). */
export const AUTO_EXPAND_LIMIT = 2000

const MATCH = 1
const MAY_CONTAIN = 2

/**
 * Matches every loaded path. `cache` keeps each path's answer for this filter (paths never change),
 * so a delta costs a lookup per loaded node, not a match. An MQTT filter matches topics, not mere
 * levels: `isTopic` tells whether a node had messages of its own (that changes, so it is not cached).
 */
export function buildFilterIndex(
  filter: TreeFilter,
  paths: Iterable<string>,
  cache: Map<string, number>,
  isTopic: (path: string) => boolean = () => true,
  limit = AUTO_EXPAND_LIMIT,
): FilterIndex {
  const matches = new Set<string>()
  const ancestors = new Set<string>()
  const autoExpand = new Set<string>()
  let truncated = false
  const open = (p: string) => {
    if (autoExpand.has(p)) return
    if (autoExpand.size >= limit) truncated = true
    else autoExpand.add(p)
  }
  for (const path of paths) {
    let flags = cache.get(path)
    if (flags === undefined) {
      flags = (filterMatches(filter, path) ? MATCH : 0) | (mayContainMatches(filter, path) ? MAY_CONTAIN : 0)
      cache.set(path, flags)
    }
    if (flags & MATCH && (filter.kind !== 'mqtt' || isTopic(path))) {
      matches.add(path)
      for (let p = parentPath(path); p !== null && !ancestors.has(p); p = parentPath(p)) {
        ancestors.add(p)
        open(p)
      }
    }
    if (flags & MAY_CONTAIN) open(path)
  }
  return { matches, ancestors, autoExpand, truncated }
}

/** What the core's `searchTopics` found for a filter text: topics anywhere in the tree. */
export interface TopicSearch {
  text: string
  paths: readonly string[]
  truncated: boolean
}

/**
 * The proper ancestors of the core's matches, to open so that every match gets loaded (and then
 * matched here like any loaded node). Stops at `limit` nodes: each open node streams its children.
 */
export function searchAncestors(
  paths: readonly string[],
  limit = AUTO_EXPAND_LIMIT,
): { open: Set<string>; truncated: boolean } {
  const open = new Set<string>()
  for (const path of paths) {
    for (let p = parentPath(path); p !== null && !open.has(p); p = parentPath(p)) {
      if (open.size >= limit) return { open, truncated: true }
      open.add(p)
    }
  }
  return { open, truncated: false }
}
