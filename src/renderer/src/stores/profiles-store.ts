import { create } from 'zustand'
import type { Profile } from '../../../shared/profiles'
import { api } from '../api/client'

const SELECTED_KEY = 'brokerlens.selectedProfile'

function readSelected(): string | null {
  try {
    return localStorage.getItem(SELECTED_KEY)
  } catch {
    return null
  }
}
function writeSelected(id: string | null) {
  try {
    if (id) localStorage.setItem(SELECTED_KEY, id)
    else localStorage.removeItem(SELECTED_KEY)
  } catch {
    // not kept: fine
  }
}

export const byName = (a: Profile, b: Profile) =>
  a.config.name.localeCompare(b.config.name, undefined, { sensitivity: 'base', numeric: true }) ||
  a.createdAt - b.createdAt

interface ProfilesState {
  profiles: Profile[]
  loaded: boolean
  loadError: string | null
  selectedId: string | null
  load(): Promise<void>
  select(id: string | null): void
  /** Puts a profile the API just returned into the list at once (the change event follows). */
  upsert(profile: Profile): void
  remove(id: string): void
}

/** Keeps the selection on a profile that exists: the remembered one, else the first. */
function reconcileSelection(profiles: Profile[], selectedId: string | null): string | null {
  if (selectedId && profiles.some((p) => p.id === selectedId)) return selectedId
  return profiles[0]?.id ?? null
}

export const useProfilesStore = create<ProfilesState>()((set, get) => ({
  profiles: [],
  loaded: false,
  loadError: null,
  selectedId: readSelected(),
  async load() {
    try {
      const profiles = [...(await api().listProfiles())].sort(byName)
      const selectedId = reconcileSelection(profiles, get().selectedId)
      writeSelected(selectedId)
      set({ profiles, loaded: true, loadError: null, selectedId })
    } catch (err) {
      set({ loadError: err instanceof Error ? err.message : String(err) })
    }
  },
  select(id) {
    writeSelected(id)
    set({ selectedId: id })
  },
  upsert(profile) {
    const others = get().profiles.filter((p) => p.id !== profile.id)
    set({ profiles: [...others, profile].sort(byName) })
  },
  remove(id) {
    const profiles = get().profiles.filter((p) => p.id !== id)
    const selectedId = get().selectedId === id ? (profiles[0]?.id ?? null) : get().selectedId
    writeSelected(selectedId)
    set({ profiles, selectedId })
  },
}))

export function useSelectedProfile(): Profile | null {
  return useProfilesStore((s) => s.profiles.find((p) => p.id === s.selectedId) ?? null)
}
