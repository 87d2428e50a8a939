import { useQuery } from '@tanstack/react-query'
import { formatGb } from '../../lib/format.ts'
import { regionLabel } from '../../lib/regions.ts'
import type { ViewState } from '../../lib/url.ts'
import { useSession } from '../../session.tsx'
import { ErrorPanel } from '../../ui/ErrorPanel.tsx'
import { Link } from '../../ui/Link.tsx'
import { Skeleton } from '../../ui/Skeleton.tsx'
import { StatusBadge } from '../../ui/StatusBadge.tsx'
import { Time } from '../../ui/Time.tsx'
import { errorCopy } from '../error-copy.ts'
import './inventory.css'
import { inventoryQueries } from '../queries.ts'

/** Every instance snapshot in one region, each a link to its detail view. */
export function InventoryView({ view }: { view: ViewState & { region: string } }) {
  const query = useQuery(inventoryQueries.region(useSession(), view.region))
  const heading = <h1 id="inventory-title">Instance snapshots in {regionLabel(view.region)}</h1>
  if (query.data) {
    const snapshots = query.data
    return (
      <section aria-labelledby="inventory-title" className="inventory">
        {heading}
        {snapshots.length === 0 ? (
          <p>No instance snapshots in this region.</p>
        ) : (
          <div className="table-scroll">
            <table className="inventory-table">
              <caption className="visually-hidden">{snapshots.length} snapshots</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">State</th>
                  <th scope="col">Created</th>
                  <th scope="col">Instance</th>
                  <th scope="col">Size</th>
                </tr>
              </thead>
              <tbody>
                {snapshots.map((s) => (
                  <tr key={s.name}>
                    <th scope="row">
                      <Link to={{ ...view, snapshot: s.name }}>{s.name}</Link>
                    </th>
                    <td>
                      <StatusBadge state={s.state} progress={s.progress} />
                    </td>
                    <td>
                      <Time date={s.createdAt} />
                    </td>
                    <td>{s.fromInstanceName}</td>
                    <td>{formatGb(s.sizeInGb)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    )
  }
  if (query.isError) {
    const copy = errorCopy(query.error, { region: view.region, name: '', action: 'GetInstanceSnapshots' })
    return (
      <>
        {heading}
        <ErrorPanel
          title={query.error.kind === 'not-found' ? 'Nothing found' : copy.title}
          explanation={copy.explanation}
          nextStep={copy.nextStep}
          details={{ message: query.error.message, code: query.error.code, requestId: query.error.requestId }}
          onRetry={copy.retry ? () => void query.refetch() : undefined}
          retrying={query.isFetching}
        />
      </>
    )
  }
  return (
    <>
      {heading}
      <div role="status">
        <span className="visually-hidden">Loading snapshots…</span>
        <Skeleton lines={6} />
      </div>
    </>
  )
}
