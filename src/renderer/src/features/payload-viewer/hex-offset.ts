/**
 * The "go to offset" box of the hex view: `0x9ffc00`, or digits with a letter a–f in them (`ffc0`),
 * are hexadecimal; plain digits are decimal (grouping by `,` `_` or spaces allowed); a leading minus
 * counts back from the end (`-16` is the first byte of the last 16).
 */
export type OffsetResult = { ok: true; offset: number } | { ok: false; error: string }

export function parseOffset(input: string, size: number): OffsetResult {
  const raw = input.trim().replace(/[\s,_]/g, '')
  if (!raw) return { ok: false, error: 'Type an offset: 0x1f40 (hex) or 8000 (decimal)' }
  const fromEnd = raw.startsWith('-')
  const body = fromEnd ? raw.slice(1) : raw
  let value: number
  if (/^0x[0-9a-f]+$/i.test(body)) value = parseInt(body.slice(2), 16)
  else if (/^\d+$/.test(body)) value = parseInt(body, 10)
  else if (/^[0-9a-f]+$/i.test(body)) value = parseInt(body, 16)
  else return { ok: false, error: `"${input.trim()}" is not an offset: use 0x1f40 (hex) or 8000 (decimal)` }
  const offset = fromEnd ? size - value : value
  if (size === 0) return { ok: false, error: 'The payload is empty' }
  if (offset < 0 || offset >= size)
    return {
      ok: false,
      error: `Offset ${fromEnd ? `-${value}` : formatOffset(value)} is outside the payload (0 to ${formatOffset(size - 1)})`,
    }
  return { ok: true, offset }
}

/** Offsets as the dump's first column shows them: hex, eight digits at least. */
export function formatOffset(offset: number): string {
  return offset.toString(16).padStart(8, '0')
}
