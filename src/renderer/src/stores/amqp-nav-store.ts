import { create } from 'zustand'
import type { ExchangeSort } from '../features/amqp/exchange-list'
import type { QueueSort } from '../features/amqp/queue-list'

/**
 * Where the user is in each AMQP profile's workspace: the tab, the exchange and queue opened, the
 * lists' searches and sorts, the Messages tab's view and consumer, and whether the topology poll is
 * paused. Kept per profile so going to another connection and back lands in place.
 */

export type AmqpTab = 'overview' | 'exchanges' | 'queues' | 'messages' | 'publish'
export type MessagesView = 'tree' | 'consumers'

export interface AmqpNav {
  tab: AmqpTab
  /** The exchange opened ("" is the default exchange); null: the list. */
  exchange: string | null
  queue: string | null
  exchangeSearch: string
  exchangeType: string
  exchangeSort: ExchangeSort
  queueSearch: string
  queueSort: QueueSort
  messagesView: MessagesView
  consumer: string | null
  pollPaused: boolean
}

export const AMQP_NAV_START: AmqpNav = {
  tab: 'overview',
  exchange: null,
  queue: null,
  exchangeSearch: '',
  exchangeType: '',
  exchangeSort: { key: 'name', desc: false },
  queueSearch: '',
  queueSort: { key: 'name', desc: false },
  messagesView: 'tree',
  consumer: null,
  pollPaused: false,
}

interface AmqpNavState {
  byProfile: Record<string, AmqpNav>
  set(profileId: string, patch: Partial<AmqpNav>): void
  openExchange(profileId: string, exchange: string | null): void
  openQueue(profileId: string, queue: string | null): void
  /** The Messages tab's consumers view, on one consumer. */
  openConsumer(profileId: string, consumerId: string): void
}

export const useAmqpNavStore = create<AmqpNavState>()((set, get) => ({
  byProfile: {},
  set(profileId, patch) {
    const current = get().byProfile[profileId] ?? AMQP_NAV_START
    set({ byProfile: { ...get().byProfile, [profileId]: { ...current, ...patch } } })
  },
  openExchange(profileId, exchange) {
    get().set(profileId, { tab: 'exchanges', exchange })
  },
  openQueue(profileId, queue) {
    get().set(profileId, { tab: 'queues', queue })
  },
  openConsumer(profileId, consumerId) {
    get().set(profileId, { tab: 'messages', messagesView: 'consumers', consumer: consumerId })
  },
}))

export function useAmqpNav(profileId: string): AmqpNav {
  return useAmqpNavStore((s) => s.byProfile[profileId] ?? AMQP_NAV_START)
}
