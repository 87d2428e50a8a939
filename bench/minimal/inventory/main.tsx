// The inventory's peer (`npm run bench`): the home region's GetInstanceSnapshots (its first page) as a plain list.
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { createRoot } from 'react-dom/client'
import { lightsailFor, loadConfig, type PeerConfig } from '../aws.ts'

function Snapshots({ config, aws }: { config: PeerConfig; aws: Awaited<ReturnType<typeof lightsailFor>> }) {
  const region = config.defaultRegion
  const list = useQuery({ queryKey: ['snapshots', region], queryFn: ({ signal }) => aws.snapshots(region, signal) })
  if (list.error) return <p role="alert">{list.error.message}</p>
  if (!list.data) return <p>Loading…</p>
  return (
    <main>
      <h1>Snapshots in {region}</h1>
      <ul>
        {list.data.map((s) => (
          <li key={s.name} data-testid="inventory-row">
            {s.name} · {s.state} · {s.sizeInGb} GB · {s.fromInstanceName}
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
      <Snapshots config={config} aws={aws} />
    </QueryClientProvider>,
  )
})
