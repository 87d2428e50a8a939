// Mounting React: the dashboard, or the page that explains a broken config.json.
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import type { AppConfig, ConfigError } from './config/config.ts'
import { ConfigErrorPage } from './config/ConfigErrorPage.tsx'

const root = () => createRoot(document.getElementById('root')!)

export function mountApp(config: AppConfig, queryClient: QueryClient): void {
  root().render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App config={config} />
      </QueryClientProvider>
    </StrictMode>,
  )
}

export function mountConfigError(error: ConfigError): void {
  root().render(<ConfigErrorPage error={error} />)
}
