import { useEffect } from 'react'
import type { AppConfig } from './config/config.ts'
import { standaloneLink, useSearch } from './lib/url.ts'
import { LookupForm } from './snapshots/ui/LookupForm.tsx'
import { SnapshotDetail } from './snapshots/ui/SnapshotDetail.tsx'
import { SnapshotSkeleton } from './snapshots/ui/SnapshotSkeleton.tsx'
import { useSignedIn } from './session.tsx'
import { ErrorBoundary } from './ui/ErrorBoundary.tsx'
import { Link } from './ui/Link.tsx'
import { loadable } from './ui/loadable.tsx'
import { resolveView, type View } from './view.ts'

// A link that names no valid region or snapshot is rare: its explanation loads when needed.
const LinkProblem = loadable(
  () => import('./LinkProblem.tsx').then((m) => m.LinkProblem),
  ({ problem }) => (
    <section className="panel panel-error" role="alert">
      <h1>{problem.problem}</h1>
    </section>
  ),
)
// A disk snapshot's page is a link of its own, rarer than an instance snapshot's: it loads when opened. The inventory is
// not part of a snapshot link's first screen: it loads when opened (a link to it starts the load at boot). Parts load
// through loadable, not React.lazy, so what they show is not held back behind a Suspense placeholder (app/ui/loadable.tsx).
const DiskSnapshotDetail = loadable(
  () => import('./snapshots/ui/DiskSnapshotDetail.tsx').then((m) => m.DiskSnapshotDetail),
  () => <SnapshotSkeleton />,
)
const InventoryPage = loadable(
  () => import('./inventory/ui/InventoryPage.tsx').then((m) => m.InventoryPage),
  () => <p role="status">Loading the snapshots…</p>,
)

function Content({ view, config }: { view: View; config: AppConfig }) {
  const { resolved, url } = view
  switch (resolved.kind) {
    case 'bad-region':
    case 'bad-name':
      return <LinkProblem problem={resolved} />
    case 'detail': {
      const key = `${resolved.resource}/${resolved.region}/${resolved.name}`
      const props = { region: resolved.region, name: resolved.name, pollSeconds: config.pollSeconds, url, pricing: config.pricing }
      if (resolved.resource === 'instance') return <SnapshotDetail key={key} {...props} />
      return <DiskSnapshotDetail key={key} {...props} />
    }
    case 'inventory':
      return (
        <InventoryPage view={url} configured={config.regions} askIn={config.defaultRegion} pollSeconds={config.pollSeconds} pricing={config.pricing} protectTag={config.cleanup.protectTag} />
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
  const view = resolveView(useSearch(), config)
  const { url } = view

  useEffect(() => {
    if (url.theme) document.documentElement.dataset.theme = url.theme
    else delete document.documentElement.dataset.theme
  }, [url.theme])

  const search = <LookupForm view={url} region={view.region} regions={view.regions} />
  return (
    <div className={url.embed ? 'app app-embed' : 'app'}>
      {url.embed ? null : (
        <header className="app-header">
          <Link className="brand" to={{ theme: url.theme }}>
            Snapshot Lens
          </Link>
          {search}
          <SignedInAs />
        </header>
      )}
      <main className="page" id="main">
        {url.embed ? (
          <a className="embed-open" href={standaloneLink()} target="_blank" rel="noopener">
            Open in Snapshot Lens<span className="visually-hidden"> (opens a new tab)</span>
          </a>
        ) : null}
        {url.embed ? search : null}
        {url.problems.length > 0 ? (
          <ul className="notice notice-warning" aria-label="Link problems">
            {url.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : null}
        <ErrorBoundary label="This view">
          <Content view={view} config={config} />
        </ErrorBoundary>
      </main>
    </div>
  )
}
