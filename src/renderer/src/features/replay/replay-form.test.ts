import { describe, expect, it } from 'vitest'
import {
  buildReplayRequest,
  describeReplay,
  firstLevelPrefix,
  initialReplayForm,
  replayFormErrors,
  rewriteExample,
  sliderToSpeed,
  speedToSlider,
  type ReplaySource,
} from './replay-form'

const history: ReplaySource = {
  kind: 'history',
  filter: { profileId: 'src', topic: 'prod/#' },
  label: '42 messages of prod/#',
  sampleTopic: 'prod/light/1',
}
const saved: ReplaySource = { kind: 'saved', ids: [3, 4], label: '2 saved payloads', sampleTopic: 'prod/x' }

describe('replay form', () => {
  it('starts at the original pace for history and one after another for saved payloads', () => {
    expect(initialReplayForm(history, 't').pace).toBe('original')
    expect(initialReplayForm(saved, 't').pace).toBe('asap')
    expect(initialReplayForm(history, 't').rewriteFrom).toBe('prod/')
    expect(firstLevelPrefix('single')).toBe('single')
  })

  it('validates target, rewrite and speed', () => {
    const form = { ...initialReplayForm(history, null), rewrite: true, rewriteTo: 'test/#', speed: 500 }
    expect(Object.keys(replayFormErrors(form)).sort()).toEqual(['rewriteTo', 'speed', 'targetProfileId'])
    expect(replayFormErrors({ ...form, targetProfileId: 't', rewriteTo: 'prod/', speed: 2 })).toEqual({
      rewriteTo: 'Same as the prefix it replaces',
    })
    // asap ignores the speed
    expect(replayFormErrors({ ...form, targetProfileId: 't', rewriteTo: 'test/', pace: 'asap' })).toEqual({})
    expect(buildReplayRequest(history, form)).toBeNull()
  })

  it('shows the rewrite on a real topic, live', () => {
    const form = { ...initialReplayForm(history, 't'), rewrite: true, rewriteTo: 'test/' }
    expect(rewriteExample('prod/light/1', form)).toEqual({
      kind: 'changed',
      before: 'prod/light/1',
      after: 'test/light/1',
    })
    expect(rewriteExample('other/x', form)).toEqual({ kind: 'unchanged', topic: 'other/x' })
    expect(rewriteExample('prod/', { ...form, rewriteTo: '' })).toEqual({ kind: 'empty', topic: 'prod/' })
    expect(rewriteExample('prod/x', { ...form, rewrite: false })).toEqual({ kind: 'none' })
    expect(rewriteExample(null, form)).toEqual({ kind: 'none' })
  })

  it('maps the speed slider on a log scale, snapping to the presets', () => {
    expect(speedToSlider(0.1)).toBe(0)
    expect(speedToSlider(100)).toBe(300)
    expect(speedToSlider(1)).toBe(100)
    expect(sliderToSpeed(speedToSlider(1))).toBe(1)
    expect(sliderToSpeed(speedToSlider(10))).toBe(10)
    expect(sliderToSpeed(speedToSlider(0.5))).toBe(0.5)
    expect(sliderToSpeed(speedToSlider(2))).toBe(2)
    expect(sliderToSpeed(0)).toBe(0.1)
    expect(sliderToSpeed(300)).toBe(100)
    expect(sliderToSpeed(150)).toBeCloseTo(3.2, 5)
  })

  it('builds the request', () => {
    const form = {
      ...initialReplayForm(history, 't'),
      rewrite: true,
      rewriteTo: 'test/',
      speed: 10,
      loop: true,
    }
    expect(buildReplayRequest(history, form)).toEqual({
      source: { kind: 'history', filter: { profileId: 'src', topic: 'prod/#' } },
      targetProfileId: 't',
      rewrite: { from: 'prod/', to: 'test/' },
      pace: 'original',
      speed: 10,
      loop: true,
    })
    expect(buildReplayRequest(saved, initialReplayForm(saved, 't'))).toEqual({
      source: { kind: 'saved', ids: [3, 4] },
      targetProfileId: 't',
      rewrite: null,
      pace: 'asap',
      speed: 1,
      loop: false,
    })
    expect(describeReplay(history, form)).toBe(
      '42 messages of prod/# · topics prod/ → test/ · 10× original pace · loop',
    )
  })
})
