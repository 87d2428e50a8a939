import { describe, expect, it } from 'vitest'
import type { AppErrorKind } from '../aws/errors.ts'
import { errorCopy } from './error-copy.ts'

const kinds: AppErrorKind[] = ['not-found', 'invalid-input', 'access-denied', 'unauthenticated', 'account-setup', 'region-setup', 'operation-failure', 'service', 'throttled', 'network', 'credentials', 'unknown']
const context = { region: 'eu-north-1', name: 'web-1', action: 'GetInstanceSnapshot' }

describe('error copy', () => {
  it('gives every kind its own title, an explanation and a next step', () => {
    const titles = kinds.map((k) => errorCopy(k, context).title)
    expect(new Set(titles).size).toBe(kinds.length)
    for (const k of kinds) {
      const copy = errorCopy(k, context)
      expect(copy.explanation.length).toBeGreaterThan(20)
      expect(copy.nextStep.length).toBeGreaterThan(20)
    }
  })

  it('names the missing IAM action for access denied, and the region for not found', () => {
    expect(errorCopy('access-denied', context).nextStep).toContain('lightsail:GetInstanceSnapshot')
    expect(errorCopy('not-found', context).title).toBe('No snapshot named web-1 in eu-north-1')
  })

  it('offers a retry only where trying again can help', () => {
    const noRetry = kinds.filter((k) => !errorCopy(k, context).retry)
    expect(noRetry).toEqual(['not-found', 'invalid-input', 'access-denied'])
  })
})
