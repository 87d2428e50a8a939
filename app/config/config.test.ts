import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseConfig } from './config.ts'

const shipped = JSON.parse(readFileSync(new URL('../../public/config.json', import.meta.url), 'utf8')) as Record<string, unknown>
const valid = () => JSON.parse(JSON.stringify(shipped)) as Record<string, Record<string, unknown>>

describe('config.json', () => {
  it('accepts the shipped file, relay mode by default', () => {
    expect(parseConfig(shipped)).toMatchObject({
      defaultRegion: 'us-east-2',
      regions: [],
      lightsail: { mode: 'relay', relayPath: '/aws/lightsail' },
      cognito: { endpoint: 'http://127.0.0.1:4566' },
    })
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
    ['an absolute relay path', (c) => ((c.lightsail as Record<string, unknown>).relayPath = 'https://evil.example/'), 'lightsail.relayPath: must be a path on this origin'],
    ['a protocol-relative relay path', (c) => ((c.lightsail as Record<string, unknown>).relayPath = '//evil.example/'), 'lightsail.relayPath: must be a path on this origin'],
    ['direct mode without endpoint', (c) => (c.lightsail = { mode: 'direct' }), 'lightsail.endpoint: must be a non-empty string'],
    ['a javascript: endpoint', (c) => ((c.cognito as Record<string, unknown>).endpoint = 'javascript:alert(1)'), 'cognito.endpoint: "javascript:alert(1)" must be an http(s) URL'],
    ['pollSeconds zero', (c) => (c.pollSeconds = 0), 'pollSeconds: must be a number of seconds from 1 to 3600'],
  ])('names the field for %s', (_what, spoil, message) => {
    const c = valid()
    spoil(c)
    expect(() => parseConfig(_what === 'not an object' ? [] : c)).toThrow(message)
  })
})
