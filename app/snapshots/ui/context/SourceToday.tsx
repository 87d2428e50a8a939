// The source instance as it is now: its state and bundle, or that it no longer exists (and this snapshot may be all
// that is left of it).
import { useQuery } from '@tanstack/react-query'
import { useSession } from '../../../session.tsx'
import { contextQueries } from '../../context-queries.ts'
import { ContextNote } from './ContextNote.tsx'

export function SourceToday({ region, instance, bundleThen }: { region: string; instance: string; bundleThen?: string }) {
  const query = useQuery(contextQueries.instance(useSession(), region, instance))
  if (query.isError) return <ContextNote error={query.error} action="GetInstance" what={`how ${instance} is today`} onRetry={() => void query.refetch()} />
  if (!query.data) return <span className="muted">Checking…</span>
  if (!query.data.exists) {
    return (
      <span className="source-gone" data-testid="source-today">
        <strong>{instance} no longer exists.</strong> This snapshot may be its only copy: keep it until you are sure nothing needs it.
      </span>
    )
  }
  const { state, bundleId } = query.data.instance
  return (
    <span data-testid="source-today">
      {state?.name ?? 'state not reported'}
      {bundleId ? (
        <>
          {' · '}
          <code>{bundleId}</code>
          {bundleThen && bundleThen !== bundleId ? <span className="muted"> (it was {bundleThen} when this snapshot was taken)</span> : null}
        </>
      ) : null}
    </span>
  )
}
