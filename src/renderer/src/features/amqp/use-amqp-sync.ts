import { useEffect } from 'react'
import { useAmqpConsumersStore } from '../../stores/amqp-consumers-store'
import { useAmqpNoticesStore } from '../../stores/amqp-notices-store'
import { useAmqpTopologyStore } from '../../stores/amqp-topology-store'
import { useTransportStore } from '../../stores/transport-store'

/** How often the topology is read while the workspace is open (the management API samples every 5 s). */
export const TOPOLOGY_POLL_MS = 5000

/**
 * While an AMQP workspace is shown: the consumers and the connection's notices are read when the
 * connection comes up (or the host link comes back, when events may have been missed; the events
 * themselves reach the stores from bootstrap), and the topology is read every 5 s unless paused.
 * A read starts only after the previous one ended, so a slow broker is never asked twice at once.
 */
export function useAmqpSync(profileId: string, connected: boolean, paused: boolean): void {
  const reopened = useTransportStore((s) => (s.state.kind === 'open' && s.state.reopened ? s.state : null))

  useEffect(() => {
    // notices say why a connection was lost: read them whatever the state
    useAmqpNoticesStore
      .getState()
      .load(profileId)
      .catch(() => {
        // later ones still arrive as events
      })
    if (!connected) return
    useAmqpConsumersStore
      .getState()
      .load()
      .catch(() => {
        // the consumers' own events still arrive
      })
  }, [profileId, connected, reopened])

  useEffect(() => {
    if (!connected || paused) return
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const tick = async () => {
      // a hidden window needs no fresh figures; the first visible tick catches up
      if (!document.hidden) await useAmqpTopologyStore.getState().load(profileId)
      if (!stopped) timer = setTimeout(() => void tick(), TOPOLOGY_POLL_MS)
    }
    void tick()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [profileId, connected, paused, reopened])
}
