// The seeded users of the emulator's OpenID provider: development only, one password for all. Their groups decide the
// role the seeded identity pool gives them, as a Cognito user pool group and a role mapping would.
export const SEEDED_PASSWORD = 'snapshot-lens'

export interface User {
  /** The login name, and the `cognito:username` claim. */
  username: string
  /** The stable subject (`sub`), as a user pool issues one. */
  sub: string
  name: string
  email: string
  /** `cognito:groups`: the identity pool's role rules read these. */
  groups: string[]
}

export const USERS: User[] = [
  { username: 'alice', sub: '7d5a1c2e-0b3f-4e61-9a8d-1f2e3c4b5a60', name: 'Alice Adams', email: 'alice@example.com', groups: ['lightsail-readers'] },
  { username: 'bob', sub: 'b0b2c3d4-5e6f-4a1b-8c9d-0e1f2a3b4c5d', name: 'Bob Brown', email: 'bob@example.com', groups: ['lightsail-readers-ohio'] },
  { username: 'carol', sub: 'ca201a5e-9f8e-4d7c-b6a5-4f3e2d1c0b9a', name: 'Carol Clark', email: 'carol@example.com', groups: [] },
  // A role from before the snapshot's context was read: snapshots only (the three first reads).
  { username: 'dave', sub: 'da7e0b1c-2d3e-4f5a-8b6c-7d8e9f0a1b2c', name: 'Dave Davis', email: 'dave@example.com', groups: ['lightsail-snapshot-readers'] },
]

export function findUser(username: string): User | undefined {
  return USERS.find((u) => u.username === username)
}

export function findUserBySub(sub: string): User | undefined {
  return USERS.find((u) => u.sub === sub)
}

export function passwordMatches(user: User | undefined, password: string): boolean {
  return user !== undefined && password === SEEDED_PASSWORD
}

/** The claims an ID token carries for a user, beyond iss, aud, exp and iat. */
export function idTokenClaims(user: User): Record<string, unknown> {
  return {
    sub: user.sub,
    token_use: 'id',
    'cognito:username': user.username,
    'cognito:groups': user.groups,
    name: user.name,
    email: user.email,
    email_verified: true,
  }
}
