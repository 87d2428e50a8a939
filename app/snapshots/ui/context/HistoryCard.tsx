// The snapshot's operations, as Lightsail logged them: created, copied or kept from an automatic snapshot, failed,
// with their status and local times.
import { useQuery } from '@tanstack/react-query'
import { formatSpan } from '../../../lib/format.ts'
import { Card } from '../../../ui/Card.tsx'
import { Time } from '../../../ui/Time.tsx'
import { useSession } from '../../../session.tsx'
import { history } from '../../context.ts'
import { contextQueries } from '../../context-queries.ts'
import { ContextNote } from './ContextNote.tsx'

export function HistoryCard({ region, name, keptFromAutomatic }: { region: string; name: string; keptFromAutomatic: boolean }) {
  const query = useQuery(contextQueries.operations(useSession(), region, name))
  let body
  if (query.isError) body = <ContextNote error={query.error} action="GetOperationsForResource" what="its history" onRetry={() => void query.refetch()} />
  else if (!query.data) body = <p className="muted">Loading…</p>
  else if (query.data.length === 0) body = <p className="muted">Lightsail has no operations on record for {name}.</p>
  else {
    body = (
      <ol className="history" aria-label={`History of ${name}`}>
        {history(query.data, keptFromAutomatic).map((entry) => (
          <li key={entry.id} className={`history-${entry.status}`}>
            <p>
              <strong>{entry.what}</strong> · {entry.status}
              {entry.startedAt !== undefined && entry.endedAt !== undefined ? <span className="muted"> in {formatSpan(entry.endedAt - entry.startedAt)}</span> : null}
            </p>
            <p className="muted">
              <Time date={entry.startedAt === undefined ? undefined : new Date(entry.startedAt)} />
            </p>
            {entry.error ? <p className="history-error">{entry.error}</p> : null}
          </li>
        ))}
      </ol>
    )
  }
  return (
    <Card title="History" className="card-history">
      {body}
    </Card>
  )
}
