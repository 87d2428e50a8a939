// Snapshot Lens in an allowed portal's frame: the channel to the portal, `ready`, the content's height as it changes,
// the view after every navigation, failures worth showing, and sign-in with the portal's own user (its ID token, kept
// in memory only), or, when the portal hands over none, in a popup window that leaves the frame where it is. Every
// token the portal hands over, the first and every renewal, passes the one token check (auth/token-check.ts) before
// it is used.
import { Identity } from '../auth/identity.ts'
import { failure, identityFor } from '../auth/sign-in.ts'
import { readStoredUser, tokenUsable, type SignedInUser } from '../auth/stored-user.ts'
import { checkIdToken, portalTokens, type TokenExpectations } from '../auth/token-check.ts'
import type { AppError } from '../aws/errors.ts'
import type { AppConfig, AuthConfig } from '../config/config.ts'
import { NAVIGATE } from '../lib/url.ts'
import type { SessionStore } from '../session-store.ts'
import { EmbedChannel, viewReport } from './channel.ts'
import { VERSIONS } from './protocol.ts'

/** How long a framed page waits for the portal's token before it offers to sign in in a window. */
export const TOKEN_WAIT_MS = 3000
/** A measurement's fallback when no animation frame comes (the frame is off screen). */
const OFFSCREEN_MEASURE_MS = 200
/** How long a renewal waits for the portal's fresh token. */
export const RENEW_WAIT_MS = 10_000

export interface Embedded {
  channel: EmbedChannel
  /** Sign-in for a framed page: the portal's token, else a stored one, else the offer of a popup. */
  signIn(auth: AuthConfig): void
  /** The popup sign-in, from the offer's button. */
  signInPopup(auth: AuthConfig): void
}

/**
 * The content's own height (never the frame's), sent when it changes, at most once per animation frame. A frame the
 * portal shows below the fold gets no animation frames and no resize observations until it is scrolled into view
 * (browsers throttle rendering of off-screen cross-origin frames), so DOM changes also schedule a measurement on a
 * timer, which reads the layout all the same.
 */
function watchHeight(channel: EmbedChannel): void {
  let last = -1
  let frame = 0
  let timer = 0
  const measure = () => {
    cancelAnimationFrame(frame)
    clearTimeout(timer)
    frame = 0
    timer = 0
    const body = document.body
    const style = getComputedStyle(body)
    const height = Math.ceil(body.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom))
    if (height === last) return
    last = height
    channel.post('resize', { height })
  }
  const schedule = () => {
    frame ||= requestAnimationFrame(measure)
    timer ||= window.setTimeout(measure, OFFSCREEN_MEASURE_MS)
  }
  new ResizeObserver(schedule).observe(document.body)
  new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true })
}

function watchView(channel: EmbedChannel): void {
  let last = ''
  const report = () => {
    const view = viewReport()
    if (view.url === last) return
    last = view.url
    channel.post('view', view)
  }
  window.addEventListener(NAVIGATE, report)
  window.addEventListener('popstate', report)
  last = viewReport().url
}

/** Failures a portal may want to show: every query that ends in an error, once per failure. */
function watchErrors(channel: EmbedChannel, store: SessionStore): void {
  let unsubscribe: (() => void) | undefined
  const follow = () => {
    unsubscribe?.()
    unsubscribe = undefined
    const session = store.current()
    if (session.kind === 'none') return
    unsubscribe = session.queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'error') return
      const error = event.action.error as Partial<AppError> & Error
      channel.post('error', { kind: error.kind ?? 'unexpected', message: error.message })
    })
  }
  store.subscribe(follow)
  follow()
}

/** What oidc-client-ts says when the popup did not come back (closed, blocked): in the app's words. */
function popupProblem(error: unknown): string | undefined {
  const message = (error as Error)?.message ?? ''
  if (/closed/i.test(message)) return 'The sign-in window was closed before the sign-in completed.'
  if (/blocked|open/i.test(message)) return 'The sign-in window could not be opened: allow pop-ups for this page.'
  return undefined
}

export function startEmbedded(config: AppConfig, store: SessionStore, parentOrigin: string): Embedded {
  const channel = new EmbedChannel(parentOrigin, config.embed.allowedOrigins)
  watchHeight(channel)
  watchView(channel)
  watchErrors(channel, store)
  channel.post('ready', { versions: VERSIONS, view: viewReport() })

  const fail = (message: string) => {
    channel.post('error', { kind: 'sign-in', message })
    store.end('embedded', message)
  }

  const portalIdentity = (auth: AuthConfig, expected: TokenExpectations, user: SignedInUser): Identity => {
    let refused: string | undefined
    return new Identity(
      user,
      {
        // (Every token the portal sends is also seen by accept(), below, which tells the portal when it is refused.)
        renew: async (reason) => {
          const checked = checkIdToken(await channel.requestToken(reason, RENEW_WAIT_MS), expected)
          refused = checked.ok ? undefined : checked.problem
          if (!checked.ok) throw new Error(checked.problem)
          return checked.user
        },
        expired: () => fail(refused ? `The portal's new sign-in could not be used: ${refused}` : 'The portal did not renew your sign-in.'),
      },
      auth.loginsKey,
    )
  }

  /**
   * A token the portal hands over: checked, then the session of its user (the same user keeps theirs). Returns why
   * it was refused, if it was; the portal is told too.
   */
  const accept = (auth: AuthConfig, idToken: string): string | undefined => {
    const expected = portalTokens(auth, config.embed)
    const checked = checkIdToken(idToken, expected)
    if (!checked.ok) {
      channel.post('error', { kind: 'sign-in', message: checked.problem })
      return checked.problem
    }
    const session = store.current()
    if (session.kind !== 'user' || session.identity.userId !== checked.user.claims.sub) store.startUser(portalIdentity(auth, expected, checked.user))
    return undefined
  }

  return {
    channel,
    signIn(auth) {
      store.end('signing-in')
      let settled = false
      let refusal: string | undefined
      channel.onToken((token) => {
        refusal = accept(auth, token)
        if (!refusal) settled = true
      })
      channel.requestToken('missing', TOKEN_WAIT_MS).then(
        () => {
          // The portal answered with a token this page cannot use: said at once, with the offer of a window.
          if (!settled) store.end('embedded', `The portal's sign-in could not be used: ${refusal ?? 'it was refused'}`)
        },
        () => {
          if (settled) return
          // No token from the portal: a user this frame signed in before (in a window), else the offer to.
          const stored = readStoredUser(auth)
          if (stored && tokenUsable(stored, Date.now())) store.startUser(identityFor(auth, stored))
          else store.end('embedded')
        },
      )
    },
    signInPopup(auth) {
      void import('../auth/oidc.ts')
        .then(({ signInPopup }) => signInPopup(auth))
        .then(
          (user) => store.startUser(identityFor(auth, user)),
          (error: unknown) => {
            const why = failure(error)
            // The provider's own words, quoted as its; anything else in the app's.
            fail(why.kind === 'refused' ? `Sign-in did not complete: the sign-in service answered “${why.answer}”.` : `Sign-in did not complete. ${popupProblem(error) ?? why.message}`)
          },
        )
    },
  }
}
