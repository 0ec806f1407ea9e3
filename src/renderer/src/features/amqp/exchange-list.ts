import type { AmqpExchangeInfo } from '../../../../shared/amqp'
import { compareBy } from '../kafka/topic-list'
import { exchangeLabel } from './amqp-format'

/** The exchange list's search, type filter and column sort. */

export type ExchangeSortKey = 'name' | 'type' | 'in' | 'out'
export interface ExchangeSort {
  key: ExchangeSortKey
  desc: boolean
}
export const EXCHANGE_TEXT_KEYS: readonly ExchangeSortKey[] = ['name', 'type']

/** The type filter's "every type". */
export const ANY_TYPE = ''

function sortValue(e: AmqpExchangeInfo, key: ExchangeSortKey): number | string | null {
  switch (key) {
    case 'name':
      return e.name
    case 'type':
      return e.type
    case 'in':
      return e.publishInRate
    case 'out':
      return e.publishOutRate
  }
}

/** The search matches the shown name too, so "default" finds the default exchange. */
function matches(e: AmqpExchangeInfo, q: string): boolean {
  return q === '' || e.name.toLowerCase().includes(q) || exchangeLabel(e.name).toLowerCase().includes(q)
}

export function visibleExchanges(
  exchanges: readonly AmqpExchangeInfo[],
  opts: { search: string; type: string; sort: ExchangeSort },
): AmqpExchangeInfo[] {
  const q = opts.search.trim().toLowerCase()
  return exchanges
    .filter((e) => (opts.type === ANY_TYPE || e.type === opts.type) && matches(e, q))
    .sort(
      compareBy(
        (e) => sortValue(e, opts.sort.key),
        (e) => e.name,
        opts.sort.desc,
      ),
    )
}

/** The types present, for the filter: the four standard ones first, plugin types after. */
export function exchangeTypes(exchanges: readonly AmqpExchangeInfo[]): string[] {
  const standard = ['direct', 'fanout', 'topic', 'headers']
  const present = new Set(exchanges.flatMap((e) => (e.type === null ? [] : [e.type])))
  return [
    ...standard.filter((t) => present.has(t)),
    ...[...present].filter((t) => !standard.includes(t)).sort(),
  ]
}
