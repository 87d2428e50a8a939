// Sign-in through oidc-client-ts: authorization code with PKCE, renewal with the refresh token (Cognito has no
// `prompt=none`, and its pages refuse to be framed, so a hidden-iframe renewal cannot work), and sign-out that revokes
// the refresh token (the only token Cognito revokes). Loaded only when one of these is needed, never on a signed-in
// reload whose ID token still holds.
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts'
import type { AuthConfig } from '../config/config.ts'
import { safeReturn } from './return-url.ts'
import { POPUP_WINDOW_NAME } from './sign-in.ts'
import { userFromStorage, type SignedInUser } from './stored-user.ts'

/** The app's own page: where the provider sends the browser back, unless config.json names another path. */
function appUrl(auth: AuthConfig): URL {
  return new URL(auth.redirectPath ?? new URL(import.meta.env.BASE_URL, window.location.href).pathname, window.location.origin)
}

const managers = new Map<string, UserManager>()

function manager(auth: AuthConfig): UserManager {
  const key = `${auth.authority} ${auth.clientId}`
  let found = managers.get(key)
  if (!found) {
    found = new UserManager({
      authority: auth.authority,
      client_id: auth.clientId,
      redirect_uri: appUrl(auth).href,
      post_logout_redirect_uri: `${appUrl(auth).href}?signed-out=1`,
      response_type: 'code',
      scope: auth.scopes,
      // Kept across tabs and reloads: a teammate's link opened in a new tab finds the user signed in.
      userStore: new WebStorageStateStore({ store: window.localStorage }),
      // Renewal is scheduled by the app (identity.ts), which loads this module only then.
      automaticSilentRenew: false,
      monitorSession: false,
      loadUserInfo: false,
      revokeTokenTypes: ['refresh_token'],
    })
    managers.set(key, found)
  }
  return found
}

function signedIn(user: User | null | undefined): SignedInUser {
  const found = user && userFromStorage(user.toStorageString())
  if (!found) throw new Error('The sign-in service answered without an ID token.')
  return found
}


/** Sends the browser to sign in; it comes back to `returnTo` (a path on this origin). */
export async function startSignIn(auth: AuthConfig, returnTo: string): Promise<void> {
  await manager(auth).signinRedirect({ state: safeReturn(appUrl(auth), returnTo) })
}

/** Completes the sign-in the browser has just come back from, and says where it was headed. */
export async function completeSignIn(auth: AuthConfig, url = window.location.href): Promise<{ user: SignedInUser; returnTo: string }> {
  const user = await manager(auth).signinCallback(url)
  return { user: signedIn(user), returnTo: safeReturn(appUrl(auth), user?.state) }
}

/**
 * Sign-in in a popup window, for a page in a portal's frame, which must not leave the frame. The popup comes back to
 * the app's page, which hands the answer to this window (`finishPopupSignIn`) and closes; this window completes the
 * sign-in with the state it kept.
 */
export async function signInPopup(auth: AuthConfig): Promise<SignedInUser> {
  return signedIn(await manager(auth).signinPopup({ popupWindowTarget: POPUP_WINDOW_NAME, popupAbortOnClose: true }))
}

/** In the popup: hands the provider's answer to the window that opened it (same origin only). */
export async function finishPopupSignIn(auth: AuthConfig, url = window.location.href): Promise<void> {
  await manager(auth).signinPopupCallback(url)
}

/** A fresh ID token from the refresh token. Throws when there is none or the provider refuses it. */
export async function renewSignIn(auth: AuthConfig): Promise<SignedInUser> {
  const current = await manager(auth).getUser()
  if (!current?.refresh_token) throw new Error('No refresh token: sign in again.')
  return signedIn(await manager(auth).signinSilent())
}

/** Revokes the refresh token, forgets the user, and leaves through the provider's sign-out. */
export async function signOut(auth: AuthConfig): Promise<void> {
  const users = manager(auth)
  const user = await users.getUser()
  await users.revokeTokens(['refresh_token']).catch(() => undefined)
  await users.removeUser()
  if (auth.logoutUrl) {
    window.location.assign(auth.logoutUrl)
    return
  }
  try {
    await users.signoutRedirect(user?.id_token ? { id_token_hint: user.id_token } : {})
  } catch {
    // A provider without an end-session endpoint (and no logoutUrl configured): the local sign-out stands.
    window.location.assign(`${appUrl(auth).href}?signed-out=1`)
  }
}
