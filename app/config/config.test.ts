import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseConfig } from './config.ts'

const shipped = JSON.parse(readFileSync(new URL('../../public/config.json', import.meta.url), 'utf8')) as Record<string, unknown>
/** The shipped file with Cognito reached directly (at the emulator) rather than through its relay. */
const valid = () => {
  const c = JSON.parse(JSON.stringify(shipped)) as Record<string, Record<string, unknown>>
  delete c.cognito!.relayPath
  c.cognito!.endpoint = 'http://127.0.0.1:4566'
  return c
}

describe('config.json', () => {
  it('accepts the shipped file: both services through same-origin relays', () => {
    expect(parseConfig(shipped)).toMatchObject({
      defaultRegion: 'us-east-2',
      regions: [],
      lightsail: { mode: 'relay', relayPath: '/aws/lightsail' },
      cognito: { relayPath: '/aws/cognito-identity' },
    })
    expect(parseConfig(valid()).cognito).toMatchObject({ endpoint: 'http://127.0.0.1:4566' })
  })

  it('fills defaults and accepts direct mode', () => {
    const c = valid()
    delete c.lightsail
    delete c.pollSeconds
    expect(parseConfig(c)).toMatchObject({ lightsail: { mode: 'relay', relayPath: '/aws/lightsail' }, pollSeconds: 10 })
    expect(parseConfig({ ...valid(), lightsail: { mode: 'direct', endpoint: 'https://lightsail.example.com' } }).lightsail).toEqual({
      mode: 'direct',
      endpoint: 'https://lightsail.example.com',
    })
  })

  it.each<[string, (c: Record<string, Record<string, unknown> | unknown>) => void, string]>([
    ['not an object', () => undefined, 'config.json: must be an object'],
    ['no cognito', (c) => delete c.cognito, 'cognito: must be an object'],
    ['a bad pool id', (c) => ((c.cognito as Record<string, unknown>).identityPoolId = 'pool'), 'cognito.identityPoolId: "pool" is not an identity pool id'],
    ['a bad region', (c) => (c.defaultRegion = 'Ohio'), 'defaultRegion: "Ohio" is not a region name'],
    ['a default outside the allow-list', (c) => (c.regions = ['eu-west-1']), 'defaultRegion: "us-east-2" is not in regions'],
    ['regions not a list', (c) => (c.regions = 'eu-west-1'), 'regions: must be a list'],
    ['an unknown mode', (c) => ((c.lightsail as Record<string, unknown>).mode = 'proxy'), 'lightsail.mode: must be "relay" or "direct"'],
    ['an absolute relay path', (c) => ((c.lightsail as Record<string, unknown>).relayPath = 'https://evil.example/'), 'lightsail.relayPath: "https://evil.example/" must be a path on this origin'],
    ['a protocol-relative relay path', (c) => ((c.lightsail as Record<string, unknown>).relayPath = '//evil.example/'), 'lightsail.relayPath: "//evil.example/" must be a path on this origin'],
    ['direct mode without endpoint', (c) => (c.lightsail = { mode: 'direct' }), 'lightsail.endpoint: must be a non-empty string'],
    ['a javascript: endpoint', (c) => ((c.cognito as Record<string, unknown>).endpoint = 'javascript:alert(1)'), 'cognito.endpoint: "javascript:alert(1)" must be an https: URL'],
    ['pollSeconds zero', (c) => (c.pollSeconds = 0), 'pollSeconds: must be a number of seconds from 1 to 3600'],
  ])('names the field for %s', (_what, spoil, message) => {
    const c = valid()
    spoil(c)
    expect(() => parseConfig(_what === 'not an object' ? [] : c)).toThrow(message)
  })

  // The browser's URL parser reads "\" as "/" and drops tabs and newlines: each of these would send signed requests
  // and the session token to evil.example if it passed.
  it.each([
    ['/\\evil.example', 'must not contain a backslash'],
    ['/\\/evil.example', 'must not contain a backslash'],
    ['/\t/evil.example', 'must not contain control characters'],
    ['/\n/evil.example', 'must not contain control characters'],
    ['/\r/evil.example', 'must not contain control characters'],
    ['/\u0000/evil.example', 'must not contain control characters'],
    ['/ /evil.example', 'must not contain whitespace'],
    ['/\u00a0/evil.example', 'must not contain'],
    ['//evil.example', 'must be a path on this origin'],
    ['https://evil.example', 'must be a path on this origin'],
    ['evil.example', 'must be a path on this origin'],
    ['/.//evil.example', 'must be a plain path'],
    ['/aws/../evil', 'must be a plain path'],
    ['/aws/%2e%2e/evil', 'must be a plain path'],
    ['/aws?next=//evil.example', 'must be a plain path'],
    ['/aws#x', 'must be a plain path'],
  ])('refuses the relay path %j, naming the field and the rule', (relayPath, rule) => {
    for (const field of ['lightsail', 'cognito'] as const) {
      const c = valid()
      if (field === 'cognito') delete c.cognito!.endpoint
      c[field]!.relayPath = relayPath
      expect(() => parseConfig(c)).toThrow(`${field}.relayPath: ${JSON.stringify(relayPath)} ${rule}`)
    }
  })

  it('accepts the Cognito relay and refuses it beside an endpoint', () => {
    const c = valid()
    c.cognito!.relayPath = '/aws/cognito-identity'
    expect(() => parseConfig(c)).toThrow('cognito.relayPath: cannot be set with cognito.endpoint')
    delete c.cognito!.endpoint
    expect(parseConfig(c).cognito.relayPath).toBe('/aws/cognito-identity')
  })

  it.each([
    ['http://cognito.example.com', 'must be https:'],
    ['http://10.0.0.5:4566', 'must be https:'],
    ['https://user:secret@cognito.example.com', 'must not carry a user name or password'],
    ['https://cognito.example.com/?x=1', 'must not carry a query or fragment'],
    ['ftp://cognito.example.com', 'must be an https: URL'],
    ['not a url', 'is not a URL'],
  ])('refuses the endpoint %j: off loopback only https', (endpoint, rule) => {
    const c = valid()
    c.cognito!.endpoint = endpoint
    expect(() => parseConfig(c)).toThrow(`cognito.endpoint: "${endpoint}" ${rule}`)
    expect(() => parseConfig({ ...valid(), lightsail: { mode: 'direct', endpoint } })).toThrow(`lightsail.endpoint: "${endpoint}" ${rule}`)
  })

  it('accepts http on loopback, for the emulator', () => {
    for (const endpoint of ['http://127.0.0.1:4566', 'http://localhost:4566', 'http://[::1]:4566']) {
      const c = valid()
      c.cognito!.endpoint = endpoint
      expect(parseConfig(c).cognito.endpoint).toBe(endpoint)
    }
  })

  it.each([
    [{ pollSecond: 5 }, 'pollSecond: is not a field Snapshot Lens knows; did you mean "pollSeconds"?'],
    [{ Regions: [] }, 'Regions: is not a field Snapshot Lens knows; did you mean "regions"?'],
    [{ cognito: { region: 'us-east-2', identityPoolId: 'us-east-2:1', endpiont: 'https://x.example' } }, 'cognito.endpiont: is not a field Snapshot Lens knows; did you mean "endpoint"?'],
    [{ lightsail: { mode: 'relay', relaypath: '/x' } }, 'lightsail.relaypath: is not a field Snapshot Lens knows; did you mean "relayPath"?'],
    [{ somethingElse: true }, 'somethingElse: is not a field Snapshot Lens knows. Known here:'],
  ])('names an unknown or misspelt field: %j', (extra, message) => {
    expect(() => parseConfig({ ...valid(), ...extra })).toThrow(message)
  })

  it('refuses an endpoint in relay mode and a relay path in direct mode', () => {
    expect(() => parseConfig({ ...valid(), lightsail: { mode: 'relay', endpoint: 'https://x.example' } })).toThrow('lightsail.endpoint: is for direct mode only')
    expect(() => parseConfig({ ...valid(), lightsail: { mode: 'direct', endpoint: 'https://x.example', relayPath: '/x' } })).toThrow('lightsail.relayPath: is for relay mode only')
  })
})

describe('config.json auth', () => {
  const withAuth = (auth: unknown) => ({ ...valid(), auth })
  const cognitoPool = 'https://cognito-idp.us-east-2.amazonaws.com/us-east-2_Ab12Cd34E'

  it('accepts a Cognito user pool, with openid profile email scopes by default', () => {
    expect(parseConfig(withAuth({ authority: cognitoPool, clientId: '4f8a2b1c9d', logoutUrl: 'https://lens.auth.us-east-2.amazoncognito.com/logout?client_id=4f8a2b1c9d&logout_uri=https%3A%2F%2Fops.example.com%2F' })).auth).toEqual({
      authority: cognitoPool,
      clientId: '4f8a2b1c9d',
      scopes: 'openid profile email',
      logoutUrl: 'https://lens.auth.us-east-2.amazoncognito.com/logout?client_id=4f8a2b1c9d&logout_uri=https%3A%2F%2Fops.example.com%2F',
    })
    expect(parseConfig(withAuth({ authority: 'http://127.0.0.1:4566/oidc', clientId: 'snapshot-lens', scopes: 'openid email', redirectPath: '/lens/', loginsKey: '127.0.0.1:4566/oidc' })).auth).toMatchObject({
      scopes: 'openid email',
      redirectPath: '/lens/',
      loginsKey: '127.0.0.1:4566/oidc',
    })
    const guests = valid()
    delete guests.auth
    expect(parseConfig(guests).auth).toBeUndefined()
  })

  it.each<[unknown, string]>([
    [{ clientId: 'x' }, 'auth.authority: must be a non-empty string'],
    [{ authority: 'http://idp.example.com', clientId: 'x' }, 'auth.authority: "http://idp.example.com" must be https:'],
    [{ authority: cognitoPool, clientId: 'a b' }, 'auth.clientId: "a b" is not a client id'],
    [{ authority: cognitoPool, clientId: 'x', scopes: 'email profile' }, 'auth.scopes: must include openid'],
    [{ authority: cognitoPool, clientId: 'x', redirectPath: '/\\evil.example' }, 'auth.redirectPath: "/\\\\evil.example" must not contain a backslash'],
    [{ authority: cognitoPool, clientId: 'x', loginsKey: 'https://cognito-idp.example/x' }, 'auth.loginsKey: "https://cognito-idp.example/x" is not a logins key'],
    [{ authority: cognitoPool, clientId: 'x', logoutUrl: 'http://evil.example/logout' }, 'auth.logoutUrl: "http://evil.example/logout" must be https:'],
    [{ authority: cognitoPool, clientId: 'x', clientSecret: 's3cret' }, 'auth.clientSecret: is not a field Snapshot Lens knows'],
    ['yes', 'auth: must be an object'],
  ])('refuses %j, naming the field', (auth, message) => {
    expect(() => parseConfig(withAuth(auth))).toThrow(message)
  })
})

describe('config.json embed', () => {
  const withEmbed = (embed: unknown) => ({ ...valid(), embed })

  it('lists exact portal origins, and allows none by default', () => {
    expect(parseConfig(withEmbed({ allowedOrigins: ['https://portal.example.com', 'https://ops.example.com:8443', 'http://127.0.0.1:5174'] })).embed).toEqual({
      allowedOrigins: ['https://portal.example.com', 'https://ops.example.com:8443', 'http://127.0.0.1:5174'],
    })
    const none = valid()
    delete none.embed
    expect(parseConfig(none).embed).toEqual({ allowedOrigins: [] })
    expect(parseConfig(withEmbed({})).embed).toEqual({ allowedOrigins: [] })
  })

  it('names the client ids of portals\' own sign-ins, whose ID tokens a portal may hand over', () => {
    expect(parseConfig(withEmbed({ allowedOrigins: ['https://portal.example.com'], clientIds: ['ops-portal', '1a2b3c4d5e6f7g8h9i0j'] })).embed).toEqual({
      allowedOrigins: ['https://portal.example.com'],
      clientIds: ['ops-portal', '1a2b3c4d5e6f7g8h9i0j'],
    })
  })

  it.each<[unknown, string]>([
    [{ allowedOrigins: ['*'] }, 'embed.allowedOrigins[0]'],
    [{ allowedOrigins: ['https://*.example.com'] }, 'embed.allowedOrigins[0]'],
    [{ allowedOrigins: ['https://portal.example.com/'] }, 'no path or trailing slash'],
    [{ allowedOrigins: ['https://portal.example.com/ops'] }, 'not an exact origin'],
    [{ allowedOrigins: ['http://portal.example.com'] }, 'must be https'],
    [{ allowedOrigins: ['null'] }, 'not an origin'],
    [{ allowedOrigins: ['javascript:alert(1)'] }, 'embed.allowedOrigins[0]'],
    [{ allowedOrigins: ['https://user:pw@portal.example.com'] }, 'not an exact origin'],
    [{ allowedOrigins: ['HTTPS://PORTAL.EXAMPLE.COM'] }, 'not an exact origin'],
    [{ allowedOrigins: [42] }, 'embed.allowedOrigins[0]'],
    [{ allowedOrigins: 'https://portal.example.com' }, 'must be a list of origins'],
    [{ allowedOrigin: [] }, 'allowedOrigin'],
    [{ clientIds: 'ops-portal' }, 'embed.clientIds: must be a list of client ids'],
    [{ clientIds: ['ops portal'] }, 'embed.clientIds[0]: "ops portal" is not a client id'],
    [{ clientIds: [7] }, 'embed.clientIds[0]'],
    ['https://portal.example.com', 'embed'],
  ])('refuses %j, naming %j', (embed, named) => {
    expect(() => parseConfig(withEmbed(embed))).toThrow(named)
  })
})
