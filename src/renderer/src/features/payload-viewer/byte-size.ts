/** "10,485,760 bytes": the exact size, with the user's digit grouping. */
export function exactBytes(n: number): string {
  return `${n.toLocaleString()} ${n === 1 ? 'byte' : 'bytes'}`
}

/** "10 MiB", "1.5 KiB": the size at a glance (binary units, as a hex dump counts); null under 1 KiB. */
export function binarySize(n: number): string | null {
  if (n < 1024) return null
  const units = ['KiB', 'MiB', 'GiB']
  let v = n / 1024
  let u = 0
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024
    u++
  }
  const shown = v >= 100 ? String(Math.round(v)) : v.toFixed(1).replace(/\.0$/, '')
  return `${shown} ${units[u]}`
}

/** "10,485,760 bytes (10 MiB)". */
export function describeSize(n: number): string {
  const short = binarySize(n)
  return short ? `${exactBytes(n)} (${short})` : exactBytes(n)
}
