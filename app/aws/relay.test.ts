// The app's half of the relay: where signed requests are sent. Signed requests carry the session token, so the relay
// URL must never leave the app's origin, whatever config.json says. (The server half is tested in
// scripts/vite-relay.test.ts, with this middleware on a real client.)
import { describe, expect, it } from 'vitest'
import { relayUrlFor } from './relay.ts'

describe('relayUrlFor', () => {
  it('builds the relay URL on the app origin', () => {
    expect(relayUrlFor('https://ops.example.com', '/aws/lightsail/', 'eu-west-1').href).toBe('https://ops.example.com/aws/lightsail/eu-west-1/')
    expect(relayUrlFor('http://127.0.0.1:5173', '/relay/ls', 'us-east-2').href).toBe('http://127.0.0.1:5173/relay/ls/us-east-2/')
  })

  it.each([
    ['a backslash', '/\\evil.example'],
    ['a tab', '/\t/evil.example'],
    ['a newline', '/\n/evil.example'],
    ['a carriage return', '/\r/evil.example'],
    ['a protocol-relative path', '//evil.example'],
    ['an absolute URL', 'https://evil.example/'],
    ['a scheme-relative trick', '/.//evil.example'],
    ['a space', '/ /evil.example'],
    ['a dot segment', '/aws/../../evil'],
    ['an encoded dot segment', '/aws/%2e%2e/x'],
    ['a query', '/aws?x=1'],
  ])('refuses a relay path with %s, so no signed request can leave the origin', (_what, path) => {
    expect(() => relayUrlFor('https://ops.example.com', path, 'us-east-2')).toThrow()
  })

  it('refuses a region that is not a region name (it becomes part of the path)', () => {
    for (const region of ['us-east-2/../..', 'evil.example', '', 'US-EAST-2']) {
      expect(() => relayUrlFor('https://ops.example.com', '/aws/lightsail', region)).toThrow(/not a region name/)
    }
  })
})
