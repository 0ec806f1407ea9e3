/**
 * The newest `capacity` items, oldest first. Storage grows as items come (a ring that is never
 * filled costs what it holds), then wraps: pushing is O(1) and never shifts an array.
 */
export class RingBuffer<T> {
  private readonly items: T[] = []
  /** Index of the oldest item once the ring is full. */
  private start = 0

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive integer')
  }

  get size(): number {
    return this.items.length
  }

  /** Adds an item; returns the one it pushed out, if the ring was full. */
  push(item: T): T | undefined {
    if (this.items.length < this.capacity) {
      this.items.push(item)
      return undefined
    }
    const dropped = this.items[this.start]
    this.items[this.start] = item
    this.start = (this.start + 1) % this.capacity
    return dropped
  }

  /** The newest `limit` items (all by default), oldest first. */
  toArray(limit = this.items.length): T[] {
    const n = Math.max(0, Math.min(limit, this.items.length))
    const out = new Array<T>(n)
    const from = this.items.length - n
    for (let i = 0; i < n; i++) out[i] = this.items[(this.start + from + i) % this.items.length]!
    return out
  }

  /** The newest `limit` items for which `keep` is true, oldest first. */
  filter(keep: (item: T) => boolean, limit = Infinity): T[] {
    const out: T[] = []
    for (let i = this.items.length - 1; i >= 0 && out.length < limit; i--) {
      const item = this.items[(this.start + i) % this.items.length]!
      if (keep(item)) out.push(item)
    }
    return out.reverse()
  }

  clear(): void {
    this.items.length = 0
    this.start = 0
  }
}
