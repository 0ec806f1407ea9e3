import { useEffect } from 'react'
import { api } from '../../api/client'
import { usePublishJobsStore } from '../../stores/publish-jobs-store'
import { usePublishLogStore } from '../../stores/publish-log-store'
import { useTransportStore } from '../../stores/transport-store'

/**
 * While a publish panel is shown: its connection's log and the jobs follow the core's events, and
 * both are read again when the panel opens or the host link comes back (events were missed).
 */
export function usePublishSync(profileId: string): void {
  const reopened = useTransportStore((s) => (s.state.kind === 'open' && s.state.reopened ? s.state : null))
  useEffect(() => {
    return api().onEvent((event) => {
      if (event.type === 'publish.logged' && event.entry.profileId === profileId)
        usePublishLogStore.getState().apply(event.entry)
      else if (event.type === 'publish.job' && event.status.profileId === profileId)
        usePublishJobsStore.getState().apply(event.status)
    })
  }, [profileId])
  useEffect(() => {
    void usePublishLogStore.getState().load(profileId)
    usePublishJobsStore
      .getState()
      .load()
      .catch(() => {
        // the job's own events still arrive; the next open tries again
      })
  }, [profileId, reopened])
}
