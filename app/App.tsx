import { useEffect } from 'react'
import type { AppConfig } from './config/config.ts'
import { REGION_PATTERN } from './config/config.ts'
import { nameProblem, NAME_RULE } from './lib/names.ts'
import { offeredRegions } from './lib/regions.ts'
import { parseView, useSearch } from './lib/url.ts'
import { InventoryView } from './snapshots/ui/InventoryView.tsx'
import { LookupForm } from './snapshots/ui/LookupForm.tsx'
import { SnapshotDetail } from './snapshots/ui/SnapshotDetail.tsx'
import { ErrorBoundary } from './ui/ErrorBoundary.tsx'
import { Link } from './ui/Link.tsx'

function Problem({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="panel panel-error" role="alert" aria-labelledby="problem-title">
      <h1 id="problem-title">{title}</h1>
      {children}
    </section>
  )
}

export function App({ config }: { config: AppConfig }) {
  const search = useSearch()
  const parsed = parseView(search)
  const regions = offeredRegions(config.regions)
  const region = parsed.region ?? config.defaultRegion
  const view = { ...parsed, region }

  useEffect(() => {
    if (parsed.theme) document.documentElement.dataset.theme = parsed.theme
    else delete document.documentElement.dataset.theme
  }, [parsed.theme])

  const regionProblem = !REGION_PATTERN.test(region)
    ? `"${region}" is not a region name. Region names look like us-east-2.`
    : !regions.includes(region)
      ? `${region} is not a Lightsail region this dashboard knows. It offers: ${regions.join(', ')}.`
      : undefined
  const snapshotProblem = view.snapshot ? nameProblem(view.snapshot) : undefined

  let content: React.ReactNode
  if (regionProblem) {
    content = (
      <Problem title="This link names a region Snapshot Lens cannot use">
        <p>{regionProblem}</p>
        <p>Pick a region in the form above.</p>
      </Problem>
    )
  } else if (view.snapshot && snapshotProblem) {
    content = (
      <Problem title="This link names a snapshot that cannot exist">
        <p>{snapshotProblem}</p>
        <p>{NAME_RULE} Correct the name in the form above.</p>
      </Problem>
    )
  } else if (view.snapshot) {
    content = <SnapshotDetail key={`${region}/${view.snapshot}`} region={region} name={view.snapshot} pollSeconds={config.pollSeconds} theme={view.theme} />
  } else {
    content = <InventoryView view={view} />
  }

  return (
    <div className={view.embed ? 'app app-embed' : 'app'}>
      {view.embed ? null : (
        <header className="app-header">
          <Link className="brand" to={{ region, theme: view.theme }}>
            Snapshot Lens
          </Link>
        </header>
      )}
      <main className="page" id="main">
        <LookupForm view={view} regions={regions} />
        {parsed.problems.length > 0 ? (
          <ul className="notice notice-warning" aria-label="Link problems">
            {parsed.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : null}
        <ErrorBoundary label="This view">{content}</ErrorBoundary>
      </main>
    </div>
  )
}
