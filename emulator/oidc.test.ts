// The emulator's OpenID provider spoken to over raw HTTP, as a browser would: discovery, the sign-in page, the
// authorization code flow with PKCE on any loopback port, tokens, refresh, revocation, CORS, and the keys Cognito
// Identity verifies with. (The app's own sign-in, through oidc-client-ts, is tested end to end in the browser.)
import { createHash, randomBytes } from 'node:crypto'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Emulator } from './server.ts'
import { startTestEmulator } from './testing.ts'

let emulator: Emulator
beforeAll(async () => {
  emulator = await startTestEmulator()
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

async function authorize(browser: Browser, redirectUri: string, { verifier, challenge } = pkce()) {
  const url = new URL(`${emulator.issuer}/auth`)
  Object.entries({
    client_id: 'snapshot-lens',
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

async function token(params: Record<string, string>, origin?: string) {
  const response = await fetch(`${emulator.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}) },
    body: new URLSearchParams({ client_id: 'snapshot-lens', ...params }).toString(),
  })
  return { status: response.status, cors: response.headers.get('access-control-allow-origin'), body: (await response.json()) as Record<string, string> }
}

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

  it('signs a seeded user in with code + PKCE on any loopback port, and issues ID, access and refresh tokens', async () => {
    const browser = new Browser()
    const { response, interaction, verifier } = await authorize(browser, 'http://127.0.0.1:61234/')
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

    const tokens = await token({ grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:61234/', code_verifier: verifier }, 'http://127.0.0.1:61234')
    expect(tokens.status).toBe(200)
    expect(tokens.cors).toBe('http://127.0.0.1:61234')
    expect(tokens.body).toMatchObject({ token_type: 'Bearer', id_token: expect.any(String), access_token: expect.any(String), refresh_token: expect.any(String) })
    expect(decodeJwt(tokens.body.id_token!)).toMatchObject({ iss: emulator.issuer, aud: 'snapshot-lens', token_use: 'id', 'cognito:username': 'alice', email: 'alice@example.com', name: 'Alice Adams' })

    const renewed = await token({ grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token! })
    expect(renewed.status).toBe(200)
    expect(decodeJwt(renewed.body.id_token!).sub).toBe(decodeJwt(tokens.body.id_token!).sub)

    const revoked = await fetch(`${emulator.issuer}/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'snapshot-lens', token: renewed.body.refresh_token!, token_type_hint: 'refresh_token' }).toString(),
    })
    expect(revoked.status).toBe(200)
    expect((await token({ grant_type: 'refresh_token', refresh_token: renewed.body.refresh_token! })).body.error).toBe('invalid_grant')
  })

  it('signs out at once, as Cognito\'s /logout does, and returns to the app on any loopback port', async () => {
    const browser = new Browser()
    const flow = await authorize(browser, 'http://127.0.0.1:61235/')
    const done = await signIn(browser, flow.interaction, 'carol', 'snapshot-lens')
    const code = new URL(done.url).searchParams.get('code')!
    const { body } = await token({ grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:61235/', code_verifier: flow.verifier })
    const back = 'http://127.0.0.1:61235/?signed-out=1'
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
    const again = await authorize(browser, 'http://127.0.0.1:61235/')
    expect(await again.response.text()).toContain('<h1>Sign in</h1>')
  })

  it('requires PKCE, refuses a wrong verifier, and refuses redirect URIs off loopback', async () => {
    const browser = new Browser()
    const noPkce = await browser.follow(`${emulator.issuer}/auth?client_id=snapshot-lens&response_type=code&scope=openid&redirect_uri=${encodeURIComponent('http://127.0.0.1:5173/')}`)
    expect(new URL(noPkce.url).searchParams.get('error') ?? (await noPkce.response.text())).toMatch(/invalid_request|code_challenge/)

    const evil = await authorize(new Browser(), 'https://evil.example/')
    expect(evil.response.status).toBe(400)
    expect(await evil.response.text()).toContain('redirect_uri')

    const flow = await authorize(browser, 'http://127.0.0.1:5173/')
    const done = await signIn(browser, flow.interaction, 'bob', 'snapshot-lens')
    const code = new URL(done.url).searchParams.get('code')!
    const stolen = await token({ grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:5173/', code_verifier: pkce().verifier })
    expect(stolen.body.error).toBe('invalid_grant')
  })

  it('answers the token endpoint\'s CORS for loopback pages only', async () => {
    const loopback = await fetch(`${emulator.issuer}/token`, { method: 'OPTIONS', headers: { origin: 'http://localhost:4598', 'access-control-request-method': 'POST' } })
    expect(loopback.headers.get('access-control-allow-origin')).toBe('http://localhost:4598')
    const stranger = await token({ grant_type: 'refresh_token', refresh_token: 'x' }, 'https://evil.example')
    expect(stranger.cors).toBeNull()
  })
})
