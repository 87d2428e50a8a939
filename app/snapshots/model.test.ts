import { describe, expect, it } from 'vitest'
import { cliCommand, rawResponseJson } from './model.ts'

describe('snapshot header model', () => {
  it('writes the equivalent CLI command, quoting only what needs it', () => {
    expect(cliCommand('us-east-2', 'web-1-backup')).toBe('aws lightsail get-instance-snapshot --instance-snapshot-name web-1-backup --region us-east-2')
    expect(cliCommand('us-east-2', "it's; rm -rf /")).toBe(`aws lightsail get-instance-snapshot --instance-snapshot-name 'it'\\''s; rm -rf /' --region us-east-2`)
  })

  it('serializes the raw response with ISO timestamps', () => {
    const json = JSON.parse(rawResponseJson({ name: 'a1', createdAt: new Date('2026-11-24T02:16:03.471Z') }))
    expect(json).toEqual({ instanceSnapshot: { name: 'a1', createdAt: '2026-11-24T02:16:03.471Z' } })
  })
})
