import './payload-viewer.css'
import { useMemo, useState } from 'react'
import { detectPayload } from '../../../../shared/codecs/detect'
import { bytesToHex } from '../../../../shared/codecs/hex'

/** Keys and header values are short; a long one is cut here (and says so), the payload viewer is for payloads. */
const INLINE_MAX = 1024

/**
 * A few bytes inline (a Kafka key, a header value): as text when they are UTF-8 text, else as hex,
 * with a switch between the two when both make sense.
 */
export function InlineBytes({ bytes, testId }: { bytes: Uint8Array; testId?: string }) {
  const text = useMemo(() => detectPayload(bytes.subarray(0, INLINE_MAX)).text, [bytes])
  const [hex, setHex] = useState(false)
  const asHex = hex || text === null
  const cut = bytes.length > INLINE_MAX
  const shown = asHex ? bytesToHex(bytes.subarray(0, INLINE_MAX)) : text
  return (
    <span className="pv-inline" data-testid={testId} data-as={asHex ? 'hex' : 'text'}>
      <span className="pv-inline-value">
        {bytes.length === 0 ? <em>(empty)</em> : shown}
        {cut && ` … (${bytes.length.toLocaleString()} bytes)`}
      </span>
      {text !== null && bytes.length > 0 && (
        <button
          type="button"
          className="pv-inline-switch"
          onClick={() => setHex(!hex)}
          aria-label={asHex ? 'Show as text' : 'Show as hex'}
        >
          {asHex ? 'text' : 'hex'}
        </button>
      )}
    </span>
  )
}
