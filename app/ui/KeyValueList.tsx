import type { ReactNode } from 'react'

export interface Fact {
  term: string
  value: ReactNode
  /** Marks a fact the API still sends but no longer maintains. */
  note?: string
}

/** Facts as a description list: terms and values that screen readers read as pairs. */
export function KeyValueList({ facts, label }: { facts: Fact[]; label?: string }) {
  return (
    <dl className="facts" aria-label={label}>
      {facts.map((fact) => (
        <div key={fact.term} className={fact.note ? 'fact fact-noted' : 'fact'}>
          <dt>
            {fact.term}
            {fact.note ? <span className="fact-note"> ({fact.note})</span> : null}
          </dt>
          <dd>{fact.value ?? <span className="muted">Not reported</span>}</dd>
        </div>
      ))}
    </dl>
  )
}
