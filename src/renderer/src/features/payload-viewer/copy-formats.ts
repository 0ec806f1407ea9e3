import { bytesToBase64Text } from '../../../../shared/codecs/base64-text'
import { bytesToHex } from '../../../../shared/codecs/hex'

export type CopyFormat = 'text' | 'json' | 'hex' | 'base64'

export const COPY_LABEL: Record<CopyFormat, string> = {
  text: 'Copy as text',
  json: 'Copy as JSON',
  hex: 'Copy as hex',
  base64: 'Copy as base64',
}

/** What a payload can be copied as. Text and JSON exist only when the payload (or its decoding) is. */
export interface CopySource {
  bytes: Uint8Array
  /** The payload as text, null when it is not UTF-8 text. */
  text: string | null
  /** Pretty JSON of the payload or of what the open decoder made of it; built only when copied. */
  json: (() => string | null) | null
}

export function copyFormats(source: CopySource): CopyFormat[] {
  const formats: CopyFormat[] = []
  if (source.text !== null && source.bytes.length > 0) formats.push('text')
  if (source.json) formats.push('json')
  formats.push('hex', 'base64')
  return formats
}

/** The text put on the clipboard, or null when the payload has no such form. */
export function copyText(format: CopyFormat, source: CopySource): string | null {
  switch (format) {
    case 'text':
      return source.text
    case 'json':
      return source.json ? source.json() : null
    case 'hex':
      return bytesToHex(source.bytes)
    case 'base64':
      return bytesToBase64Text(source.bytes)
  }
}
