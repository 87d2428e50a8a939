/** Between sessions: on the way to sign in, signed out, or a sign-in that did not complete. */
export function SignInPage({ reason, message, onSignIn }: { reason: 'signed-out' | 'signing-in' | 'failed'; message?: string; onSignIn: () => void }) {
  if (reason === 'signing-in') {
    return (
      <main className="page">
        <p role="status" className="boot">
          Signing you in…
        </p>
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
