// The check of an answer's shape, and the shape of the snapshot link's own answer (GetInstanceSnapshot): the part of
// app/aws/shapes.ts the first load needs. Every other shape lives in shapes.ts, which only lazily loaded code imports,
// so the shapes of the context, disk snapshot and restore reads stay out of a snapshot link's first load.

/** `s` text, `n` number, `b` true or false, `d` a time; `[shape]` a list of them; an object, a structure. */
export type Shape = 's' | 'n' | 'b' | 'd' | readonly [Shape] | { readonly [field: string]: Shape }

const WHAT: Record<string, string> = { s: 'text', n: 'a number', b: 'true or false', d: 'a time' }

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (value instanceof Date) return 'a time'
  if (typeof value === 'string') return 'text'
  if (typeof value === 'number') return 'a number'
  if (typeof value === 'boolean') return 'true or false'
  return typeof value === 'object' ? 'an object' : String(typeof value)
}

/** Where `value` first departs from `shape`, in words (`tags is text where a list is due`), or undefined. */
export function shapeProblem(shape: Shape, value: unknown, path = ''): string | undefined {
  if (value === undefined || value === null) return undefined
  const at = path || 'the answer'
  if (typeof shape === 'string') {
    const ok =
      shape === 's' ? typeof value === 'string'
      : shape === 'n' ? typeof value === 'number' && Number.isFinite(value)
      : shape === 'b' ? typeof value === 'boolean'
      : value instanceof Date && !Number.isNaN(value.getTime())
    if (ok) return undefined
    if (shape === 'd' && value instanceof Date) return `${at} is not a valid time`
    if (shape === 'n' && typeof value === 'number') return `${at} is not a finite number`
    return `${at} is ${kindOf(value)} where ${WHAT[shape]} is due`
  }
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return `${at} is ${kindOf(value)} where a list is due`
    for (let i = 0; i < value.length; i++) {
      const problem = shapeProblem(shape[0], value[i], `${path}[${i}]`)
      if (problem) return problem
    }
    return undefined
  }
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof Date) return `${at} is ${kindOf(value)} where an object is due`
  for (const [field, inner] of Object.entries(shape as Record<string, Shape>)) {
    const problem = shapeProblem(inner, (value as Record<string, unknown>)[field], path ? `${path}.${field}` : field)
    if (problem) return problem
  }
  return undefined
}

export const TAG = { key: 's', value: 's' } as const
export const LOCATION = { availabilityZone: 's', regionName: 's' } as const
export const RESOURCE = { name: 's', arn: 's', supportCode: 's', createdAt: 'd', location: LOCATION, resourceType: 's', tags: [TAG] } as const
export const ADD_ON = { name: 's', status: 's', snapshotTimeOfDay: 's', nextSnapshotTimeOfDay: 's', threshold: 's', duration: 's' } as const

export const DISK: Shape = {
  ...RESOURCE,
  addOns: [ADD_ON],
  sizeInGb: 'n',
  isSystemDisk: 'b',
  iops: 'n',
  path: 's',
  state: 's',
  attachedTo: 's',
  isAttached: 'b',
  attachmentState: 's',
  gbInUse: 'n',
  autoMountStatus: 's',
}

/** What the snapshot page and the inventory read of an instance snapshot. */
export const INSTANCE_SNAPSHOT: Shape = {
  ...RESOURCE,
  state: 's',
  progress: 's',
  fromAttachedDisks: [DISK],
  fromInstanceName: 's',
  fromInstanceArn: 's',
  fromBlueprintId: 's',
  fromBundleId: 's',
  isFromAutoSnapshot: 'b',
  sizeInGb: 'n',
}

