import { QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { configureCredentials } from './aws/credentials.ts'
import { configureLightsail } from './aws/lightsail.ts'
import { ConfigError, loadConfig } from './config/config.ts'
import { ConfigErrorPage } from './config/ConfigErrorPage.tsx'
import { createQueryClient } from './query-client.ts'
import './ui/theme.css'

const root = createRoot(document.getElementById('root')!)

try {
  const config = await loadConfig(import.meta.env.BASE_URL)
  configureCredentials(config.cognito)
  configureLightsail(config.lightsail)
  root.render(
    <StrictMode>
      <QueryClientProvider client={createQueryClient()}>
        <App config={config} />
      </QueryClientProvider>
    </StrictMode>,
  )
} catch (error) {
  root.render(<ConfigErrorPage error={error instanceof ConfigError ? error : new ConfigError('config.json', String(error))} />)
}
