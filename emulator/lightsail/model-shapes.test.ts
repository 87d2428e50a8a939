// Every answer the emulator gives, held against botocore's model of Lightsail (the outside truth the AWS CLI is built
// from): each member it sends must be one the model has, of the model's type, and within its enum. The seeded and a
// generated account are walked whole, page by page, as the wire sends them.
import { describe, expect, it } from 'vitest'
import { lightsailModel, shapeProblems } from '../botocore-model.ts'
import { generateAccount } from '../fixtures/generate.ts'
import { seedAccount } from '../fixtures/seed.ts'
import type { Account } from '../model.ts'
import { Store } from '../store.ts'
import { toWire } from '../wire.ts'
import { LIGHTSAIL_OPERATIONS, lightsailHandler } from './routes.ts'

const model = lightsailModel()

/**
 * Values sent on purpose although the model's enums do not list them: a snapshot state newer than the SDK knows, and
 * CopySnapshot, which the AWS CLI's own copy-snapshot examples show Lightsail reports (the model's list is incomplete),
 * and ExportSnapshot, the operation of export-snapshot, missing from the same list.
 */
const ON_PURPOSE = [/^\$\.instanceSnapshots?(\[\d+\])?\.state: "archiving" is not one of/, /\.operationType: "(CopySnapshot|ExportSnapshot)" is not one of/]

function answers(account: Account): { operation: string; input: Record<string, unknown>; output: unknown }[] {
  const store = new Store(() => account)
  const out: { operation: string; input: Record<string, unknown>; output: unknown }[] = []
  const call = (operation: string, region: string, input: Record<string, unknown> = {}) => {
    try {
      out.push({ operation, input, output: toWire(lightsailHandler(operation)!(store, region, input)) })
    } catch {
      // Errors are the contract tests' concern.
    }
  }
  const pages = (operation: string, region: string, input: Record<string, unknown> = {}) => {
    let pageToken: string | undefined
    for (let i = 0; i < 500; i++) {
      const before = out.length
      call(operation, region, { ...input, ...(pageToken ? { pageToken } : {}) })
      pageToken = out.length > before ? ((out.at(-1)!.output as { nextPageToken?: string }).nextPageToken) : undefined
      if (!pageToken) break
    }
  }
  call('GetRegions', 'us-east-2', { includeAvailabilityZones: true })
  call('GetBundles', 'us-east-2', { includeInactive: true })
  for (const region of account.snapshots.keys()) {
    pages('GetInstanceSnapshots', region)
    pages('GetDiskSnapshots', region)
    pages('GetInstances', region)
    pages('GetOperations', region)
    for (const s of account.snapshots.get(region) ?? []) {
      call('GetInstanceSnapshot', region, { instanceSnapshotName: s.name })
      pages('GetOperationsForResource', region, { resourceName: s.name })
      if (s.fromInstanceName) {
        call('GetInstance', region, { instanceName: s.fromInstanceName })
        call('GetAutoSnapshots', region, { resourceName: s.fromInstanceName })
      }
    }
    for (const d of account.diskSnapshots.get(region) ?? []) call('GetDiskSnapshot', region, { diskSnapshotName: d.name })
    for (const op of (account.operations.get(region) ?? []).slice(0, 5)) call('GetOperation', region, { operationId: op.id })
  }
  // The writes the prepared commands name, with what they make read back.
  const region = [...account.snapshots.keys()].find((r) => account.snapshots.get(r)!.some((s) => s.state === 'available' && (s.sizeInGb ?? 0) <= 80) && account.diskSnapshots.get(r)?.some((d) => d.state === 'completed'))!
  const snapshot = account.snapshots.get(region)!.find((s) => s.state === 'available' && (s.sizeInGb ?? 0) <= 80 && !s.fromBlueprintId?.startsWith('windows'))!
  const disk = account.diskSnapshots.get(region)!.find((d) => d.state === 'completed')!
  const write = (operation: string, input: Record<string, unknown>, into = region) => {
    const before = out.length
    call(operation, into, input)
    expect(out.length, `${operation} ${JSON.stringify(input)}`).toBe(before + 1)
  }
  write('CreateInstancesFromSnapshot', { instanceSnapshotName: snapshot.name, instanceNames: ['shape-check-1'], availabilityZone: `${region}a`, bundleId: 'large_3_0' })
  write('CopySnapshot', { sourceSnapshotName: snapshot.name, targetSnapshotName: 'shape-check-copy', sourceRegion: region }, 'ca-central-1')
  write('ExportSnapshot', { sourceSnapshotName: disk.name })
  write('CreateDiskFromSnapshot', { diskSnapshotName: disk.name, diskName: 'shape-check-disk', availabilityZone: `${region}b`, sizeInGb: disk.sizeInGb })
  call('GetInstance', region, { instanceName: 'shape-check-1' })
  call('GetInstanceSnapshot', 'ca-central-1', { instanceSnapshotName: 'shape-check-copy' })
  call('GetDisk', region, { diskName: 'shape-check-disk' })
  pages('GetDisks', region)
  pages('GetExportSnapshotRecords', region)
  pages('GetOperations', region)
  return out
}

describe("the emulator's answers, against botocore's model", () => {
  it('speaks only operations the model has', () => {
    for (const operation of LIGHTSAIL_OPERATIONS) expect(model.operations[operation], operation).toBeDefined()
  })

  it.each([
    ['the seeded account', () => seedAccount(Date.now(), 20)],
    ['a generated account', () => generateAccount(1500, Date.now())],
  ])('%s: every member of every answer is in the model, of its type', (_what, account) => {
    const all = answers(account())
    const seen = new Set(all.map((a) => a.operation))
    expect([...seen].sort()).toEqual([...LIGHTSAIL_OPERATIONS].sort())
    const problems = all.flatMap(({ operation, output }) => shapeProblems(model, model.operations[operation]!.output!.shape, output).map((p) => `${operation}: ${p}`))
    expect(problems.filter((p) => !ON_PURPOSE.some((allowed) => allowed.test(p.replace(/^\w+: /, ''))))).toEqual([])
  })

  it('sends no progress for any instance snapshot, and a progress for every disk snapshot', () => {
    for (const { operation, output } of answers(seedAccount(Date.now(), 20))) {
      const o = output as { instanceSnapshot?: object; instanceSnapshots?: object[]; diskSnapshot?: object; diskSnapshots?: object[] }
      for (const s of [o.instanceSnapshot, ...(o.instanceSnapshots ?? [])].filter(Boolean)) expect(s, operation).not.toHaveProperty('progress')
      for (const s of [o.diskSnapshot, ...(o.diskSnapshots ?? [])].filter(Boolean)) expect(s, operation).toHaveProperty('progress', expect.stringMatching(/^\d+%$/))
    }
  })

  it('would catch an answer that departs from the model', () => {
    expect(shapeProblems(model, 'GetInstanceSnapshotResult', { instanceSnapshot: { name: 1, progres: '5%', createdAt: '2026-01-01', state: 'pending' } })).toEqual([
      expect.stringContaining('$.instanceSnapshot.name: expected a string'),
      '$.instanceSnapshot.progres: not a member of InstanceSnapshot',
      expect.stringContaining('$.instanceSnapshot.createdAt: expected epoch seconds'),
    ])
    expect(shapeProblems(model, 'GetAutoSnapshotsResult', { autoSnapshots: [{ status: 'Done' }] })).toEqual(['$.autoSnapshots[0].status: "Done" is not one of AutoSnapshotStatus\'s values'])
  })
})
