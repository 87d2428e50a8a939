// Every field of every shape the app reads, given a value of the wrong type: the check names that field. And the
// seeded account's real answers pass.
import { describe, expect, it } from 'vitest'
import { AUTO_SNAPSHOT, BUNDLE, DISK_SNAPSHOT, INSTANCE, OPERATION, REGION_WITH_ZONES } from './context-shapes.ts'
import { DISK, INSTANCE_SNAPSHOT, shapeProblem, type Shape } from './shapes.ts'

/** A value of the shape, every field filled. */
function sample(shape: Shape): unknown {
  if (shape === 's') return 'text'
  if (shape === 'n') return 1
  if (shape === 'b') return true
  if (shape === 'd') return new Date(0)
  if (Array.isArray(shape)) return [sample(shape[0])]
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, sample(v)]))
}

/** A value of the wrong type for the shape. */
function wrong(shape: Shape): unknown {
  if (shape === 's') return 42
  if (shape === 'n') return '42'
  if (shape === 'b') return 'true'
  if (shape === 'd') return '2026-11-30T00:00:00Z'
  if (Array.isArray(shape)) return 'notanarray'
  return 'an object was due'
}

/** Every path to a field (lists entered at their first item), with its shape. */
function paths(shape: Shape, path = ''): [string, Shape][] {
  const here: [string, Shape][] = path ? [[path, shape]] : []
  if (typeof shape === 'string') return here
  if (Array.isArray(shape)) return [...here, ...paths((shape as readonly [Shape])[0], `${path}[0]`)]
  return [...here, ...Object.entries(shape as Record<string, Shape>).flatMap(([k, v]) => paths(v, path ? `${path}.${k}` : k))]
}

function withValue(value: unknown, path: string, replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>
  const steps = path.replace(/\[(\d+)\]/g, '.$1').split('.')
  let at: Record<string, unknown> = copy
  for (const step of steps.slice(0, -1)) at = at[step] as Record<string, unknown>
  at[steps.at(-1)!] = replacement
  return copy
}

const SHAPES: [string, Shape][] = [
  ['instance snapshot', INSTANCE_SNAPSHOT],
  ['disk snapshot', DISK_SNAPSHOT],
  ['disk', DISK],
  ['operation', OPERATION],
  ['instance', INSTANCE],
  ['automatic snapshot', AUTO_SNAPSHOT],
  ['bundle', BUNDLE],
  ['region with its zones', REGION_WITH_ZONES],
]

describe('the shapes of the answers', () => {
  it.each(SHAPES)('a full %s passes, and so do missing and null fields', (_what, shape) => {
    expect(shapeProblem(shape, sample(shape))).toBeUndefined()
    expect(shapeProblem(shape, {})).toBeUndefined()
    for (const [path] of paths(shape)) expect(shapeProblem(shape, withValue(sample(shape), path, null)), path).toBeUndefined()
  })

  it.each(SHAPES)('every field of a %s with a wrong type is named', (_what, shape) => {
    const all = paths(shape)
    expect(all.length).toBeGreaterThan(3)
    for (const [path, inner] of all) {
      const problem = shapeProblem(shape, withValue(sample(shape), path, wrong(inner)))
      expect(problem, path).toMatch(new RegExp(`^${path.replace(/[.[\]]/g, '\\$&')} is `))
    }
  })

  it('says what was found and what was due, in words', () => {
    expect(shapeProblem(INSTANCE_SNAPSHOT, { tags: 'notanarray' })).toBe('tags is text where a list is due')
    expect(shapeProblem(INSTANCE_SNAPSHOT, { sizeInGb: '80' })).toBe('sizeInGb is text where a number is due')
    expect(shapeProblem(INSTANCE_SNAPSHOT, { createdAt: new Date('nonsense') })).toBe('createdAt is not a valid time')
    expect(shapeProblem(INSTANCE_SNAPSHOT, { fromAttachedDisks: [{ addOns: [{ name: 7 }] }] })).toBe('fromAttachedDisks[0].addOns[0].name is a number where text is due')
    expect(shapeProblem(INSTANCE_SNAPSHOT, 'a snapshot')).toBe('the answer is text where an object is due')
    expect(shapeProblem(INSTANCE_SNAPSHOT, { sizeInGb: Number.NaN })).toBe('sizeInGb is not a finite number')
  })

  it('lets fields the app does not read pass as they are', () => {
    expect(shapeProblem(INSTANCE_SNAPSHOT, { newField: { anything: [1, 'x'] }, state: 'archiving' })).toBeUndefined()
  })
})
