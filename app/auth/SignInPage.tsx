import type { NoSessionReason } from '../session-store.ts'

/**
 * Between sessions: on the way to sign in, signed out, a sign-in that did not complete (in the app's words, or in the
 * provider's, shown as a quotation), a sign-in answer this browser did not ask for (ignored: none of its text is
 * shown), or (in a portal's frame) no token from the portal, where signing in opens a window rather than leaving the
 * frame.
 */
export function SignInPage({ reason, message, onSignIn }: { reason: NoSessionReason; message?: string; onSignIn: () => void }) {
  if (reason === 'signing-in') {
    return (
      <main className="page">
        <p role="status" className="boot">
          Signing you in…
        </p>
      </main>
    )
  }
  if (reason === 'embedded') {
    return (
      <main className="page">
        <section className="panel" aria-labelledby="sign-in-title">
          <h1 id="sign-in-title">Sign in to see Lightsail snapshots here</h1>
          <p>{message ?? 'This page did not hand Snapshot Lens your sign-in.'} Signing in opens a small window; this page stays as it is.</p>
          <div className="actions">
            <button type="button" className="button button-primary" onClick={onSignIn}>
              Sign in (opens a window)
            </button>
          </div>
        </section>
      </main>
    )
  }
  if (reason === 'ignored') {
    // The URL has already lost the answer's parameters: going on loads the link as if it had never carried them.
    const here = `${window.location.pathname}${window.location.search}`
    return (
      <main className="page">
        <section className="panel" aria-labelledby="sign-in-title">
          <h1 id="sign-in-title">A sign-in answer was ignored</h1>
          <p>
            This link carried the answer to a sign-in that this browser did not start, so Snapshot Lens did not read it and
            shows nothing it said. Whatever it asked of you did not come from Snapshot Lens or its sign-in service.
          </p>
          <div className="actions">
            <a className="button button-primary" href={here}>
              Continue to Snapshot Lens
            </a>
          </div>
        </section>
      </main>
    )
  }
  const failed = reason === 'failed' || reason === 'refused'
  return (
    <main className="page">
      <section className={failed ? 'panel panel-error' : 'panel'} role={failed ? 'alert' : undefined} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{failed ? 'Sign-in did not complete' : 'You have signed out of Snapshot Lens'}</h1>
        {reason === 'refused' ? (
          <>
            <p>The sign-in service refused this sign-in. Its answer, in its own words:</p>
            <blockquote aria-label="The sign-in service's answer">
              <p>{message}</p>
            </blockquote>
            <p>Nothing was lost: sign in again to go on.</p>
          </>
        ) : reason === 'failed' ? (
          <p>{message} Nothing was lost: sign in again to go on.</p>
        ) : (
          <p>Nothing of what you looked at, and nothing of your sign-in, is kept in this browser. Sign in again to look at snapshots.</p>
        )}
        <div className="actions">
          <button type="button" className="button button-primary" onClick={onSignIn}>
            Sign in
          </button>
        </div>
      </section>
    </main>
  )
}
