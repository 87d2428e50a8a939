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
]

/** Fields the examples show that the emulator leaves out on purpose. */
const LEFT_OUT: Record<string, RegExp> = {
  // Networking, metadata and IPv6 details of an instance: nothing Snapshot Lens reads.
  instance: /\.(networking|ipv6Addresses|metadataOptions)$/,
}

describe("the AWS CLI's examples", () => {
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
