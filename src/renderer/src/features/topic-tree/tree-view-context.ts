import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import type { Protocol } from '../../../../shared/profiles'
import type { TreeViewState, TreeViewStore } from '../../stores/tree-view-store'

/** The open view's store, for the tree, its rows and the detail pane below one workspace. */
export const TreeViewContext = createContext<TreeViewStore | null>(null)

/**
 * Whose tree it is. Retained messages and MQTT filters are MQTT's alone, and a Kafka topic's
 * children are partitions: the tree and the detail read this to offer and name only what applies.
 * MQTT by default, so the MQTT workspace needs no provider.
 */
export const TreeProtocolContext = createContext<Protocol>('mqtt')

export function useTreeProtocol(): Protocol {
  return useContext(TreeProtocolContext)
}

export function useTreeViewStore(): TreeViewStore {
  const store = useContext(TreeViewContext)
  if (!store) throw new Error('useTreeViewStore outside a TreeViewContext')
  return store
}

export function useTreeView<T>(selector: (s: TreeViewState) => T): T {
  return useStore(useTreeViewStore(), selector)
}
