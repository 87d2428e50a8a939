// Boot: fetch the config, start the AWS requests the link needs, then render. The first request leaves before React's
// first render, which picks the answer up from the query cache.
import { configureCredentials, firstRequestSent, warmUpCredentials } from './aws/credentials.ts'
import { configureLightsail } from './aws/lightsail.ts'
import { ConfigError, loadConfig } from './config/config.ts'
import { createQueryClient } from './query-client.ts'
import { mountApp, mountConfigError } from './root.tsx'
import { snapshotQueries } from './snapshots/queries.ts'
import './ui/theme.css'
import { resolveView } from './view.ts'

try {
  const config = await loadConfig(import.meta.env.BASE_URL)
  configureCredentials(config.cognito)
  configureLightsail(config.lightsail)
  warmUpCredentials()
  const queryClient = createQueryClient()
  const { resolved } = resolveView(window.location.search, config)
  if (resolved.kind === 'detail') {
    void queryClient.prefetchQuery(snapshotQueries.detail(resolved.region, resolved.name, config.pollSeconds))
  }
  await firstRequestSent()
  mountApp(config, queryClient)
} catch (error) {
  mountConfigError(error instanceof ConfigError ? error : new ConfigError('config.json', String(error)))
}
