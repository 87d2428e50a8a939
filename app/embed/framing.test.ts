import { describe, expect, it } from 'vitest'
import { framingOf } from './framing.ts'

const allowed = ['https://portal.example.com']

describe('who frames the page', () => {
  it('a top-level page is not framed, whatever its referrer', () => {
    expect(framingOf({ framed: false, referrer: 'https://evil.example/' }, allowed)).toEqual({ kind: 'top' })
  })

  it('an allowed portal, from ancestorOrigins, or from the referrer where the browser has no ancestorOrigins', () => {
    expect(framingOf({ framed: true, ancestorOrigins: ['https://portal.example.com'], referrer: '' }, allowed)).toEqual({ kind: 'allowed', parentOrigin: 'https://portal.example.com' })
    expect(framingOf({ framed: true, referrer: 'https://portal.example.com/ops/lens?x=1' }, allowed)).toEqual({ kind: 'allowed', parentOrigin: 'https://portal.example.com' })
    expect(framingOf({ framed: true, ancestorOrigins: [], referrer: 'https://portal.example.com/' }, allowed)).toEqual({ kind: 'allowed', parentOrigin: 'https://portal.example.com' })
  })

  it.each([
    ['another origin', { ancestorOrigins: ['https://evil.example'], referrer: '' }, 'https://evil.example'],
    ['the allowed host on another scheme', { ancestorOrigins: ['http://portal.example.com'], referrer: '' }, 'http://portal.example.com'],
    ['the allowed host on another port', { ancestorOrigins: ['https://portal.example.com:8443'], referrer: '' }, 'https://portal.example.com:8443'],
    ['a look-alike host', { ancestorOrigins: ['https://portal.example.com.evil.example'], referrer: '' }, 'https://portal.example.com.evil.example'],
    // An allowed portal framed in turn by another page: every ancestor must be allowed, as frame-ancestors checks.
    ['an allowed portal inside a foreign page', { ancestorOrigins: ['https://portal.example.com', 'https://evil.example'], referrer: '' }, 'https://evil.example'],
    ['a foreign referrer', { referrer: 'https://evil.example/portal.example.com' }, 'https://evil.example'],
  ])('refuses %s, naming the origin that is not allowed', (_name, page, blockedOrigin) => {
    expect(framingOf({ framed: true, ...page }, allowed)).toEqual({ kind: 'refused', blockedOrigin })
  })

  it.each([
    ['no referrer and no ancestorOrigins', { referrer: '' }],
    ['a sandboxed (opaque) parent', { ancestorOrigins: ['null'], referrer: '' }],
    ['a referrer that is not a URL', { referrer: 'not a url' }],
    // Without ancestorOrigins the referrer names the parent only: what is around an allowed portal cannot be checked.
    ['an allowed referrer two frames deep', { referrer: 'https://portal.example.com/', depth: 2 }],
    ['an allowed portal inside a sandboxed page', { ancestorOrigins: ['https://portal.example.com', 'null'], referrer: '' }],
  ])('refuses a parent it cannot identify: %s', (_name, page) => {
    expect(framingOf({ framed: true, ...page }, allowed)).toEqual({ kind: 'refused' })
  })

  it('refuses every frame when no portal is allowed', () => {
    expect(framingOf({ framed: true, ancestorOrigins: ['https://portal.example.com'], referrer: '' }, [])).toEqual({ kind: 'refused', blockedOrigin: 'https://portal.example.com' })
  })
})
