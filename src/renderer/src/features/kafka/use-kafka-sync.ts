import { useEffect } from 'react'
import { api } from '../../api/client'
import { useKafkaClusterStore } from '../../stores/kafka-cluster-store'
import { useKafkaLagStore } from '../../stores/kafka-lag-store'
import { useKafkaTailsStore } from '../../stores/kafka-tails-store'
import { useTransportStore } from '../../stores/transport-store'

/**
 * While a Kafka workspace is shown: lag samples and tail statuses follow the core's events, and the
 * cluster, topic and group lists are read whenever the connection comes up (or the host link comes
 * back, when events may have been missed).
 */
export function useKafkaSync(profileId: string, connected: boolean): void {
  const reopened = useTransportStore((s) => (s.state.kind === 'open' && s.state.reopened ? s.state : null))

  useEffect(() => {
    return api().onEvent((event) => {
      if (event.type === 'kafka.lag' && event.profileId === profileId)
        useKafkaLagStore.getState().apply(event.profileId, event.groupId, event.sample)
      else if (event.type === 'kafka.tail' && event.status.profileId === profileId)
        useKafkaTailsStore.getState().apply(event.status)
    })
  }, [profileId])

  useEffect(() => {
    if (!connected) return
    const s = useKafkaClusterStore.getState()
    void s.loadCluster(profileId)
    void s.loadTopics(profileId)
    void s.loadGroups(profileId)
    useKafkaTailsStore
      .getState()
      .load()
      .catch(() => {
        // the tails' own events still arrive
      })
  }, [profileId, connected, reopened])
}
