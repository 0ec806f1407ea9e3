/** The tree pane's width, kept across restarts and shared by every workspace that shows a tree. */
const TREE_WIDTH_KEY = 'brokerlens.treeWidth'

export function readTreeWidth(): `${number}px` {
  try {
    const n = Number(localStorage.getItem(TREE_WIDTH_KEY))
    if (Number.isFinite(n) && n >= 260 && n <= 2000) return `${Math.round(n)}px`
  } catch {
    // not kept: the default
  }
  return '420px'
}

/** Keeps the width a Splitter reports after a drag (in px; other units are not ours). */
export function keepTreeWidth(width: unknown): void {
  if (typeof width === 'string' && width.endsWith('px')) {
    try {
      localStorage.setItem(TREE_WIDTH_KEY, String(parseFloat(width)))
    } catch {
      // not kept: fine
    }
  }
}
