import { describe, expect, it } from 'vitest'
import { draftToSubscription, EMPTY_DRAFT, liveFilterError } from './subscription-draft'

describe('subscription draft', () => {
  it('checks the filter with the protocol’s rules', () => {
    expect(liveFilterError('')).toBeNull()
    expect(liveFilterError('a/#/b')).toBe("'#' must be a whole level and the last one")
    expect(draftToSubscription({ ...EMPTY_DRAFT }, false, [])).toEqual({
      ok: false,
      errors: { filter: 'Filter is required' },
    })
    expect(draftToSubscription({ ...EMPTY_DRAFT, filter: 'a+' }, false, [])).toMatchObject({ ok: false })
    expect(draftToSubscription({ ...EMPTY_DRAFT, filter: '#' }, false, ['#'])).toMatchObject({
      ok: false,
      errors: { filter: expect.stringContaining('Already subscribed') },
    })
  })

  it('builds an MQTT 5 subscription with its options', () => {
    const r = draftToSubscription(
      {
        filter: 'home/+/temp',
        qos: '1',
        noLocal: true,
        retainAsPublished: true,
        retainHandling: '2',
        subscriptionIdentifier: '42',
      },
      true,
      [],
    )
    expect(r).toEqual({
      ok: true,
      subscription: {
        filter: 'home/+/temp',
        qos: 1,
        noLocal: true,
        retainAsPublished: true,
        retainHandling: 2,
        subscriptionIdentifier: 42,
      },
    })
  })

  it('drops MQTT 5 options on 3.1.1 and checks the identifier on 5', () => {
    const r = draftToSubscription(
      { ...EMPTY_DRAFT, filter: 'x', noLocal: true, subscriptionIdentifier: 'abc' },
      false,
      [],
    )
    expect(r).toMatchObject({ ok: true, subscription: { noLocal: false, subscriptionIdentifier: null } })
    expect(
      draftToSubscription({ ...EMPTY_DRAFT, filter: 'x', subscriptionIdentifier: '0' }, true, []),
    ).toMatchObject({
      ok: false,
      errors: { subscriptionIdentifier: expect.any(String) },
    })
  })
})
