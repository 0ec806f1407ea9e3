import type { MessageSummary } from '../../../../shared/messages'
import { PayloadViewer } from '../payload-viewer/PayloadViewer'
import { useMessagePayload } from './use-message-payload'

/**
 * The payload of one stored message in the payload viewer: the preview when it is all of the payload,
 * else the full bytes fetched by id (`getMessagePayload`, cached). While the next message of a busy
 * topic loads, the previous payload stays on screen with a spinner rather than flickering.
 */
export function PayloadView({ message, height }: { message: MessageSummary; height?: string }) {
  const state = useMessagePayload(message)
  const bytes = state.status === 'ready' ? state.bytes : null
  const stale = state.status === 'ready' && state.id !== message.id
  return (
    <PayloadViewer
      bytes={bytes}
      size={bytes ? bytes.length : message.size}
      loading={state.status === 'loading' || stale}
      error={state.status === 'error' ? state.error : null}
      name={message.topic}
      emptyNote={message.retain ? 'a retained message being cleared looks like this' : null}
      height={height}
    />
  )
}
