import {
  Group,
  Input,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Switch,
  TextInput,
} from '@mantine/core'
import { KeyValueRows } from './KeyValueRows'
import { liveTopicError, mqttPropertyCount, type MqttDraft } from './mqtt-target-draft'
import { PropertiesSection } from './PropertiesSection'
import { fieldBinder } from './field-binder'
import type { TargetErrors } from './target-draft'

const PAYLOAD_FORMATS = [
  { value: 'unset', label: 'Not set' },
  { value: 'bytes', label: '0 · Unspecified bytes' },
  { value: 'utf8', label: '1 · UTF-8 text' },
]

/** Topic, QoS and retain; on MQTT 5 also the PUBLISH properties, folded until wanted. */
export function MqttTargetFields({
  draft,
  errors,
  mqtt5,
  onChange,
}: {
  draft: MqttDraft
  errors: TargetErrors
  mqtt5: boolean
  onChange(patch: Partial<MqttDraft>): void
}) {
  const f = errors.fields
  const field = fieldBinder(draft, f, onChange)
  const propertyErrors = ['contentType', 'responseTopic', 'correlationData', 'messageExpiryInterval'].some(
    (k) => f[k],
  )
  return (
    <>
      <TextInput
        label="Topic"
        placeholder="home/kitchen/light/set"
        value={draft.topic}
        onChange={(e) => onChange({ topic: e.currentTarget.value })}
        error={f.topic ?? liveTopicError(draft.topic)}
        classNames={{ input: 'mono' }}
        data-testid="publish-topic"
      />
      <Group gap="xl" align="flex-end">
        <Input.Wrapper label="QoS">
          <SegmentedControl
            mt={4}
            display="flex"
            w={150}
            size="xs"
            data={['0', '1', '2']}
            value={draft.qos}
            onChange={(v) => onChange({ qos: v as MqttDraft['qos'] })}
            aria-label="QoS"
            data-testid="publish-qos"
          />
        </Input.Wrapper>
        <Switch
          label="Retain"
          checked={draft.retain}
          onChange={(e) => onChange({ retain: e.currentTarget.checked })}
          mb={4}
          data-testid="publish-retain"
        />
      </Group>
      {mqtt5 && (
        <PropertiesSection
          title="MQTT 5 properties"
          count={mqttPropertyCount(draft)}
          hasError={propertyErrors || Object.keys(errors.rows).length > 0}
          testId="publish-properties"
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs">
            <TextInput
              size="xs"
              label="Content type"
              placeholder="application/json"
              {...field('contentType')}
              data-testid="publish-content-type"
            />
            <TextInput
              size="xs"
              label="Response topic"
              placeholder="replies/my-client"
              {...field('responseTopic')}
              classNames={{ input: 'mono' }}
              data-testid="publish-response-topic"
            />
            <TextInput
              size="xs"
              label="Correlation data"
              placeholder={draft.correlationMode === 'hex' ? 'de ad be ef' : 'request-42'}
              {...field('correlationData')}
              classNames={{ input: 'mono' }}
              rightSectionWidth={92}
              rightSection={
                <SegmentedControl
                  size="xs"
                  data={[
                    { value: 'text', label: 'Text' },
                    { value: 'hex', label: 'Hex' },
                  ]}
                  value={draft.correlationMode}
                  onChange={(v) => onChange({ correlationMode: v as MqttDraft['correlationMode'] })}
                  aria-label="Correlation data as"
                  data-testid="publish-correlation-mode"
                />
              }
              data-testid="publish-correlation-data"
            />
            <NumberInput
              size="xs"
              label="Message expiry (seconds)"
              placeholder="Never"
              min={0}
              max={4_294_967_295}
              allowDecimal={false}
              allowNegative={false}
              value={draft.messageExpiryInterval}
              onChange={(v) => onChange({ messageExpiryInterval: String(v) })}
              error={f.messageExpiryInterval}
              data-testid="publish-expiry"
            />
            <Select
              size="xs"
              label="Payload format indicator"
              data={PAYLOAD_FORMATS}
              value={draft.payloadFormatIndicator}
              onChange={(v) =>
                onChange({ payloadFormatIndicator: (v ?? 'unset') as MqttDraft['payloadFormatIndicator'] })
              }
              allowDeselect={false}
              data-testid="publish-payload-format"
            />
          </SimpleGrid>
          <KeyValueRows
            label="User properties"
            rows={draft.userProperties}
            errors={errors.rows}
            onChange={(userProperties) => onChange({ userProperties })}
            addLabel="Add property"
            testId="publish-user-properties"
          />
        </PropertiesSection>
      )}
    </>
  )
}
