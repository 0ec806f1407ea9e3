import { describe, expect, it } from 'vitest'
import { exportFileName, fileSlug } from './download-file'

describe('export file names', () => {
  it('slugs profile names', () => {
    expect(fileSlug('Home Mosquitto (TLS)')).toBe('home-mosquitto-tls')
    expect(fileSlug('Ünïcode  name')).toBe('unicode-name')
    expect(fileSlug('///')).toBe('profile')
  })
  it('dates the file', () => {
    const d = new Date('2025-03-04T10:00:00Z')
    expect(exportFileName(null, d)).toBe('brokerlens-profiles-2025-03-04.json')
    expect(exportFileName('Prod Kafka', d)).toBe('brokerlens-prod-kafka-2025-03-04.json')
  })
})
