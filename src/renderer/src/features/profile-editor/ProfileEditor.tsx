import { Alert, Badge, Box, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core'
import {
  IconAlertCircle,
  IconKey,
  IconLock,
  IconPlugConnected,
  IconSettings,
  IconSkull,
  IconWorld,
} from '@tabler/icons-react'
import { useMemo, useState, type ReactNode } from 'react'
import type { Profile, Protocol, SecretName } from '../../../../shared/profiles'
import { toApiError } from '../../api/api-error-from'
import { api } from '../../api/client'
import { ProtocolBadge } from '../../components/ProtocolBadge'
import { useConnectionsStore } from '../../stores/connections-store'
import { notifySuccess } from '../../stores/notices-store'
import { useProfilesStore } from '../../stores/profiles-store'
import { useUiStore } from '../../stores/ui-store'
import { PROTOCOL_LONG_LABEL } from '../../theme'
import { connectProfile } from '../profiles/profile-actions'
import { AmqpSections } from './AmqpSections'
import type { FormProps } from './form-props'
import { KafkaSections } from './KafkaSections'
import { MqttSections } from './MqttSections'
import {
  checkDraft,
  draftFromConfig,
  emptySecrets,
  fieldErrorsFromIssues,
  newNamedDraft,
  tabOfField,
  type EditorTab,
  type FieldErrors,
  type ProfileDraft,
  type SecretDraft,
  type SecretsDraft,
} from './profile-draft'
import { tlsUnverified } from './tls-safety'

const TABS: { value: EditorTab; label: string; icon: ReactNode; protocols: Protocol[] }[] = [
  { value: 'general', label: 'General', icon: <IconWorld size={15} />, protocols: ['mqtt', 'amqp', 'kafka'] },
  {
    value: 'auth',
    label: 'Authentication',
    icon: <IconKey size={15} />,
    protocols: ['mqtt', 'amqp', 'kafka'],
  },
  { value: 'tls', label: 'TLS', icon: <IconLock size={15} />, protocols: ['mqtt', 'amqp', 'kafka'] },
  {
    value: 'advanced',
    label: 'Advanced',
    icon: <IconSettings size={15} />,
    protocols: ['mqtt', 'amqp', 'kafka'],
  },
  { value: 'will', label: 'Last will', icon: <IconSkull size={15} />, protocols: ['mqtt'] },
]

export type EditorTarget = { kind: 'create'; protocol: Protocol } | { kind: 'edit'; profile: Profile }

/** Create or edit a profile: the contract's schemas check each field, the core's issues land in place. */
export function ProfileEditor({ target }: { target: EditorTarget }) {
  const protocol = target.kind === 'create' ? target.protocol : target.profile.config.protocol
  const [draft, setDraft] = useState<ProfileDraft>(() =>
    target.kind === 'create' ? newNamedDraft(target.protocol) : draftFromConfig(target.profile.config),
  )
  const [secrets, setSecrets] = useState<SecretsDraft>(emptySecrets)
  const [tab, setTab] = useState<EditorTab>('general')
  const [attempted, setAttempted] = useState(false)
  const [serverErrors, setServerErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [saving, setSaving] = useState<null | 'save' | 'connect'>(null)
  const stored: SecretName[] = target.kind === 'edit' ? target.profile.secretsSet : []
  const liveState = useConnectionsStore((s) =>
    target.kind === 'edit' ? s.byProfile[target.profile.id]?.state : undefined,
  )

  const check = useMemo(() => checkDraft(draft, secrets), [draft, secrets])
  const errors: FieldErrors = attempted ? { ...check.errors, ...serverErrors } : serverErrors
  const errorCount: Partial<Record<EditorTab, number>> = {}
  for (const path of Object.keys(errors)) {
    const t = tabOfField(protocol, path)
    errorCount[t] = (errorCount[t] ?? 0) + 1
  }
  const totalErrors = Object.keys(errors).length

  function dropServerErrors(keys: string[]) {
    if (Object.keys(serverErrors).length === 0) return
    setServerErrors((prev) => {
      const next = { ...prev }
      for (const p of Object.keys(next))
        if (keys.some((k) => p === k || p.startsWith(`${k}.`))) delete next[p]
      return next
    })
  }
  const update = (patch: Partial<ProfileDraft>) => {
    setDraft((d) => ({ ...d, ...patch }) as ProfileDraft)
    dropServerErrors(Object.keys(patch))
  }
  const setSecret = (name: SecretName, s: SecretDraft) => {
    setSecrets((prev) => ({ ...prev, [name]: s }))
    dropServerErrors([`secrets.${name}`])
  }

  function showFirstError(errs: FieldErrors) {
    const first = Object.keys(errs)[0]
    if (first) setTab(tabOfField(protocol, first))
  }

  async function save(andConnect: boolean) {
    setAttempted(true)
    setFormError(null)
    if (!check.config) {
      showFirstError(check.errors)
      return
    }
    setSaving(andConnect ? 'connect' : 'save')
    try {
      const input = check.secrets
        ? { config: check.config, secrets: check.secrets }
        : { config: check.config }
      const profile =
        target.kind === 'create'
          ? await api().createProfile(input)
          : await api().updateProfile({ id: target.profile.id, ...input })
      useProfilesStore.getState().upsert(profile)
      useProfilesStore.getState().select(profile.id)
      useUiStore.getState().showProfile()
      notifySuccess(
        target.kind === 'create' ? `Created “${profile.config.name}”` : `Saved “${profile.config.name}”`,
      )
      if (andConnect) void connectProfile(profile)
    } catch (err) {
      const e = toApiError(err)
      const { errors: placed, unplaced } = fieldErrorsFromIssues(e.issues, draft)
      setServerErrors(placed)
      const placedAny = Object.keys(placed).length > 0
      setFormError(placedAny && unplaced.length === 0 ? null : [e.message, ...unplaced].join('\n'))
      if (placedAny) showFirstError(placed)
    } finally {
      setSaving(null)
    }
  }

  const common = { errors, secrets, stored, setSecret, creating: target.kind === 'create' }
  let sections: ReactNode
  switch (draft.protocol) {
    case 'mqtt':
      sections = (
        <MqttSections draft={draft} update={update as FormProps<typeof draft>['update']} {...common} />
      )
      break
    case 'amqp':
      sections = (
        <AmqpSections draft={draft} update={update as FormProps<typeof draft>['update']} {...common} />
      )
      break
    case 'kafka':
      sections = (
        <KafkaSections draft={draft} update={update as FormProps<typeof draft>['update']} {...common} />
      )
      break
  }

  const title =
    target.kind === 'create'
      ? `New ${PROTOCOL_LONG_LABEL[protocol]} connection`
      : `Edit “${target.profile.config.name}”`

  return (
    <Box
      component="form"
      noValidate
      h="100%"
      style={{ display: 'flex', flexDirection: 'column' }}
      data-testid="profile-editor"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault()
        void save(false)
      }}
    >
      <Box px="xl" pt="lg" style={{ flex: 1, overflow: 'auto' }}>
        <Stack gap="md" maw={760} pb="xl">
          <Group gap="sm" wrap="nowrap">
            <ProtocolBadge protocol={protocol} size="lg" />
            <Title
              order={3}
              c="bright"
              style={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
            >
              {title}
            </Title>
          </Group>
          {target.kind === 'edit' && (liveState === 'connected' || liveState === 'reconnecting') && (
            <Text size="sm" c="dimmed">
              This connection is open: changes apply the next time you connect.
            </Text>
          )}
          {formError && (
            <Alert
              color="red"
              variant="light"
              icon={<IconAlertCircle size={18} />}
              title="Could not save"
              data-testid="editor-error"
            >
              <Text size="sm" className="reason-text">
                {formError}
              </Text>
            </Alert>
          )}
          <Tabs value={tab} onChange={(v) => v && setTab(v as EditorTab)} keepMounted={false}>
            <Tabs.List mb="md">
              {TABS.filter((t) => t.protocols.includes(protocol)).map((t) => (
                <Tabs.Tab
                  key={t.value}
                  value={t.value}
                  leftSection={t.icon}
                  rightSection={
                    errorCount[t.value] ? (
                      <Badge size="xs" color="red" circle aria-label={`${errorCount[t.value]} errors`}>
                        {errorCount[t.value]}
                      </Badge>
                    ) : t.value === 'tls' && tlsUnverified(draft) ? (
                      // Seen from every tab: verification is off on a TLS connection.
                      <Badge size="xs" color="red" variant="filled" data-testid="editor-tab-tls-unsafe">
                        unsafe
                      </Badge>
                    ) : null
                  }
                  data-testid={`editor-tab-${t.value}`}
                >
                  {t.label}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {sections}
          </Tabs>
        </Stack>
      </Box>
      <Box className="editor-footer" px="xl" py="sm">
        <Group justify="space-between" maw={760} wrap="nowrap">
          <Text size="sm" c="var(--mantine-color-red-text)" data-testid="editor-error-count">
            {totalErrors > 0
              ? totalErrors === 1
                ? '1 field needs attention'
                : `${totalErrors} fields need attention`
              : ''}
          </Text>
          <Group gap="sm" wrap="nowrap">
            <Button
              variant="default"
              onClick={() => useUiStore.getState().showProfile()}
              data-testid="editor-cancel"
              disabled={saving !== null}
            >
              Cancel
            </Button>
            <Button
              variant="light"
              leftSection={<IconPlugConnected size={16} />}
              loading={saving === 'connect'}
              disabled={saving === 'save'}
              onClick={() => void save(true)}
              data-testid="editor-save-connect"
            >
              Save & connect
            </Button>
            <Button
              type="submit"
              loading={saving === 'save'}
              disabled={saving === 'connect'}
              data-testid="editor-save"
            >
              {target.kind === 'create' ? 'Create' : 'Save'}
            </Button>
          </Group>
        </Group>
      </Box>
    </Box>
  )
}
