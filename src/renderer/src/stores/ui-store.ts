import { create } from 'zustand'
import type { ImportResult } from '../../../shared/api'
import type { Protocol } from '../../../shared/profiles'

/** What the main area shows. */
export type MainView =
  | { kind: 'profile' }
  | {
      kind: 'create'
      protocol: Protocol
      /** bumps so that "New MQTT" twice starts a fresh form */ key: number
    }
  | { kind: 'edit'; id: string }

/** What the last import did, shown until the user closes it. */
export type ImportOutcome = { file: string; result: ImportResult } | { file: string; error: string }

interface UiState {
  view: MainView
  /** The export dialog, open with the scope it starts on. */
  exportOpen: null | 'all' | 'selected'
  /** The profile whose deletion awaits confirmation. */
  deleteId: string | null
  importOutcome: ImportOutcome | null
  showProfile(): void
  create(protocol: Protocol): void
  edit(id: string): void
  setExportOpen(open: null | 'all' | 'selected'): void
  askDelete(id: string | null): void
  setImportOutcome(outcome: ImportOutcome | null): void
}

let createKey = 0

export const useUiStore = create<UiState>()((set) => ({
  view: { kind: 'profile' },
  exportOpen: null,
  deleteId: null,
  importOutcome: null,
  showProfile: () => set({ view: { kind: 'profile' } }),
  create: (protocol) => set({ view: { kind: 'create', protocol, key: ++createKey } }),
  edit: (id) => set({ view: { kind: 'edit', id } }),
  setExportOpen: (exportOpen) => set({ exportOpen }),
  askDelete: (deleteId) => set({ deleteId }),
  setImportOutcome: (importOutcome) => set({ importOutcome }),
}))
