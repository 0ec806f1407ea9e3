import { describe, expect, it, vi } from 'vitest'
import {
  acquireSingleInstanceLock,
  bringToFront,
  type FocusableWindow,
  type SingleInstanceApp,
} from './single-instance'

function fakeApp(gotLock: boolean) {
  const listeners: Array<() => void> = []
  const app = {
    requestSingleInstanceLock: vi.fn(() => gotLock),
    quit: vi.fn(),
    on: vi.fn((_event: 'second-instance', listener: () => void) => listeners.push(listener)),
  } satisfies SingleInstanceApp
  return { app, secondInstance: () => listeners.forEach((l) => l()) }
}

describe('acquireSingleInstanceLock', () => {
  it('quits the second instance and tells the caller to stop', () => {
    const { app } = fakeApp(false)
    const focus = vi.fn()
    expect(acquireSingleInstanceLock(app, focus)).toBe(false)
    expect(app.quit).toHaveBeenCalledTimes(1)
    expect(app.on).not.toHaveBeenCalled()
    expect(focus).not.toHaveBeenCalled()
  })

  it('keeps the first instance and focuses it when another one starts', () => {
    const { app, secondInstance } = fakeApp(true)
    const focus = vi.fn()
    expect(acquireSingleInstanceLock(app, focus)).toBe(true)
    expect(app.quit).not.toHaveBeenCalled()
    expect(focus).not.toHaveBeenCalled()
    secondInstance()
    expect(focus).toHaveBeenCalledTimes(1)
  })
})

describe('bringToFront', () => {
  const fakeWindow = (minimized: boolean, destroyed = false) =>
    ({
      isDestroyed: () => destroyed,
      isMinimized: () => minimized,
      restore: vi.fn(),
      show: vi.fn(),
      focus: vi.fn(),
    }) satisfies FocusableWindow

  it('restores a minimized window, shows and focuses it', () => {
    const win = fakeWindow(true)
    bringToFront(win)
    expect(win.restore).toHaveBeenCalledTimes(1)
    expect(win.show).toHaveBeenCalledTimes(1)
    expect(win.focus).toHaveBeenCalledTimes(1)
  })

  it('leaves a visible window unrestored and ignores a destroyed or missing one', () => {
    const visible = fakeWindow(false)
    bringToFront(visible)
    expect(visible.restore).not.toHaveBeenCalled()
    expect(visible.focus).toHaveBeenCalledTimes(1)
    const destroyed = fakeWindow(true, true)
    bringToFront(destroyed)
    expect(destroyed.focus).not.toHaveBeenCalled()
    expect(() => bringToFront(undefined)).not.toThrow()
  })
})
