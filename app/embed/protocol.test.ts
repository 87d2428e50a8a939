import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkMessage, envelope, THEME_TOKENS, type Supports } from './protocol.ts'

const parent = { name: 'the parent window' }
const sibling = { name: 'another window' }
const PORTAL = 'https://portal.example.com'
/** What CSS.supports says for the few values these tests use. */
const supports: Supports = (property, value) =>
  /^(var|attr|env|calc)\(/.test(value) ||
  property === 'color'
    ? /^(#[0-9a-f]{3,8}|red|rebeccapurple|rgb\([\d\s,]+\)|url\(.*\))$/i.test(value)
    : property === 'border-radius' || property === 'gap'
      ? /^\d+(\.\d+)?(px|rem|em)?$/.test(value)
      : property === 'font-family'
        ? /^[\w\s,'"-]+$/.test(value)
        : false
const check = (data: unknown, from: { origin?: string; source?: unknown } = {}) =>
  checkMessage({ origin: from.origin ?? PORTAL, source: from.source === undefined ? parent : from.source, data }, { parent, allowedOrigins: [PORTAL], supports })
const message = (type: string, payload?: unknown, extra: Record<string, unknown> = {}) => ({ protocol: 'snapshot-lens', version: 1, type, payload, ...extra })
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const TOKEN = `${b64({ alg: 'RS256' })}.${b64({ sub: 'u', iss: 'https://idp.example.com', exp: 2e9 })}.c2ln`

describe('the messages a portal may send', () => {
  it('accepts a token, a navigation and a theme, exactly as documented', () => {
    expect(check(message('token', { idToken: TOKEN }, { id: 'req-1' }))).toEqual({ ok: true, message: { type: 'token', id: 'req-1', idToken: TOKEN } })
    expect(check(message('navigate', { region: 'eu-west-1', snapshot: 'web-1-backup' }))).toEqual({
      ok: true,
      message: { type: 'navigate', id: undefined, view: { region: 'eu-west-1', snapshot: 'web-1-backup' } },
    })
    const filters = check(message('navigate', { region: 'us-east-2', q: 'web', state: 'pending', olderThan: 90, sort: '-created', group: 'instance' }))
    expect(filters).toMatchObject({ ok: true, message: { view: { region: 'us-east-2', q: 'web', state: 'pending', olderThan: 90, group: 'instance' } } })
    expect(check(message('navigate', {}))).toMatchObject({ ok: true, message: { view: {} } })
    expect(check(message('theme', { mode: 'dark', tokens: { '--sl-accent': '#7b2cbf', '--sl-radius': '0', '--sl-font': 'Georgia, serif' } }))).toEqual({
      ok: true,
      message: { type: 'theme', id: undefined, mode: 'dark', tokens: { '--sl-accent': '#7b2cbf', '--sl-radius': '0', '--sl-font': 'Georgia, serif' } },
    })
    expect(check(message('theme', { mode: 'system' }))).toEqual({ ok: true, message: { type: 'theme', id: undefined, mode: 'system', tokens: {} } })
  })

  it('ignores messages from an origin that is not allowed, whatever they say', () => {
    for (const origin of ['https://evil.example', 'http://portal.example.com', 'https://portal.example.com:444', 'null', '']) {
      expect(check(message('token', { idToken: TOKEN }), { origin })).toMatchObject({ ok: false, reason: 'origin' })
    }
  })

  it('ignores messages from any window but the parent, even from the allowed origin', () => {
    expect(check(message('navigate', { region: 'eu-west-1' }), { source: sibling })).toMatchObject({ ok: false, reason: 'source' })
    expect(check(message('navigate', { region: 'eu-west-1' }), { source: null })).toMatchObject({ ok: false, reason: 'source' })
  })

  it.each<[string, unknown]>([
    ['a string', 'navigate'],
    ['null', null],
    ['a number', 1],
    ['an array', [message('navigate')]],
    ['another protocol', { ...message('navigate'), protocol: 'snapshot-lens-2' }],
    ['no protocol', { version: 1, type: 'navigate' }],
    ['a version as a string', { ...message('navigate'), version: '1' }],
    ['a fractional version', { ...message('navigate'), version: 1.5 }],
    ['a type that is not a string', { ...message('navigate'), type: ['navigate'] }],
    ['an id that is not a string', message('navigate', {}, { id: 7 })],
    ['a long id', message('navigate', {}, { id: 'x'.repeat(101) })],
    ['an object with another prototype', Object.assign(Object.create({ polluted: true }), message('navigate'))],
  ])('ignores %s as no Snapshot Lens envelope', (_name, data) => {
    expect(check(data)).toMatchObject({ ok: false, reason: 'envelope' })
  })

  it('ignores other versions, and says which it speaks', () => {
    expect(check({ ...message('navigate', { region: 'eu-west-1' }), version: 2 })).toEqual({ ok: false, reason: 'version', detail: 'version 2 (this app speaks 1)' })
    expect(check({ ...message('navigate'), version: 0 })).toMatchObject({ ok: false, reason: 'version' })
  })

  it('ignores unknown types, including the ones the app sends', () => {
    for (const type of ['delete', 'ready', 'resize', 'token-request', 'TOKEN', '__proto__', 'constructor']) {
      expect(check(message(type, {}))).toMatchObject({ ok: false, reason: 'type' })
    }
  })

  it.each<[string, unknown]>([
    ['a payload that is a string', message('navigate', 'region=eu-west-1')],
    ['a payload that is an array', message('navigate', ['eu-west-1'])],
    ['a URL to navigate to', message('navigate', { url: 'https://evil.example/' })],
    ['an unknown navigation field', message('navigate', { region: 'eu-west-1', embed: '0' })],
    ['an unknown region', message('navigate', { region: 'mars-1' })],
    ['a region outside Lightsail', message('navigate', { region: 'us-west-1' })],
    ['a snapshot name with markup', message('navigate', { snapshot: '<img src=x onerror=alert(1)>' })],
    ['a snapshot name that is too long', message('navigate', { snapshot: 'a'.repeat(300) })],
    ['a filter that is not a string', message('navigate', { q: { toString: 'x' } })],
    ['a state that is no state name', message('navigate', { state: 'Pending; drop' })],
    ['an age that is not a number of days', message('navigate', { olderThan: 'ninety' })],
    ['an unknown sort key', message('navigate', { sort: 'secret' })],
    ['a token that is not a JWT', message('token', { idToken: 'not a token' })],
    ['a token that is not a string', message('token', { idToken: 42 })],
    ['a huge token', message('token', { idToken: `${'a'.repeat(20_000)}.b.c` })],
    ['a token with more fields', message('token', { idToken: TOKEN, refreshToken: 'r' })],
    ['no token', message('token', {})],
    ['an unknown theme mode', message('theme', { mode: 'sepia' })],
    ['no theme mode', message('theme', { tokens: {} })],
    ['tokens that are not an object', message('theme', { mode: 'dark', tokens: ['--sl-accent'] })],
    ['an undocumented custom property', message('theme', { mode: 'dark', tokens: { '--sl-secret': 'red' } })],
    ['a plain CSS property', message('theme', { mode: 'dark', tokens: { color: 'red' } })],
    ['a prototype key', message('theme', { mode: 'dark', tokens: JSON.parse('{"__proto__": "red"}') })],
    ['a value the property does not take', message('theme', { mode: 'dark', tokens: { '--sl-accent': '12px' } })],
    ['a value that loads something', message('theme', { mode: 'dark', tokens: { '--sl-bg': 'url(https://evil.example/pixel)' } })],
    ['a value that ends the declaration', message('theme', { mode: 'dark', tokens: { '--sl-accent': 'red; background: url(x)' } })],
    ['a value that is not a string', message('theme', { mode: 'dark', tokens: { '--sl-accent': 0 } })],
    ['a var() whose fallback is not a colour', message('theme', { mode: 'dark', tokens: { '--sl-bg': 'var(--x, linear-gradient(red, blue))' } })],
    ['an attr()', message('theme', { mode: 'dark', tokens: { '--sl-bg': 'attr(data-x)' } })],
    ['an env()', message('theme', { mode: 'dark', tokens: { '--sl-gap': 'env(safe-area-inset-top)' } })],
    ['a huge gap', message('theme', { mode: 'dark', tokens: { '--sl-gap': '1000000000px' } })],
    ['a computed gap', message('theme', { mode: 'dark', tokens: { '--sl-gap': 'calc(100vh * 1000)' } })],
    ['an unknown theme field', message('theme', { mode: 'dark', css: 'body{}' })],
  ])('ignores %s as a wrong payload', (_name, data) => {
    expect(check(data)).toMatchObject({ ok: false, reason: 'payload' })
  })

  it('documents a CSS property for every theme token, and every token is a --sl- custom property', () => {
    for (const [name, property] of Object.entries(THEME_TOKENS)) {
      expect(name).toMatch(/^--sl-[a-z-]+$/)
      expect(['color', 'border-radius', 'gap', 'font-family']).toContain(property)
    }
    const docs = readFileSync(new URL('../../docs/embedding.md', import.meta.url), 'utf8')
    for (const name of Object.keys(THEME_TOKENS)) expect(docs).toContain(`\`${name}\``)
  })
})

describe('the messages the app sends', () => {
  it('are in the envelope, with their payload', () => {
    expect(envelope('resize', { height: 812 })).toEqual({ protocol: 'snapshot-lens', version: 1, type: 'resize', payload: { height: 812 } })
    expect(envelope('token-request', { reason: 'expiring' }, 'r1')).toEqual({ protocol: 'snapshot-lens', version: 1, type: 'token-request', id: 'r1', payload: { reason: 'expiring' } })
  })

  it('go to one origin: no postMessage to "*" anywhere in what the browser runs', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name)
        return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx|js)$/.test(name) ? [path] : []
      })
    const root = new URL('../../', import.meta.url).pathname
    const sources = [...files(join(root, 'app')), ...files(join(root, 'public')), ...files(join(root, 'scripts/demo-portal'))]
    expect(sources.length).toBeGreaterThan(50)
    const offenders = sources.filter((file) => /postMessage\([^)]*['"`]\*['"`]\s*\)/.test(readFileSync(file, 'utf8')) && !file.endsWith('protocol.test.ts'))
    expect(offenders).toEqual([])
  })
})
