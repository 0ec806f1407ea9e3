import { describe, expect, it } from 'vitest'
import type { TreeRow } from './flatten-rows'
import { treeKeyAction, type TreeKeyContext } from './tree-keyboard'

const rows: TreeRow[] = [
  { path: 'a', depth: 0, dim: false },
  { path: 'a/x', depth: 1, dim: false },
  { path: 'a/y', depth: 1, dim: false },
  { path: 'b', depth: 0, dim: false },
]
function ctx(selected: string | null, expanded = ['a'], parents = ['a', 'b']): TreeKeyContext {
  return {
    rows,
    selected,
    isExpanded: (p) => expanded.includes(p),
    hasChildren: (p) => parents.includes(p),
    page: 2,
  }
}

describe('treeKeyAction', () => {
  it('moves up and down, clamped, and starts at the top', () => {
    expect(treeKeyAction('ArrowDown', ctx(null))).toEqual({ select: 'a' })
    expect(treeKeyAction('ArrowDown', ctx('a/y'))).toEqual({ select: 'b' })
    expect(treeKeyAction('ArrowDown', ctx('b'))).toEqual({ select: 'b' })
    expect(treeKeyAction('ArrowUp', ctx('a/x'))).toEqual({ select: 'a' })
    expect(treeKeyAction('Home', ctx('b'))).toEqual({ select: 'a' })
    expect(treeKeyAction('End', ctx('a'))).toEqual({ select: 'b' })
    expect(treeKeyAction('PageDown', ctx('a'))).toEqual({ select: 'a/y' })
  })

  it('right expands, then steps into the first child', () => {
    expect(treeKeyAction('ArrowRight', ctx('b'))).toEqual({ expand: 'b' })
    expect(treeKeyAction('ArrowRight', ctx('a'))).toEqual({ select: 'a/x' })
    expect(treeKeyAction('ArrowRight', ctx('a/x'))).toBeNull()
  })

  it('left collapses, then steps out to the parent', () => {
    expect(treeKeyAction('ArrowLeft', ctx('a'))).toEqual({ collapse: 'a' })
    expect(treeKeyAction('ArrowLeft', ctx('a/y'))).toEqual({ select: 'a' })
    expect(treeKeyAction('ArrowLeft', ctx('b'))).toBeNull()
  })

  it('Enter selects and opens or closes', () => {
    expect(treeKeyAction('Enter', ctx('b'))).toEqual({ select: 'b', expand: 'b' })
    expect(treeKeyAction('Enter', ctx('a'))).toEqual({ select: 'a', collapse: 'a' })
    expect(treeKeyAction('Enter', ctx('a/x'))).toEqual({ select: 'a/x' })
    expect(treeKeyAction('x', ctx('a'))).toBeNull()
  })
})
