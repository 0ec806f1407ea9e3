import type { MessageSummary } from '../../../../shared/messages'
import { MessageMeta } from '../topic-detail/MessageMeta'
import { PayloadView } from '../topic-detail/PayloadView'
import '../topic-detail/topic-detail.css'

/** One AMQP message whole: its routing, properties and headers, then the payload viewer. */
export function AmqpMessageView({
  message,
  height,
  testId,
}: {
  message: MessageSummary
  height: string
  testId: string
}) {
  return (
    <div className="amqp-message-view" data-testid={testId} data-id={message.id}>
      <MessageMeta message={message} />
      <PayloadView key={message.id} message={message} height={height} />
    </div>
  )
}
