import { lazy, Suspense, useEffect } from 'react'
import type { AppConfig } from './config/config.ts'
import { useSearch } from './lib/url.ts'
import { LookupForm } from './snapshots/ui/LookupForm.tsx'
import { SnapshotDetail } from './snapshots/ui/SnapshotDetail.tsx'
import { useSignedIn } from './session.tsx'
import { ErrorBoundary } from './ui/ErrorBoundary.tsx'
import { Link } from './ui/Link.tsx'
import { resolveView, type ResolvedView, type View } from './view.ts'

// A link that names no valid region or snapshot is rare: its explanation loads when needed.
const LinkProblem = lazy(() => import('./LinkProblem.tsx').then((m) => ({ default: m.LinkProblem })))
// The inventory is not part of a snapshot link's first screen: it loads when opened.
const InventoryView = lazy(() => import('./snapshots/ui/InventoryView.tsx').then((m) => ({ default: m.InventoryView })))

function Content({ resolved, url, pollSeconds }: { resolved: ResolvedView; url: View['url']; pollSeconds: number }) {
  switch (resolved.kind) {
    case 'bad-region':
    case 'bad-name':
      return (
        <Suspense fallback={<p role="alert">{resolved.problem}</p>}>
          <LinkProblem problem={resolved} />
        </Suspense>
      )
    case 'detail':
      return <SnapshotDetail key={`${resolved.region}/${resolved.name}`} region={resolved.region} name={resolved.name} pollSeconds={pollSeconds} theme={url.theme} />
    case 'inventory':
      return (
        <Suspense fallback={<p role="status">Loading the snapshots in {url.region}…</p>}>
          <InventoryView view={url} />
        </Suspense>
      )
  }
}

function SignedInAs() {
  const user = useSignedIn()
  if (!user) return null
  return (
    <div className="signed-in">
      <span>
        Signed in as <strong>{user.name}</strong>
      </span>
      <button type="button" className="button button-small" onClick={user.signOut}>
        Sign out
      </button>
    </div>
  )
}

export function App({ config }: { config: AppConfig }) {
  const { url, resolved, regions } = resolveView(useSearch(), config)

  useEffect(() => {
    if (url.theme) document.documentElement.dataset.theme = url.theme
    else delete document.documentElement.dataset.theme
  }, [url.theme])

  return (
    <div className={url.embed ? 'app app-embed' : 'app'}>
      {url.embed ? null : (
        <header className="app-header">
          <Link className="brand" to={{ region: url.region, theme: url.theme }}>
            Snapshot Lens
          </Link>
          <SignedInAs />
        </header>
      )}
      <main className="page" id="main">
        <LookupForm view={url} regions={regions} />
        {url.problems.length > 0 ? (
          <ul className="notice notice-warning" aria-label="Link problems">
            {url.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : null}
        <ErrorBoundary label="This view">
          <Content resolved={resolved} url={url} pollSeconds={config.pollSeconds} />
        </ErrorBoundary>
      </main>
    </div>
  )
}
