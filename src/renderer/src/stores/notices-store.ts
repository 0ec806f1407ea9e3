import { create } from 'zustand'

export interface Notice {
  id: number
  tone: 'info' | 'success' | 'error'
  title: string
  message?: string
}

interface NoticesState {
  notices: Notice[]
  push(notice: Omit<Notice, 'id'>, ttlMs?: number): void
  dismiss(id: number): void
}

let nextId = 1

/** Short-lived messages in the corner: outcomes of actions that have no place of their own. */
export const useNoticesStore = create<NoticesState>()((set, get) => ({
  notices: [],
  push(notice, ttlMs = notice.tone === 'error' ? 10_000 : 4000) {
    const id = nextId++
    set({ notices: [...get().notices, { ...notice, id }].slice(-4) })
    setTimeout(() => get().dismiss(id), ttlMs)
  },
  dismiss(id) {
    set({ notices: get().notices.filter((n) => n.id !== id) })
  },
}))

export function notifyError(title: string, err: unknown) {
  useNoticesStore
    .getState()
    .push({ tone: 'error', title, message: err instanceof Error ? err.message : String(err) })
}
export function notifySuccess(title: string, message?: string) {
  useNoticesStore.getState().push(message ? { tone: 'success', title, message } : { tone: 'success', title })
}
