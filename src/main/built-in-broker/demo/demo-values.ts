/** A source of numbers in [0, 1): Math.random in the app, a fixed sequence in tests. */
export type Random = () => number

/**
 * A reading that wanders around a typical value and keeps coming back to it (a mean-reverting
 * random walk), like a room's temperature does, rounded as the device would report it.
 */
export class Drifting {
  private value: number

  constructor(
    private readonly random: Random,
    private readonly mean: number,
    private readonly spread: number,
    private readonly decimals: number,
    private readonly min = -Infinity,
    private readonly max = Infinity,
  ) {
    this.value = mean + (random() - 0.5) * spread
  }

  next(): number {
    this.value += (this.mean - this.value) * 0.05 + (this.random() - 0.5) * this.spread * 0.2
    this.value = Math.min(this.max, Math.max(this.min, this.value))
    return this.current
  }

  get current(): number {
    const f = 10 ** this.decimals
    return Math.round(this.value * f) / f
  }
}
