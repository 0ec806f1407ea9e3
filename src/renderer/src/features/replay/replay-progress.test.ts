import { describe, expect, it } from 'vitest'
import { replayProgress } from './replay-progress'

describe('replay progress', () => {
  it('shows sent of total on the first pass', () => {
    expect(replayProgress({ sent: 25, total: 100, pass: 1, state: 'running' })).toEqual({
      percent: 25,
      text: '25 / 100 sent',
    })
  })
  it('shows the current pass of a loop', () => {
    expect(replayProgress({ sent: 230, total: 100, pass: 3, state: 'running' })).toEqual({
      percent: 30,
      text: 'pass 3 · 30 / 100 · 230 sent in all',
    })
  })
  it('is full when done, whatever pass the core reports after the last one', () => {
    expect(replayProgress({ sent: 7, total: 7, pass: 2, state: 'done' })).toEqual({
      percent: 100,
      text: '7 / 7 sent',
    })
  })
  it('has no bar while the total is unknown', () => {
    expect(replayProgress({ sent: 3, total: null, pass: 1, state: 'running' }).percent).toBeNull()
  })
})
