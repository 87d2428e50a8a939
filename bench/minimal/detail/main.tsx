// The detail link's peer (`npm run bench`): ?region=…&snapshot=… shows the snapshot's name, state and disks, the
// plain way: config, then render, then one query (credentials and GetInstanceSnapshot) from the component.
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { createRoot } from 'react-dom/client'
import { lightsailFor, loadConfig, type PeerConfig } from '../aws.ts'

function Snapshot({ config, aws }: { config: PeerConfig; aws: Awaited<ReturnType<typeof lightsailFor>> }) {
  const params = new URLSearchParams(window.location.search)
  const region = params.get('region') ?? config.defaultRegion
  const name = params.get('snapshot') ?? ''
  const snapshot = useQuery({ queryKey: ['snapshot', region, name], queryFn: ({ signal }) => aws.snapshot(region, name, signal) })
  if (snapshot.error) return <p role="alert">{snapshot.error.message}</p>
  if (!snapshot.data) return <p>Loading…</p>
  const s = snapshot.data
  return (
    <main>
      <h1>{s.name}</h1>
      <p>
        State: <span data-testid="status-state">{s.state}</span>
      </p>
      <ul>
        {(s.fromAttachedDisks ?? []).map((disk) => (
          <li key={disk.name}>
            {disk.name}: {disk.sizeInGb} GB
          </li>
        ))}
      </ul>
    </main>
  )
}

void loadConfig().then(async (config) => {
  const aws = await lightsailFor(config)
  createRoot(document.getElementById('root')!).render(
    <QueryClientProvider client={new QueryClient()}>
      <Snapshot config={config} aws={aws} />
    </QueryClientProvider>,
  )
})
