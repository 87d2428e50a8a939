// Mounting React: the dashboard for the current session, the page between sessions (signed out, signing in), or the
// page that explains a broken config.json.
import { QueryClientProvider } from '@tanstack/react-query'
import { StrictMode, useSyncExternalStore } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import type { AppConfig, ConfigError } from './config/config.ts'
import type { SessionStore } from './session-store.ts'
import { SessionContext } from './session.tsx'
import { loadable } from './ui/loadable.tsx'

// Shown only between sessions: not part of a signed-in page's first load.
const SignInPage = loadable(
  () => import('./auth/SignInPage.tsx').then((m) => m.SignInPage),
  () => <p className="boot">Snapshot Lens…</p>,
)

const root = () => createRoot(document.getElementById('root')!)

function SessionRoot({ config, store, signIn, signOut }: { config: AppConfig; store: SessionStore; signIn: () => void; signOut?: () => void }) {
  const session = useSyncExternalStore(store.subscribe, store.current)
  if (session.kind === 'none') {
    return <SignInPage reason={session.reason} message={session.message} onSignIn={signIn} />
  }
  return (
    <SessionContext value={{ session, signOut }}>
      <QueryClientProvider client={session.queryClient} key={session.key}>
        <App config={config} />
      </QueryClientProvider>
    </SessionContext>
  )
}

export function mountApp(config: AppConfig, store: SessionStore, actions: { signIn: () => void; signOut?: () => void }): void {
  root().render(
    <StrictMode>
      <SessionRoot config={config} store={store} {...actions} />
    </StrictMode>,
  )
}

export function mountEmbedRefusal(blockedOrigin: string | undefined): void {
  void import('./embed/EmbedRefusal.tsx').then(({ EmbedRefusal }) => root().render(<EmbedRefusal blockedOrigin={blockedOrigin} />))
}

export function mountConfigError(error: ConfigError): void {
  // Only a broken deployment needs this page: it is not part of the app's first load.
  void import('./config/ConfigErrorPage.tsx').then(({ ConfigErrorPage }) => root().render(<ConfigErrorPage error={error} />))
}
