import { create } from 'zustand'
import type { PublishJobStatus } from '../../../shared/publish'
import { api } from '../api/client'

interface PublishJobsState {
  byId: Record<string, PublishJobStatus>
  load(): Promise<void>
  /** A status from `publish.job` or an answer; an older one never replaces a newer one. */
  apply(status: PublishJobStatus): void
}

export function newerJob(current: PublishJobStatus | undefined, next: PublishJobStatus): boolean {
  if (!current) return true
  if (next.updatedAt !== current.updatedAt) return next.updatedAt > current.updatedAt
  // same instant: the one further along (a final state after `running`)
  return (
    next.sent + next.failed >= current.sent + current.failed &&
    (current.state === 'running' || next.state !== 'running')
  )
}

/** "Send N times" jobs of the core (whoever started them), by id. */
export const usePublishJobsStore = create<PublishJobsState>()((set, get) => ({
  byId: {},
  async load() {
    const list = await api().listPublishJobs()
    const byId = { ...get().byId }
    for (const s of list) if (newerJob(byId[s.id], s)) byId[s.id] = s
    set({ byId })
  },
  apply(status) {
    if (!newerJob(get().byId[status.id], status)) return
    set({ byId: { ...get().byId, [status.id]: status } })
  },
}))

/** The profile's job to show: a running one, else the one started last. */
export function latestJobOf(
  byId: Record<string, PublishJobStatus>,
  profileId: string,
): PublishJobStatus | null {
  let best: PublishJobStatus | null = null
  for (const s of Object.values(byId)) {
    if (s.profileId !== profileId) continue
    if (
      !best ||
      (s.state === 'running' && best.state !== 'running') ||
      ((s.state === 'running') === (best.state === 'running') && s.startedAt > best.startedAt)
    )
      best = s
  }
  return best
}

export function usePublishJob(profileId: string): PublishJobStatus | null {
  return usePublishJobsStore((s) => latestJobOf(s.byId, profileId))
}
