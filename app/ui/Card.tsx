import { useId, type ReactNode } from 'react'

export function Card({ title, children, className = '', actions }: { title: string; children: ReactNode; className?: string; actions?: ReactNode }) {
  const id = useId()
  return (
    <section className={`card ${className}`} aria-labelledby={id}>
      <header className="card-header">
        <h2 id={id}>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  )
}
