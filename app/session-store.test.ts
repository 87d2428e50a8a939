// The session lifecycle: a change of user or a sign-out drops the AWS session and the whole query cache at once; the
// same user keeps theirs.
import { describe, expect, it, vi } from 'vitest'
import { Identity } from './auth/identity.ts'
import { parseConfig } from './config/config.ts'
import { SessionStore } from './session-store.ts'

const config = parseConfig({ defaultRegion: 'us-east-2', cognito: { region: 'us-east-2', identityPoolId: 'us-east-2:1234abcd' } })
const token = (sub: string) => `${Buffer.from('{}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub, iss: 'https://idp.example', exp: Date.now() / 1000 + 3600 })).toString('base64url')}.s`
const identity = (sub: string) =>
  new Identity({ idToken: token(sub), claims: { sub, iss: 'https://idp.example', exp: Date.now() / 1000 + 3600 }, hasRefreshToken: true }, { renew: () => Promise.reject(new Error('no')), expired: () => undefined })

function watched(store: SessionStore) {
  const session = store.current()
  if (session.kind === 'none') throw new Error('no session')
  session.queryClient.setQueryData(['lightsail', 'us-east-2', 'instanceSnapshot', 'web-1'], { secret: session.key })
  return { session, dispose: vi.spyOn(session.aws, 'dispose'), cached: () => session.queryClient.getQueryCache().getAll().length }
}

describe('the session store', () => {
  it('gives each user a session of their own, dropping the previous one and everything it read', () => {
    const store = new SessionStore(config, 'https://ops.example.com')
    const seen = vi.fn()
    store.subscribe(seen)
    store.startUser(identity('alice'))
    const alice = watched(store)
    expect(alice.cached()).toBe(1)
    store.startUser(identity('bob'))
    const bob = store.current()
    expect(bob.kind === 'user' && bob.identity.userId).toBe('bob')
    expect(bob.key).not.toBe(alice.session.key)
    expect(alice.dispose).toHaveBeenCalledTimes(1)
    expect(alice.cached()).toBe(0)
    expect(bob.kind !== 'none' && bob.queryClient).not.toBe(alice.session.queryClient)
    expect(seen).toHaveBeenCalledTimes(2)
  })

  it('keeps the session of the same user (a renewed token is not another identity)', () => {
    const store = new SessionStore(config, 'https://ops.example.com')
    store.startUser(identity('alice'))
    const first = watched(store)
    store.startUser(identity('alice'))
    expect(store.current()).toBe(first.session)
    expect(first.dispose).not.toHaveBeenCalled()
    expect(first.cached()).toBe(1)
  })

  it('drops everything on sign-out, and starts guests clean', () => {
    const store = new SessionStore(config, 'https://ops.example.com')
    store.startGuest()
    const guest = watched(store)
    store.end('signed-out')
    expect(store.current()).toMatchObject({ kind: 'none', reason: 'signed-out' })
    expect(guest.dispose).toHaveBeenCalledTimes(1)
    expect(guest.cached()).toBe(0)
    store.startGuest()
    const next = store.current()
    expect(next.kind !== 'none' && next.queryClient.getQueryCache().getAll()).toEqual([])
  })
})
