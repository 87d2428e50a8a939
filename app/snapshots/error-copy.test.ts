import { describe, expect, it } from 'vitest'
import type { AppErrorKind, AppErrorSource } from '../aws/errors.ts'
import { errorCopy } from './error-copy.ts'

const kinds: AppErrorKind[] = [
  'not-found', 'invalid-input', 'access-denied', 'unauthenticated', 'account-setup', 'region-setup', 'operation-failure',
  'service', 'throttled', 'network', 'timeout', 'relay', 'malformed', 'credentials', 'unknown',
]
const context = { region: 'eu-north-1', name: 'web-1', action: 'GetInstanceSnapshot' }
const copy = (kind: AppErrorKind, source: AppErrorSource = 'lightsail') => errorCopy({ kind, source }, context)

describe('error copy', () => {
  it('gives every kind its own title, an explanation and a next step', () => {
    const titles = kinds.map((k) => copy(k).title)
    expect(new Set(titles).size).toBe(kinds.length)
    for (const k of kinds) {
      expect(copy(k).explanation.length).toBeGreaterThan(20)
      expect(copy(k).nextStep.length).toBeGreaterThan(20)
    }
  })

  it('names the missing IAM action for access denied, and the region for not found', () => {
    expect(copy('access-denied').nextStep).toContain('lightsail:GetInstanceSnapshot')
    expect(copy('not-found').title).toBe('No snapshot named web-1 in eu-north-1')
  })

  it('offers a retry only where trying again can help', () => {
    expect(kinds.filter((k) => !copy(k).retry)).toEqual(['not-found', 'invalid-input', 'access-denied', 'relay'])
  })

  it('names Cognito failures as the sign-in service\'s, never as Lightsail\'s', () => {
    for (const kind of ['service', 'throttled', 'network', 'timeout', 'malformed', 'credentials', 'unknown'] as const) {
      const text = Object.values(copy(kind, 'cognito')).join(' ')
      expect(copy(kind, 'cognito').title, kind).toMatch(/sign-in service|getting credentials/)
      expect(text, kind).not.toMatch(/Lightsail/)
      expect(text, kind).toMatch(/Cognito/)
    }
    expect(copy('service', 'cognito').title).toBe('The sign-in service is having trouble')
    expect(copy('service').title).toBe('Lightsail is having trouble')
  })

  it('says how long it waited before giving up', () => {
    expect(copy('timeout').explanation).toContain('20 seconds')
  })
})
