import type { AddOn } from '../../../aws/snapshots.ts'
import { formatMinutes, formatTimeOfDay, nextUtcTimeOfDay } from '../../../lib/format-cards.ts'
import { KeyValueList } from '../../../ui/KeyValueList.tsx'
import { Countdown } from '../../../ui/RelativeTime.tsx'
import { useNow } from '../../../ui/use-now.ts'
import { addOnView } from './model.ts'

function AutoSnapshotItem({ view }: { view: Extract<ReturnType<typeof addOnView>, { kind: 'auto-snapshot' }> }) {
  // The local time of a UTC time of day changes with the date (daylight saving): a minute's precision is plenty.
  const now = useNow(60_000)
  const next = view.nextSnapshotTimeOfDay ? nextUtcTimeOfDay(view.nextSnapshotTimeOfDay, now) : undefined
  return (
    <li className="addon">
      <h5>Automatic snapshots</h5>
      <KeyValueList
        facts={[
          { term: 'Status', value: view.status },
          { term: 'Daily at', value: view.snapshotTimeOfDay && <>{formatTimeOfDay(view.snapshotTimeOfDay, now)}<span className="muted">, within 45 minutes</span></> },
          {
            term: 'Next snapshot',
            value: view.nextSnapshotTimeOfDay && (
              <>
                {formatTimeOfDay(view.nextSnapshotTimeOfDay, now)}
                {next ? (
                  <span className="muted">
                    {' '}
                    · in <Countdown until={next.getTime()} />
                  </span>
                ) : null}
              </>
            ),
          },
        ]}
      />
    </li>
  )
}

function AddOnItem({ addOn }: { addOn: AddOn }) {
  const view = addOnView(addOn)
  switch (view.kind) {
    case 'auto-snapshot':
      return <AutoSnapshotItem view={view} />
    case 'stop-on-idle':
      return (
        <li className="addon">
          <h5>Stop instance on idle</h5>
          <p>
            Stops the computer when CPU use stays below {view.threshold ?? '?'}% for {formatMinutes(view.duration)}.
          </p>
          <KeyValueList
            facts={[
              { term: 'Status', value: view.status },
              { term: 'Threshold', value: view.threshold && `${view.threshold}%` },
              { term: 'Duration', value: formatMinutes(view.duration) },
            ]}
          />
        </li>
      )
    case 'unknown':
      return (
        <li className="addon">
          <h5>{view.name}</h5>
          <p className="muted">An add-on this version of Snapshot Lens does not know; shown as Lightsail reports it.</p>
          <KeyValueList facts={[{ term: 'Status', value: view.status }, ...view.fields.map(([term, value]) => ({ term, value: <code>{value}</code> }))]} />
        </li>
      )
  }
}

export function AddOnList({ addOns }: { addOns: AddOn[] | undefined }) {
  if (!addOns || addOns.length === 0) return <p className="muted">No add-ons.</p>
  return (
    <ul className="addons">
      {addOns.map((addOn, i) => (
        <AddOnItem key={`${addOn.name}-${i}`} addOn={addOn} />
      ))}
    </ul>
  )
}
