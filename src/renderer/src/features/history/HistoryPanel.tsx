import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  CloseButton,
  Group,
  Menu,
  SegmentedControl,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core'
import {
  IconAdjustmentsHorizontal,
  IconAlertTriangle,
  IconDots,
  IconFileExport,
  IconFileImport,
  IconPlayerPause,
  IconPlayerPlay,
  IconRefresh,
  IconSearch,
  IconTrash,
} from '@tabler/icons-react'
import { useEffect, useRef, useState } from 'react'
import { useStore } from 'zustand'
import type { HistoryHit } from '../../../../shared/history'
import type { Profile } from '../../../../shared/profiles'
import { api } from '../../api/client'
import { createHistoryListStore } from '../../stores/history-list-store'
import { useHistoryPaused, useHistoryStatsStore } from '../../stores/history-stats-store'
import { notifyError } from '../../stores/notices-store'
import { useToolsStore } from '../../stores/tools-store'
import { replaySourceOfFilter } from '../replay/replay-sources'
import { SaveMessageModal } from '../saved-payloads/SaveMessageModal'
import { formatCount } from '../topic-detail/format-units'
import { useTreeView } from '../topic-tree/tree-view-context'
import { ClearHistoryModal, type ClearHistoryTarget } from './ClearHistoryModal'
import { ExportHistoryModal } from './ExportHistoryModal'
import { HistoryFilters } from './HistoryFilters'
import { HistoryList } from './HistoryList'
import { HistoryMessage } from './HistoryMessage'
import { ImportHistoryModal } from './ImportHistoryModal'
import {
  activeFilterCount,
  buildHistoryFilter,
  EMPTY_FORM,
  scopeTopic,
  type HistoryForm,
  type HistoryScope,
} from './history-filter'
import './history.css'

/** Typing in the search box waits this long before the core is asked (each search reads the index). */
const SEARCH_DEBOUNCE_MS = 300

/**
 * A profile's stored messages: scoped to the topic selected in the tree, its subtree, or the whole
 * connection; searched by payload text and narrowed by direction, retain, QoS, size and time; newest
 * first with older pages fetched on scroll. A message opens below the list with its whole payload.
 * Export, import, replay, pause and clear work on what the panel shows.
 */
export function HistoryPanel({ profile }: { profile: Profile }) {
  const selected = useTreeView((s) => s.selected)
  const selectedOwn = useTreeView((s) =>
    s.selected === null ? 0 : (s.model.nodes.get(s.selected)?.own ?? 0),
  )
  const [store] = useState(() => createHistoryListStore(api))
  const [form, setForm] = useState<HistoryForm>(() => ({
    ...EMPTY_FORM,
    scope: selected === null ? 'all' : selectedOwn > 0 ? 'topic' : 'subtree',
  }))
  const [searchText, setSearchText] = useState('')
  const [filtersOpen, setFiltersOpen] = useState(false)
  const [exportOpen, setExportOpen] = useState(false)
  const [importFile, setImportFile] = useState<File | null>(null)
  const [clearTarget, setClearTarget] = useState<ClearHistoryTarget | null>(null)
  const [saveHit, setSaveHit] = useState<HistoryHit | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  const paused = useHistoryPaused(profile.id)
  const writeError = useHistoryStatsStore((s) => s.stats?.writeError ?? null)
  const pendingWrites = useHistoryStatsStore((s) => s.stats?.pendingWrites ?? 0)
  const droppedWrites = useHistoryStatsStore((s) => s.stats?.droppedWrites ?? 0)
  const count = useStore(store, (s) => s.count)
  const opened = useStore(store, (s) => s.opened)
  const firstTopic = useStore(store, (s) => s.hits[0]?.topic ?? null)

  // the search box is applied after a pause in typing (Enter applies at once)
  useEffect(() => {
    if (searchText === form.text) return
    const t = setTimeout(() => setForm((f) => ({ ...f, text: searchText })), SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(t)
  }, [searchText, form.text])

  const scope: HistoryScope = selected === null ? 'all' : form.scope
  const built = buildHistoryFilter(profile.id, selected, { ...form, scope })
  const filterKey = built.ok ? JSON.stringify(built.filter) : null
  useEffect(() => {
    if (!built.ok) return
    store.getState().show(built.filter)
    // the key names the filter: a new object with the same fields is the same list
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filterKey, store])

  const patch = (p: Partial<HistoryForm>) => setForm((f) => ({ ...f, ...p }))
  const filter = built.ok ? built.filter : null
  const scopeLabel = scopeTopic(scope, selected)
  const narrowing = activeFilterCount(form)

  async function togglePause() {
    try {
      await useHistoryStatsStore.getState().setPaused(profile.id, !paused)
    } catch (err) {
      notifyError(paused ? 'Could not resume the history' : 'Could not pause the history', err)
    }
  }

  return (
    <div className="history-panel" data-testid="history-panel" data-scope={scope}>
      <div className="history-toolbar">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
            <SegmentedControl
              size="xs"
              value={scope}
              onChange={(v) => patch({ scope: v as HistoryScope })}
              data={[
                { value: 'topic', label: 'Topic', disabled: selected === null },
                { value: 'subtree', label: 'Subtree', disabled: selected === null },
                { value: 'all', label: 'Connection' },
              ]}
              aria-label="Which messages"
              data-testid="history-scope"
              data-value={scope}
            />
            <Text size="xs" c="dimmed" className="mono history-scope-topic" title={scopeLabel ?? undefined}>
              {scopeLabel ?? `all of ${profile.config.name}`}
            </Text>
          </Group>
          <Group gap={4} wrap="nowrap">
            <Tooltip label="Read again from the newest message" withArrow openDelay={300}>
              <ActionIcon
                variant="subtle"
                color="gray"
                onClick={() => filter && store.getState().show(filter)}
                aria-label="Refresh"
                data-testid="history-refresh"
              >
                <IconRefresh size={16} />
              </ActionIcon>
            </Tooltip>
            <Menu position="bottom-end" withinPortal shadow="md" width={230}>
              <Menu.Target>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label="History actions"
                  data-testid="history-menu"
                >
                  <IconDots size={16} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item
                  leftSection={<IconFileExport size={15} />}
                  disabled={!filter}
                  onClick={() => setExportOpen(true)}
                  data-testid="history-export"
                >
                  Export what is shown…
                </Menu.Item>
                <Menu.Item
                  leftSection={<IconFileImport size={15} />}
                  onClick={() => fileInput.current?.click()}
                  data-testid="history-import"
                >
                  Import JSON Lines…
                </Menu.Item>
                <Menu.Item
                  leftSection={<IconPlayerPlay size={15} />}
                  disabled={!filter || count === 0}
                  onClick={() =>
                    filter &&
                    useToolsStore
                      .getState()
                      .openReplay(replaySourceOfFilter(filter, profile.config.name, firstTopic))
                  }
                  data-testid="history-replay-filter"
                >
                  Replay what is shown…
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item
                  leftSection={paused ? <IconPlayerPlay size={15} /> : <IconPlayerPause size={15} />}
                  onClick={() => void togglePause()}
                  data-testid="history-pause-menu"
                >
                  {paused ? 'Resume recording' : 'Pause recording'}
                </Menu.Item>
                <Menu.Item
                  color="red"
                  leftSection={<IconTrash size={15} />}
                  onClick={() =>
                    setClearTarget({
                      profileId: profile.id,
                      topic: scopeLabel,
                      profileName: profile.config.name,
                    })
                  }
                  data-testid="history-clear"
                >
                  Clear stored messages…
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
        <Group gap={6} wrap="nowrap" mt={8}>
          <TextInput
            size="xs"
            style={{ flex: 1 }}
            placeholder="Search payloads: words, each a prefix"
            value={searchText}
            onChange={(e) => setSearchText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') patch({ text: searchText })
              if (e.key === 'Escape') setSearchText('')
            }}
            leftSection={<IconSearch size={14} />}
            rightSection={
              searchText ? (
                <CloseButton size="xs" onClick={() => setSearchText('')} aria-label="Clear the search" />
              ) : null
            }
            aria-label="Search payload text"
            data-testid="history-search"
          />
          <Button
            size="xs"
            variant={filtersOpen || narrowing > 0 ? 'light' : 'default'}
            leftSection={<IconAdjustmentsHorizontal size={14} />}
            onClick={() => setFiltersOpen(!filtersOpen)}
            rightSection={
              narrowing > 0 ? (
                <Badge size="xs" circle>
                  {narrowing}
                </Badge>
              ) : null
            }
            data-testid="history-filters-toggle"
            aria-expanded={filtersOpen}
          >
            Filters
          </Button>
        </Group>
        {filtersOpen && <HistoryFilters form={form} errors={built.ok ? {} : built.errors} onChange={patch} />}
      </div>

      <Group className="history-status" justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" c="dimmed" data-testid="history-count" data-count={count ?? ''}>
          {!built.ok
            ? Object.values(built.errors)[0]
            : count === null
              ? 'Counting…'
              : `${formatCount(count)} ${count === 1 ? 'message' : 'messages'}${form.text ? ' found' : ''}${form.until ? ' up to the chosen time' : ''} · newest first`}
        </Text>
        <Group gap={6} wrap="nowrap">
          {paused && (
            <Text size="xs" c="orange" fw={600} data-testid="history-paused-note">
              Recording paused
            </Text>
          )}
          <Button
            size="compact-xs"
            variant={paused ? 'filled' : 'subtle'}
            color={paused ? 'orange' : 'gray'}
            leftSection={paused ? <IconPlayerPlay size={13} /> : <IconPlayerPause size={13} />}
            onClick={() => void togglePause()}
            data-testid="history-pause"
            data-paused={paused}
          >
            {paused ? 'Resume' : 'Pause recording'}
          </Button>
        </Group>
      </Group>
      {writeError && (
        <Alert
          color="red"
          variant="light"
          radius={0}
          py={6}
          icon={<IconAlertTriangle size={16} />}
          title="Messages cannot be stored"
          data-testid="history-write-error"
        >
          <Text size="xs" className="reason-text">
            {writeError} · {formatCount(pendingWrites)} waiting in memory
            {droppedWrites > 0 && ` · ${formatCount(droppedWrites)} not stored (too many waiting)`}
          </Text>
        </Alert>
      )}

      <HistoryList
        store={store}
        emptyText={
          form.text || narrowing > 0
            ? 'No stored message matches.'
            : paused
              ? 'Nothing stored: recording is paused for this connection.'
              : 'No stored messages here yet.'
        }
      />
      {opened && (
        <HistoryMessage
          key={opened.id}
          hit={opened}
          onSave={setSaveHit}
          onClose={() => store.getState().open(null)}
        />
      )}

      <input
        ref={fileInput}
        type="file"
        accept=".jsonl,.ndjson,.json,application/jsonl,application/x-ndjson,text/plain"
        style={{ display: 'none' }}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0] ?? null
          e.currentTarget.value = ''
          if (file) setImportFile(file)
        }}
        data-testid="history-import-file"
      />
      {exportOpen && filter && (
        <ExportHistoryModal
          filter={filter}
          profileName={profile.config.name}
          onClose={() => setExportOpen(false)}
        />
      )}
      {importFile && (
        <ImportHistoryModal
          file={importFile}
          profile={profile}
          onClose={(imported) => {
            setImportFile(null)
            if (imported > 0 && filter) store.getState().show(filter)
          }}
        />
      )}
      {clearTarget && (
        <ClearHistoryModal
          target={clearTarget}
          onClose={(removed) => {
            setClearTarget(null)
            if (removed > 0 && filter) store.getState().show(filter)
          }}
        />
      )}
      {saveHit && <SaveMessageModal message={saveHit} onClose={() => setSaveHit(null)} />}
    </div>
  )
}
