import { create } from 'zustand'
import type { Protocol } from '../../../shared/profiles'
import { EMPTY_PAYLOAD, type PayloadDraft } from '../features/payload-editor/payload-draft'
import type { ResultText } from '../features/publish/publish-result-text'
import { emptyDraft, type TargetDraft } from '../features/publish/target-draft'

/** Everything the publish panel of one connection holds, kept while the app runs. */
export interface PublishDraft {
  target: TargetDraft
  payload: PayloadDraft
  /** "Send N times": as typed. */
  repeatCount: number | string
  repeatIntervalMs: number | string
  /** The tree topic the MQTT topic was last filled from, so a new selection fills it again. */
  prefilledFrom: string | null
  /** The last Send's outcome. */
  result: (ResultText & { at: number }) | null
}

export function newPublishDraft(protocol: Protocol): PublishDraft {
  return {
    target: emptyDraft(protocol),
    payload: EMPTY_PAYLOAD,
    repeatCount: 10,
    repeatIntervalMs: 1000,
    prefilledFrom: null,
    result: null,
  }
}

interface PublishDraftsState {
  byProfile: Record<string, PublishDraft>
  patch(profileId: string, protocol: Protocol, patch: Partial<PublishDraft>): void
}

/**
 * The publish form of each connection: what is typed survives switching tabs and connections (not
 * a restart: a draft is not worth a file).
 */
export const usePublishDraftsStore = create<PublishDraftsState>()((set, get) => ({
  byProfile: {},
  patch(profileId, protocol, patch) {
    const current = get().byProfile[profileId] ?? newPublishDraft(protocol)
    set({ byProfile: { ...get().byProfile, [profileId]: { ...current, ...patch } } })
  },
}))

/** The profile's draft (a fresh one until something is typed). */
export function usePublishDraft(profileId: string, protocol: Protocol): PublishDraft {
  const draft = usePublishDraftsStore((s) => s.byProfile[profileId])
  return draft ?? freshDrafts(protocol)
}

const FRESH: Partial<Record<Protocol, PublishDraft>> = {}
function freshDrafts(protocol: Protocol): PublishDraft {
  return (FRESH[protocol] ??= newPublishDraft(protocol))
}
