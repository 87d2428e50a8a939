// Sign-in through oidc-client-ts: authorization code with PKCE, renewal with the refresh token (Cognito has no
// `prompt=none`, and its pages refuse to be framed, so a hidden-iframe renewal cannot work), and sign-out that revokes
// the refresh token (the only token Cognito revokes) and forgets what was kept. Loaded only when one of these is
// needed, never on a signed-in reload whose ID token still holds. Every ID token passes the one check
// (token-check.ts) before the library may store it.
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts'
import type { AuthConfig } from '../config/config.ts'
import { forgetUser } from './forget.ts'
import { RENEW_BEFORE_MS } from './identity.ts'
import { safeReturn } from './return-url.ts'
import { POPUP_WINDOW_NAME } from './sign-in.ts'
import { tokenUsable, type SignedInUser } from './stored-user.ts'
import { checkedUser, checkIdToken, ownTokens, TokenRefused } from './token-check.ts'

/** The library's store for the signed-in user: localStorage, and nothing goes in that fails the token check. */
class CheckedUserStore extends WebStorageStateStore {
  constructor(private readonly auth: AuthConfig) {
    super({ store: window.localStorage })
  }

  override async set(key: string, value: string): Promise<void> {
    const stored = JSON.parse(value) as { id_token?: unknown }
    if (typeof stored.id_token !== 'string') throw new TokenRefused('The sign-in service answered without an ID token.')
    checkedUser(stored.id_token, ownTokens(this.auth))
    await super.set(key, value)
  }
}

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
      userStore: new CheckedUserStore(auth),
      // Renewal is scheduled by the app (identity.ts), which loads this module only then.
      automaticSilentRenew: false,
      monitorSession: false,
      loadUserInfo: false,
      revokeTokenTypes: ['refresh_token'],
      // A renewal holds the other tabs' renewals (see renewSignIn): it must end.
      requestTimeoutInSeconds: 30,
    })
    managers.set(key, found)
  }
  return found
}

function signedIn(auth: AuthConfig, user: User | null | undefined): SignedInUser {
  if (!user?.id_token) throw new TokenRefused('The sign-in service answered without an ID token.')
  return checkedUser(user.id_token, ownTokens(auth), { hasRefreshToken: Boolean(user.refresh_token) })
}

/** Runs `task` while no other tab of this browser runs one under the same name (the Web Locks API, where there is one). */
function acrossTabs<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  return locks ? locks.request(name, task) : task()
}


/** Sends the browser to sign in; it comes back to `returnTo` (a path on this origin). */
export async function startSignIn(auth: AuthConfig, returnTo: string): Promise<void> {
  await manager(auth).signinRedirect({ state: safeReturn(appUrl(auth), returnTo) })
}

/** Completes the sign-in the browser has just come back from, and says where it was headed. */
export async function completeSignIn(auth: AuthConfig, url = window.location.href): Promise<{ user: SignedInUser; returnTo: string }> {
  const user = await manager(auth).signinCallback(url)
  return { user: signedIn(auth, user), returnTo: safeReturn(appUrl(auth), user?.state) }
}

/**
 * Sign-in in a popup window, for a page in a portal's frame, which must not leave the frame. The popup comes back to
 * the app's page, which hands the answer to this window (`finishPopupSignIn`) and closes; this window completes the
 * sign-in with the state it kept.
 */
export async function signInPopup(auth: AuthConfig): Promise<SignedInUser> {
  return signedIn(auth, await manager(auth).signinPopup({ popupWindowTarget: POPUP_WINDOW_NAME, popupAbortOnClose: true }))
}

/** In the popup: hands the provider's answer to the window that opened it (same origin only). */
export async function finishPopupSignIn(auth: AuthConfig, url = window.location.href): Promise<void> {
  await manager(auth).signinPopupCallback(url)
}

/**
 * A fresh ID token for `sub` from the refresh token. Throws when there is none or the provider refuses it. Refresh
 * tokens rotate (each is spent by its use), so one tab renews at a time, and a tab that waited takes the token another
 * tab has just renewed (when it holds for longer than the one it has, `held`) rather than spend the new refresh token.
 */
export async function renewSignIn(auth: AuthConfig, sub: string, held?: SignedInUser): Promise<SignedInUser> {
  return acrossTabs(`snapshot-lens renew ${auth.authority} ${auth.clientId}`, async () => {
    const users = manager(auth)
    const current = await users.getUser()
    if (!current || current.profile.sub !== sub) throw new Error('Signed out, or signed in as someone else: sign in again.')
    const kept = current.id_token ? checkIdToken(current.id_token, ownTokens(auth), { hasRefreshToken: Boolean(current.refresh_token) }) : undefined
    const renewedElsewhere = kept?.ok && held && kept.user.claims.exp > held.claims.exp && tokenUsable(kept.user, Date.now(), RENEW_BEFORE_MS)
    if (kept?.ok && renewedElsewhere) return kept.user
    if (!current.refresh_token) throw new Error('No refresh token: sign in again.')
    return signedIn(auth, await users.signinSilent())
  })
}

/**
 * Revokes the refresh token, forgets the user and everything kept for them in this browser (forget.ts), and leaves
 * through the provider's sign-out.
 */
export async function signOut(auth: AuthConfig, kept: { identityPoolId: string; sub?: string }): Promise<void> {
  const users = manager(auth)
  const user = await users.getUser()
  await users.revokeTokens(['refresh_token']).catch(() => undefined)
  await users.removeUser()
  forgetUser(auth, kept.identityPoolId, kept.sub ?? user?.profile.sub)
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
