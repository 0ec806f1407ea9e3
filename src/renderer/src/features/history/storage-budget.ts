/** The budget input works in MB or GB (1 GB = 1024 MB, as sizes are shown everywhere). */
export type BudgetUnit = 'MB' | 'GB'

const MB = 1024 * 1024
const GB = 1024 * MB

/** The smallest budget offered: below this the history holds too little to be worth keeping. */
export const MIN_BUDGET_BYTES = 16 * MB

/** A budget in the unit it reads best in: GB when it is a round number of them (to 0.01), else MB. */
export function budgetToUnits(bytes: number): { value: number; unit: BudgetUnit } {
  const gb = bytes / GB
  if (gb >= 1 && Number.isInteger(Math.round(gb * 1e6) / 1e4)) return { value: gb, unit: 'GB' }
  return { value: Math.round(bytes / MB), unit: 'MB' }
}

export function unitsToBytes(value: number, unit: BudgetUnit): number {
  return Math.round(value * (unit === 'GB' ? GB : MB))
}

/** Why a budget cannot be set, or null. */
export function budgetError(value: number | string, unit: BudgetUnit): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'A number'
  if (unitsToBytes(value, unit) < MIN_BUDGET_BYTES) return 'At least 16 MB'
  if (unitsToBytes(value, unit) > 16 * 1024 * GB) return 'At most 16 TB'
  return null
}
