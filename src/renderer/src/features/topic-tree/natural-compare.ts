/**
 * "Natural" order for topic levels: digit runs compare by value, so `sensor2` comes before
 * `sensor10`. Hand-written rather than `Intl.Collator({ numeric: true })` because a tree level can
 * hold 100,000 children and the collator is about three times slower on that sort. Callers pass
 * keys already folded to lower case (see `sortKey`), so the comparison is case-insensitive without
 * allocating per comparison.
 */

const ZERO = 48
const NINE = 57

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE
}

export function naturalCompare(a: string, b: string): number {
  const la = a.length
  const lb = b.length
  let i = 0
  let j = 0
  while (i < la && j < lb) {
    const ca = a.charCodeAt(i)
    const cb = b.charCodeAt(j)
    if (isDigit(ca) && isDigit(cb)) {
      // skip leading zeros, then the longer run is the bigger number
      let sa = i
      while (sa < la && a.charCodeAt(sa) === ZERO) sa++
      let sb = j
      while (sb < lb && b.charCodeAt(sb) === ZERO) sb++
      let ea = sa
      while (ea < la && isDigit(a.charCodeAt(ea))) ea++
      let eb = sb
      while (eb < lb && isDigit(b.charCodeAt(eb))) eb++
      if (ea - sa !== eb - sb) return ea - sa - (eb - sb)
      for (let k = 0; k < ea - sa; k++) {
        const d = a.charCodeAt(sa + k) - b.charCodeAt(sb + k)
        if (d !== 0) return d
      }
      // equal values: fewer leading zeros first ("7" before "007")
      if (sa - i !== sb - j) return sa - i - (sb - j)
      i = ea
      j = eb
      continue
    }
    if (ca !== cb) return ca - cb
    i++
    j++
  }
  return la - i - (lb - j)
}

/** The key a level sorts by: case folded once, when the node arrives. */
export function sortKey(level: string): string {
  return level.toLowerCase()
}
