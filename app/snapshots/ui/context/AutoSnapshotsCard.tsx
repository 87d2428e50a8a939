// The automatic snapshots Lightsail keeps of the source (the seven newest, named by date): what an incident would
// restore from, which GetInstanceSnapshots does not list. A failed one stands out; each that succeeded links to the
// commands that use it ("Use": `auto=<date>` on this page).
import { useQuery } from '@tanstack/react-query'
import type { ViewState } from '../../../lib/url.ts'
import { Card } from '../../../ui/Card.tsx'
import { Link } from '../../../ui/Link.tsx'
import { Time } from '../../../ui/Time.tsx'
import { useSession } from '../../../session.tsx'
import { contextQueries } from '../../context-queries.ts'
import { CHOICE_KEYS, USES } from '../../restore.ts'
import { ContextNote } from './ContextNote.tsx'

/** This page with an automatic snapshot chosen for "Use this snapshot": the use kept when it applies, else a new instance. */
function automaticView(url: ViewState, date: string): ViewState {
  const keep = url.use !== undefined && USES.auto.includes(url.use) && url.auto !== undefined
  const view: ViewState = { ...url, auto: date, use: keep ? url.use : 'new-instance' }
  if (!keep) for (const key of CHOICE_KEYS) delete view[key]
  return view
}

const STATUS: Record<string, { label: string; tone: string }> = {
  Success: { label: 'Kept', tone: 'available' },
  Failed: { label: 'Failed', tone: 'error' },
  InProgress: { label: 'In progress', tone: 'pending' },
  NotFound: { label: 'Not found', tone: 'unknown' },
}

export function AutoSnapshotsCard({ region, resource, kind, url }: { region: string; resource: string; kind: 'instance' | 'disk'; url?: ViewState }) {
  const query = useQuery(contextQueries.autoSnapshots(useSession(), region, resource))
  const title = `Automatic snapshots of ${resource}`
  let body
  if (query.isError) {
    body = <ContextNote error={query.error} action="GetAutoSnapshots" what={`the automatic snapshots of ${resource}`} onRetry={() => void query.refetch()} />
  } else if (!query.data) {
    body = <p className="muted">Loading…</p>
  } else if (!query.data.exists) {
    body = <p>{resource} no longer exists, so Lightsail keeps no automatic snapshots of it.</p>
  } else if (query.data.autoSnapshots.length === 0) {
    body = <p>Lightsail keeps no automatic snapshots of {resource}: its AutoSnapshot add-on is off{kind === 'instance' ? ' (see the disks below)' : ''}.</p>
  } else {
    const list = query.data.autoSnapshots
    const failed = list.filter((a) => a.status === 'Failed').length
    body = (
      <>
        <p className={failed ? 'notice notice-warning' : 'muted'}>
          Lightsail keeps the seven newest, one a day{failed ? `; ${failed} of these failed, so there is no copy from ${failed === 1 ? 'that day' : 'those days'}` : ''}.
        </p>
        <ul className="auto-snapshots" aria-label={title}>
          {list.map((a) => {
            const status = STATUS[a.status ?? ''] ?? { label: a.status ?? 'unknown', tone: 'unknown' }
            return (
              <li key={a.date} className={a.status === 'Failed' ? 'auto-failed' : undefined}>
                <strong>{a.date}</strong>{' '}
                <span className={`badge badge-${status.tone}`}>
                  <span aria-hidden="true" className="badge-dot" />
                  {status.label}
                </span>{' '}
                <span className="muted">
                  taken <Time date={a.createdAt} />
                </span>
                {url && a.status === 'Success' && a.date ? (
                  <Link to={automaticView(url, a.date)} keepScroll current={url.auto === a.date} className="button button-small">
                    Use<span className="visually-hidden"> the automatic snapshot of {a.date}</span>
                  </Link>
                ) : null}
              </li>
            )
          })}
        </ul>
      </>
    )
  }
  return (
    <Card title={title} className="card-auto">
      {body}
    </Card>
  )
}
