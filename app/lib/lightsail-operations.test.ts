// The one list of what the app calls, held against the emulator's seeded reader roles (which cannot import it), the
// emulator's routing table and botocore's model.
import { describe, expect, it } from 'vitest'
import { lightsailModel } from '../../emulator/botocore-model.ts'
import { READ_ACTIONS } from '../../emulator/iam.ts'
import { LIGHTSAIL_OPERATIONS as EMULATED } from '../../emulator/lightsail/routes.ts'
import { LIGHTSAIL_ACTIONS, LIGHTSAIL_OPERATION_NAMES, LIGHTSAIL_OPERATIONS, LIGHTSAIL_TARGETS } from './lightsail-operations.ts'

describe('the Lightsail operations the app calls', () => {
  it("are exactly the emulator's reader roles' actions, each named", () => {
    expect([...READ_ACTIONS].sort()).toEqual([...LIGHTSAIL_ACTIONS].sort())
  })

  it('are reads that the model knows, and the emulator answers', () => {
    const model = lightsailModel()
    for (const op of LIGHTSAIL_OPERATION_NAMES) {
      expect(op).toMatch(/^Get[A-Z]/)
      expect(model.operations[op], op).toBeDefined()
      expect(EMULATED, op).toContain(op)
    }
    expect(LIGHTSAIL_TARGETS).toContain('Lightsail_20161128.GetInstanceSnapshot')
  })
})

describe('docs/permissions.md', () => {
  it('lists exactly these actions, each with the feature the list gives it, and an example policy of exactly them', async () => {
    const { readFileSync } = await import('node:fs')
    const doc = readFileSync(new URL('../../docs/permissions.md', import.meta.url), 'utf8')
    const rows = [...doc.matchAll(/^\| `lightsail:(\w+)` \| ([^|]+) \|/gm)].map((m) => [m[1], m[2]!.trim()])
    expect(rows).toEqual(Object.entries(LIGHTSAIL_OPERATIONS))
    const policy = JSON.parse(/```json\n([\s\S]*?)```/.exec(doc)![1]!) as { Statement: { Action: string[] }[] }
    expect(policy.Statement.flatMap((s) => s.Action)).toEqual(LIGHTSAIL_ACTIONS)
  })
})
