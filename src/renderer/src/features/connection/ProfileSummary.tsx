import { Badge, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import type { Profile } from '../../../../shared/profiles'

function tlsText(verify: boolean, ca: string, cert: string): ReactNode {
  return (
    <>
      TLS{ca ? ', own CA' : ', system CAs'}
      {cert ? ', client certificate' : ''}
      {!verify && (
        <Badge ml={8} color="red" variant="light" size="xs">
          not verified
        </Badge>
      )}
    </>
  )
}

/** The settings of a profile at a glance, beside the connect button. */
export function ProfileSummary({ profile }: { profile: Profile }) {
  const c = profile.config
  const has = (s: string) => profile.secretsSet.includes(s as never)
  const rows: [string, ReactNode][] = []
  switch (c.protocol) {
    case 'mqtt':
      rows.push(['Broker', `${c.host}:${c.port}`])
      rows.push([
        'Transport',
        c.transport === 'mqtts' || c.transport === 'wss' ? (
          <>
            {c.transport} · {tlsText(c.tls.verify, c.tls.ca, c.tls.cert)}
          </>
        ) : (
          c.transport
        ),
      ])
      if (c.transport === 'ws' || c.transport === 'wss') rows.push(['Path', c.path])
      rows.push(['MQTT version', c.mqttVersion === 5 ? '5.0' : '3.1.1'])
      rows.push([
        'Client ID',
        c.clientId || (
          <Text span c="dimmed" size="sm">
            generated
          </Text>
        ),
      ])
      rows.push([
        'Sign-in',
        c.username ? (
          `${c.username}${has('password') ? ' · password stored' : ''}`
        ) : (
          <Text span c="dimmed" size="sm">
            anonymous
          </Text>
        ),
      ])
      rows.push(['Keepalive', `${c.keepalive} s`])
      if (c.will)
        rows.push(['Last will', `${c.will.topic} (QoS ${c.will.qos}${c.will.retain ? ', retained' : ''})`])
      break
    case 'amqp':
      rows.push(['Broker', `${c.host}:${c.port}`])
      rows.push([
        'Scheme',
        c.scheme === 'amqps' ? <>amqps · {tlsText(c.tls.verify, c.tls.ca, c.tls.cert)}</> : 'amqp',
      ])
      rows.push(['Virtual host', c.vhost])
      rows.push(['Sign-in', `${c.username || '—'}${has('password') ? ' · password stored' : ''}`])
      rows.push(['Heartbeat', c.heartbeat ? `${c.heartbeat} s` : 'off'])
      rows.push(['Management', c.managementUrl || `http://${c.host}:15672 (derived)`])
      break
    case 'kafka':
      rows.push(['Brokers', c.brokers.join(', ')])
      rows.push(['Security', c.ssl ? tlsText(c.tls.verify, c.tls.ca, c.tls.cert) : 'plaintext'])
      rows.push([
        'SASL',
        c.sasl === 'none'
          ? 'none'
          : `${c.sasl.toUpperCase()} · ${c.username}${has('password') ? ' · password stored' : ''}`,
      ])
      rows.push(['Client ID', c.clientId])
      break
  }
  rows.push(['Connect timeout', `${c.connectTimeoutMs / 1000} s`])

  return (
    <div className="kv-grid" data-testid="profile-summary">
      {rows.map(([k, v]) => (
        <Row key={k} label={k} value={v} />
      ))}
    </div>
  )
}

function Row({ label, value }: { label: string; value: ReactNode }) {
  return (
    <>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ wordBreak: 'break-word' }}>
        {value}
      </Text>
    </>
  )
}
