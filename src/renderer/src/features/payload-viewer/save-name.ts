import type { PayloadKind } from '../../../../shared/codecs/detect'

const EXTENSION: Record<PayloadKind, string> = {
  empty: 'bin',
  json: 'json',
  number: 'txt',
  text: 'txt',
  binary: 'bin',
}

/**
 * "zigbee2mqtt-kitchen_sensor.json": a file name for a payload's bytes, from its topic (levels joined
 * by dashes, characters no file system likes dropped) and an extension for what it holds.
 */
export function payloadFileName(topic: string | null | undefined, kind: PayloadKind): string {
  const base = (topic ?? '')
    .normalize('NFC')
    .split('/')
    // eslint-disable-next-line no-control-regex -- control characters are what is dropped
    .map((level) => level.replace(/[\\:*?"<>|\u0000-\u001f\u007f]/g, '').trim())
    .filter((level) => level && level !== '.' && level !== '..')
    .join('-')
    .replace(/\s+/g, '_')
    .replace(/^[.-]+/, '')
    .slice(0, 100)
  return `${base || 'payload'}.${EXTENSION[kind]}`
}
