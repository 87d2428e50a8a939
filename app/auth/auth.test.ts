// Sign-in's pure parts: reading ID tokens and the stored user (in the library's own format), the logins key, the
// return URL, and the renewal schedule of an identity.
import { User } from 'oidc-client-ts'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Identity, RENEW_BEFORE_MS } from './identity.ts'
import { safeReturn } from './return-url.ts'
import { readStoredUser, storageKey, tokenUsable, userFromStorage, type SignedInUser } from './stored-user.ts'
import { displayName, loginsKey, readIdToken } from './token.ts'

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const jwt = (claims: Record<string, unknown>) => `${b64({ alg: 'RS256', kid: 'k' })}.${b64(claims)}.signature`
const NOW = Date.UTC(2026, 10, 27, 12, 0, 0)
const claims = (extra: Record<string, unknown> = {}) => ({
  sub: 'user-1',
  iss: 'https://cognito-idp.us-east-2.amazonaws.com/us-east-2_Ab12Cd34E',
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
  it('is read from exactly what oidc-client-ts stores, under its key', () => {
    const stored = new User({ id_token: jwt(claims()), refresh_token: 'r1', access_token: 'a1', token_type: 'Bearer', profile: claims() as never, expires_at: NOW / 1000 + 3600 })
    const auth = { authority: 'http://127.0.0.1:4566/oidc', clientId: 'snapshot-lens' }
    expect(storageKey(auth)).toBe('oidc.user:http://127.0.0.1:4566/oidc:snapshot-lens')
    const storage = new Map([[storageKey(auth), stored.toStorageString()]])
    const read = readStoredUser(auth, { getItem: (k) => storage.get(k) ?? null })
    expect(read).toMatchObject({ idToken: stored.id_token, hasRefreshToken: true, claims: { sub: 'user-1' } })
    expect(userFromStorage(new User({ id_token: jwt(claims()), access_token: 'a', token_type: 'Bearer', profile: claims() as never }).toStorageString())?.hasRefreshToken).toBe(false)
    for (const bad of [null, '', '{', '{"access_token":"a"}', '{"id_token":"not-a-jwt"}']) expect(userFromStorage(bad)).toBeUndefined()
  })

  it('serves while its ID token holds for more than a minute', () => {
    expect(tokenUsable(user(), NOW)).toBe(true)
    expect(tokenUsable(user(), NOW + 3600_000 - 61_000)).toBe(true)
    expect(tokenUsable(user(), NOW + 3600_000 - 59_000)).toBe(false)
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

  const source = (next: () => Promise<SignedInUser>) => ({ renew: vi.fn(next), expired: vi.fn() })

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
