// Boot: fetch the config, start the AWS requests the link needs, then render. The first request leaves before React's
// first render, which picks the answer up from the query cache.
import { configureCredentials, credentials, firstRequestSent, warmUpCredentials } from './aws/credentials.ts'
import { configureLightsail } from './aws/lightsail.ts'
import { ConfigError, loadConfig, type AppConfig } from './config/config.ts'
import { warmUpFormatters } from './lib/format.ts'
import { createQueryClient } from './query-client.ts'
import { mountApp, mountConfigError } from './root.tsx'
import { snapshotQueries } from './snapshots/queries.ts'
import './ui/theme.css'
import { resolveView } from './view.ts'

async function boot(config: AppConfig): Promise<void> {
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
  // While the snapshot is on its way: the locale data behind Intl formatters is slow to load the first time.
  credentials().then(() => setTimeout(warmUpFormatters, 0), () => undefined)
}

// No top-level await: chunks loaded later could then share this one's modules instead of splitting them out.
loadConfig(import.meta.env.BASE_URL).then(boot, (error: unknown) =>
  mountConfigError(error instanceof ConfigError ? error : new ConfigError('config.json', String(error))),
)
