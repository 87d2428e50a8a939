// The regions that refused, each beside its name with what to do and its own retry; the others' rows stay.
import { regionLabel } from '../../lib/regions.ts'
import { regionProblem } from '../region-problems.ts'
import type { KindFailure, RegionState } from './use-inventory.ts'

const LIST_ACTION = { instance: 'GetInstanceSnapshots', disk: 'GetDiskSnapshots' } as const

/**
 * What a region's failures say: one problem when both kinds were refused alike (a region that refuses everything),
 * else one per kind, named.
 */
function failureProblems(failures: KindFailure[]): { text: string; code: string; retry: boolean }[] {
  const [first, second] = failures
  if (second && second.error.kind === first!.error.kind && second.error.code === first!.error.code) {
    return [{ ...regionProblem(first!.error, [LIST_ACTION.instance, LIST_ACTION.disk]), code: first!.error.code }]
  }
  return failures.map((f) => {
    const problem = regionProblem(f.error, [LIST_ACTION[f.kind]])
    return { ...problem, text: failures.length === 1 && f.kind === 'instance' ? problem.text : `${f.kind} snapshots: ${problem.text}`, code: f.error.code }
  })
}

export function RegionFailures({ failed }: { failed: Extract<RegionState, { status: 'failed' }>[] }) {
  return (
    <ul className="notice notice-warning region-failures" aria-label="Regions that did not answer">
      {failed.map((s) => {
        const problems = failureProblems(s.failures)
        return (
          <li key={s.region}>
            <strong>{regionLabel(s.region)}</strong>: {problems.map((p, i) => (
              <span key={p.code}>
                {i > 0 ? '; ' : ''}
                {p.text} <span className="muted">({p.code})</span>
              </span>
            ))}
            {s.rows > 0 ? <span className="muted"> · {s.rows} rows received</span> : null}{' '}
            {problems.some((p) => p.retry) ? (
              // The visible label is the button's name (voice control users say what they see); the region follows
              // for screen readers.
              <button type="button" className="button button-small" onClick={s.retry} disabled={s.retrying}>
                {s.retrying ? 'Trying again…' : 'Try again'}
                <span className="visually-hidden"> {s.region}</span>
              </button>
            ) : null}
          </li>
        )
      })}
    </ul>
  )
}
