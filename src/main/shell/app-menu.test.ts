import { describe, expect, it } from 'vitest'
import { applicationMenuTemplate } from './app-menu'

const roles = (platform: NodeJS.Platform) => applicationMenuTemplate(platform).map((item) => item.role)

describe('applicationMenuTemplate', () => {
  it('starts with the app menu on macOS', () => {
    expect(roles('darwin')).toEqual(['appMenu', 'fileMenu', 'editMenu', 'viewMenu', 'windowMenu'])
  })

  it('has only the standard menus elsewhere', () => {
    expect(roles('linux')).toEqual(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu'])
    expect(roles('win32')).toEqual(roles('linux'))
  })

  it('uses roles only, so Electron supplies labels, shortcuts and behaviour', () => {
    for (const item of applicationMenuTemplate('darwin')) {
      expect(Object.keys(item)).toEqual(['role'])
    }
  })
})
