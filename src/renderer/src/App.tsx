import { Alert, AppShell, Button, Center, Divider, Group, Loader, Stack, Text } from '@mantine/core'
import { IconAlertTriangle, IconFileExport } from '@tabler/icons-react'
import { BrokerlensLogo } from './components/BrokerlensLogo'
import { BrokerDrawer } from './features/built-in-broker/BrokerDrawer'
import { BrokerHeaderButton } from './features/built-in-broker/BrokerHeaderButton'
import { AmqpWorkspace } from './features/amqp/AmqpWorkspace'
import { ExportModal } from './features/import-export/ExportModal'
import { ImportButton, ImportResultModal } from './features/import-export/ImportButton'
import { KafkaWorkspace } from './features/kafka/KafkaWorkspace'
import { StoragePopover } from './features/history/StoragePopover'
import { useHistoryStatsPolling } from './features/history/use-history-stats-polling'
import { AboutPopover } from './features/layout/AboutPopover'
import { HostLinkBanner } from './features/layout/HostLinkBanner'
import { Notices } from './features/layout/Notices'
import { ProfileEditor } from './features/profile-editor/ProfileEditor'
import { DeleteProfileModal } from './features/profiles/DeleteProfileModal'
import { ReplayDialog } from './features/replay/ReplayDialog'
import { ReplaysButton, ReplaysDrawer } from './features/replay/ReplaysDrawer'
import { useReplaysSync } from './features/replay/use-replays-sync'
import { SavedPayloadsButton, SavedPayloadsDrawer } from './features/saved-payloads/SavedPayloadsDrawer'
import { MqttWorkspace } from './features/topic-tree/MqttWorkspace'
import { ProfileSidebar } from './features/profiles/ProfileSidebar'
import { Welcome } from './features/welcome/Welcome'
import { loadAll } from './stores/bootstrap'
import { useProfilesStore, useSelectedProfile } from './stores/profiles-store'
import { useTransportStore } from './stores/transport-store'
import { useUiStore } from './stores/ui-store'

const HEADER = 48
const BANNER = 32
/** The history's stats (a full disk, above all) are read this often whatever is on screen. */
const STATS_POLL_MS = 15_000

export function App() {
  const bannerShown = useTransportStore((s) => s.state.kind === 'reconnecting')
  const hasProfiles = useProfilesStore((s) => s.profiles.length > 0)
  useReplaysSync()
  useHistoryStatsPolling(STATS_POLL_MS)
  return (
    <AppShell
      header={{ height: HEADER + (bannerShown ? BANNER : 0) }}
      navbar={{ width: 300, breakpoint: 0 }}
      padding={0}
    >
      <AppShell.Header>
        <HostLinkBanner />
        <Group h={HEADER} px="md" justify="space-between" wrap="nowrap">
          <Group gap={10} wrap="nowrap">
            <BrokerlensLogo size={26} />
            <Text fw={700} size="lg" c="bright" data-testid="app-name">
              Brokerlens
            </Text>
          </Group>
          <Group gap={4} wrap="nowrap">
            <BrokerHeaderButton />
            <Divider orientation="vertical" mx={4} />
            <ImportButton />
            <Button
              variant="subtle"
              color="gray"
              size="xs"
              leftSection={<IconFileExport size={16} />}
              disabled={!hasProfiles}
              onClick={() => useUiStore.getState().setExportOpen('all')}
              data-testid="export-button"
            >
              Export
            </Button>
            <Divider orientation="vertical" mx={4} />
            <SavedPayloadsButton />
            <ReplaysButton />
            <StoragePopover />
            <AboutPopover />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar>
        <ProfileSidebar />
      </AppShell.Navbar>
      <AppShell.Main h="100dvh">
        <MainArea />
      </AppShell.Main>
      <DeleteProfileModal />
      <ExportModal />
      <ImportResultModal />
      <SavedPayloadsDrawer />
      <ReplaysDrawer />
      <BrokerDrawer />
      <ReplayDialog />
      <Notices />
    </AppShell>
  )
}

function MainArea() {
  const view = useUiStore((s) => s.view)
  const loaded = useProfilesStore((s) => s.loaded)
  const loadError = useProfilesStore((s) => s.loadError)
  const profiles = useProfilesStore((s) => s.profiles)
  const selected = useSelectedProfile()

  if (view.kind === 'create')
    return <ProfileEditor key={`create-${view.key}`} target={{ kind: 'create', protocol: view.protocol }} />
  if (view.kind === 'edit') {
    const profile = profiles.find((p) => p.id === view.id)
    if (profile) return <ProfileEditor key={`edit-${profile.id}`} target={{ kind: 'edit', profile }} />
  }
  if (!loaded) {
    return (
      <Center h="100%">
        {loadError ? (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title="Could not load the connection profiles"
            maw={520}
            data-testid="load-error"
          >
            <Stack gap="sm">
              <Text size="sm" className="reason-text">
                {loadError}
              </Text>
              <Group>
                <Button size="xs" variant="light" color="red" onClick={() => void loadAll()}>
                  Try again
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <Loader size="sm" />
        )}
      </Center>
    )
  }
  if (profiles.length === 0) return <Welcome />
  if (selected?.config.protocol === 'mqtt') return <MqttWorkspace key={selected.id} profile={selected} />
  if (selected?.config.protocol === 'kafka') return <KafkaWorkspace key={selected.id} profile={selected} />
  if (selected?.config.protocol === 'amqp') return <AmqpWorkspace key={selected.id} profile={selected} />
  return (
    <Center h="100%">
      <Text c="dimmed">Choose a connection on the left.</Text>
    </Center>
  )
}
