import { create } from 'zustand'
import type { KafkaTailStatus } from '../../../shared/kafka'
import { api } from '../api/client'

/** The live tails of Kafka topics, from `listKafkaTails` and the `kafka.tail` events. */
interface KafkaTailsState {
  byId: Record<string, KafkaTailStatus>
  load(): Promise<void>
  apply(status: KafkaTailStatus): void
}

export const useKafkaTailsStore = create<KafkaTailsState>()((set, get) => ({
  byId: {},
  async load() {
    const list = await api().listKafkaTails()
    const byId: Record<string, KafkaTailStatus> = {}
    for (const s of list) byId[s.id] = s
    set({ byId })
  },
  apply(status) {
    set({ byId: { ...get().byId, [status.id]: status } })
  },
}))

export function useKafkaTail(id: string | null): KafkaTailStatus | null {
  return useKafkaTailsStore((s) => (id === null ? null : (s.byId[id] ?? null)))
}
