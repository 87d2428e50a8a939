import { describe, expect, it } from 'vitest'
import { nameProblem, NAME_RULE } from './names.ts'

describe('snapshot names', () => {
  it.each(['web-1-backup', 'a1', 'A_b-C', 'x'.repeat(255), '__'])('accepts %j', (name) => {
    expect(nameProblem(name)).toBeUndefined()
  })

  it('explains each way a name can be wrong, with the rule', () => {
    expect(nameProblem('')).toBe('Enter a snapshot name.')
    expect(nameProblem('   ')).toBe('Enter a snapshot name.')
    expect(nameProblem('a')).toBe(`"a" is too short: ${NAME_RULE}`)
    expect(nameProblem('-web')).toBe(`"-web" starts or ends with a hyphen. ${NAME_RULE}`)
    expect(nameProblem('web-')).toContain('starts or ends with a hyphen')
    expect(nameProblem('web 1.backup')).toBe(`"web 1.backup" contains space, ".", which are not allowed. ${NAME_RULE}`)
    expect(nameProblem('<script>')).toContain('"<", ">", which are not allowed')
    expect(nameProblem('ünï')).toContain('"ü", "ï"')
    expect(nameProblem('x'.repeat(256))).toBe('The name is 256 characters long; at most 255 are allowed.')
  })
})
