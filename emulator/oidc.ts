// The emulator's OpenID provider, built on oidc-provider (an OpenID Certified library), served under /oidc by the
// same process: authorization code with PKCE, rotating refresh tokens, JWKS, revocation, logout and a plain sign-in
// page for the seeded users. It stands in for a Cognito user pool's hosted sign-in, and is no looser: each client has
// exact redirect URIs (Cognito's callback URLs), anything else is refused before a code is issued, and the token
// endpoint answers the pages of those URIs only (CORS). Its ID tokens carry the claims Cognito's do.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { randomBytes } from 'node:crypto'
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider'
import type { SigningKey } from './id-tokens.ts'
import { CLIENT_IDS } from './pools.ts'
import { findUser, findUserBySub, idTokenClaims, passwordMatches } from './users.ts'

export const OIDC_PATH = '/oidc'

export interface OpenIdProvider {
  issuer: string
  /** The logins key an identity pool knows this provider by: the issuer without its scheme. */
  providerName: string
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** A refresh token lives this long from sign-in; a rotated one keeps what was left (as Cognito's do). */
export const REFRESH_TOKEN_SECONDS = 12 * 3600

/**
 * The pages each client may be sent back to, before any `--redirect-origin`: what `npm start` serves. The app on the
 * Vite dev server (5173) and `vite preview` (4173); the demo portal (5174).
 */
export const DEFAULT_REDIRECT_PAGES: Readonly<Record<string, readonly string[]>> = {
  [CLIENT_IDS[0]!]: ['http://127.0.0.1:5173/', 'http://localhost:5173/', 'http://127.0.0.1:4173/', 'http://localhost:4173/'],
  [CLIENT_IDS[1]!]: ['http://127.0.0.1:5174/', 'http://localhost:5174/'],
}

export interface RedirectPage {
  clientId: string
  /** The exact redirect URI: the page the provider sends the browser back to. */
  page: string
}

/**
 * `--redirect-origin [CLIENT=]ORIGIN[/PATH]`: one more page a client may be sent back to (the app's client unless
 * named), as a Cognito app client's callback URL. https, or http on a loopback host only (as Cognito allows for
 * localhost); no query, fragment or credentials. Returns why not, as a sentence, when the value cannot be one.
 */
export function parseRedirectOrigin(value: string): RedirectPage | string {
  const named = /^([\w-]+)=(.*)$/.exec(value)
  const clientId = named ? named[1]! : CLIENT_IDS[0]!
  const text = named ? named[2]! : value
  if (!CLIENT_IDS.includes(clientId)) return `--redirect-origin: "${clientId}" is not a client of the emulator (${CLIENT_IDS.join(', ')})`
  let url: URL | undefined
  try {
    url = new URL(text)
  } catch {
    url = undefined
  }
  const problem = !url
    ? 'is not a URL'
    : url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))
      ? 'must be https, or http on 127.0.0.1, localhost or [::1]'
      : url.username || url.password || url.search || url.hash || text.includes('#') || text.includes('?')
        ? 'must be an origin, optionally with the path the app is served under, without a query, fragment or user name'
        : undefined
  if (problem || !url) return `--redirect-origin: "${text}" ${problem}`
  return { clientId, page: url.href }
}

/** Each client's pages: the defaults and the extra ones, without repeats. */
export function redirectPagesByClient(extra: readonly RedirectPage[] = []): Record<string, string[]> {
  const pages: Record<string, string[]> = {}
  for (const clientId of CLIENT_IDS) pages[clientId] = [...(DEFAULT_REDIRECT_PAGES[clientId] ?? [])]
  for (const { clientId, page } of extra) if (!pages[clientId]!.includes(page)) pages[clientId]!.push(page)
  return pages
}

export interface OpenIdProviderOptions {
  /** Lifetime of the ID (and access) tokens, in seconds. */
  idTokenSeconds?: number
  /** Pages beyond the defaults that a client may be sent back to (`--redirect-origin`). */
  redirectPages?: readonly RedirectPage[]
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const htmlDocument = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Snapshot Lens emulator</title>
<style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#15191e;background:#f4f6f8}
main{background:#fff;border:1px solid #cfd6de;border-radius:.5rem;padding:1.5rem}label{display:block;font-weight:600;margin-top:1rem}
input{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;margin-top:.25rem;border:1px solid #8a96a3;border-radius:.375rem}
button{margin-top:1.25rem;font:inherit;padding:.5rem 1rem;border-radius:.375rem;border:1px solid #0b5cad;background:#0b5cad;color:#fff;cursor:pointer}
.problem{color:#a4161a;font-weight:600}.hint{color:#555f6d;font-size:.9rem}</style></head>
<body><main>${body}</main></body></html>`

const PAGE_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
}

/** A page of the provider's own: no scripts of ours, never framed (Cognito's hosted pages refuse frames too). */
function page(res: ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...PAGE_HEADERS })
  res.end(htmlDocument(title, body))
}

function signInPage(res: ServerResponse, uid: string, client: string, problem?: string, username = ''): void {
  page(
    res,
    problem ? 401 : 200,
    'Sign in',
    `<h1>Sign in</h1><p class="hint">to ${escapeHtml(client)}, on the local AWS emulator</p>
<form method="post" action="${OIDC_PATH}/interaction/${escapeHtml(uid)}/login" autocomplete="on">
${problem ? `<p class="problem" role="alert">${escapeHtml(problem)}</p>` : ''}
<label for="username">User name</label><input id="username" name="username" autocomplete="username" required autofocus value="${escapeHtml(username)}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form>`,
  )
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > 16 * 1024) throw new Error('form too large')
    chunks.push(chunk)
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

/** The provider's paths a page of any origin may read (public, as Cognito's are): discovery and the keys. */
const PUBLIC_PATHS = new Set([`${OIDC_PATH}/.well-known/openid-configuration`, `${OIDC_PATH}/jwks`])

export function createOpenIdProvider(issuer: string, key: SigningKey, options: OpenIdProviderOptions = {}): OpenIdProvider {
  const idTokenSeconds = options.idTokenSeconds ?? 3600
  const pages = redirectPagesByClient(options.redirectPages)
  // The token and revocation endpoints answer a page only on an origin of its client's redirect URIs.
  const origins = new Map(Object.entries(pages).map(([clientId, list]) => [clientId, new Set(list.map((page) => new URL(page).origin))]))
  const anyOrigin = new Set([...origins.values()].flatMap((set) => [...set]))
  const clientMetadata = (clientId: string, name: string) => ({
    client_id: clientId,
    client_name: name,
    // A public web client: its redirect URIs are matched exactly, port and path included (as Cognito's callback URLs
    // are; not RFC 8252's any-port loopback rule for native apps).
    application_type: 'web' as const,
    token_endpoint_auth_method: 'none' as const,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code' as const],
    redirect_uris: pages[clientId]!,
    post_logout_redirect_uris: pages[clientId]!.flatMap((page) => [page, `${page}?signed-out=1`]),
  })
  const configuration: Configuration = {
    clients: [clientMetadata(CLIENT_IDS[0]!, 'Snapshot Lens'), clientMetadata(CLIENT_IDS[1]!, 'the ops portal')],
    jwks: { keys: [key.privateJwk as never] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    async findAccount(_ctx, sub) {
      const user = findUserBySub(sub)
      return user && { accountId: sub, claims: () => idTokenClaims(user) as { sub: string } }
    },
    claims: {
      openid: ['sub', 'token_use', 'cognito:username', 'cognito:groups'],
      profile: ['name'],
      email: ['email', 'email_verified'],
    },
    // Cognito puts the profile and email claims in the ID token itself; so does this provider.
    conformIdTokenClaims: false,
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // Cognito's /logout signs out without asking; so does this page, by submitting the provider's form at once.
        logoutSource(ctx: KoaContextWithOIDC, form: string) {
          ctx.type = 'html'
          ctx.set('content-security-policy', "default-src 'none'; script-src 'unsafe-inline'")
          ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signing out</title></head><body>${form}<p>Signing out…</p><noscript><button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button></noscript><script>var f=document.getElementById('op.logoutForm');var i=document.createElement('input');i.type='hidden';i.name='logout';i.value='yes';f.appendChild(i);f.submit()</script></body></html>`
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `${OIDC_PATH}/interaction/${interaction.uid}` },
    // Every code flow of these public clients gets a refresh token, as Cognito's app clients do, and it rotates on
    // every use, as a Cognito app client with refresh token rotation does: the token used is spent, the new one lives
    // for what was left of it. There is no retry grace period, and a spent token used again ends the whole sign-in
    // (its new token too), as OAuth's security advice has it (RFC 9700, 4.14.2): a stolen copy stops working as
    // soon as either party uses it.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    clientBasedCORS: (_ctx, origin, client) => origins.get(client.clientId)?.has(origin) === true,
    pkce: { required: () => true },
    ttl: {
      IdToken: idTokenSeconds,
      AccessToken: idTokenSeconds,
      RefreshToken: (ctx) => Math.max(1, ctx?.oidc?.entities.RotatedRefreshToken?.remainingTTL ?? REFRESH_TOKEN_SECONDS),
      Session: 24 * 3600,
      Interaction: 3600,
      Grant: 30 * 24 * 3600,
      AuthorizationCode: 600,
    },
    async renderError(ctx, out) {
      ctx.type = 'html'
      for (const [name, value] of Object.entries(PAGE_HEADERS)) ctx.set(name, value)
      const hint =
        out.error === 'invalid_redirect_uri'
          ? '<p class="hint">The page that sent you here is not one this sign-in may send you back to, so no sign-in was given to it. A developer serving the app elsewhere registers its page with <code>--redirect-origin</code> (see the emulator\'s README section).</p>'
          : ''
      ctx.body = htmlDocument('Sign-in error', `<h1>Sign-in error</h1><p>${escapeHtml(String(out.error))}: ${escapeHtml(String(out.error_description ?? ''))}</p>${hint}`)
    },
  }
  const provider = new Provider(issuer, configuration)
  const callback = provider.callback()

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined): Promise<void> {
    const details = await provider.interactionDetails(req, res)
    if (details.uid !== uid) return page(res, 400, 'Sign-in error', '<h1>This sign-in has expired</h1><p>Go back to the app and sign in again.</p>')
    const clientName = (await provider.Client.find(String(details.params.client_id)))?.clientName ?? 'the app'
    if (req.method === 'GET' && action === undefined && details.prompt.name === 'consent') {
      // First-party clients: the grant is given without a consent screen, as with a user pool's own app clients.
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ clientId: String(details.params.client_id), accountId: details.session!.accountId })
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] }
      if (missing.missingOIDCScope) grant!.addOIDCScope(missing.missingOIDCScope.join(' '))
      if (missing.missingOIDCClaims) grant!.addOIDCClaims(missing.missingOIDCClaims)
      return provider.interactionFinished(req, res, { consent: { grantId: await grant!.save() } }, { mergeWithLastSubmission: true })
    }
    if (req.method === 'GET' && action === undefined) return signInPage(res, uid, clientName)
    if (req.method === 'POST' && action === 'login') {
      const form = await formBody(req)
      const username = form.get('username') ?? ''
      const user = findUser(username)
      if (!passwordMatches(user, form.get('password') ?? '')) return signInPage(res, uid, clientName, 'Wrong user name or password.', username)
      return provider.interactionFinished(req, res, { login: { accountId: user!.sub } }, { mergeWithLastSubmission: false })
    }
    res.writeHead(404)
    res.end()
  }

  return {
    issuer,
    providerName: issuer.replace(/^https?:\/\//, ''),
    async handle(req, res) {
      const path = (req.url ?? '').split('?')[0]!
      // A preflight names no client yet: one from a page of no client's redirect URIs is refused outright.
      const origin = req.headers.origin
      if (req.method === 'OPTIONS' && origin !== undefined && !anyOrigin.has(origin) && !PUBLIC_PATHS.has(path)) {
        res.writeHead(403, { 'content-length': 0, vary: 'Origin' })
        return void res.end()
      }
      const m = /^\/oidc\/interaction\/([\w-]+)(?:\/(\w+))?$/.exec(path)
      if (m) {
        try {
          return await interaction(req, res, m[1]!, m[2])
        } catch {
          return page(res, 400, 'Sign-in error', '<h1>This sign-in has expired</h1><p>Go back to the app and sign in again.</p>')
        }
      }
      // oidc-provider routes relative to its mount point, as when mounted by a framework.
      const mounted = req as IncomingMessage & { originalUrl?: string }
      mounted.originalUrl = req.url
      req.url = (req.url ?? '/').slice(OIDC_PATH.length) || '/'
      await new Promise<void>((resolve) => {
        res.once('close', resolve)
        res.once('finish', resolve)
        void callback(req, res)
      })
    },
  }
}
