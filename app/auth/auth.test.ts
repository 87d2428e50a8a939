// Sign-in's pure parts: reading ID tokens and the stored user (in the library's own format), the one token check,
// the logins key, the return URL, which sign-in answers are this browser's, what is forgotten at sign-out, and the
// renewal schedule of an identity.
import { OidcClient, User, WebStorageStateStore } from 'oidc-client-ts'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { forgetOtherUsers, forgetUser, identityIdKey } from './forget.ts'
import { Identity, RENEW_BEFORE_MS } from './identity.ts'
import { safeReturn } from './return-url.ts'
import { ANSWER_MAX_LENGTH, failure, startedHere } from './sign-in.ts'
import { readStoredUser, storageKey, tokenUsable, userFromStorage, type SignedInUser } from './stored-user.ts'
import { checkedUser, checkIdToken, NOT_BEFORE_SKEW_MS, ownTokens, portalTokens, TokenRefused } from './token-check.ts'
import { displayName, loginsKey, readIdToken } from './token.ts'

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const jwt = (claims: Record<string, unknown>) => `${b64({ alg: 'RS256', kid: 'k' })}.${b64(claims)}.signature`
const NOW = Date.UTC(2026, 10, 27, 12, 0, 0)
const ISSUER = 'https://cognito-idp.us-east-2.amazonaws.com/us-east-2_Ab12Cd34E'
const claims = (extra: Record<string, unknown> = {}) => ({
  sub: 'user-1',
  iss: ISSUER,
  aud: 'app-client',
  token_use: 'id',
  exp: NOW / 1000 + 3600,
  name: 'Zoë Ångström',
  ...extra,
})
const user = (extra: Record<string, unknown> = {}, refresh = true): SignedInUser => ({ idToken: jwt(claims(extra)), claims: claims(extra) as never, hasRefreshToken: refresh })

describe('ID tokens', () => {
  it('are read for who and until when, names in any script included', () => {
    expect(readIdToken(jwt(claims()))).toMatchObject({ sub: 'user-1', name: 'Zoë Ångström', exp: NOW / 1000 + 3600 })
    for (const bad of ['', 'x', 'a.b.c', jwt({ sub: 'x' }), `${b64({})}.${Buffer.from('not json').toString('base64url')}.s`]) {
      expect(readIdToken(bad)).toBeUndefined()
    }
  })

  it('give the logins key as Amplify derives it (issuer without scheme), unless config.json names one', () => {
    expect(loginsKey(claims() as never)).toBe('cognito-idp.us-east-2.amazonaws.com/us-east-2_Ab12Cd34E')
    expect(loginsKey({ ...claims(), iss: 'http://127.0.0.1:4566/oidc' } as never)).toBe('127.0.0.1:4566/oidc')
    expect(loginsKey(claims() as never, 'accounts.example.com')).toBe('accounts.example.com')
  })

  it('name the user by name, then email, then user name, then subject', () => {
    expect(displayName(claims() as never)).toBe('Zoë Ångström')
    expect(displayName(claims({ name: undefined, email: 'a@example.com' }) as never)).toBe('a@example.com')
    expect(displayName(claims({ name: undefined, 'cognito:username': 'alice' }) as never)).toBe('alice')
    expect(displayName(claims({ name: undefined }) as never)).toBe('user-1')
  })
})

describe('the stored user', () => {
  const auth = { authority: ISSUER, clientId: 'app-client' }

  it('is read from exactly what oidc-client-ts stores, under its key', () => {
    const stored = new User({ id_token: jwt(claims()), refresh_token: 'r1', access_token: 'a1', token_type: 'Bearer', profile: claims() as never, expires_at: NOW / 1000 + 3600 })
    expect(storageKey({ authority: 'http://127.0.0.1:4566/oidc', clientId: 'snapshot-lens' })).toBe('oidc.user:http://127.0.0.1:4566/oidc:snapshot-lens')
    const storage = new Map([[storageKey(auth), stored.toStorageString()]])
    const read = readStoredUser(auth, { getItem: (k) => storage.get(k) ?? null }, NOW)
    expect(read).toMatchObject({ idToken: stored.id_token, hasRefreshToken: true, claims: { sub: 'user-1' } })
    const noRefresh = new User({ id_token: jwt(claims()), access_token: 'a', token_type: 'Bearer', profile: claims() as never }).toStorageString()
    expect(userFromStorage(noRefresh, ownTokens(auth), NOW)?.hasRefreshToken).toBe(false)
    for (const bad of [null, '', '{', '{"access_token":"a"}', '{"id_token":"not-a-jwt"}']) expect(userFromStorage(bad, ownTokens(auth), NOW)).toBeUndefined()
  })

  it('passes the token check, expiry aside (an expired one is kept only to be renewed)', () => {
    const stored = (extra: Record<string, unknown>) => JSON.stringify({ id_token: jwt(claims(extra)), refresh_token: 'r1' })
    expect(userFromStorage(stored({ exp: NOW / 1000 - 60 }), ownTokens(auth), NOW)).toMatchObject({ hasRefreshToken: true })
    expect(userFromStorage(stored({ iss: 'https://evil.example' }), ownTokens(auth), NOW)).toBeUndefined()
    expect(userFromStorage(stored({ aud: 'ops-portal' }), ownTokens(auth), NOW)).toBeUndefined()
    expect(userFromStorage(stored({ token_use: 'access' }), ownTokens(auth), NOW)).toBeUndefined()
  })

  it('serves while its ID token holds for more than a minute', () => {
    expect(tokenUsable(user(), NOW)).toBe(true)
    expect(tokenUsable(user(), NOW + 3600_000 - 61_000)).toBe(true)
    expect(tokenUsable(user(), NOW + 3600_000 - 59_000)).toBe(false)
  })
})

describe('the one ID token check', () => {
  const auth = { authority: ISSUER, clientId: 'app-client' }
  const own = ownTokens(auth)
  const check = (extra: Record<string, unknown> = {}, expected = own, now = NOW) => checkIdToken(jwt(claims(extra)), expected, { now })

  it('takes a token of the configured provider, for this app, an ID token, naming a user, unexpired and signed', () => {
    expect(check()).toEqual({ ok: true, user: { idToken: jwt(claims()), claims: claims(), hasRefreshToken: false } })
    // A trailing slash on either side is the same issuer; a list of audiences with this app in it will do.
    expect(checkIdToken(jwt(claims()), { ...own, issuer: `${ISSUER}/` }, { now: NOW }).ok).toBe(true)
    expect(check({ aud: ['app-client', 'other'], azp: 'app-client' }).ok).toBe(true)
    // Another provider than Cognito need not say token_use; an nbf within the clocks' skew is fine.
    const other = { issuer: 'https://idp.example.com', audiences: ['app-client'] }
    expect(check({ iss: 'https://idp.example.com', token_use: undefined }, other).ok).toBe(true)
    expect(check({ nbf: NOW / 1000 + NOT_BEFORE_SKEW_MS / 1000 - 1 }).ok).toBe(true)
  })

  it.each<[string, Record<string, unknown>, string]>([
    ['another issuer', { iss: 'https://cognito-idp.us-east-2.amazonaws.com/us-east-2_Other' }, `The token is not from ${ISSUER}, the sign-in this Snapshot Lens trusts.`],
    ['an issuer that only starts alike', { iss: `${ISSUER}x` }, 'is not from'],
    ['no audience', { aud: undefined }, 'The token is for another application'],
    ['another audience', { aud: 'ops-portal' }, 'The token is for another application'],
    ['a list of other audiences', { aud: ['a', 'b'] }, 'The token is for another application'],
    ['an authorized party that is not this app', { aud: ['app-client', 'other'], azp: 'other' }, 'The token is for another application'],
    ['an access token', { token_use: 'access' }, 'The token is not an ID token (its token_use is not "id").'],
    ['a Cognito token without token_use', { token_use: undefined }, 'its token_use is not "id"'],
    ['no user', { sub: '' }, 'The token names no user.'],
    ['an expired token', { exp: NOW / 1000 }, 'The token has expired.'],
    ['a token not valid yet', { nbf: NOW / 1000 + NOT_BEFORE_SKEW_MS / 1000 + 1 }, 'The token is not valid yet.'],
    ['a not-before that is not a time', { nbf: 'soon' }, 'The token is not valid yet.'],
  ])('refuses %s', (_name, extra, problem) => {
    const checked = check(extra)
    expect(checked.ok).toBe(false)
    expect(!checked.ok && checked.problem).toContain(problem)
  })

  it('refuses what is not a signed JWT, and never repeats the token\'s own text', () => {
    const unsigned = `${b64({ alg: 'none' })}.${b64(claims())}.`
    const noSignature = `${b64({ alg: 'RS256' })}.${b64(claims())}.`
    expect(checkIdToken(unsigned, own, { now: NOW })).toEqual({ ok: false, problem: 'The token is not signed.' })
    expect(checkIdToken(noSignature, own, { now: NOW })).toEqual({ ok: false, problem: 'The token is not signed.' })
    for (const bad of ['', 'x', 'a.b.c', `${jwt(claims())}.extra`, `not-json.${b64(claims())}.s`]) {
      expect(checkIdToken(bad, own, { now: NOW })).toEqual({ ok: false, problem: 'The token is not an ID token (a signed JWT).' })
    }
    const phishing = check({ iss: 'Call +1-555-0100', aud: 'https://evil.example/unlock' })
    expect(!phishing.ok && phishing.problem).not.toMatch(/555|evil/)
  })

  it('takes a portal\'s token for the portal\'s own client only where embed.clientIds names it', () => {
    expect(check({ aud: 'ops-portal' }, portalTokens(auth, { clientIds: ['ops-portal'] })).ok).toBe(true)
    expect(check({ aud: 'ops-portal' }, portalTokens(auth, {})).ok).toBe(false)
    expect(check({ aud: 'app-client' }, portalTokens(auth, {})).ok).toBe(true)
  })

  it('throws TokenRefused with the problem, for the sign-ins that must not complete', () => {
    expect(() => checkedUser(jwt(claims({ aud: 'x' })), own, { now: NOW })).toThrow(TokenRefused)
    expect(checkedUser(jwt(claims()), own, { now: NOW, hasRefreshToken: true }).hasRefreshToken).toBe(true)
  })
})

describe('a sign-in answer in the URL', () => {
  const auth = { authority: 'http://127.0.0.1:4566/oidc', clientId: 'snapshot-lens' }

  it('is this browser\'s only when its state names a sign-in that oidc-client-ts started here, for this provider and client', async () => {
    const storage = new Map<string, string>()
    const store = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v), removeItem: (k: string) => void storage.delete(k), key: (i: number) => [...storage.keys()][i] ?? null, get length() { return storage.size } }
    const client = new OidcClient({
      authority: auth.authority,
      client_id: auth.clientId,
      redirect_uri: 'http://127.0.0.1:5173/',
      stateStore: new WebStorageStateStore({ store: store as Storage }),
      metadata: { issuer: auth.authority, authorization_endpoint: `${auth.authority}/auth`, token_endpoint: `${auth.authority}/token` },
    })
    const request = await client.createSigninRequest({ state: '/?region=us-east-2', request_type: 'si:r' })
    const state = new URL(request.url).searchParams.get('state')!
    expect(startedHere(auth, state, store)).toBe(true)
    expect(startedHere({ ...auth, clientId: 'ops-portal' }, state, store)).toBe(false)
    expect(startedHere({ ...auth, authority: 'https://idp.example.com' }, state, store)).toBe(false)
    // Unknown states, and values that would read another key the library keeps.
    for (const other of [null, '', 'abc', 'x'.repeat(32), `user:${auth.authority}:${auth.clientId}`, '../user', `${state}x`]) expect(startedHere(auth, other, store)).toBe(false)
    storage.set(`oidc.user:${auth.authority}:${auth.clientId}`, JSON.stringify({ id: 'user', authority: auth.authority, client_id: auth.clientId }))
    expect(startedHere(auth, 'user', store)).toBe(false)
  })

  it('failing, is said in the provider\'s words (shortened) only when the provider refused; otherwise in the app\'s', () => {
    const providers = (error_description: string | null) => Object.assign(new Error(error_description ?? 'x'), { name: 'ErrorResponse', error: 'access_denied', error_description })
    expect(failure(providers('The user refused.'))).toEqual({ kind: 'refused', answer: 'The user refused.' })
    expect(failure(providers(null))).toEqual({ kind: 'refused', answer: 'access_denied' })
    expect((failure(providers('y'.repeat(1000))) as { answer: string }).answer).toHaveLength(ANSWER_MAX_LENGTH + 1)
    expect(failure(new TokenRefused('The token has expired.'))).toEqual({ kind: 'failed', message: "The sign-in service's answer could not be used. The token has expired." })
    expect(failure(new Error('No matching state found in storage'))).toEqual({ kind: 'failed', message: 'The answer from the sign-in service could not be completed here. Sign in again.' })
  })
})

describe('what sign-out forgets', () => {
  const auth = { authority: 'http://127.0.0.1:4566/oidc', clientId: 'snapshot-lens' }
  const POOL = 'us-east-2:5e1c0a7b-3f2d-4c8e-9b6a-0d4f2e7c1a93'
  const storage = (entries: Record<string, string>) => {
    const map = new Map(Object.entries(entries))
    return { map, getItem: (k: string) => map.get(k) ?? null, removeItem: (k: string) => void map.delete(k), key: (i: number) => [...map.keys()][i] ?? null, get length() { return map.size } }
  }
  const pending = (client = auth.clientId) => JSON.stringify({ id: 'abc', authority: auth.authority, client_id: client, request_type: 'si:r', code_verifier: 'v' })

  it('the user\'s tokens, their identity id (the AWS SDK\'s key), and sign-ins left unfinished; not other apps\' keys', () => {
    const kept = storage({
      [storageKey(auth)]: '{"id_token":"…"}',
      [identityIdKey(POOL, 'alice-sub')]: 'us-east-2:identity-of-alice',
      'oidc.0123456789abcdef0123456789abcdef': pending(),
      'oidc.fedcba9876543210fedcba9876543210': pending('another-client'),
      'theme-of-another-app': 'dark',
    })
    expect(identityIdKey(POOL, 'alice-sub')).toBe(`aws:cognito-identity-credentials:${POOL}:alice-sub`)
    forgetUser(auth, POOL, 'alice-sub', kept)
    expect([...kept.map.keys()]).toEqual(['oidc.fedcba9876543210fedcba9876543210', 'theme-of-another-app'])
  })

  it('and a new user forgets the identity ids of those before them, keeping their own and the guest\'s', () => {
    const kept = storage({
      [identityIdKey(POOL, 'alice-sub')]: 'a',
      [identityIdKey(POOL, 'bob-sub')]: 'b',
      [identityIdKey(POOL, 'ANONYMOUS')]: 'g',
      [identityIdKey('us-east-2:other-pool', 'carol-sub')]: 'c',
    })
    forgetOtherUsers(POOL, 'bob-sub', kept)
    expect([...kept.map.keys()]).toEqual([identityIdKey(POOL, 'bob-sub'), identityIdKey(POOL, 'ANONYMOUS'), identityIdKey('us-east-2:other-pool', 'carol-sub')])
  })
})

describe('the return URL after sign-in', () => {
  const home = new URL('https://ops.example.com/lens/')
  it.each([
    ['/lens/?region=us-east-2&snapshot=web-1&theme=dark', '/lens/?region=us-east-2&snapshot=web-1&theme=dark'],
    ['https://ops.example.com/lens/?region=eu-west-1', '/lens/?region=eu-west-1'],
    ['https://evil.example/', '/lens/'],
    ['//evil.example/x', '/lens/'],
    ['/\\\\evil.example', '/lens/'],
    ['/\\t/evil.example', '/lens/'],
    ['javascript:alert(1)', '/lens/'],
    [42, '/lens/'],
    [undefined, '/lens/'],
  ])('%j goes to %j', (value, expected) => {
    expect(safeReturn(home, value)).toBe(expected)
  })
})

describe('an identity', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(NOW)
  })
  afterEach(() => vi.useRealTimers())

  const source = (next: () => Promise<SignedInUser>) => ({ renew: vi.fn((_reason: string, _current: SignedInUser) => next()), expired: vi.fn() })

  it('renews five minutes before its ID token expires, and serves the renewed token from then on', async () => {
    const renewed = user({ exp: NOW / 1000 + 7200 })
    const s = source(async () => renewed)
    const identity = new Identity(user(), s)
    expect(identity.renewalDelay()).toBe(3600_000 - RENEW_BEFORE_MS)
    await vi.advanceTimersByTimeAsync(3600_000 - RENEW_BEFORE_MS - 1)
    expect(s.renew).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(s.renew).toHaveBeenCalledTimes(1)
    expect(await identity.idToken()).toBe(renewed.idToken)
    expect(identity.renewalDelay()).toBe(7200_000 - RENEW_BEFORE_MS - (3600_000 - RENEW_BEFORE_MS))
    identity.dispose()
  })

  it('shares one renewal between concurrent callers, and sends the user to sign in when renewal fails', async () => {
    let fail: (e: Error) => void = () => undefined
    const s = source(() => new Promise((_, reject) => (fail = reject)))
    const identity = new Identity(user(), s)
    const a = identity.renew()
    const b = identity.renew()
    fail(new Error('invalid_grant'))
    await expect(a).rejects.toThrow('invalid_grant')
    await expect(b).rejects.toThrow('invalid_grant')
    expect(s.renew).toHaveBeenCalledTimes(1)
    expect(s.expired).toHaveBeenCalledTimes(1)
    identity.dispose()
  })

  it('hands the source the user as the identity holds them now', async () => {
    const renewed = user({ exp: NOW / 1000 + 7200 })
    const s = source(async () => renewed)
    const first = user()
    const identity = new Identity(first, s)
    await identity.renew('rejected')
    await identity.renew('rejected')
    expect(s.renew.mock.calls.map(([reason, current]) => [reason, current.idToken])).toEqual([['rejected', first.idToken], ['rejected', renewed.idToken]])
    identity.dispose()
  })

  it('refuses a renewed token of another user, and renews at once when the token has already expired', async () => {
    const s = source(async () => user({ sub: 'someone-else' }))
    const identity = new Identity(user({ exp: NOW / 1000 - 1 }), s)
    await expect(identity.idToken()).rejects.toThrow('another user')
    identity.dispose()
  })

  it('renews a short-lived token halfway through its life, not at once and again without end', async () => {
    const short = (issued: number) => user({ iat: issued / 1000, exp: issued / 1000 + 240 })
    const s = source(async () => short(Date.now()))
    const identity = new Identity(short(NOW), s)
    expect(identity.renewalDelay()).toBe(120_000)
    await vi.advanceTimersByTimeAsync(119_999)
    expect(s.renew).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(s.renew).toHaveBeenCalledTimes(1)
    expect(identity.renewalDelay()).toBe(120_000)
    identity.dispose()
  })

  it('stops renewing once disposed', async () => {
    const s = source(async () => user())
    const identity = new Identity(user({ exp: NOW / 1000 + 600 }), s)
    identity.dispose()
    await vi.advanceTimersByTimeAsync(3600_000)
    expect(s.renew).not.toHaveBeenCalled()
  })
})
