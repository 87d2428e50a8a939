// Roles and their policies, as small as Snapshot Lens needs: which Lightsail actions a role may call, and in which
// regions. Every Lightsail call is checked against the caller's role, and refused in AWS's words.
import { lightsailErrors } from './lightsail.ts'
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

const READ = ['lightsail:GetInstanceSnapshot', 'lightsail:GetInstanceSnapshots', 'lightsail:GetRegions']

/** The seeded account's roles. */
export const ROLES: Record<string, Role> = {
  SnapshotLensReaders: { name: 'SnapshotLensReaders', statements: [{ actions: READ, regions: '*' }] },
  SnapshotLensReadersOhio: { name: 'SnapshotLensReadersOhio', statements: [{ actions: READ, regions: ['us-east-2'] }] },
  SnapshotLensNoLightsail: { name: 'SnapshotLensNoLightsail', statements: [] },
  SnapshotLensGuests: { name: 'SnapshotLensGuests', statements: [{ actions: READ, regions: '*' }] },
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
