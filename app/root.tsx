// Mounting React: the dashboard, or the page that explains a broken config.json.
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import type { AwsSession } from './aws/session.ts'
import type { AppConfig, ConfigError } from './config/config.ts'
import { SessionContext } from './session.tsx'

const root = () => createRoot(document.getElementById('root')!)

export function mountApp(config: AppConfig, session: AwsSession, queryClient: QueryClient): void {
  root().render(
    <StrictMode>
      <SessionContext value={session}>
        <QueryClientProvider client={queryClient}>
          <App config={config} />
        </QueryClientProvider>
      </SessionContext>
    </StrictMode>,
  )
}

export function mountConfigError(error: ConfigError): void {
  // Only a broken deployment needs this page: it is not part of the app's first load.
  void import('./config/ConfigErrorPage.tsx').then(({ ConfigErrorPage }) => root().render(<ConfigErrorPage error={error} />))
}
