import { describe, expect, it } from 'vitest'
import type { AmqpQueueInfo } from '../../../../shared/amqp'
import { overviewFigures } from './overview-figures'

const queue = (ready: number | null, unacked: number | null, consumers: number | null) =>
  ({ messagesReady: ready, messagesUnacked: unacked, consumers }) as AmqpQueueInfo

describe('the overview figures', () => {
  it('adds the figures the queues report', () => {
    expect(overviewFigures({ exchanges: [], queues: [queue(5, 1, 2), queue(0, 3, 0)] })).toEqual({
      exchanges: 0,
      queues: 2,
      ready: 5,
      unacked: 4,
      consumers: 2,
      unknownQueues: 0,
    })
  })

  it('leaves out unknown figures and says none is known when none is (pure AMQP: no unacked)', () => {
    expect(
      overviewFigures({ exchanges: [], queues: [queue(7, null, 1), queue(null, null, null)] }),
    ).toMatchObject({
      ready: 7,
      unacked: null,
      consumers: 1,
      unknownQueues: 1,
    })
    expect(overviewFigures({ exchanges: [], queues: [] }).ready).toBeNull()
  })
})
