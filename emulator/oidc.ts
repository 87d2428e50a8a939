// The emulator's OpenID provider, built on oidc-provider (an OpenID Certified library), served under /oidc by the
// same process: authorization code with PKCE, refresh tokens, JWKS, revocation, logout and a plain sign-in page for
// the seeded users. It stands in for a Cognito user pool's hosted sign-in; its ID tokens carry the claims Cognito's do.
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

const LOOPBACK_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A page of the provider's own: no scripts of ours, never framed (Cognito's hosted pages refuse frames too). */
function page(res: ServerResponse, status: number, title: string, body: string, extraCsp = ''): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Snapshot Lens emulator</title>
<style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#15191e;background:#f4f6f8}
main{background:#fff;border:1px solid #cfd6de;border-radius:.5rem;padding:1.5rem}label{display:block;font-weight:600;margin-top:1rem}
input{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;margin-top:.25rem;border:1px solid #8a96a3;border-radius:.375rem}
button{margin-top:1.25rem;font:inherit;padding:.5rem 1rem;border-radius:.375rem;border:1px solid #0b5cad;background:#0b5cad;color:#fff;cursor:pointer}
.problem{color:#a4161a;font-weight:600}.hint{color:#555f6d;font-size:.9rem}</style></head>
<body><main>${body}</main></body></html>`
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'${extraCsp}`,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  })
  res.end(html)
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

const LOOPBACK_PAGES = ['http://127.0.0.1/', 'http://localhost/', 'http://127.0.0.1/lightsail/', 'http://localhost/lightsail/']

export function createOpenIdProvider(issuer: string, key: SigningKey, idTokenSeconds = 3600): OpenIdProvider {
  const loopbackClient = (clientId: string, name: string) => ({
    client_id: clientId,
    client_name: name,
    // A public client on loopback: any port is accepted for these redirect URIs (RFC 8252, section 7.3).
    application_type: 'native' as const,
    token_endpoint_auth_method: 'none' as const,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code' as const],
    // At the root, and under /lightsail/ (served under a portal's path, as the nginx tests do).
    redirect_uris: LOOPBACK_PAGES,
    post_logout_redirect_uris: [...LOOPBACK_PAGES, ...LOOPBACK_PAGES.map((page) => `${page}?signed-out=1`)],
  })
  const configuration: Configuration = {
    clients: [loopbackClient(CLIENT_IDS[0]!, 'Snapshot Lens'), loopbackClient(CLIENT_IDS[1]!, 'the ops portal')],
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
    // Every code flow of these public clients gets a refresh token, as Cognito's app clients do, and as with Cognito's
    // default it is not rotated: two tabs renewing with the same refresh token both succeed.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: false,
    // The token and revocation endpoints answer the app's page on any loopback port.
    clientBasedCORS: (_ctx, origin) => LOOPBACK_ORIGIN.test(origin),
    pkce: { required: () => true },
    ttl: {
      IdToken: idTokenSeconds,
      AccessToken: idTokenSeconds,
      RefreshToken: 30 * 24 * 3600,
      Session: 24 * 3600,
      Interaction: 3600,
      Grant: 30 * 24 * 3600,
      AuthorizationCode: 600,
    },
    async renderError(ctx, out) {
      ctx.type = 'html'
      ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in error</title></head><body><main><h1>Sign-in error</h1><p>${escapeHtml(String(out.error))}: ${escapeHtml(String(out.error_description ?? ''))}</p></main></body></html>`
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
