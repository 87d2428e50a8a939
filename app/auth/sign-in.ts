// Who is using the page, decided once at boot before anything is asked of AWS: a user coming back from the sign-in
// page, a user whose stored ID token still holds (no library loaded), one whose token can be renewed, or nobody yet
// (the page goes to sign in and comes back to exactly this link). The sign-in library (oidc.ts) loads only when
// the stored token cannot serve.
import type { AuthConfig } from '../config/config.ts'
import { Identity } from './identity.ts'
import { readStoredUser, tokenUsable, type SignedInUser } from './stored-user.ts'

export type SignInOutcome =
  | { kind: 'user'; identity: Identity }
  | { kind: 'signed-out' }
  | { kind: 'redirecting' }
  | { kind: 'failed'; message: string }
  /** This window is the sign-in popup of a framed page: it handed the answer over and closes. */
  | { kind: 'popup' }

/** Parameters the sign-in page's answer adds to the app's URL; consumed here, never shown as unknown link parameters. */
export const CALLBACK_PARAMETERS = ['code', 'state', 'iss', 'session_state', 'error', 'error_description', 'error_uri']
export const SIGNED_OUT_PARAMETER = 'signed-out'
/** The name of the sign-in popup a framed page opens. */
export const POPUP_WINDOW_NAME = 'snapshot-lens-sign-in'

const library = () => import('./oidc.ts')

/** Sends the browser to sign in, returning afterwards to the page it is on now. */
export async function goSignIn(auth: AuthConfig): Promise<void> {
  const { startSignIn } = await library()
  await startSignIn(auth, `${window.location.pathname}${window.location.search}`)
}

export function identityFor(auth: AuthConfig, user: SignedInUser): Identity {
  return new Identity(
    user,
    {
      renew: async () => (await library()).renewSignIn(auth),
      expired: () => void goSignIn(auth),
    },
    auth.loginsKey,
  )
}

function without(names: string[]): string {
  const url = new URL(window.location.href)
  for (const name of names) url.searchParams.delete(name)
  return `${url.pathname}${url.search}`
}

export async function signIn(auth: AuthConfig): Promise<SignInOutcome> {
  const params = new URLSearchParams(window.location.search)
  const answer = params.has('state') && (params.has('code') || params.has('error'))
  if (answer && window.name === POPUP_WINDOW_NAME && window.opener) {
    await (await library()).finishPopupSignIn(auth)
    return { kind: 'popup' }
  }
  if (answer) {
    try {
      const { completeSignIn } = await library()
      const { user, returnTo } = await completeSignIn(auth)
      window.history.replaceState(null, '', returnTo)
      return { kind: 'user', identity: identityFor(auth, user) }
    } catch (error) {
      window.history.replaceState(null, '', without(CALLBACK_PARAMETERS))
      return { kind: 'failed', message: params.get('error_description') ?? params.get('error') ?? (error as Error).message }
    }
  }
  if (params.get(SIGNED_OUT_PARAMETER) === '1') {
    window.history.replaceState(null, '', without([SIGNED_OUT_PARAMETER]))
    return { kind: 'signed-out' }
  }
  const stored = readStoredUser(auth)
  if (stored && tokenUsable(stored, Date.now())) return { kind: 'user', identity: identityFor(auth, stored) }
  if (stored?.hasRefreshToken) {
    try {
      return { kind: 'user', identity: identityFor(auth, await (await library()).renewSignIn(auth)) }
    } catch {
      // The refresh token is no good either: sign in again, below.
    }
  }
  await goSignIn(auth)
  return { kind: 'redirecting' }
}
