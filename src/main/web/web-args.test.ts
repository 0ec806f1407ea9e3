import { describe, expect, it } from 'vitest'
import { defaultDataDir } from '../data-dir'
import { parseWebArgs } from './web-args'

describe('web host arguments', () => {
  it('defaults to loopback on port 4380 and the desktop data folder', () => {
    expect(parseWebArgs([], {})).toEqual({ host: '127.0.0.1', port: 4380, dataDir: null, token: null })
  })
  it('reads --port, --host, --data-dir and --token, spaced or with =', () => {
    expect(parseWebArgs(['--port', '0', '--host=0.0.0.0', '--data-dir', '/tmp/d', '--token=t'], {})).toEqual({
      host: '0.0.0.0',
      port: 0,
      dataDir: '/tmp/d',
      token: 't',
    })
    expect(parseWebArgs([], { BROKERLENS_TOKEN: 'env' }).token).toBe('env')
  })
  it('refuses unknown flags, missing values and bad ports with the usage text', () => {
    expect(() => parseWebArgs(['--prot', '1'], {})).toThrow(/Unknown argument.*\n.*Usage/s)
    expect(() => parseWebArgs(['--port'], {})).toThrow(/--port needs a value/)
    expect(() => parseWebArgs(['--port', '70000'], {})).toThrow(/0\.\.65535/)
  })
  it('names the same folder as Electron userData on each system', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x/cfg' }, 'linux')).toBe('/x/cfg/Brokerlens')
    expect(defaultDataDir({}, 'linux')).toMatch(/\.config\/Brokerlens$/)
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Brokerlens$/)
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toContain('Brokerlens')
  })
})
