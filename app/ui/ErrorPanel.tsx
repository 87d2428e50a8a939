import type { ReactNode } from 'react'

export interface ErrorDetails {
  message: string
  code?: string
  requestId?: string
}

/** A failure in plain words: what happened, what to do, and the service's own message for support. */
export function ErrorPanel({
  title,
  explanation,
  nextStep,
  details,
  onRetry,
  retrying = false,
  children,
}: {
  title: string
  explanation: string
  nextStep: string
  details?: ErrorDetails
  onRetry?: () => void
  retrying?: boolean
  children?: ReactNode
}) {
  return (
    <section className="panel panel-error" role="alert" aria-labelledby="error-title">
      <h2 id="error-title">{title}</h2>
      <p>{explanation}</p>
      <p>
        <strong>What to do: </strong>
        {nextStep}
      </p>
      {details ? (
        <dl className="facts error-details">
          <div className="fact">
            <dt>Service message</dt>
            <dd>{details.message}</dd>
          </div>
          {details.code ? (
            <div className="fact">
              <dt>Error</dt>
              <dd><code>{details.code}</code></dd>
            </div>
          ) : null}
          {details.requestId ? (
            <div className="fact">
              <dt>Request id</dt>
              <dd><code>{details.requestId}</code></dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      <div className="actions">
        {onRetry ? (
          <button type="button" className="button button-primary" onClick={onRetry} disabled={retrying}>
            {retrying ? 'Trying again…' : 'Try again'}
          </button>
        ) : null}
        {children}
      </div>
    </section>
  )
}
