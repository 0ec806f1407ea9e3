import {
  ActionIcon,
  Alert,
  Button,
  Center,
  CloseButton,
  Drawer,
  Group,
  List,
  Loader,
  Menu,
  Modal,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core'
import {
  IconAlertTriangle,
  IconBookmarks,
  IconChevronDown,
  IconCircleCheck,
  IconFileExport,
  IconFileImport,
  IconPlayerPlay,
  IconPlus,
  IconSearch,
} from '@tabler/icons-react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { SavedPayloadSummary } from '../../../../shared/saved-payloads'
import { api } from '../../api/client'
import { notifyError, notifySuccess } from '../../stores/notices-store'
import { useSavedPayloadsStore } from '../../stores/saved-payloads-store'
import { useToolsStore } from '../../stores/tools-store'
import { downloadText, fileSlug } from '../import-export/download-file'
import { replaySourceOfSaved } from '../replay/replay-sources'
import { SavedPayloadEditor, type EditorTarget } from './SavedPayloadEditor'
import { FOLDER_ROW, PAYLOAD_ROW, SavedRowView, type SavedRowHandlers } from './SavedRowView'
import { buildSavedRows, idsByFolder } from './saved-rows'
import './saved-payloads.css'

const MAX_IMPORT = 256 * 1024 * 1024

type ImportOutcome =
  | { file: string; imported: number; rejected: { index: number; reason: string }[] }
  | { file: string; error: string }

/** The header button that opens the saved payloads. */
export function SavedPayloadsButton() {
  return (
    <Tooltip label="Saved payloads" withArrow>
      <ActionIcon
        variant="subtle"
        color="gray"
        size="lg"
        onClick={() => useToolsStore.getState().setSavedOpen(true)}
        aria-label="Saved payloads"
        data-testid="saved-button"
      >
        <IconBookmarks size={19} />
      </ActionIcon>
    </Tooltip>
  )
}

/**
 * Saved payloads in their folders: create, edit, duplicate, delete, export and import them, tick
 * several and replay them. A virtual list, so a library of thousands stays quick.
 */
export function SavedPayloadsDrawer() {
  const open = useToolsStore((s) => s.savedOpen)
  return (
    <Drawer
      opened={open}
      onClose={() => useToolsStore.getState().setSavedOpen(false)}
      position="right"
      size={640}
      title={
        <Group gap={8}>
          <IconBookmarks size={18} />
          <Text fw={650}>Saved payloads</Text>
        </Group>
      }
      styles={{
        body: { height: 'calc(100% - 60px)', display: 'flex', flexDirection: 'column', paddingBottom: 0 },
      }}
      data-testid="saved-drawer"
    >
      {open && <SavedPayloadsPanel />}
    </Drawer>
  )
}

function SavedPayloadsPanel() {
  const list = useSavedPayloadsStore((s) => s.list)
  const loaded = useSavedPayloadsStore((s) => s.loaded)
  const loadError = useSavedPayloadsStore((s) => s.loadError)
  const selected = useSavedPayloadsStore((s) => s.selected)
  const [search, setSearch] = useState('')
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set())
  const [editor, setEditor] = useState<EditorTarget | null>(null)
  const [deleting, setDeleting] = useState<SavedPayloadSummary | null>(null)
  const [importOutcome, setImportOutcome] = useState<ImportOutcome | null>(null)
  const [importing, setImporting] = useState(false)
  const fileInput = useRef<HTMLInputElement>(null)
  const scrollRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    void useSavedPayloadsStore.getState().load()
  }, [])

  const rows = useMemo(() => buildSavedRows(list, collapsed, search), [list, collapsed, search])
  const byFolder = useMemo(() => idsByFolder(list), [list])
  const byId = useMemo(() => new Map(list.map((p) => [p.id, p])), [list])
  const selectedList = useMemo(
    () => [...selected].map((id) => byId.get(id)).filter((p) => p !== undefined),
    [selected, byId],
  )

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in render on purpose
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'folder' ? FOLDER_ROW : PAYLOAD_ROW),
    overscan: 10,
    getItemKey: (i) => {
      const r = rows[i]
      return r ? (r.kind === 'folder' ? `f:${r.path}` : `p:${r.payload.id}`) : i
    },
  })
  // row heights change with the kind at an index: measure again when the rows change
  useEffect(() => virtualizer.measure(), [rows, virtualizer])

  const handlers = useMemo<SavedRowHandlers>(
    () => ({
      toggleFolder: (path) =>
        setCollapsed((c) => {
          const next = new Set(c)
          if (next.has(path)) next.delete(path)
          else next.add(path)
          return next
        }),
      selectFolder: (path, on) => {
        const st = useSavedPayloadsStore.getState()
        const ids = idsByFolder(st.list).get(path) ?? []
        const next = new Set(st.selected)
        for (const id of ids) {
          if (on) next.add(id)
          else next.delete(id)
        }
        st.setSelected(next)
      },
      select: (id, on) => useSavedPayloadsStore.getState().toggle(id, on),
      replay: (p) => useToolsStore.getState().openReplay(replaySourceOfSaved([p])),
      edit: (p) => setEditor({ kind: 'edit', id: p.id }),
      duplicate: (p) => void duplicate(p),
      exportOne: (p) => void exportPayloads([p.id], p.name),
      remove: (p) => setDeleting(p),
    }),
    [],
  )

  async function importFile(file: File) {
    setImporting(true)
    try {
      if (file.size > MAX_IMPORT) throw new Error(`${file.name} is larger than 256 MiB`)
      const res = await api().importSavedPayloads({ json: await file.text() })
      await useSavedPayloadsStore.getState().load()
      setImportOutcome({ file: file.name, imported: res.imported, rejected: res.rejected })
    } catch (err) {
      setImportOutcome({ file: file.name, error: err instanceof Error ? err.message : String(err) })
    } finally {
      setImporting(false)
    }
  }

  const folderChecked = (path: string): boolean | 'some' => {
    const ids = byFolder.get(path) ?? []
    let n = 0
    for (const id of ids) if (selected.has(id)) n++
    return n === 0 ? false : n === ids.length ? true : 'some'
  }

  return (
    <>
      <Stack gap={8} pb={8} className="saved-toolbar">
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Group gap={6} wrap="nowrap">
            <Button
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => setEditor({ kind: 'create', folder: '' })}
              data-testid="saved-new"
            >
              New
            </Button>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconFileImport size={14} />}
              loading={importing}
              onClick={() => fileInput.current?.click()}
              data-testid="saved-import"
            >
              Import
            </Button>
            <Menu position="bottom-start" withinPortal shadow="md">
              <Menu.Target>
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconFileExport size={14} />}
                  rightSection={<IconChevronDown size={12} />}
                  disabled={list.length === 0}
                  data-testid="saved-export"
                >
                  Export
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item
                  onClick={() => void exportPayloads(undefined, null)}
                  data-testid="saved-export-all"
                >
                  All {list.length}
                </Menu.Item>
                <Menu.Item
                  disabled={selected.size === 0}
                  onClick={() => void exportPayloads([...selected], null)}
                  data-testid="saved-export-selected"
                >
                  The {selected.size} selected
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
          <Button
            size="xs"
            color="grape"
            leftSection={<IconPlayerPlay size={14} />}
            disabled={selectedList.length === 0}
            onClick={() => useToolsStore.getState().openReplay(replaySourceOfSaved(selectedList))}
            data-testid="saved-replay-selected"
          >
            Replay{selectedList.length > 0 ? ` ${selectedList.length}` : ''}…
          </Button>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <TextInput
            size="xs"
            style={{ flex: 1 }}
            placeholder="Find by name, topic, folder or note"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            leftSection={<IconSearch size={14} />}
            rightSection={
              search ? <CloseButton size="xs" onClick={() => setSearch('')} aria-label="Clear" /> : null
            }
            data-testid="saved-search"
          />
          <Text
            size="xs"
            c="dimmed"
            data-testid="saved-count"
            data-count={list.length}
            style={{ whiteSpace: 'nowrap' }}
          >
            {list.length} saved{selected.size > 0 ? ` · ${selected.size} selected` : ''}
          </Text>
          {selected.size > 0 && (
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => useSavedPayloadsStore.getState().setSelected([])}
            >
              Clear selection
            </Button>
          )}
        </Group>
      </Stack>
      {loadError && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={16} />} title="Could not load them">
          <Text size="sm" className="reason-text">
            {loadError}
          </Text>
        </Alert>
      )}
      <div ref={scrollRef} className="saved-scroll" data-testid="saved-list" data-rows={rows.length}>
        {!loaded && !loadError && (
          <Center h="100%">
            <Loader size="sm" />
          </Center>
        )}
        {loaded && rows.length === 0 && (
          <Center h="100%" p="md">
            <Text size="sm" c="dimmed" ta="center" maw={360} data-testid="saved-empty">
              {search
                ? 'Nothing saved matches.'
                : 'Nothing saved yet. Open a stored message in the history and choose “Save as payload…”, or create one here.'}
            </Text>
          </Center>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]
            if (!row) return null
            return (
              <SavedRowView
                key={item.key}
                row={row}
                start={item.start}
                checked={row.kind === 'folder' ? folderChecked(row.path) : selected.has(row.payload.id)}
                handlers={handlers}
              />
            )
          })}
        </div>
      </div>

      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        style={{ display: 'none' }}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0]
          e.currentTarget.value = ''
          if (file) void importFile(file)
        }}
        data-testid="saved-import-file"
      />
      {editor && <SavedPayloadEditor target={editor} onClose={() => setEditor(null)} />}
      {deleting && <DeleteSavedModal payload={deleting} onClose={() => setDeleting(null)} />}
      {importOutcome && <ImportOutcomeModal outcome={importOutcome} onClose={() => setImportOutcome(null)} />}
    </>
  )
}

async function duplicate(p: SavedPayloadSummary) {
  try {
    const copy = await api().duplicateSavedPayload({ id: p.id })
    await useSavedPayloadsStore.getState().load()
    notifySuccess(`Duplicated as “${copy.name}”`)
  } catch (err) {
    notifyError(`Could not duplicate “${p.name}”`, err)
  }
}

/** Downloads an export file of the given payloads (all when `ids` is undefined). */
async function exportPayloads(ids: number[] | undefined, name: string | null) {
  try {
    const { json } = await api().exportSavedPayloads(ids ? { ids } : {})
    const day = new Date().toISOString().slice(0, 10)
    const slug = name ? fileSlug(name) : 'saved-payloads'
    downloadText(`brokerlens-${slug}-${day}.json`, json)
  } catch (err) {
    notifyError('Could not export', err)
  }
}

function DeleteSavedModal({ payload, onClose }: { payload: SavedPayloadSummary; onClose(): void }) {
  const [busy, setBusy] = useState(false)
  async function remove() {
    setBusy(true)
    try {
      await api().deleteSavedPayload({ id: payload.id })
      await useSavedPayloadsStore.getState().load()
      notifySuccess(`Deleted “${payload.name}”`)
      onClose()
    } catch (err) {
      notifyError(`Could not delete “${payload.name}”`, err)
      setBusy(false)
    }
  }
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      title={<Text fw={650}>Delete saved payload</Text>}
      data-testid="saved-delete-modal"
    >
      <Stack gap="md">
        <Text size="sm">
          Delete <b>{payload.name}</b>
          {payload.folder ? ` from ${payload.folder}` : ''}? This cannot be undone.
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={busy} onClick={() => void remove()} data-testid="saved-delete-confirm">
            Delete
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

function ImportOutcomeModal({ outcome, onClose }: { outcome: ImportOutcome; onClose(): void }) {
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      size="lg"
      title={<Text fw={650}>Import from {outcome.file}</Text>}
      data-testid="saved-import-result"
    >
      <Stack gap="md">
        {'error' in outcome ? (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={16} />}
            title="Nothing was imported"
          >
            <Text size="sm" className="reason-text">
              {outcome.error}
            </Text>
          </Alert>
        ) : (
          <>
            <Alert
              color={outcome.imported > 0 ? 'green' : 'gray'}
              variant="light"
              icon={<IconCircleCheck size={18} />}
              title={
                <span data-testid="saved-import-count" data-count={outcome.imported}>
                  {outcome.imported === 0
                    ? 'No payload imported'
                    : `Imported ${outcome.imported} payload${outcome.imported === 1 ? '' : 's'}`}
                </span>
              }
            />
            {outcome.rejected.length > 0 && (
              <Stack gap={6} data-testid="saved-import-rejected">
                <Text size="sm" fw={600} c="var(--mantine-color-red-text)">
                  {outcome.rejected.length === 1
                    ? '1 entry was not imported:'
                    : `${outcome.rejected.length} entries were not imported:`}
                </Text>
                <ScrollArea.Autosize mah={260}>
                  <List size="sm" spacing={4}>
                    {outcome.rejected.map((r) => (
                      <List.Item key={r.index}>
                        <Text span size="sm" fw={600}>
                          #{r.index + 1}
                        </Text>
                        :{' '}
                        <Text span size="sm" className="reason-text">
                          {r.reason}
                        </Text>
                      </List.Item>
                    ))}
                  </List>
                </ScrollArea.Autosize>
              </Stack>
            )}
          </>
        )}
        <Group justify="flex-end">
          <Button onClick={onClose} data-testid="saved-import-close">
            Close
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
