import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import type { TreeViewState, TreeViewStore } from '../../stores/tree-view-store'

/** The open view's store, for the tree, its rows and the detail pane below one workspace. */
export const TreeViewContext = createContext<TreeViewStore | null>(null)

export function useTreeViewStore(): TreeViewStore {
  const store = useContext(TreeViewContext)
  if (!store) throw new Error('useTreeViewStore outside a TreeViewContext')
  return store
}

export function useTreeView<T>(selector: (s: TreeViewState) => T): T {
  return useStore(useTreeViewStore(), selector)
}
