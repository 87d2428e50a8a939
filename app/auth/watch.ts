// Another tab of this browser signed in as someone else, or signed out: this page follows, dropping the session (and
// everything it read) of the identity that is gone, and what was kept for it (forget.ts).
import type { AuthConfig } from '../config/config.ts'
import type { SessionStore } from '../session-store.ts'
import { forgetUser } from './forget.ts'
import { identityFor } from './sign-in.ts'
import { storageKey, userFromStorage } from './stored-user.ts'
import { ownTokens } from './token-check.ts'

export function watchStoredUser(auth: AuthConfig, store: SessionStore, identityPoolId: string): () => void {
  const key = storageKey(auth)
  const onStorage = (event: StorageEvent) => {
    if (event.key !== key && event.key !== null) return
    const user = userFromStorage(event.key === null ? null : event.newValue, ownTokens(auth))
    const session = store.current()
    if (!user) {
      if (session.kind !== 'user') return
      store.end('signed-out')
      forgetUser(auth, identityPoolId, session.identity.userId)
    } else if (session.kind !== 'user' || session.identity.userId !== user.claims.sub) {
      store.startUser(identityFor(auth, user))
    }
  }
  window.addEventListener('storage', onStorage)
  return () => window.removeEventListener('storage', onStorage)
}
