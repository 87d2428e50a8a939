// Boot: fetch the config, learn who is using the page (with sign-in configured, nothing is asked of AWS before the
// user is known), start the AWS requests the link needs, then render. The first request leaves before React's first
// render, which picks the answer up from the query cache.
import { goSignIn, signIn } from './auth/sign-in.ts'
import { watchStoredUser } from './auth/watch.ts'
import { ConfigError, loadConfig, type AppConfig } from './config/config.ts'
import { warmUpFormatters } from './lib/format.ts'
import { currentFraming } from './embed/framing.ts'
import { mountApp, mountConfigError, mountEmbedRefusal } from './root.tsx'
import { SessionStore } from './session-store.ts'
import { snapshotQueries } from './snapshots/queries.ts'
import './ui/theme.css'
import { resolveView } from './view.ts'

async function boot(config: AppConfig): Promise<void> {
  // Framed by a page that is not an allowed portal: a refusal, and nothing asked of AWS or said to the framing page.
  const framing = currentFraming(config.embed.allowedOrigins)
  if (framing.kind === 'refused') return mountEmbedRefusal(framing.blockedOrigin)
  const store = new SessionStore(config, window.location.origin)
  const embedded = framing.kind === 'allowed' ? (await import('./embed/boot.ts')).startEmbedded(config, store, framing.parentOrigin) : undefined
  const { auth } = config
  if (auth && embedded) {
    // In a portal's frame the page never leaves for the sign-in page: the portal's token, or a popup.
    embedded.signIn(auth)
  } else if (auth) {
    const outcome = await signIn(auth)
    if (outcome.kind === 'user') store.startUser(outcome.identity)
    else if (outcome.kind === 'failed') store.end('failed', outcome.message)
    else if (outcome.kind === 'refused') store.end('refused', outcome.answer)
    else if (outcome.kind === 'ignored') store.end('ignored')
    else store.end(outcome.kind === 'signed-out' ? 'signed-out' : 'signing-in')
    watchStoredUser(auth, store, config.cognito.identityPoolId)
  } else {
    store.startGuest()
  }
  const session = store.current()
  if (session.kind !== 'none') {
    session.aws.credentials.warmUp()
    const view = resolveView(window.location.search, config)
    const { resolved } = view
    if (resolved.kind === 'detail' && resolved.resource === 'instance') {
      void session.queryClient.prefetchQuery(snapshotQueries.detail(session.aws, resolved.region, resolved.name, config.pollSeconds))
    } else if (resolved.kind === 'detail') {
      // A disk snapshot's query and page come in their own chunks; the request leaves as soon as the query's is in.
      void import('./snapshots/ui/DiskSnapshotDetail.tsx')
      void import('./snapshots/disk-queries.ts').then(({ diskSnapshotQueries }) =>
        session.queryClient.prefetchQuery(diskSnapshotQueries.detail(session.aws, resolved.region, resolved.name, config.pollSeconds)),
      )
    } else if (resolved.kind === 'inventory') {
      // The page's chunk and the home region's first request, both at once; the other regions follow from the page.
      void import('./inventory/ui/InventoryPage.tsx')
      void import('./inventory/prefetch.ts').then(({ prefetchLeadRegion }) =>
        prefetchLeadRegion(session.queryClient, session.aws, resolved.region ? [resolved.region] : view.regions, config.defaultRegion),
      )
    }
    await session.aws.credentials.firstRequestSent()
    // While the data is on its way: the locale data behind Intl formatters is slow to load the first time. For the
    // inventory, before the credentials arrive, when the home region's request leaves.
    if (resolved.kind === 'inventory') {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(() => warmUpFormatters())
      else setTimeout(warmUpFormatters, 0)
    }
    else session.aws.credentials.provide().then(() => setTimeout(warmUpFormatters, 0), () => undefined)
  }
  if (embedded && new URLSearchParams(window.location.search).get('embed-debug') === '1') {
    void import('./embed/EmbedDebug.tsx').then(({ mountEmbedDebug }) => mountEmbedDebug(embedded.channel))
  }
  mountApp(config, store, {
    signIn: () => auth && (embedded ? embedded.signInPopup(auth) : void goSignIn(auth)),
    signOut: auth
      ? () => {
          const session = store.current()
          const sub = session.kind === 'user' ? session.identity.userId : undefined
          store.end('signed-out')
          void import('./auth/oidc.ts').then(({ signOut }) => signOut(auth, { identityPoolId: config.cognito.identityPoolId, sub }))
        }
      : undefined,
  })
}

// No top-level await: chunks loaded later could then share this one's modules instead of splitting them out.
loadConfig(import.meta.env.BASE_URL).then(boot, (error: unknown) =>
  mountConfigError(error instanceof ConfigError ? error : new ConfigError('config.json', String(error))),
)
