// The session the views read with: provided once at the root, replaced (with its query client) when the identity
// changes (see session-store.ts).
import { createContext, useContext } from 'react'
import type { AwsSession } from './aws/session.ts'
import type { Session } from './session-store.ts'

export interface SessionValue {
  session: Exclude<Session, { kind: 'none' }>
  /** Signs the user out: the session and its cache go at once, then the browser leaves through the provider. */
  signOut?: () => void
}

export const SessionContext = createContext<SessionValue | undefined>(undefined)

function useSessionValue(): SessionValue {
  const value = useContext(SessionContext)
  if (!value) throw new Error('used outside <SessionContext>')
  return value
}

/** The AWS session of the identity the page reads as. */
export function useSession(): AwsSession {
  return useSessionValue().session.aws
}

/** The signed-in user, if sign-in is configured, and how to sign them out. */
export function useSignedIn(): { name: string; signOut: () => void } | undefined {
  const { session, signOut } = useSessionValue()
  return session.kind === 'user' && signOut ? { name: session.identity.name, signOut } : undefined
}
