// Roles and their policies, as small as Snapshot Lens needs: which Lightsail actions a role may call, and in which
// regions. Every Lightsail call is checked against the caller's role, and refused in AWS's words.
import { lightsailErrors } from './lightsail/errors.ts'
import type { AwsError } from './wire.ts'

export const ACCOUNT_ID = '123456789012'

export interface Statement {
  /** `lightsail:GetInstanceSnapshot`, or `lightsail:*`. */
  actions: string[]
  /** Region names, or `*` for every region (the `aws:RequestedRegion` condition). */
  regions: string[] | '*'
}

export interface Role {
  name: string
  statements: Statement[]
}

/**
 * The reads an administrator allows a Snapshot Lens role: each action named, no wildcard. (The app's own list of what
 * it calls lives with the app; a test holds the two equal, since the emulator knows nothing of the app.)
 */
export const READ_ACTIONS = [
  'lightsail:GetInstanceSnapshot',
  'lightsail:GetInstanceSnapshots',
  'lightsail:GetRegions',
  'lightsail:GetOperationsForResource',
  'lightsail:GetInstance',
  'lightsail:GetInstances',
  'lightsail:GetAutoSnapshots',
  'lightsail:GetDiskSnapshot',
  'lightsail:GetDiskSnapshots',
  'lightsail:GetBundles',
]
/** A role made for an earlier release, before the snapshot's context and disk snapshots were read: the three first reads. */
export const FIRST_READS = ['lightsail:GetInstanceSnapshot', 'lightsail:GetInstanceSnapshots', 'lightsail:GetRegions']

/** The seeded account's roles. */
export const ROLES: Record<string, Role> = {
  SnapshotLensReaders: { name: 'SnapshotLensReaders', statements: [{ actions: READ_ACTIONS, regions: '*' }] },
  SnapshotLensReadersOhio: { name: 'SnapshotLensReadersOhio', statements: [{ actions: READ_ACTIONS, regions: ['us-east-2'] }] },
  SnapshotLensSnapshotsOnly: { name: 'SnapshotLensSnapshotsOnly', statements: [{ actions: FIRST_READS, regions: '*' }] },
  SnapshotLensNoLightsail: { name: 'SnapshotLensNoLightsail', statements: [] },
  /** The tools' key (`test` / `test`, loopback only): every Lightsail action, as LocalStack's convention has it. */
  EmulatorTools: { name: 'EmulatorTools', statements: [{ actions: ['lightsail:*'], regions: '*' }] },
  SnapshotLensGuests: { name: 'SnapshotLensGuests', statements: [{ actions: READ_ACTIONS, regions: '*' }] },
}

/**
 * What a set of credentials may do: its role's policy, narrowed for guests of the enhanced flow by Cognito's session
 * policy (AmazonCognitoUnAuthedIdentitiesSessionPolicy), which allows no Lightsail action at all.
 */
export interface Permissions {
  role: Role
  /** Guest credentials of the enhanced flow: the session policy takes away every Lightsail action. */
  scopedDownAsGuest: boolean
}

function allows(statements: Statement[], action: string, region: string): boolean {
  return statements.some(
    (s) => s.actions.some((a) => a === action || a === 'lightsail:*') && (s.regions === '*' || s.regions.includes(region)),
  )
}

/** Undefined when allowed; otherwise Lightsail's AccessDeniedException, naming the role, the action and the region. */
export function authorize(permissions: Permissions, operation: string, region: string): AwsError | undefined {
  const action = `lightsail:${operation}`
  if (!permissions.scopedDownAsGuest && allows(permissions.role.statements, action, region)) return undefined
  const why = permissions.scopedDownAsGuest
    ? `because no session policy allows the ${action} action`
    : `because no identity-based policy allows the ${action} action`
  return lightsailErrors.accessDeniedFor(
    `User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/${permissions.role.name}/CognitoIdentityCredentials is not authorized to perform: ${action} on resource: arn:aws:lightsail:${region}:${ACCOUNT_ID}:* ${why}`,
    action,
  )
}
