import { createTreeViewStore, type TreeViewStore } from './tree-view-store'

/**
 * The tree views of the last few MQTT profiles shown, so that opening the profile editor (or another
 * profile) and coming back keeps what was expanded and selected. Older ones are dropped with all
 * the nodes they held.
 */
const KEEP = 3
const stores = new Map<string, TreeViewStore>()

function newViewId(): string {
  try {
    return crypto.randomUUID()
  } catch {
    return `view-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
  }
}

export function treeViewStoreFor(profileId: string): TreeViewStore {
  let store = stores.get(profileId)
  if (store) stores.delete(profileId)
  else store = createTreeViewStore(profileId, newViewId())
  stores.set(profileId, store)
  for (const id of stores.keys()) {
    if (stores.size <= KEEP) break
    stores.delete(id)
  }
  return store
}
