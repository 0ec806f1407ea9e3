import '@mantine/core/styles.css'
import './styles.css'
import { MantineProvider } from '@mantine/core'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { selectApi } from './api/select-api'
import { App } from './App'
import { startStores } from './stores/bootstrap'
import { theme } from './theme'

startStores(selectApi())

const root = document.getElementById('root')
if (!root) throw new Error('#root is missing from index.html')
createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <App />
    </MantineProvider>
  </StrictMode>,
)
