// Who is using the page, decided once at boot before anything is asked of AWS: a user coming back from the sign-in
// page, a user whose stored ID token still holds (no library loaded), one whose token can be renewed, or nobody yet
// (the page goes to sign in and comes back to exactly this link). The sign-in library (oidc.ts) loads only when
// the stored token cannot serve. A sign-in answer in the URL is read only when its state names a sign-in this
// browser started: anyone can send a link with `?state=…&error_description=…` in it.
import type { AuthConfig } from '../config/config.ts'
import { Identity } from './identity.ts'
import { readStoredUser, tokenUsable, type SignedInUser } from './stored-user.ts'

export type SignInOutcome =
  | { kind: 'user'; identity: Identity }
  | { kind: 'signed-out' }
  | { kind: 'redirecting' }
  /** The sign-in did not complete, for a reason in the app's own words. */
  | { kind: 'failed'; message: string }
  /** The provider refused this browser's own sign-in: its words, to be shown as its. */
  | { kind: 'refused'; answer: string }
  /** The URL carried the answer to a sign-in this browser did not start: nothing of it was read. */
  | { kind: 'ignored' }
  /** This window is the sign-in popup of a framed page: it handed the answer over and closes. */
  | { kind: 'popup' }

/** Parameters the sign-in page's answer adds to the app's URL; consumed here, never shown as unknown link parameters. */
export const CALLBACK_PARAMETERS = ['code', 'state', 'iss', 'session_state', 'error', 'error_description', 'error_uri']
export const SIGNED_OUT_PARAMETER = 'signed-out'
/** The name of the sign-in popup a framed page opens. */
export const POPUP_WINDOW_NAME = 'snapshot-lens-sign-in'
/** The most of a provider's answer the page shows. */
export const ANSWER_MAX_LENGTH = 300

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
      renew: async (_reason, current) => (await library()).renewSignIn(auth, current.claims.sub, current),
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

/**
 * Whether `state` names a sign-in this browser started with this provider and client: oidc-client-ts keeps each as
 * `oidc.<state>` (with its PKCE verifier) from the moment it sends the browser to sign in until the answer is read.
 */
export function startedHere(auth: Pick<AuthConfig, 'authority' | 'clientId'>, state: string | null, storage: Pick<Storage, 'getItem'> = localStorage): boolean {
  if (state === null || !/^[\w-]{8,128}$/.test(state)) return false
  try {
    const kept = JSON.parse(storage.getItem(`oidc.${state}`) ?? '') as Record<string, unknown>
    return (
      kept.id === state &&
      kept.authority === auth.authority &&
      kept.client_id === auth.clientId &&
      typeof kept.code_verifier === 'string'
    )
  } catch {
    return false
  }
}

/** Why a sign-in this browser started did not complete: the provider's answer, or the app's own words. */
export function failure(error: unknown): Extract<SignInOutcome, { kind: 'failed' | 'refused' }> {
  const e = error as { name?: unknown; error?: unknown; error_description?: unknown; message?: unknown }
  if (e?.name === 'ErrorResponse' && typeof e.error === 'string') {
    const words = typeof e.error_description === 'string' && e.error_description !== '' ? e.error_description : e.error
    return { kind: 'refused', answer: words.length > ANSWER_MAX_LENGTH ? `${words.slice(0, ANSWER_MAX_LENGTH)}…` : words }
  }
  if (e?.name === 'TokenRefused' && typeof e.message === 'string') return { kind: 'failed', message: `The sign-in service's answer could not be used. ${e.message}` }
  return { kind: 'failed', message: 'The answer from the sign-in service could not be completed here. Sign in again.' }
}

export async function signIn(auth: AuthConfig): Promise<SignInOutcome> {
  const params = new URLSearchParams(window.location.search)
  const answer = params.has('state') && (params.has('code') || params.has('error'))
  if (answer && !startedHere(auth, params.get('state'))) {
    window.history.replaceState(null, '', without(CALLBACK_PARAMETERS))
    return { kind: 'ignored' }
  }
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
      return failure(error)
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
      return { kind: 'user', identity: identityFor(auth, await (await library()).renewSignIn(auth, stored.claims.sub)) }
    } catch {
      // The refresh token is no good either: sign in again, below.
    }
  }
  await goSignIn(auth)
  return { kind: 'redirecting' }
}
