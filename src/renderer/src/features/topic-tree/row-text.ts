import { levelName, type NodeSummary } from '../../../../shared/topic-tree'
import { formatBytes, formatCount } from '../topic-detail/format-units'

/**
 * Level names as they are, made visible: an empty level shows as a dim "∅", control characters as
 * their Unicode pictures (␉ for a tab), everything else (spaces, any script) untouched.
 */
export function visibleLevel(path: string): { text: string; empty: boolean } {
  const name = levelName(path)
  if (name === '') return { text: '∅', empty: true }
  // eslint-disable-next-line no-control-regex -- showing control characters is the point
  const text = name.replace(/[\u0000-\u001f]/g, (c) => String.fromCharCode(0x2400 + c.charCodeAt(0)))
  return { text, empty: false }
}

/** The one-line preview of the last value beside a row. */
export function previewText(node: NodeSummary): string {
  const last = node.last
  if (!last) return ''
  if (last.size === 0) return '‹empty›'
  if (last.preview === null) return `‹binary ${formatBytes(last.size)}›`
  const oneLine = last.preview.replace(/\s+/g, ' ').trim()
  return last.previewTruncated ? `${oneLine}…` : oneLine
}

/** The row's tooltip: the full topic and its figures (its leaves named by `leaf`, topics by default). */
export function rowTitle(
  node: NodeSummary | undefined,
  path: string,
  leaf: (n: number) => string = (n) => (n === 1 ? 'topic' : 'topics'),
): string {
  if (!node) return path
  const parts = [path === '' ? '(empty level)' : path]
  parts.push(
    `${formatCount(node.messages)} messages in ${formatCount(node.topics)} ${leaf(node.topics)}`,
  )
  if (node.retained) parts.push('retained message on the broker')
  return parts.join('\n')
}
