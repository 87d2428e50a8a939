import type { AppError } from '../../../aws/errors.ts'
import { deniedRole } from '../../../aws/errors.ts'

/**
 * What stands in the place of one read that failed: the rest of the page does not depend on it. Access denied names
 * the action and the role, so the reader can ask for exactly that; anything else can be tried again.
 */
export function ContextNote({ error, action, what, onRetry }: { error: AppError; action: string; what: string; onRetry: () => void }) {
  if (error.kind === 'access-denied') {
    const role = deniedRole(error.message)
    return (
      <p className="context-note" data-testid="context-denied">
        Not shown: {what}. {role ? <>The role <code>{role}</code></> : 'Your role'} may not call <code>lightsail:{action}</code>; an
        administrator can allow it. Everything else on this page works without it.
      </p>
    )
  }
  return (
    <p className="context-note">
      Could not load {what}: {error.message}{' '}
      <button type="button" className="button button-small" onClick={onRetry}>
        Try again<span className="visually-hidden"> to load {what}</span>
      </button>
    </p>
  )
}
