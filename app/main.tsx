// Boot: fetch the config, start the AWS requests the link needs, then render. The first request leaves before React's
// first render, which picks the answer up from the query cache.
import { AwsSession } from './aws/session.ts'
import { ConfigError, loadConfig, type AppConfig } from './config/config.ts'
import { warmUpFormatters } from './lib/format.ts'
import { createQueryClient } from './query-client.ts'
import { mountApp, mountConfigError } from './root.tsx'
import { snapshotQueries } from './snapshots/queries.ts'
import './ui/theme.css'
import { resolveView } from './view.ts'

async function boot(config: AppConfig): Promise<void> {
  const session = new AwsSession(config, window.location.origin)
  session.credentials.warmUp()
  const queryClient = createQueryClient()
  const { resolved } = resolveView(window.location.search, config)
  if (resolved.kind === 'detail') {
    void queryClient.prefetchQuery(snapshotQueries.detail(session, resolved.region, resolved.name, config.pollSeconds))
  }
  await session.credentials.firstRequestSent()
  mountApp(config, session, queryClient)
  // While the snapshot is on its way: the locale data behind Intl formatters is slow to load the first time.
  session.credentials.provide().then(() => setTimeout(warmUpFormatters, 0), () => undefined)
}

// No top-level await: chunks loaded later could then share this one's modules instead of splitting them out.
loadConfig(import.meta.env.BASE_URL).then(boot, (error: unknown) =>
  mountConfigError(error instanceof ConfigError ? error : new ConfigError('config.json', String(error))),
)
