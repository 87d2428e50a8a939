import { useQuery, useQueryClient } from '@tanstack/react-query'
import { lazy, Suspense, useDeferredValue, useEffect } from 'react'
import { parseView, type ViewState } from '../../lib/url.ts'
import { useSession } from '../../session.tsx'
import { ErrorBoundary } from '../../ui/ErrorBoundary.tsx'
import { Link } from '../../ui/Link.tsx'
import { StillWaiting } from '../../ui/StillWaiting.tsx'
import { snapshotQueries } from '../queries.ts'
import { StatusCard } from './cards/StatusCard.tsx'
import { SnapshotHeader } from './SnapshotHeader.tsx'
import { SkeletonCards, SnapshotSkeleton } from './SnapshotSkeleton.tsx'

// Error panels are code a snapshot link rarely needs: they load on the first failure.
const SnapshotError = lazy(() => import('./SnapshotError.tsx').then((m) => ({ default: m.SnapshotError })))
// The cards after Status load while it shows (see MoreCards.tsx).
const MoreCards = lazy(() => import('./MoreCards.tsx').then((m) => ({ default: m.MoreCards })))

/** Where "back to the inventory" goes: the inventory this page was opened from, with its filters, or the region's. */
function inventoryLink(region: string, url: ViewState): ViewState {
  const from = (window.history.state as { inventory?: unknown } | null)?.inventory
  if (typeof from === 'string') {
    const { problems: _problems, ...back } = parseView(from)
    return back
  }
  return { region, theme: url.theme, embed: url.embed }
}

export function SnapshotDetail({ region, name, pollSeconds, url }: { region: string; name: string; pollSeconds: number; url: ViewState }) {
  const theme = url.theme
  const options = snapshotQueries.detail(useSession(), region, name, pollSeconds)
  const query = useQuery(options)
  const queryClient = useQueryClient()
  const data = query.data
  const state = data?.snapshot.state
  // The Status card answers "can I use it?": it renders first, the other cards in a pass of their own right after.
  const rest = useDeferredValue(data)

  // The page title carries the state, so a background tab shows when a watched snapshot becomes available.
  useEffect(() => {
    const label = data?.becameAvailableAt ? '✓ Available' : state ? state.charAt(0).toUpperCase() + state.slice(1) : query.isError ? 'Error' : 'Loading'
    document.title = `${label}: ${name} · Snapshot Lens`
  }, [data?.becameAvailableAt, state, name, query.isError])

  const refresh = () => void query.refetch()
  // Stopping a first load leaves nothing to show: the page says so and offers to try again.
  const stopWaiting = () => void queryClient.cancelQueries({ queryKey: options.queryKey })
  const stopped = !data && !query.isError && !query.isFetching
  return (
    <>
      <Link className="back" to={inventoryLink(region, url)}>
        ← Back to the inventory
      </Link>
      <SnapshotHeader region={region} name={name} snapshot={data?.snapshot} onRefresh={refresh} refreshing={query.isFetching} />
      <StillWaiting fetching={query.isFetching} what={name} onCancel={stopWaiting} />
      <p role="status" className={data?.becameAvailableAt ? 'notice notice-success' : 'visually-hidden'}>
        {data?.becameAvailableAt ? `${name} is now available. It finished while you were watching.` : ''}
      </p>
      {data && query.isError ? (
        <p className="notice notice-warning" role="alert">
          The last refresh failed ({query.error.message}); the data below is from {new Date(data.fetchedAt).toLocaleTimeString()} and
          may be stale.{' '}
          <button type="button" className="button button-small" onClick={refresh}>
            Try again
          </button>
        </p>
      ) : null}
      {data ? (
        <div className="cards">
          <ErrorBoundary label="The status card">
            <StatusCard data={data} stale={query.isError} />
          </ErrorBoundary>
          {rest ? (
            <ErrorBoundary label="The other cards">
              <Suspense fallback={<SkeletonCards />}>
                <MoreCards snapshot={rest.snapshot} />
              </Suspense>
            </ErrorBoundary>
          ) : (
            <SkeletonCards />
          )}
        </div>
      ) : query.isError ? (
        <Suspense fallback={<p role="status">Could not load {name}: {query.error.message}</p>}>
          <SnapshotError error={query.error} region={region} name={name} onRetry={refresh} retrying={query.isFetching} theme={theme} />
        </Suspense>
      ) : stopped ? (
        <section className="panel" aria-labelledby="stopped-title">
          <h2 id="stopped-title">You stopped waiting for {name}</h2>
          <p>Nothing was loaded. AWS may still be slow; try again when you are ready.</p>
          <div className="actions">
            <button type="button" className="button button-primary" onClick={refresh}>
              Try again
            </button>
          </div>
        </section>
      ) : (
        <SnapshotSkeleton />
      )}
    </>
  )
}
