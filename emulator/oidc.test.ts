// The emulator's OpenID provider spoken to over raw HTTP, as a browser would: discovery, the sign-in page, the
// authorization code flow with PKCE to exactly the registered pages, tokens, rotating refresh tokens, revocation,
// CORS for the registered origins only, and the keys Cognito Identity verifies with. (The app's own sign-in, through
// oidc-client-ts, and the attack from an unregistered page are tested end to end in the browser.)
import { createHash, randomBytes } from 'node:crypto'
import { decodeJwt } from 'jose'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEFAULT_REDIRECT_PAGES, parseRedirectOrigin, REFRESH_TOKEN_SECONDS } from './oidc.ts'
import type { Emulator } from './server.ts'
import { startTestEmulator } from './testing.ts'

/** The pages this suite registers, as `--redirect-origin` would: the app's, and one under a path. */
const APP = 'http://127.0.0.1:61234/'
const OTHER_APP = 'http://127.0.0.1:61235/'
const UNDER_PATH = 'http://127.0.0.1:61236/lightsail/'
const PORTAL = 'http://127.0.0.1:61237/'
/** A page on loopback that nobody registered: the attacker's. */
const STRANGER = 'http://127.0.0.1:4720/'

let emulator: Emulator
beforeAll(async () => {
  emulator = await startTestEmulator({
    redirectPages: [
      ...[APP, OTHER_APP, UNDER_PATH].map((page) => ({ clientId: 'snapshot-lens', page })),
      { clientId: 'ops-portal', page: PORTAL },
    ],
  })
})
afterAll(() => emulator.close())

/** A browser's cookies for one host, enough for the provider's interaction and session cookies. */
class Browser {
  private cookies = new Map<string, string>()
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } })
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const [name, ...value] = pair!.split('=')
      this.cookies.set(name!.trim(), value.join('='))
    }
    return response
  }
  /** Follows redirects on the provider's host; stops at the first one that leaves it (the app's callback). */
  async follow(url: string, init: RequestInit = {}): Promise<{ response: Response; url: string }> {
    let response = await this.fetch(url, init)
    let current = url
    for (let i = 0; i < 10 && response.status >= 300 && response.status < 400; i++) {
      current = new URL(response.headers.get('location')!, current).href
      if (!current.startsWith(emulator.url)) return { response, url: current }
      response = await this.fetch(current)
    }
    return { response, url: current }
  }
}

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

async function authorize(browser: Browser, redirectUri: string, { verifier, challenge } = pkce(), clientId = 'snapshot-lens') {
  const url = new URL(`${emulator.issuer}/auth`)
  Object.entries({
    client_id: clientId,
    response_type: 'code',
    scope: 'openid profile email',
    redirect_uri: redirectUri,
    state: 'state-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).forEach(([k, v]) => url.searchParams.set(k, v))
  const { response, url: interaction } = await browser.follow(url.href)
  return { response, interaction, verifier }
}

async function signIn(browser: Browser, interaction: string, username: string, password: string) {
  return browser.follow(`${interaction}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }).toString(),
  })
}

async function token(params: Record<string, string>, origin?: string, clientId = 'snapshot-lens') {
  const response = await fetch(`${emulator.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}) },
    body: new URLSearchParams({ client_id: clientId, ...params }).toString(),
  })
  return { status: response.status, cors: response.headers.get('access-control-allow-origin'), body: (await response.json()) as Record<string, string> }
}

/** A browser with alice signed in (the provider's session cookie), and her first tokens, redeemed from `page`. */
async function signedIn(page = APP, user = 'alice') {
  const browser = new Browser()
  const flow = await authorize(browser, page)
  const done = await signIn(browser, flow.interaction, user, 'snapshot-lens')
  const code = new URL(done.url).searchParams.get('code')!
  const tokens = await token({ grant_type: 'authorization_code', code, redirect_uri: page, code_verifier: flow.verifier }, new URL(page).origin)
  return { browser, tokens: tokens.body }
}

const preflight = (origin: string, path = '/token') =>
  fetch(`${emulator.issuer}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } })

describe('the OpenID provider', () => {
  it('publishes its discovery document and keys under /oidc', async () => {
    const discovery = (await (await fetch(`${emulator.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>
    expect(discovery).toMatchObject({
      issuer: emulator.issuer,
      authorization_endpoint: `${emulator.issuer}/auth`,
      token_endpoint: `${emulator.issuer}/token`,
      jwks_uri: `${emulator.issuer}/jwks`,
      end_session_endpoint: `${emulator.issuer}/session/end`,
      revocation_endpoint: `${emulator.issuer}/token/revocation`,
      code_challenge_methods_supported: ['S256'],
    })
    const jwks = (await (await fetch(`${emulator.issuer}/jwks`)).json()) as { keys: Record<string, string>[] }
    expect(jwks.keys).toHaveLength(1)
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' })
    expect(jwks.keys[0]).not.toHaveProperty('d')
  })

  it('signs a seeded user in with code + PKCE to a registered page, and issues ID, access and refresh tokens', async () => {
    const browser = new Browser()
    const { response, interaction, verifier } = await authorize(browser, APP)
    expect(response.status).toBe(200)
    const page = await response.text()
    expect(page).toContain('<label for="username">User name</label>')
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")

    const wrong = await signIn(browser, interaction, 'alice', 'guess')
    expect(wrong.response.status).toBe(401)
    expect(await wrong.response.text()).toContain('Wrong user name or password.')

    const done = await signIn(browser, interaction, 'alice', 'snapshot-lens')
    const callback = new URL(done.url)
    expect(callback.origin).toBe('http://127.0.0.1:61234')
    expect(callback.searchParams.get('state')).toBe('state-1')
    const code = callback.searchParams.get('code')!

    const tokens = await token({ grant_type: 'authorization_code', code, redirect_uri: APP, code_verifier: verifier }, 'http://127.0.0.1:61234')
    expect(tokens.status).toBe(200)
    expect(tokens.cors).toBe('http://127.0.0.1:61234')
    expect(tokens.body).toMatchObject({ token_type: 'Bearer', id_token: expect.any(String), access_token: expect.any(String), refresh_token: expect.any(String) })
    expect(decodeJwt(tokens.body.id_token!)).toMatchObject({ iss: emulator.issuer, aud: 'snapshot-lens', token_use: 'id', 'cognito:username': 'alice', email: 'alice@example.com', name: 'Alice Adams' })

    const renewed = await token({ grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token! }, 'http://127.0.0.1:61234')
    expect(renewed.status).toBe(200)
    expect(renewed.cors).toBe('http://127.0.0.1:61234')
    expect(decodeJwt(renewed.body.id_token!).sub).toBe(decodeJwt(tokens.body.id_token!).sub)

    const revoked = await fetch(`${emulator.issuer}/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'snapshot-lens', token: renewed.body.refresh_token!, token_type_hint: 'refresh_token' }).toString(),
    })
    expect(revoked.status).toBe(200)
    expect((await token({ grant_type: 'refresh_token', refresh_token: renewed.body.refresh_token! })).body.error).toBe('invalid_grant')
  })

  it('signs out at once, as Cognito\'s /logout does, and returns to the registered page', async () => {
    const { browser, tokens: body } = await signedIn(OTHER_APP, 'carol')
    // Only to a registered page: another is refused with the provider's page, and the session stays.
    const elsewhere = await browser.fetch(`${emulator.issuer}/session/end?${new URLSearchParams({ id_token_hint: body.id_token!, post_logout_redirect_uri: `${STRANGER}?signed-out=1`, client_id: 'snapshot-lens' })}`)
    expect(elsewhere.status).toBe(400)
    expect(await elsewhere.text()).toContain('post_logout_redirect_uri')
    const back = `${OTHER_APP}?signed-out=1`
    const end = await browser.fetch(`${emulator.issuer}/session/end?${new URLSearchParams({ id_token_hint: body.id_token!, post_logout_redirect_uri: back, client_id: 'snapshot-lens' })}`)
    const html = await end.text()
    expect(html).toContain('f.submit()')
    const form = /<form id="op.logoutForm" method="post" action="([^"]+)"><input type="hidden" name="xsrf" value="([^"]+)"/.exec(html)!
    const { url } = await browser.follow(new URL(form[1]!, emulator.url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: form[2]!, logout: 'yes' }).toString(),
    })
    expect(url).toBe(back)
    // Signed out: the next authorization asks for the user name again.
    const again = await authorize(browser, OTHER_APP)
    expect(await again.response.text()).toContain('<h1>Sign in</h1>')
  })

  it('requires PKCE, refuses a wrong verifier, and refuses redirect URIs off loopback', async () => {
    const browser = new Browser()
    const noPkce = await browser.follow(`${emulator.issuer}/auth?client_id=snapshot-lens&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(APP)}`)
    expect(new URL(noPkce.url).searchParams.get('error') ?? (await noPkce.response.text())).toMatch(/invalid_request|code_challenge/)

    const evil = await authorize(new Browser(), 'https://evil.example/')
    expect(evil.response.status).toBe(400)
    expect(await evil.response.text()).toContain('redirect_uri')

    const flow = await authorize(browser, APP)
    const done = await signIn(browser, flow.interaction, 'bob', 'snapshot-lens')
    const code = new URL(done.url).searchParams.get('code')!
    const stolen = await token({ grant_type: 'authorization_code', code, redirect_uri: APP, code_verifier: pkce().verifier })
    expect(stolen.body.error).toBe('invalid_grant')
  })
})

describe('redirect URIs, exactly as registered (Cognito\'s callback URLs)', () => {
  it('registers what npm start serves: the dev server, vite preview, and the demo portal for its own client', () => {
    expect(DEFAULT_REDIRECT_PAGES).toEqual({
      'snapshot-lens': ['http://127.0.0.1:5173/', 'http://localhost:5173/', 'http://127.0.0.1:4173/', 'http://localhost:4173/'],
      'ops-portal': ['http://127.0.0.1:5174/', 'http://localhost:5174/'],
    })
  })

  it('gives a signed-in user\'s code to no page but a registered one: another loopback port gets the provider\'s error page', async () => {
    // The attack: alice is signed in (the provider's session cookie); a page on another loopback port asks for a code
    // for the app's client, with its own PKCE pair, to be sent to itself.
    const { browser } = await signedIn()
    const attack = await authorize(browser, STRANGER)
    expect(attack.interaction.startsWith(emulator.url)).toBe(true)
    expect(attack.response.status).toBe(400)
    expect(attack.response.headers.get('location')).toBeNull()
    const page = await attack.response.text()
    expect(page).toContain('<h1>Sign-in error</h1>')
    expect(page).toContain('invalid_redirect_uri')
    expect(page).toContain('--redirect-origin')
    expect(attack.response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    // The same user, the same client, a registered page: a code at once (the session holds).
    const fine = await authorize(browser, APP)
    expect(new URL(fine.interaction).searchParams.get('code')).toEqual(expect.any(String))
  })

  it.each([
    ['another port', 'http://127.0.0.1:61299/'],
    ['localhost for 127.0.0.1', 'http://localhost:61234/'],
    ['https for http', 'https://127.0.0.1:61234/'],
    ['another path', 'http://127.0.0.1:61234/callback'],
    ['a query added', 'http://127.0.0.1:61234/?next=/'],
    ['the root of a page registered under a path', 'http://127.0.0.1:61236/'],
    ['another path beside a registered one', 'http://127.0.0.1:61236/lightsail/x'],
    ['the other client\'s page', PORTAL],
    ['a page off loopback', 'https://evil.example/'],
  ])('refuses %s', async (_name, redirectUri) => {
    const { browser } = await signedIn()
    const refused = await authorize(browser, redirectUri)
    expect(refused.response.status).toBe(400)
    expect(await refused.response.text()).toContain('invalid_redirect_uri')
  })

  it('keeps each client to its own pages: the portal\'s client may return to the portal, the app\'s page is not its', async () => {
    const { browser } = await signedIn()
    const portal = await authorize(browser, PORTAL, pkce(), 'ops-portal')
    expect(new URL(portal.interaction).origin).toBe(new URL(PORTAL).origin)
    expect(new URL(portal.interaction).searchParams.get('code')).toEqual(expect.any(String))
    const app = await authorize(browser, APP, pkce(), 'ops-portal')
    expect(app.response.status).toBe(400)
  })

  it('serves a page registered under a path, as the app behind nginx is', async () => {
    const { tokens } = await signedIn(UNDER_PATH)
    expect(decodeJwt(tokens.id_token!).aud).toBe('snapshot-lens')
  })

  it.each([
    ['http://127.0.0.1:8080', { clientId: 'snapshot-lens', page: 'http://127.0.0.1:8080/' }],
    ['http://localhost:8080/lightsail/', { clientId: 'snapshot-lens', page: 'http://localhost:8080/lightsail/' }],
    ['http://[::1]:8080/', { clientId: 'snapshot-lens', page: 'http://[::1]:8080/' }],
    ['https://lens.dev.example:8443', { clientId: 'snapshot-lens', page: 'https://lens.dev.example:8443/' }],
    ['ops-portal=http://127.0.0.1:9090', { clientId: 'ops-portal', page: 'http://127.0.0.1:9090/' }],
  ])('--redirect-origin %s registers %j', (value, expected) => {
    expect(parseRedirectOrigin(value)).toEqual(expected)
  })

  it.each([
    ['not a URL', 'nonsense', 'is not a URL'],
    ['http off loopback', 'http://lens.dev.example:8080', 'must be https, or http on 127.0.0.1, localhost or [::1]'],
    ['another scheme', 'javascript://127.0.0.1/', 'must be https'],
    ['a query', 'http://127.0.0.1:8080/?x=1', 'must be an origin'],
    ['an empty query', 'http://127.0.0.1:8080/?', 'must be an origin'],
    ['a fragment', 'http://127.0.0.1:8080/#x', 'must be an origin'],
    ['a user name', 'http://me@127.0.0.1:8080/', 'must be an origin'],
    ['an unknown client', 'mallory=http://127.0.0.1:8080', '"mallory" is not a client of the emulator (snapshot-lens, ops-portal)'],
  ])('--redirect-origin refuses %s', (_name, value, problem) => {
    expect(parseRedirectOrigin(value)).toContain(problem)
  })
})

describe('CORS: the token endpoint answers the pages of its client\'s redirect URIs only', () => {
  it('answers a registered origin\'s preflight, and refuses any other, on loopback or not', async () => {
    const registered = await preflight('http://127.0.0.1:61234')
    expect(registered.status).toBe(204)
    expect(registered.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:61234')
    for (const origin of ['http://127.0.0.1:4720', 'http://localhost:61234', 'https://evil.example', 'null']) {
      for (const path of ['/token', '/token/revocation', '/me']) {
        const refused = await preflight(origin, path)
        expect(refused.status, `${origin} ${path}`).toBe(403)
        expect(refused.headers.get('access-control-allow-origin')).toBeNull()
      }
    }
    // Discovery and the keys are public, as Cognito's are.
    const discovery = await fetch(`${emulator.issuer}/.well-known/openid-configuration`, { headers: { origin: 'http://127.0.0.1:4720' } })
    expect(discovery.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4720')
  })

  it('refuses a code to a page of another origin before redeeming it, so its own page still can', async () => {
    const browser = new Browser()
    const flow = await authorize(browser, APP)
    const done = await signIn(browser, flow.interaction, 'alice', 'snapshot-lens')
    const code = new URL(done.url).searchParams.get('code')!
    const redeem = (origin: string) => token({ grant_type: 'authorization_code', code, redirect_uri: APP, code_verifier: flow.verifier }, origin)
    // (A form-encoded POST needs no preflight: the refusal must come from the endpoint itself.)
    for (const origin of ['http://127.0.0.1:4720', 'http://127.0.0.1:61237']) {
      const refused = await redeem(origin)
      expect(refused.status).toBe(400)
      expect(refused.cors).toBeNull()
      expect(refused.body.error).toBe('invalid_request')
    }
    const fine = await redeem('http://127.0.0.1:61234')
    expect(fine.status).toBe(200)
    expect(fine.body.id_token).toEqual(expect.any(String))
  })

  it('refuses a refresh token from another origin, and the portal\'s origin for the app\'s client', async () => {
    const { tokens } = await signedIn()
    for (const origin of ['http://127.0.0.1:4720', 'http://127.0.0.1:61237']) {
      const refused = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! }, origin)
      expect(refused.status).toBe(400)
      expect(refused.cors).toBeNull()
    }
    // Not spent by the refusals: its own page renews with it.
    expect((await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! }, 'http://127.0.0.1:61234')).status).toBe(200)
  })
})

describe('refresh tokens', () => {
  afterEach(() => vi.useRealTimers())

  it('rotate on every use: the one used is spent, and using a spent one again ends the sign-in, its new token too', async () => {
    const { tokens } = await signedIn()
    const first = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! })
    expect(first.status).toBe(200)
    expect(first.body.refresh_token).toEqual(expect.any(String))
    expect(first.body.refresh_token).not.toBe(tokens.refresh_token)
    const second = await token({ grant_type: 'refresh_token', refresh_token: first.body.refresh_token! })
    expect(second.status).toBe(200)

    // The first token again, as a thief holding a copy would: refused, and the rightful holder's newest token with it.
    const replay = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! })
    expect(replay.body.error).toBe('invalid_grant')
    expect((await token({ grant_type: 'refresh_token', refresh_token: second.body.refresh_token! })).body.error).toBe('invalid_grant')
  })

  it(`live ${REFRESH_TOKEN_SECONDS / 3600} hours from sign-in, however often they rotate`, async () => {
    expect(REFRESH_TOKEN_SECONDS).toBe(12 * 3600)
    const start = Date.now()
    vi.useFakeTimers({ toFake: ['Date'], now: start })
    const { tokens } = await signedIn()
    vi.setSystemTime(start + 6 * 3600_000)
    const halfway = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! })
    expect(halfway.status).toBe(200)
    vi.setSystemTime(start + REFRESH_TOKEN_SECONDS * 1000 - 60_000)
    const late = await token({ grant_type: 'refresh_token', refresh_token: halfway.body.refresh_token! })
    expect(late.status).toBe(200)
    vi.setSystemTime(start + REFRESH_TOKEN_SECONDS * 1000 + 1000)
    const expired = await token({ grant_type: 'refresh_token', refresh_token: late.body.refresh_token! })
    expect(expired.body.error).toBe('invalid_grant')
  })
})
