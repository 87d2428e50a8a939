import { NAME_RULE } from './lib/names.ts'
import type { ResolvedView } from './view.ts'

/** What is wrong with a link's region or snapshot name, and what to do instead. */
export function LinkProblem({ problem }: { problem: Extract<ResolvedView, { kind: 'bad-region' | 'bad-name' }> }) {
  const title = problem.kind === 'bad-region' ? 'This link names a region Snapshot Lens cannot use' : 'This link names a snapshot that cannot exist'
  return (
    <section className="panel panel-error" role="alert" aria-labelledby="problem-title">
      <h1 id="problem-title">{title}</h1>
      <p>{problem.problem}</p>
      <p>{problem.kind === 'bad-region' ? 'Pick a region in the form above.' : `${NAME_RULE} Correct the name in the form above.`}</p>
    </section>
  )
}
