import {
  bytesToContent,
  contentToBytes,
  convertContent,
  type EditorMode,
} from '../../../../shared/codecs/editor-modes'
import { checkJson } from '../../../../shared/codecs/json-text'
import {
  defaultTemplateContext,
  renderTemplate,
  templateErrors,
  type TemplateError,
} from '../../../../shared/payload-template'

/** What the payload editor holds: the text in its mode, and whether it is a template. */
export interface PayloadDraft {
  mode: EditorMode
  text: string
  template: boolean
}

export const EMPTY_PAYLOAD: PayloadDraft = { mode: 'json', text: '', template: false }

export const MODE_LABEL: Record<EditorMode, string> = {
  json: 'JSON',
  text: 'Text',
  hex: 'Hex',
  base64: 'Base64',
}

/** Templates are text: the byte modes hold bytes, where a placeholder would mean nothing. */
export function templateAllowed(mode: EditorMode): boolean {
  return mode === 'json' || mode === 'text'
}

export type SwitchResult = { ok: true; draft: PayloadDraft } | { ok: false; reason: string }

/**
 * Switches the editor to another mode, converting its content without loss; when that cannot be
 * done, the draft stays as it is and the reason says why (the UI keeps the old mode and shows it).
 */
export function switchMode(d: PayloadDraft, to: EditorMode): SwitchResult {
  if (d.mode === to) return { ok: true, draft: d }
  if (d.template && !templateAllowed(to))
    return {
      ok: false,
      reason: `A template is text: turn Template off to edit the payload as ${MODE_LABEL[to]}.`,
    }
  const r = convertContent(d.mode, to, d.text)
  if (!r.ok) return { ok: false, reason: `Can't show this payload as ${MODE_LABEL[to]}: ${r.error}` }
  return { ok: true, draft: { ...d, mode: to, text: r.text } }
}

export interface JsonProblem {
  message: string
  line: number
  column: number
}

/** What the editor shows under the text: the first JSON error, template errors and the preview. */
export interface PayloadStatus {
  /** The first JSON syntax error (of the resolved preview, for a template), null when it parses. */
  json: JsonProblem | null
  /** Placeholder mistakes, with where they start. */
  template: TemplateError[]
  /** A template resolved with the counter at 1, as the first message would go out. */
  preview: string | null
  /** Why the payload cannot be sent as it is, in words; null when it can. */
  blocker: string | null
  /** Bytes that would be sent (the template's own text for a template); null when not valid. */
  size: number | null
}

const encoder = new TextEncoder()

export function payloadStatus(d: PayloadDraft): PayloadStatus {
  if (d.template && templateAllowed(d.mode)) {
    const errors = templateErrors(d.text)
    const preview = errors.length ? null : renderTemplate(d.text, defaultTemplateContext(1))
    const json = d.mode === 'json' && preview !== null && d.text !== '' ? jsonProblem(preview) : null
    const blocker = errors.length
      ? `Template: ${errors[0]?.message ?? 'invalid'}`
      : json
        ? `The resolved payload is not valid JSON (line ${json.line}, column ${json.column}: ${json.message}); fix it or switch to Text to send it as it is.`
        : null
    return { json, template: errors, preview, blocker, size: encoder.encode(d.text).length }
  }
  if (d.mode === 'json' && d.text !== '') {
    const json = jsonProblem(d.text)
    if (json)
      return {
        json,
        template: [],
        preview: null,
        blocker: `The JSON has an error at line ${json.line}, column ${json.column}: ${json.message}. Fix it or switch to Text to send it as it is.`,
        size: null,
      }
  }
  const bytes = contentToBytes(d.mode, d.text)
  return bytes.ok
    ? { json: null, template: [], preview: null, blocker: null, size: bytes.bytes.length }
    : { json: null, template: [], preview: null, blocker: bytes.error, size: null }
}

function jsonProblem(text: string): JsonProblem | null {
  const r = checkJson(text)
  return r.ok ? null : { message: r.message, line: r.line, column: r.column }
}

/**
 * The bytes to send and whether they are a template the core resolves per message, or why they
 * cannot be sent: `error` in full, `short` for a one-line summary (the editor shows the rest).
 */
export function payloadToSend(
  d: PayloadDraft,
): { ok: true; payload: Uint8Array; template: boolean } | { ok: false; error: string; short: string } {
  const status = payloadStatus(d)
  if (status.blocker) {
    const short = status.template.length
      ? `template error at character ${(status.template[0]?.offset ?? 0) + 1}`
      : status.json
        ? `${d.template ? 'the resolved payload is not JSON' : 'JSON error'} at line ${status.json.line}, column ${status.json.column}`
        : status.blocker
    return { ok: false, error: status.blocker, short }
  }
  if (d.template && templateAllowed(d.mode))
    return { ok: true, payload: encoder.encode(d.text), template: true }
  const r = contentToBytes(d.mode, d.text)
  return r.ok
    ? { ok: true, payload: r.bytes, template: false }
    : { ok: false, error: r.error, short: r.error }
}

/** Whether text (a template: as its first message resolves) is JSON, so it opens in JSON mode. */
function looksJson(text: string, template: boolean): boolean {
  if (text === '') return false
  if (!template) return checkJson(text).ok
  if (templateErrors(text).length) return false
  return checkJson(renderTemplate(text, defaultTemplateContext(1))).ok
}

/**
 * A payload from elsewhere (the publish log) into the editor: JSON when it parses, else text when
 * it is UTF-8 text, else hex. A template stays a template (it is text).
 */
export function draftFromBytes(bytes: Uint8Array, template: boolean): PayloadDraft {
  const asText = bytesToContent('text', bytes)
  if (asText.ok) return draftFromText(asText.text, template)
  const hex = bytesToContent('hex', bytes)
  return { mode: 'hex', text: hex.ok ? hex.text : '', template: false }
}

/** Text known to be the whole payload (a log row's uncut preview) into the editor. */
export function draftFromText(text: string, template: boolean): PayloadDraft {
  return { mode: looksJson(text, template) ? 'json' : 'text', text, template }
}
