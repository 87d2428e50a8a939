// The AWS session the views read with: provided once at the root, replaced (with its query client) when the identity
// changes.
import { createContext, useContext } from 'react'
import type { AwsSession } from './aws/session.ts'

export const SessionContext = createContext<AwsSession | undefined>(undefined)

export function useSession(): AwsSession {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession() outside <SessionContext>')
  return session
}
