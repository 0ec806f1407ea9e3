import type { Protocol } from '../../../../shared/profiles'
import { fieldOfIssuePath, FIELD_LABEL } from './target-draft'

/** What a failed call means for the form: errors for fields, one for the payload, and the words. */
export interface CallErrorView {
  fields: Record<string, string>
  payload: string | null
  message: string
}

interface ErrorLike {
  code?: unknown
  message?: unknown
  issues?: unknown
}

/**
 * Puts the core's answer where it belongs: an issue about `topic` (or `target.properties.x`) on
 * that field, one about `payload` under the editor; the message says it in words, naming the field,
 * and "not connected" says what to do.
 */
export function callErrorView(err: unknown, protocol: Protocol): CallErrorView {
  const e = (err && typeof err === 'object' ? err : {}) as ErrorLike
  const raw = typeof e.message === 'string' ? e.message : String(err)
  const fields: Record<string, string> = {}
  let payload: string | null = null
  const issues = Array.isArray(e.issues) ? (e.issues as { path?: unknown; message?: unknown }[]) : []
  for (const issue of issues) {
    const path = typeof issue.path === 'string' ? issue.path : ''
    const message = typeof issue.message === 'string' ? issue.message : 'Invalid'
    if (path === 'payload' || path.endsWith('.payload')) {
      payload ??= message
      continue
    }
    const field = fieldOfIssuePath(protocol, path)
    if (field && !fields[field]) fields[field] = message
  }
  let message = raw
  if (e.code === 'unavailable') message = `${raw}. Connect first, then send again.`
  else if (e.code === 'invalid_input') {
    const [field, m] = Object.entries(fields)[0] ?? []
    if (field && m && !raw.includes(m)) message = `${FIELD_LABEL[field] ?? field}: ${m}`
    else if (payload && !raw.includes(payload)) message = `Payload: ${payload}`
  }
  return { fields, payload, message }
}
