import { describe, expect, it } from 'vitest'
import { budgetError, budgetToUnits, unitsToBytes } from './storage-budget'

describe('storage budget', () => {
  it('shows a budget in the unit it reads best in', () => {
    expect(budgetToUnits(2 * 1024 ** 3)).toEqual({ value: 2, unit: 'GB' })
    expect(budgetToUnits(1.5 * 1024 ** 3)).toEqual({ value: 1.5, unit: 'GB' })
    expect(budgetToUnits(500 * 1024 ** 2)).toEqual({ value: 500, unit: 'MB' })
  })
  it('turns the input into bytes and checks it', () => {
    expect(unitsToBytes(1.5, 'GB')).toBe(1.5 * 1024 ** 3)
    expect(unitsToBytes(64, 'MB')).toBe(64 * 1024 ** 2)
    expect(budgetError(8, 'MB')).toBe('At least 16 MB')
    expect(budgetError('', 'MB')).toBe('A number')
    expect(budgetError(1, 'GB')).toBeNull()
  })
})
