import type { NoSessionReason } from '../session-store.ts'

/**
 * Between sessions: on the way to sign in, signed out, a sign-in that did not complete, or (in a portal's frame) no
 * token from the portal, where signing in opens a window rather than leaving the frame.
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
  return (
    <main className="page">
      <section className={reason === 'failed' ? 'panel panel-error' : 'panel'} role={reason === 'failed' ? 'alert' : undefined} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{reason === 'failed' ? 'Sign-in did not complete' : 'You have signed out of Snapshot Lens'}</h1>
        {reason === 'failed' ? (
          <p>
            The sign-in service answered: <q>{message}</q>. Nothing was lost: sign in again to go on.
          </p>
        ) : (
          <p>Nothing of what you looked at is kept in this browser. Sign in again to look at snapshots.</p>
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
