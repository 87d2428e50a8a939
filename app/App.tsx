import { useQuery } from '@tanstack/react-query'
import type { AppConfig } from './config/config.ts'
import { snapshotQueries } from './snapshots/queries.ts'

function readUrl(config: AppConfig) {
  const params = new URLSearchParams(window.location.search)
  return { region: params.get('region') ?? config.defaultRegion, snapshot: params.get('snapshot') ?? 'web-1-backup' }
}

export function App({ config }: { config: AppConfig }) {
  const { region, snapshot: name } = readUrl(config)
  const snapshot = useQuery(snapshotQueries.detail(region, name))
  return (
    <main className="page">
      <h1>Snapshot Lens</h1>
      {snapshot.data ? (
        <section aria-label="Snapshot">
          <h2>{snapshot.data.snapshot.name}</h2>
          <p>State: <strong>{snapshot.data.snapshot.state}</strong></p>
        </section>
      ) : snapshot.isError ? (
        <section role="alert">
          <h2>Could not load {name}</h2>
          <p>{snapshot.error.kind}: {snapshot.error.message}</p>
        </section>
      ) : (
        <p role="status">Loading {name}…</p>
      )}
    </main>
  )
}
