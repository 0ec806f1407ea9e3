import { describe, expect, it } from 'vitest'
import { micropythonSnippet, pyString, SNIPPET_KEEPALIVE_S, type SnippetInput } from './micropython-snippet'

const base: SnippetInput = {
  host: '192.168.1.20',
  port: 1884,
  username: '',
  password: null,
  passwordSet: false,
  wifiName: '',
  wifiPassword: '',
}

const line = (code: string, start: string) => code.split('\n').find((l) => l.startsWith(start))

describe('the MicroPython snippet', () => {
  it('is filled with the broker’s address and port, with no credentials when the broker asks for none', () => {
    const code = micropythonSnippet(base)
    expect(line(code, 'BROKER =')).toBe('BROKER = "192.168.1.20"')
    expect(line(code, 'PORT =')).toBe('PORT = 1884')
    expect(line(code, 'USER =')).toMatch(/^USER = None/)
    expect(line(code, 'PASSWORD =')).toBe('PASSWORD = None')
    expect(code).toContain(`keepalive=${SNIPPET_KEEPALIVE_S}`)
    expect(code).toContain('client.set_last_will(b"pico/status", b"offline", retain=True)')
    expect(code).toContain('client.publish(b"pico/temperature/dht22"')
    expect(code).toContain('client.publish(b"pico/humidity/dht22"')
  })

  it('fills in the user name and a password the app knows, escaped as Python strings', () => {
    const code = micropythonSnippet({ ...base, username: 'pico', password: 'se"cr\\et', passwordSet: true })
    expect(line(code, 'USER =')).toBe('USER = "pico"')
    expect(line(code, 'PASSWORD =')).toBe('PASSWORD = "se\\"cr\\\\et"')
  })

  it('says where the password goes when one is set but the app cannot show it', () => {
    const code = micropythonSnippet({ ...base, username: 'pico', password: null, passwordSet: true })
    expect(line(code, 'PASSWORD =')).toMatch(/^PASSWORD = "" {2}# .*cannot show it/)
  })

  it('takes the Wi-Fi settings typed beside it', () => {
    const code = micropythonSnippet({ ...base, wifiName: 'Home "5G"', wifiPassword: 'p\tw' })
    expect(line(code, 'WIFI_NAME =')).toBe('WIFI_NAME = "Home \\"5G\\""')
    expect(line(code, 'WIFI_PASSWORD =')).toBe('WIFI_PASSWORD = "p\\tw"')
  })

  it('escapes control characters and keeps other text as it is', () => {
    expect(pyString('a\nb\u0001é温')).toBe('"a\\nb\\x01é温"')
  })
})
