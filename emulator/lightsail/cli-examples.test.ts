// The AWS CLI's own examples (what Lightsail answered when they were written) as an outside check: the emulator sends
// every field they show, for each kind of resource; they replay through --data; and the model check accepts them.
import { describe, expect, it } from 'vitest'
import { cliExampleOutputs, lightsailModel, shapeProblems } from '../botocore-model.ts'
import { accountFromDocuments } from '../data-file.ts'
import { seedAccount } from '../fixtures/seed.ts'
import { Store } from '../store.ts'
import { toWire } from '../wire.ts'
import { lightsailHandler } from './routes.ts'

const model = lightsailModel()
const store = new Store(() => seedAccount(Date.now(), 20))
const ask = (operation: string, input: Record<string, unknown>, region = 'us-east-2') => toWire(lightsailHandler(operation)!(store, region, input)) as Record<string, unknown>

/** The keys of each object, by the path to it (list indexes folded): the structure of an answer, without its values. */
function keyPaths(value: unknown, path = '$', into = new Map<string, Set<string>>()): Map<string, Set<string>> {
  if (Array.isArray(value)) value.forEach((v) => keyPaths(v, `${path}[]`, into))
  else if (typeof value === 'object' && value !== null) {
    const keys = into.get(path) ?? new Set<string>()
    for (const [k, v] of Object.entries(value)) {
      keys.add(k)
      keyPaths(v, `${path}.${k}`, into)
    }
    into.set(path, keys)
  }
  return into
}

/** The fields an example shows that our answer lacks, by path (empty lists in the example teach nothing). */
function missing(example: unknown, ours: unknown): string[] {
  const theirs = keyPaths(example)
  const mine = keyPaths(ours)
  return [...theirs].flatMap(([path, keys]) => (mine.has(path) ? [...keys].filter((k) => !mine.get(path)!.has(k)).map((k) => `${path}.${k}`) : []))
}

const CASES: [command: string, operation: string, input: Record<string, unknown>, region?: string][] = [
  ['get-instance-snapshot', 'GetInstanceSnapshot', { instanceSnapshotName: 'web-1-backup' }],
  ['get-instance-snapshots', 'GetInstanceSnapshots', {}],
  ['get-disk-snapshot', 'GetDiskSnapshot', { diskSnapshotName: 'web-1-media-weekly' }],
  ['get-disk-snapshots', 'GetDiskSnapshots', {}],
  ['get-instance', 'GetInstance', { instanceName: 'web-1' }],
  ['get-instances', 'GetInstances', {}],
  ['get-auto-snapshots', 'GetAutoSnapshots', { resourceName: 'web-1' }],
  ['get-operations-for-resource', 'GetOperationsForResource', { resourceName: 'web-1' }],
  ['get-operations', 'GetOperations', {}],
  ['get-operation', 'GetOperation', {}],
  ['get-bundles', 'GetBundles', {}],
  ['get-regions', 'GetRegions', { includeAvailabilityZones: true }],
  // Block storage disks: one attached to an instance, and (below) one made from a snapshot, standing alone.
  ['get-disk', 'GetDisk', { diskName: 'web-1-media' }],
  ['get-disks', 'GetDisks', {}],
]

/** The writes the prepared commands name, each with the example of the AWS CLI for it, made in a store of their own. */
const WRITES: [command: string, operation: string, input: Record<string, unknown>, region: string][] = [
  ['create-instances-from-snapshot', 'CreateInstancesFromSnapshot', { instanceSnapshotName: 'web-1-backup', instanceNames: ['web-1-restored'], availabilityZone: 'us-east-2a', bundleId: 'medium_3_0' }, 'us-east-2'],
  ['copy-snapshot', 'CopySnapshot', { sourceSnapshotName: 'web-1-backup', targetSnapshotName: 'web-1-backup-copy', sourceRegion: 'us-east-2' }, 'us-east-1'],
  ['create-disk-from-snapshot', 'CreateDiskFromSnapshot', { diskSnapshotName: 'web-1-media-weekly', diskName: 'web-1-media-2', availabilityZone: 'us-east-2a', sizeInGb: 256 }, 'us-east-2'],
]

/** Fields the examples show that the emulator leaves out on purpose. */
const LEFT_OUT: Record<string, RegExp> = {
  // Networking, metadata and IPv6 details of an instance: nothing Snapshot Lens reads.
  instance: /\.(networking|ipv6Addresses|metadataOptions)$/,
}

describe("the AWS CLI's examples", () => {
  it.each(WRITES)('%s: the emulator answers with every field the example shows, as the example shows it', (command, operation, input, region) => {
    const examples = cliExampleOutputs(command)
    expect(examples.length, `${command} has an example`).toBeGreaterThan(0)
    const ours = toWire(lightsailHandler(operation)!(new Store(() => seedAccount(Date.now(), 20)), region, input)) as { operations: Record<string, unknown>[] }
    for (const example of examples as { operations: Record<string, unknown>[] }[]) {
      expect(missing(example, ours)).toEqual([])
      // What the example's operation says of itself (not its ids and times): type, status, where, and its details.
      const theirs = example.operations[0]!
      const mine = ours.operations[0]!
      expect(mine).toMatchObject({ resourceType: theirs.resourceType, operationType: theirs.operationType, status: 'Started', isTerminal: false })
      expect(Object.keys(mine).sort()).toEqual(Object.keys(theirs).sort())
      expect((mine.location as { availabilityZone: string }).availabilityZone === 'all').toBe((theirs.location as { availabilityZone: string }).availabilityZone === 'all')
    }
    // copy-snapshot's examples all name the source as `region:name` (a snapshot, or the resource of an automatic one).
    if (operation === 'CopySnapshot') {
      for (const example of examples as { operations: { operationDetails: string }[] }[]) expect(example.operations[0]!.operationDetails).toMatch(/^[a-z]+-[a-z]+-\d:[\w-]+$/)
      expect(ours.operations[0]!.operationDetails).toBe('us-east-2:web-1-backup')
    }
  })

  it('get-export-snapshot-records (the example is named get-export-snapshot-record): every field it shows, once a snapshot is exported', () => {
    const examples = cliExampleOutputs('get-export-snapshot-record')
    expect(examples.length).toBeGreaterThan(0)
    const exported = new Store(() => seedAccount(Date.now(), 20))
    lightsailHandler('ExportSnapshot')!(exported, 'us-east-2', { sourceSnapshotName: 'web-1-backup' })
    const ours = toWire(lightsailHandler('GetExportSnapshotRecords')!(exported, 'us-east-2', {}))
    for (const example of examples) expect(missing(example, ours)).toEqual([])
    for (const example of examples) expect(shapeProblems(model, 'GetExportSnapshotRecordsResult', example)).toEqual([])
  })

  it('get-disks: a disk made from a snapshot stands alone, detached, with the fields the example shows for one', () => {
    const made = new Store(() => seedAccount(Date.now(), 20))
    lightsailHandler('CreateDiskFromSnapshot')!(made, 'us-east-2', { diskSnapshotName: 'web-1-media-weekly', diskName: 'Disk-2', availabilityZone: 'us-east-2a', sizeInGb: 256 })
    const disks = (toWire(lightsailHandler('GetDisks')!(made, 'us-east-2', {})) as { disks: Record<string, unknown>[] }).disks
    const standing = (cliExampleOutputs('get-disks')[0] as { disks: Record<string, unknown>[] }).disks.find((d) => d.isAttached === false)!
    const ours = disks.find((d) => d.name === 'Disk-2')!
    expect(Object.keys(ours).sort()).toEqual(Object.keys(standing).concat('addOns', 'gbInUse').sort())
    expect(ours).toMatchObject({ isAttached: false, attachmentState: 'detached', isSystemDisk: false, resourceType: 'Disk', location: { availabilityZone: 'us-east-2a' } })
  })

  it.each(CASES)('%s: the emulator sends every field the example shows', (command, operation, input) => {
    const examples = cliExampleOutputs(command)
    expect(examples.length, `${command} has an example`).toBeGreaterThan(0)
    const ours = operation === 'GetOperation' ? ask(operation, { operationId: (ask('GetOperations', {}).operations as { id: string }[])[0]!.id }) : ask(operation, input)
    for (const example of examples) {
      expect(missing(example, ours).filter((p) => !Object.values(LEFT_OUT).some((r) => r.test(p)))).toEqual([])
    }
  })

  it.each(CASES)('%s: the example passes the model check (so the check is not stricter than the service)', (command, operation) => {
    for (const example of cliExampleOutputs(command)) {
      const problems = shapeProblems(model, model.operations[operation]!.output!.shape, example)
      // The model's OperationType enum lacks CopySnapshot, which the CLI's own copy-snapshot examples show the service
      // sends: enums are open, and values outside them are reported by the check, not refused.
      expect(problems.filter((p) => !/is not one of/.test(p))).toEqual([])
    }
  })

  it('replays through --data, and the emulator answers them back', () => {
    const documents = [
      ...cliExampleOutputs('get-instance-snapshot'),
      ...cliExampleOutputs('get-disk-snapshot'),
      ...cliExampleOutputs('get-instance'),
      ...cliExampleOutputs('get-operations-for-resource'),
      ...cliExampleOutputs('get-auto-snapshots').map((document) => ({ region: 'us-west-2', document })),
    ]
    const replay = new Store(() => accountFromDocuments(documents))
    const name = (cliExampleOutputs('get-instance-snapshot')[0] as { instanceSnapshot: { name: string } }).instanceSnapshot.name
    expect((lightsailHandler('GetInstanceSnapshot')!(replay, 'us-west-2', { instanceSnapshotName: name }) as { instanceSnapshot: object }).instanceSnapshot).toMatchObject({ name })
    const auto = cliExampleOutputs('get-auto-snapshots')[0] as { resourceName: string; autoSnapshots: unknown[] }
    const answer = toWire(lightsailHandler('GetAutoSnapshots')!(replay, 'us-west-2', { resourceName: auto.resourceName })) as { autoSnapshots: unknown[] }
    expect(answer.autoSnapshots).toEqual(auto.autoSnapshots)
  })
})
