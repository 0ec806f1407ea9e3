import type { HistoryFilterInput } from '../../../../shared/history'
import type { ReplayRequest } from '../../../../shared/replay'

/**
 * The replay dialog's form: where to send, how to rename topics, at what pace, and whether to
 * loop. Pure, so the dialog only draws it; `replayFormErrors` is the dialog's whole validation and
 * `buildReplayRequest` refuses a form that has errors.
 */

export type ReplaySource =
  | { kind: 'saved'; ids: number[]; label: string; sampleTopic: string | null }
  | {
      kind: 'history'
      filter: HistoryFilterInput & { profileId: string }
      label: string
      sampleTopic: string | null
    }

export interface ReplayForm {
  targetProfileId: string | null
  rewrite: boolean
  rewriteFrom: string
  rewriteTo: string
  pace: 'original' | 'asap'
  speed: number
  loop: boolean
}

export const MIN_SPEED = 0.1
export const MAX_SPEED = 100
export const SPEED_PRESETS = [0.5, 1, 2, 10] as const

export function initialReplayForm(source: ReplaySource, targetProfileId: string | null): ReplayForm {
  return {
    targetProfileId,
    rewrite: false,
    rewriteFrom: source.sampleTopic ? firstLevelPrefix(source.sampleTopic) : '',
    rewriteTo: '',
    // saved payloads have no recorded gaps: one after the other is all "original" could mean
    pace: source.kind === 'saved' ? 'asap' : 'original',
    speed: 1,
    loop: false,
  }
}

/** "zigbee2mqtt/kitchen" → "zigbee2mqtt/": the prefix most rewrites start from. */
export function firstLevelPrefix(topic: string): string {
  const i = topic.indexOf('/')
  return i < 0 ? topic : topic.slice(0, i + 1)
}

export type ReplayFormErrors = Partial<
  Record<'targetProfileId' | 'rewriteFrom' | 'rewriteTo' | 'speed', string>
>

export function replayFormErrors(form: ReplayForm): ReplayFormErrors {
  const errors: ReplayFormErrors = {}
  if (!form.targetProfileId) errors.targetProfileId = 'Choose the connection to send to'
  if (form.rewrite) {
    if (/[+#]/.test(form.rewriteTo)) errors.rewriteTo = 'Topics to publish to cannot hold + or #'
    else if (form.rewriteTo.includes('\u0000')) errors.rewriteTo = 'No null characters in topics'
    if (form.rewriteFrom === form.rewriteTo) errors.rewriteTo = 'Same as the prefix it replaces'
  }
  if (form.pace === 'original' && !(form.speed >= MIN_SPEED && form.speed <= MAX_SPEED)) {
    errors.speed = `Between ${MIN_SPEED}× and ${MAX_SPEED}×`
  }
  return errors
}

/** What the rewrite does to a topic: the core's rule (`startsWith(from)` → `to` + the rest). */
export function rewriteTopic(topic: string, from: string, to: string): string {
  return topic.startsWith(from) ? to + topic.slice(from.length) : topic
}

export type RewriteExample =
  | { kind: 'none' }
  | { kind: 'changed'; before: string; after: string }
  | { kind: 'unchanged'; topic: string }
  | { kind: 'empty'; topic: string }

/** The live example under the rewrite fields, made of a topic the replay will really send. */
export function rewriteExample(sampleTopic: string | null, form: ReplayForm): RewriteExample {
  if (sampleTopic === null || !form.rewrite) return { kind: 'none' }
  if (!sampleTopic.startsWith(form.rewriteFrom)) return { kind: 'unchanged', topic: sampleTopic }
  const after = rewriteTopic(sampleTopic, form.rewriteFrom, form.rewriteTo)
  // an empty topic cannot be published: say so before the broker does
  if (after === '') return { kind: 'empty', topic: sampleTopic }
  return { kind: 'changed', before: sampleTopic, after }
}

/**
 * The speed slider runs on a log scale (0.1× to 100× over equal steps per decade), so 0.5×, 1× and
 * 2× are not squeezed into the first pixels. Slider positions are 0..SLIDER_MAX.
 */
export const SLIDER_MAX = 300

export function speedToSlider(speed: number): number {
  const clamped = Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed))
  return Math.round(((Math.log10(clamped) + 1) / 3) * SLIDER_MAX)
}

export function sliderToSpeed(position: number): number {
  const raw = 10 ** ((position / SLIDER_MAX) * 3 - 1)
  // two significant digits, and snap to the presets near them
  const rounded = Number(raw.toPrecision(2))
  for (const p of SPEED_PRESETS) if (Math.abs(rounded - p) / p < 0.04) return p
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, rounded))
}

export function formatSpeed(speed: number): string {
  return `${Number(speed.toPrecision(3))}×`
}

/** The request for `startReplay`, or null while the form has errors. */
export function buildReplayRequest(source: ReplaySource, form: ReplayForm): ReplayRequest | null {
  if (Object.keys(replayFormErrors(form)).length > 0 || !form.targetProfileId) return null
  return {
    source:
      source.kind === 'saved'
        ? { kind: 'saved', ids: source.ids }
        : { kind: 'history', filter: source.filter },
    targetProfileId: form.targetProfileId,
    rewrite: form.rewrite ? { from: form.rewriteFrom, to: form.rewriteTo } : null,
    pace: form.pace,
    speed: form.pace === 'original' ? form.speed : 1,
    loop: form.loop,
  }
}

/**
 * One line saying what a replay does (its card names the target), kept beside its status: the
 * core's status has no words for it.
 */
export function describeReplay(source: ReplaySource, form: ReplayForm): string {
  const parts = [source.label]
  if (form.rewrite) parts.push(`topics ${form.rewriteFrom || '(start)'} → ${form.rewriteTo || '(nothing)'}`)
  parts.push(form.pace === 'asap' ? 'as fast as possible' : `${formatSpeed(form.speed)} original pace`)
  if (form.loop) parts.push('loop')
  return parts.join(' · ')
}
