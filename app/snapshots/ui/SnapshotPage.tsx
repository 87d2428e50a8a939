// One snapshot's page, whichever kind: the way back, the header, the wait, the notice when it settles while watched,
// then the Status card first and the other cards right after. The kinds differ in their query and their cards only.
import { useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query'
import { useDeferredValue, useEffect, useState, type ReactNode } from 'react'
import type { AppError } from '../../aws/errors.ts'
import { parseView, type SnapshotKind, type ViewState } from '../../lib/url.ts'
import { ErrorBoundary } from '../../ui/ErrorBoundary.tsx'
import { Link } from '../../ui/Link.tsx'
import { loadable } from '../../ui/loadable.tsx'
import { StillWaiting } from '../../ui/StillWaiting.tsx'
import type { SnapshotData } from '../queries.ts'
import { StatusCard, type StatusExtra, type StatusFields } from './cards/StatusCard.tsx'
import { SnapshotHeader } from './SnapshotHeader.tsx'
import { SkeletonCards, SnapshotSkeleton } from './SnapshotSkeleton.tsx'

// Error panels are code a snapshot link rarely needs: they load on the first failure.
const SnapshotError = loadable(
  () => import('./SnapshotError.tsx').then((m) => m.SnapshotError),
  ({ name, error }) => (
    <p role="status">
      Could not load {name}: {error.message}
    </p>
  ),
)
// Only a pending snapshot offers to notify: the control and its notifications load with it.
const NotifyControl = loadable(() => import('./NotifyControl.tsx').then((m) => m.NotifyControl), () => null)

/** Where "back to the inventory" goes: the inventory this page was opened from, with its filters, or the region's. */
function inventoryLink(region: string, url: ViewState): ViewState {
  const from = (window.history.state as { inventory?: unknown } | null)?.inventory
  if (typeof from === 'string') {
    const { problems: _problems, ...back } = parseView(from)
    return back
  }
  return { region, theme: url.theme, embed: url.embed }
}

const SETTLED_TITLE: Record<string, string> = { available: '✓ Available', completed: '✓ Completed', error: '✗ Failed' }

function settledNotice(name: string, state: string): string {
  return state === 'error' ? `${name} failed while you were watching.` : `${name} is now ${state}. It finished while you were watching.`
}

export interface SnapshotPageProps<S extends StatusFields, K extends readonly unknown[]> {
  kind: SnapshotKind
  region: string
  name: string
  url: ViewState
  /** The page's query, polling in a hidden tab too when `inBackground` (someone waits to be notified). */
  query: (inBackground: boolean) => UseQueryOptions<SnapshotData<S>, AppError, SnapshotData<S>, K>
  /** The cards after Status, given the snapshot (they load in a chunk of their own). */
  more: (snapshot: S) => ReactNode
  /** What this kind adds to the Status card. */
  statusExtra?: (data: SnapshotData<S>) => StatusExtra
}

export function SnapshotPage<S extends StatusFields & { arn?: string }, K extends readonly unknown[]>({ kind, region, name, url, query: options, more, statusExtra }: SnapshotPageProps<S, K>) {
  // Someone waits to be notified (the control below says so): the query polls in a hidden tab too.
  const [watching, setWatching] = useState(false)
  const queryOptions = options(watching)
  const query = useQuery(queryOptions)
  const queryClient = useQueryClient()
  const data = query.data
  const state = data?.snapshot.state
  // The Status card answers "can I use it?": it renders first, the other cards in a pass of their own right after.
  const rest = useDeferredValue(data)

  // The page title carries the state, so a background tab shows when a watched snapshot settles.
  useEffect(() => {
    const label = data?.settled
      ? (SETTLED_TITLE[data.settled.state] ?? data.settled.state)
      : state
        ? state.charAt(0).toUpperCase() + state.slice(1)
        : query.isError
          ? 'Error'
          : 'Loading'
    document.title = `${label}: ${name} · Snapshot Lens`
  }, [data?.settled, state, name, query.isError])

  const refresh = () => void query.refetch()
  // Stopping a first load leaves nothing to show: the page says so and offers to try again.
  const stopWaiting = () => void queryClient.cancelQueries({ queryKey: queryOptions.queryKey })
  const stopped = !data && !query.isError && !query.isFetching
  return (
    <>
      <Link className="back" to={inventoryLink(region, url)}>
        ← Back to the inventory
      </Link>
      <SnapshotHeader region={region} name={name} kind={kind} snapshot={data?.snapshot} onRefresh={refresh} refreshing={query.isFetching} />
      <StillWaiting fetching={query.isFetching} what={name} onCancel={stopWaiting} />
      <p role="status" className={data?.settled ? `notice ${data.settled.state === 'error' ? 'notice-warning' : 'notice-success'}` : 'visually-hidden'}>
        {data?.settled ? settledNotice(name, data.settled.state) : ''}
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
            <StatusCard data={data} stale={query.isError} kind={kind} region={region} extra={statusExtra?.(data)}>
              {state === 'pending' || watching ? (
                <NotifyControl name={name} settled={data.settled} embedded={url.embed === true} onWatching={setWatching} />
              ) : null}
            </StatusCard>
          </ErrorBoundary>
          {rest ? (
            <ErrorBoundary label="The other cards">
              {more(rest.snapshot)}
            </ErrorBoundary>
          ) : (
            <SkeletonCards />
          )}
        </div>
      ) : query.isError ? (
        <SnapshotError error={query.error} region={region} name={name} kind={kind} onRetry={refresh} retrying={query.isFetching} theme={url.theme} />
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
