/**
 * When the app last saw a group's committed offset change, per (profile, group, topic, partition).
 * Kafka keeps no commit time the clients can read (OffsetFetch has none), so the only honest figure
 * is "the app saw it move at": null until a change has been observed — the first look only records
 * the offset. Memory only; it starts over with the app.
 */
export class CommitTracker {
  private readonly seen = new Map<string, { offset: string; changedAt: number | null }>()

  constructor(
    private readonly now: () => number = Date.now,
    /** Entries kept at most; the oldest observed go first (a Map iterates in insertion order). */
    private readonly maxEntries = 100_000,
  ) {}

  /**
   * Records the committed offset (null: none) seen now, and returns when it last changed, or null.
   * A commit disappearing (offsets expired or deleted) is a change too.
   */
  observe(
    profileId: string,
    groupId: string,
    topic: string,
    partition: number,
    committed: string | null,
  ): number | null {
    const key = JSON.stringify([profileId, groupId, topic, partition])
    const offset = committed ?? ''
    const before = this.seen.get(key)
    if (!before) {
      if (committed === null) return null
      this.seen.set(key, { offset, changedAt: null })
      this.trim()
      return null
    }
    if (before.offset !== offset) {
      before.offset = offset
      before.changedAt = this.now()
    }
    return before.changedAt
  }

  /** Forgets a group (deleted), or a whole profile when no group is named. */
  forget(profileId: string, groupId?: string): void {
    const prefix =
      JSON.stringify(groupId === undefined ? [profileId] : [profileId, groupId]).slice(0, -1) + ','
    for (const key of this.seen.keys()) if (key.startsWith(prefix)) this.seen.delete(key)
  }

  get size(): number {
    return this.seen.size
  }

  private trim(): void {
    for (const key of this.seen.keys()) {
      if (this.seen.size <= this.maxEntries) break
      this.seen.delete(key)
    }
  }
}
