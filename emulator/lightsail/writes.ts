// The write operations that Snapshot Lens's prepared commands name (restore, copy, export, a disk from a snapshot), as
// a model: each checks what Lightsail checks (the source exists and is ready, the names are free, the zone is the
// region's, the bundle can hold the image, the size is enough), refuses in Lightsail's words, and makes what Lightsail
// makes: the resource, running on the emulator's clock until it settles, and the operations that follow it. The app
// never calls these (its roles cannot); the AWS CLI does, with the tools' key, to prove the commands.
import { randomBytes, randomUUID } from 'node:crypto'
import { ACCOUNT_ID } from '../iam.ts'
import type { AutoSnapshot, Disk, DiskSnapshot, ExportSnapshotRecord, Follows, Instance, InstanceSnapshot, Operation } from '../model.ts'
import type { Store } from '../store.ts'
import { BUNDLES, bundleProblem } from './bundles.ts'
import { lightsailErrors } from './errors.ts'
import { availabilityZones, REGIONS } from './regions.ts'

/** How long what each write makes takes to settle on the emulator's clock. */
export const WRITE_SECONDS = { instance: 30, copy: 20, disk: 10, export: 60 }

/** Block storage disks: the sizes Lightsail offers. */
export const DISK_SIZE_GB = { min: 8, max: 16_384 }

const RESTORE_DATE = /^\d{4}-\d{2}-\d{2}$/

function newArn(region: string, type: string): string {
  return `arn:aws:lightsail:${region}:${ACCOUNT_ID}:${type}/${randomUUID()}`
}

function supportCode(kind: 'ami' | 'vol' | 'snap'): string {
  return `${ACCOUNT_ID}/${kind}-${randomBytes(9).toString('hex').slice(0, 17)}`
}

/** An operation as Lightsail answers a write: just started, following what it makes. */
function started(store: Store, region: string, zone: string, resource: { name: string; type: string }, operationType: string, follows: Follows, details?: string): Operation {
  const at = new Date(store.now())
  const operation: Operation = {
    id: randomUUID(),
    resourceName: resource.name,
    resourceType: resource.type,
    createdAt: at,
    location: { availabilityZone: zone, regionName: region },
    isTerminal: false,
    ...(details ? { operationDetails: details } : {}),
    operationType,
    status: 'Started',
    statusChangedAt: at,
    follows,
  }
  store.add('operations', region, operation)
  return operation
}

function requireZone(region: string, zone: string): void {
  const zones = availabilityZones(region)
  if (!zones.includes(zone)) {
    throw lightsailErrors.invalidInput(`The Availability Zone ${zone} is not valid in ${region}. Use one of: ${zones.join(', ')}.`)
  }
}

function namesInUse(names: string[]): never {
  throw lightsailErrors.invalidInput(`Some names are already in use: ${names.join(', ')}`)
}

function requireReady(kind: string, name: string, state: string | undefined, ready: string): void {
  if (state !== ready) throw lightsailErrors.invalidInput(`The ${kind} ${name} is not ready to use: it is ${state ?? 'in an unknown state'}, and must be ${ready}.`)
}

/** Which automatic snapshot a request names: by `restoreDate`, or the latest restorable one. */
export interface AutoChoice {
  restoreDate?: string
  useLatestRestorableAutoSnapshot?: boolean
}

/** Exactly one of a restore date and "the latest", as the model's constraints say. */
export function checkAutoChoice(choice: AutoChoice): void {
  if (choice.restoreDate !== undefined && choice.useLatestRestorableAutoSnapshot === true) {
    throw lightsailErrors.invalidInput('restoreDate and useLatestRestorableAutoSnapshot cannot be used together.')
  }
  if (choice.restoreDate === undefined && choice.useLatestRestorableAutoSnapshot !== true) {
    throw lightsailErrors.invalidInput('An automatic snapshot is named by restoreDate or useLatestRestorableAutoSnapshot: give one.')
  }
  if (choice.restoreDate !== undefined && (!RESTORE_DATE.test(choice.restoreDate) || Number.isNaN(Date.parse(choice.restoreDate)))) {
    throw lightsailErrors.invalidInput(`restoreDate must be a date in YYYY-MM-DD format: ${choice.restoreDate}`)
  }
}

/** The automatic snapshot of a resource a request names, which must have succeeded. */
function autoSnapshotOf(store: Store, region: string, resourceName: string, resourceType: 'Instance' | 'Disk', choice: AutoChoice): AutoSnapshot {
  const kept = store.getAutoSnapshots(region, resourceName)
  if (!kept || kept.resourceType !== resourceType) throw lightsailErrors.notFound(`The ${resourceType} does not exist: ${resourceName}`)
  const usable = kept.autoSnapshots.filter((a) => a.status === 'Success').sort((a, b) => b.date.localeCompare(a.date))
  if (choice.useLatestRestorableAutoSnapshot) {
    if (!usable[0]) throw lightsailErrors.notFound(`${resourceName} has no automatic snapshot that can be restored.`)
    return usable[0]
  }
  const found = kept.autoSnapshots.find((a) => a.date === choice.restoreDate)
  if (!found) throw lightsailErrors.notFound(`The automatic snapshot of ${resourceName} from ${choice.restoreDate} does not exist.`)
  if (found.status !== 'Success') {
    throw lightsailErrors.invalidInput(`The automatic snapshot of ${resourceName} from ${choice.restoreDate} cannot be used: its status is ${found.status ?? 'unknown'}.`)
  }
  return found
}

/** What a new instance is made from: a manual snapshot's image, or an instance's as an automatic snapshot kept it. */
interface Image {
  blueprintId?: string
  bundleId?: string
  sizeInGb?: number
  disks: Disk[]
}

function systemDiskSize(instance: Instance): number | undefined {
  return instance.hardware?.disks?.find((d) => d.isSystemDisk)?.sizeInGb
}

export interface RestoreRequest extends AutoChoice {
  instanceNames: string[]
  availabilityZone: string
  bundleId: string
  instanceSnapshotName?: string
  sourceInstanceName?: string
  keyPairName?: string
  ipAddressType?: string
  attachedDiskMapping?: Record<string, { originalDiskPath: string; newDiskName: string }[]>
}

/** CreateInstancesFromSnapshot: new instances from a manual snapshot, or from an automatic snapshot of an instance. */
export function createInstancesFromSnapshot(store: Store, region: string, request: RestoreRequest): Operation[] {
  if ((request.instanceSnapshotName === undefined) === (request.sourceInstanceName === undefined)) {
    throw lightsailErrors.invalidInput('Name either instanceSnapshotName (a manual snapshot) or sourceInstanceName (its automatic snapshots), not both.')
  }
  if ((request.restoreDate !== undefined || request.useLatestRestorableAutoSnapshot !== undefined) && request.instanceSnapshotName !== undefined) {
    throw lightsailErrors.invalidInput('restoreDate and useLatestRestorableAutoSnapshot name an automatic snapshot: use them with sourceInstanceName only.')
  }
  let image: Image
  if (request.instanceSnapshotName !== undefined) {
    const snapshot = store.getSnapshot(region, request.instanceSnapshotName)
    if (!snapshot) throw lightsailErrors.notFound(`The InstanceSnapshot does not exist: ${request.instanceSnapshotName}`)
    requireReady('instance snapshot', snapshot.name, snapshot.state, 'available')
    image = { blueprintId: snapshot.fromBlueprintId, bundleId: snapshot.fromBundleId, sizeInGb: snapshot.sizeInGb, disks: snapshot.fromAttachedDisks ?? [] }
  } else {
    checkAutoChoice(request)
    const name = request.sourceInstanceName!
    autoSnapshotOf(store, region, name, 'Instance', request)
    const source = store.getInstance(region, name)
    if (!source) throw lightsailErrors.notFound(`The Instance does not exist: ${name}`)
    image = { blueprintId: source.blueprintId, bundleId: source.bundleId, sizeInGb: systemDiskSize(source), disks: source.hardware?.disks ?? [] }
  }
  requireZone(region, request.availabilityZone)
  const problem = bundleProblem(request.bundleId, image)
  if (problem) throw lightsailErrors.invalidInput(problem)
  const names = request.instanceNames
  if (names.length === 0) throw lightsailErrors.invalidInput('instanceNames must name at least one instance.')
  const repeated = names.filter((n, i) => names.indexOf(n) !== i)
  const taken = names.filter((n) => store.getInstance(region, n))
  if (repeated.length > 0 || taken.length > 0) namesInUse([...new Set([...taken, ...repeated])])
  const newDisks = attachedDisks(store, region, request, image)

  const bundle = BUNDLES.find((b) => b.bundleId === request.bundleId)!
  return names.map((name) => {
    const at = new Date(store.now())
    const n = randomBytes(1)[0]! % 200 + 20
    const system: Disk = {
      name: `${name}-system`, arn: newArn(region, 'Disk'), supportCode: supportCode('vol'), createdAt: at,
      location: { availabilityZone: request.availabilityZone, regionName: region }, resourceType: 'Disk', tags: [], addOns: [],
      sizeInGb: bundle.diskSizeInGb, isSystemDisk: true, iops: Math.max(100, bundle.diskSizeInGb * 3), path: '/dev/xvda',
      state: 'in-use', attachedTo: name, isAttached: true, attachmentState: 'attached', gbInUse: 0,
    }
    const instance: Instance = {
      name,
      arn: newArn(region, 'Instance'),
      supportCode: supportCode('ami'),
      createdAt: at,
      location: { availabilityZone: request.availabilityZone, regionName: region },
      resourceType: 'Instance',
      tags: [],
      blueprintId: image.blueprintId,
      bundleId: bundle.bundleId,
      addOns: [],
      isStaticIp: false,
      privateIpAddress: `172.26.${n % 16}.${n}`,
      publicIpAddress: `203.0.113.${n}`,
      ipAddressType: request.ipAddressType ?? 'dualstack',
      hardware: { cpuCount: bundle.cpuCount, ramSizeInGb: bundle.ramSizeInGb, disks: [system, ...(newDisks.get(name) ?? [])] },
      state: { code: 16, name: 'running' },
      username: image.blueprintId?.startsWith('windows') ? 'Administrator' : 'ec2-user',
      sshKeyName: request.keyPairName ?? 'LightsailDefaultKeyPair',
    }
    store.add('instances', region, instance)
    store.addPending({ kind: 'instance', name, region, durationMs: WRITE_SECONDS.instance * 1000 })
    return started(store, region, request.availabilityZone, { name, type: 'Instance' }, 'CreateInstancesFromSnapshot', { kind: 'instance', name })
  })
}

/** attachedDiskMapping: for each new instance, new disks made from the image's attached disks, by their path. */
function attachedDisks(store: Store, region: string, request: RestoreRequest, image: Image): Map<string, Disk[]> {
  const made = new Map<string, Disk[]>()
  const names: string[] = []
  for (const [instanceName, mappings] of Object.entries(request.attachedDiskMapping ?? {})) {
    if (!request.instanceNames.includes(instanceName)) {
      throw lightsailErrors.invalidInput(`attachedDiskMapping names ${instanceName}, which is not one of instanceNames.`)
    }
    const disks = mappings.map(({ originalDiskPath, newDiskName }) => {
      const original = image.disks.find((d) => d.path === originalDiskPath && !d.isSystemDisk)
      if (!original) throw lightsailErrors.invalidInput(`The snapshot has no attached disk at ${originalDiskPath}.`)
      names.push(newDiskName)
      return {
        ...original, name: newDiskName, arn: newArn(region, 'Disk'), supportCode: supportCode('vol'), createdAt: new Date(store.now()),
        location: { availabilityZone: request.availabilityZone, regionName: region }, tags: [], addOns: [], attachedTo: instanceName,
        isAttached: true, state: 'in-use', attachmentState: 'attached',
      }
    })
    made.set(instanceName, disks)
  }
  const taken = names.filter((n, i) => names.indexOf(n) !== i || store.getDisk(region, n))
  if (taken.length > 0) namesInUse([...new Set(taken)])
  return made
}

export interface CopyRequest extends AutoChoice {
  sourceRegion: string
  targetSnapshotName: string
  sourceSnapshotName?: string
  sourceResourceName?: string
}

/**
 * CopySnapshot, answered in the target region (the call's): a manual snapshot (instance or disk) copied, or an
 * automatic one kept as a manual snapshot, from `sourceRegion`, the same region or another.
 */
export function copySnapshot(store: Store, region: string, request: CopyRequest): Operation[] {
  const { sourceRegion, targetSnapshotName: name } = request
  if (!REGIONS.some((r) => r.name === sourceRegion) || store.regionDisabled(sourceRegion)) {
    throw lightsailErrors.invalidInput(`The source region is not valid: ${sourceRegion}`)
  }
  if ((request.sourceSnapshotName === undefined) === (request.sourceResourceName === undefined)) {
    throw lightsailErrors.invalidInput('Name either sourceSnapshotName (a manual snapshot) or sourceResourceName (its automatic snapshots), not both.')
  }
  const at = new Date(store.now())
  const common = { name, arn: '', supportCode: '', createdAt: at, location: { availabilityZone: 'all', regionName: region }, tags: [], state: 'pending' }
  let made: { kind: 'instanceSnapshot'; snapshot: InstanceSnapshot } | { kind: 'diskSnapshot'; snapshot: DiskSnapshot }
  if (request.sourceSnapshotName !== undefined) {
    if (request.restoreDate !== undefined || request.useLatestRestorableAutoSnapshot !== undefined) {
      throw lightsailErrors.invalidInput('restoreDate and useLatestRestorableAutoSnapshot name an automatic snapshot: use them with sourceResourceName only.')
    }
    const instanceSnapshot = store.getSnapshot(sourceRegion, request.sourceSnapshotName)
    const diskSnapshot = instanceSnapshot ? undefined : store.getDiskSnapshot(sourceRegion, request.sourceSnapshotName)
    if (instanceSnapshot) {
      requireReady('instance snapshot', instanceSnapshot.name, instanceSnapshot.state, 'available')
      made = { kind: 'instanceSnapshot', snapshot: { ...instanceSnapshot, ...common, arn: newArn(region, 'InstanceSnapshot'), supportCode: supportCode('ami') } }
    } else if (diskSnapshot) {
      requireReady('disk snapshot', diskSnapshot.name, diskSnapshot.state, 'completed')
      made = { kind: 'diskSnapshot', snapshot: { ...diskSnapshot, ...common, arn: newArn(region, 'DiskSnapshot'), supportCode: supportCode('snap'), progress: '0%' } }
    } else {
      throw lightsailErrors.notFound(`The snapshot does not exist in ${sourceRegion}: ${request.sourceSnapshotName}`)
    }
  } else {
    checkAutoChoice(request)
    const resource = request.sourceResourceName!
    const source = store.getInstance(sourceRegion, resource)
    const disk = source ? undefined : store.getDisk(sourceRegion, resource)
    if (source) {
      const auto = autoSnapshotOf(store, sourceRegion, resource, 'Instance', request)
      made = {
        kind: 'instanceSnapshot',
        snapshot: {
          ...common, arn: newArn(region, 'InstanceSnapshot'), supportCode: supportCode('ami'), resourceType: 'InstanceSnapshot',
          fromAttachedDisks: source.hardware?.disks ?? [], fromInstanceName: source.name, fromInstanceArn: source.arn,
          fromBlueprintId: source.blueprintId, fromBundleId: source.bundleId, isFromAutoSnapshot: true,
          sizeInGb: systemDiskSize(source) ?? auto.fromAttachedDisks?.[0]?.sizeInGb,
        },
      }
    } else if (disk) {
      autoSnapshotOf(store, sourceRegion, resource, 'Disk', request)
      made = {
        kind: 'diskSnapshot',
        snapshot: {
          ...common, arn: newArn(region, 'DiskSnapshot'), supportCode: supportCode('snap'), resourceType: 'DiskSnapshot', progress: '0%',
          sizeInGb: disk.sizeInGb, fromDiskName: disk.name, fromDiskArn: disk.arn, isFromAutoSnapshot: true,
          ...(disk.attachedTo ? { fromInstanceName: disk.attachedTo } : {}),
        },
      }
    } else {
      throw lightsailErrors.notFound(`The resource does not exist in ${sourceRegion}: ${resource}`)
    }
  }
  if (store.getSnapshot(region, name) || store.getDiskSnapshot(region, name)) namesInUse([name])
  if (made.kind === 'instanceSnapshot') store.add('snapshots', region, made.snapshot)
  else store.add('diskSnapshots', region, made.snapshot)
  store.addPending({ kind: made.kind, name, region, durationMs: WRITE_SECONDS.copy * 1000, ...(made.kind === 'diskSnapshot' ? { fromPercent: 0 } : {}) })
  const type = made.kind === 'instanceSnapshot' ? 'InstanceSnapshot' : 'DiskSnapshot'
  // As the AWS CLI's copy-snapshot examples show: `region:snapshot` for a copy, `region:resource` for a kept automatic one.
  const details = `${sourceRegion}:${request.sourceSnapshotName ?? request.sourceResourceName}`
  return [started(store, region, 'all', { name, type }, 'CopySnapshot', { kind: made.kind, name }, details)]
}

/**
 * ExportSnapshot: an instance or disk snapshot exported to Amazon EC2 in the same region, which leaves an export
 * snapshot record (GetExportSnapshotRecords): an AMI for an instance snapshot, an EBS snapshot for a disk snapshot.
 */
export function exportSnapshot(store: Store, region: string, sourceSnapshotName: string): Operation[] {
  const instanceSnapshot = store.getSnapshot(region, sourceSnapshotName)
  const diskSnapshot = instanceSnapshot ? undefined : store.getDiskSnapshot(region, sourceSnapshotName)
  if (!instanceSnapshot && !diskSnapshot) throw lightsailErrors.notFound(`The snapshot does not exist: ${sourceSnapshotName}`)
  if (instanceSnapshot) requireReady('instance snapshot', sourceSnapshotName, instanceSnapshot.state, 'available')
  else requireReady('disk snapshot', sourceSnapshotName, diskSnapshot!.state, 'completed')
  const snapshot = (instanceSnapshot ?? diskSnapshot)!
  const type = instanceSnapshot ? 'InstanceSnapshot' : 'DiskSnapshot'
  const record: ExportSnapshotRecord = {
    name: `ExportSnapshotRecord-${randomUUID()}`,
    arn: newArn(region, 'ExportSnapshotRecord'),
    createdAt: new Date(store.now()),
    location: { availabilityZone: 'all', regionName: region },
    resourceType: 'ExportSnapshotRecord',
    state: 'Started',
    sourceInfo: {
      resourceType: type,
      createdAt: snapshot.createdAt,
      name: snapshot.name,
      arn: snapshot.arn,
      fromResourceName: instanceSnapshot ? instanceSnapshot.fromInstanceName : diskSnapshot!.fromDiskName,
      fromResourceArn: instanceSnapshot ? instanceSnapshot.fromInstanceArn : diskSnapshot!.fromDiskArn,
      ...(instanceSnapshot
        ? {
            instanceSnapshotInfo: {
              fromBundleId: instanceSnapshot.fromBundleId,
              fromBlueprintId: instanceSnapshot.fromBlueprintId,
              fromDiskInfo: (instanceSnapshot.fromAttachedDisks ?? []).map((d) => ({ path: d.path, sizeInGb: d.sizeInGb, isSystemDisk: d.isSystemDisk })),
            },
          }
        : { diskSnapshotInfo: { sizeInGb: diskSnapshot!.sizeInGb } }),
    },
    destinationInfo: instanceSnapshot
      ? { id: `ami-${randomBytes(9).toString('hex').slice(0, 17)}`, service: 'Aws::EC2::Image' }
      : { id: `snap-${randomBytes(9).toString('hex').slice(0, 17)}`, service: 'Aws::EC2::Snapshot' },
  }
  store.add('exportSnapshotRecords', region, record)
  store.addPending({ kind: 'exportSnapshotRecord', name: record.name, region, durationMs: WRITE_SECONDS.export * 1000 })
  return [started(store, region, 'all', { name: sourceSnapshotName, type }, 'ExportSnapshot', { kind: 'exportSnapshotRecord', name: record.name })]
}

export interface DiskRequest extends AutoChoice {
  diskName: string
  availabilityZone: string
  sizeInGb: number
  diskSnapshotName?: string
  sourceDiskName?: string
}

/** CreateDiskFromSnapshot: a block storage disk from a manual disk snapshot, or from an automatic snapshot of a disk. */
export function createDiskFromSnapshot(store: Store, region: string, request: DiskRequest): Operation[] {
  if ((request.diskSnapshotName === undefined) === (request.sourceDiskName === undefined)) {
    throw lightsailErrors.invalidInput('Name either diskSnapshotName (a manual snapshot) or sourceDiskName (its automatic snapshots), not both.')
  }
  let minimum: number | undefined
  if (request.diskSnapshotName !== undefined) {
    const snapshot = store.getDiskSnapshot(region, request.diskSnapshotName)
    if (!snapshot) throw lightsailErrors.notFound(`The DiskSnapshot does not exist: ${request.diskSnapshotName}`)
    requireReady('disk snapshot', snapshot.name, snapshot.state, 'completed')
    minimum = snapshot.sizeInGb
  } else {
    checkAutoChoice(request)
    autoSnapshotOf(store, region, request.sourceDiskName!, 'Disk', request)
    minimum = store.getDisk(region, request.sourceDiskName!)?.sizeInGb
  }
  requireZone(region, request.availabilityZone)
  const size = request.sizeInGb
  if (size < DISK_SIZE_GB.min || size > DISK_SIZE_GB.max) {
    throw lightsailErrors.invalidInput(`The disk size must be from ${DISK_SIZE_GB.min} to ${DISK_SIZE_GB.max} GB: ${size}`)
  }
  if (minimum !== undefined && size < minimum) {
    throw lightsailErrors.invalidInput(`The disk size (${size} GB) is smaller than the snapshot (${minimum} GB). Choose a size of at least ${minimum} GB.`)
  }
  if (store.getDisk(region, request.diskName)) namesInUse([request.diskName])
  const disk: Disk = {
    name: request.diskName,
    arn: newArn(region, 'Disk'),
    supportCode: supportCode('vol'),
    createdAt: new Date(store.now()),
    location: { availabilityZone: request.availabilityZone, regionName: region },
    resourceType: 'Disk',
    tags: [],
    addOns: [],
    sizeInGb: size,
    isSystemDisk: false,
    iops: Math.min(16_000, Math.max(100, size * 3)),
    state: 'available',
    isAttached: false,
    attachmentState: 'detached',
    gbInUse: 0,
  }
  store.add('disks', region, disk)
  store.addPending({ kind: 'disk', name: disk.name!, region, durationMs: WRITE_SECONDS.disk * 1000 })
  return [started(store, region, request.availabilityZone, { name: disk.name!, type: 'Disk' }, 'CreateDiskFromSnapshot', { kind: 'disk', name: disk.name! })]
}
