// The write operations the prepared commands name, through the real SDK over loopback with the tools' key: what each
// makes is there afterwards, runs on the emulator's clock and settles, with its operations following; every check
// Lightsail makes is answered with its error type; the app's own identities are refused; a reset forgets it all.
import {
  CopySnapshotCommand,
  type CopySnapshotCommandInput,
  CreateDiskFromSnapshotCommand,
  CreateInstancesFromSnapshotCommand,
  ExportSnapshotCommand,
  GetAutoSnapshotsCommand,
  GetDiskCommand,
  GetDiskSnapshotCommand,
  GetDisksCommand,
  GetExportSnapshotRecordsCommand,
  GetInstanceCommand,
  GetInstanceSnapshotCommand,
  GetOperationsForResourceCommand,
  type LightsailClient,
} from '@aws-sdk/client-lightsail'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Emulator } from '../server.ts'
import { admin, lightsailClient, startTestEmulator, toolsClient, userCredentials } from '../testing.ts'
import { WRITE_SECONDS } from './writes.ts'

let now = Date.now()
let emulator: Emulator
let ohio: LightsailClient
beforeAll(async () => {
  emulator = await startTestEmulator({ clock: () => now })
  ohio = toolsClient(emulator.url)
})
afterAll(() => emulator.close())
beforeEach(async () => {
  now = Date.now()
  await admin(emulator.url, 'reset', {})
})

/** Moves the emulator's clock on (within the five minutes SigV4 allows a signature). */
const later = (seconds: number) => void (now += seconds * 1000)

const newestAuto = async (instance: string) => (await ohio.send(new GetAutoSnapshotsCommand({ resourceName: instance }))).autoSnapshots!.filter((a) => a.status === 'Success').map((a) => a.date!).sort().at(-1)!

describe('CreateInstancesFromSnapshot', () => {
  it('makes the instance from a manual snapshot: pending in its zone and bundle, then running, its operation following', async () => {
    const { operations } = await ohio.send(new CreateInstancesFromSnapshotCommand({ instanceSnapshotName: 'web-1-backup', instanceNames: ['web-1-restored'], availabilityZone: 'us-east-2b', bundleId: 'large_3_0' }))
    expect(operations).toMatchObject([{ resourceName: 'web-1-restored', resourceType: 'Instance', operationType: 'CreateInstancesFromSnapshot', status: 'Started', isTerminal: false, location: { availabilityZone: 'us-east-2b', regionName: 'us-east-2' } }])
    const { instance } = await ohio.send(new GetInstanceCommand({ instanceName: 'web-1-restored' }))
    expect(instance).toMatchObject({ state: { code: 0, name: 'pending' }, bundleId: 'large_3_0', blueprintId: 'wordpress', location: { availabilityZone: 'us-east-2b' }, hardware: { cpuCount: 2, ramSizeInGb: 8 } })
    expect(instance!.hardware!.disks).toMatchObject([{ isSystemDisk: true, sizeInGb: 160 }])
    later(WRITE_SECONDS.instance)
    expect((await ohio.send(new GetInstanceCommand({ instanceName: 'web-1-restored' }))).instance!.state).toEqual({ code: 16, name: 'running' })
    const ops = (await ohio.send(new GetOperationsForResourceCommand({ resourceName: 'web-1-restored' }))).operations!
    expect(ops).toMatchObject([{ id: operations![0]!.id, status: 'Succeeded', isTerminal: true }])
    expect(ops[0]!.statusChangedAt!.getTime() - ops[0]!.createdAt!.getTime()).toBe(WRITE_SECONDS.instance * 1000)
  })

  it('makes it from an automatic snapshot, by date or the latest, with the disks a mapping names', async () => {
    const date = await newestAuto('web-1')
    await ohio.send(new CreateInstancesFromSnapshotCommand({ sourceInstanceName: 'web-1', restoreDate: date, instanceNames: ['web-1-from-auto'], availabilityZone: 'us-east-2a', bundleId: 'medium_3_0' }))
    await ohio.send(new CreateInstancesFromSnapshotCommand({ sourceInstanceName: 'web-1', useLatestRestorableAutoSnapshot: true, instanceNames: ['web-1-latest', 'web-1-latest-2'], availabilityZone: 'us-east-2c', bundleId: 'medium_3_0' }))
    for (const name of ['web-1-from-auto', 'web-1-latest', 'web-1-latest-2']) {
      expect((await ohio.send(new GetInstanceCommand({ instanceName: name }))).instance).toMatchObject({ name, blueprintId: 'wordpress' })
    }
    await ohio.send(new CreateInstancesFromSnapshotCommand({
      instanceSnapshotName: 'web-1-backup', instanceNames: ['web-1-with-media'], availabilityZone: 'us-east-2a', bundleId: 'medium_3_0',
      attachedDiskMapping: { 'web-1-with-media': [{ originalDiskPath: '/dev/xvdg', newDiskName: 'web-1-media-restored' }] },
    }))
    expect((await ohio.send(new GetDiskCommand({ diskName: 'web-1-media-restored' }))).disk).toMatchObject({ sizeInGb: 256, attachedTo: 'web-1-with-media', isAttached: true })
  })

  it.each([
    ['a zone of another region', { availabilityZone: 'us-west-2a' }, 'InvalidInputException', 'The Availability Zone us-west-2a is not valid in us-east-2. Use one of: us-east-2a, us-east-2b, us-east-2c.'],
    ['a bundle too small for the snapshot', { bundleId: 'small_3_0' }, 'InvalidInputException', "The bundle small_3_0 is too small for the snapshot: its disk is 60 GB and the snapshot's is 80 GB. Choose a bundle with a disk of at least 80 GB."],
    ['an unknown bundle', { bundleId: 'huge_9_0' }, 'InvalidInputException', 'The bundle ID is not valid: huge_9_0'],
    ['an inactive bundle', { bundleId: 'small_2_0' }, 'InvalidInputException', 'The bundle small_2_0 is no longer available for new instances. Choose an active bundle.'],
    ["a bundle of another platform", { bundleId: 'large_win_3_0' }, 'InvalidInputException', "The bundle large_win_3_0 does not support the snapshot's platform (LINUX_UNIX)."],
    ['a name taken', { instanceNames: ['web-1'] }, 'InvalidInputException', 'Some names are already in use: web-1'],
    ['the same name twice', { instanceNames: ['twin', 'twin'] }, 'InvalidInputException', 'Some names are already in use: twin'],
    ['a bad name', { instanceNames: ['web 1'] }, 'InvalidInputException', 'instanceNames[0] must start and end with a letter or number, and contain only letters, numbers, underscores and hyphens: "web 1"'],
    ['a snapshot that does not exist', { instanceSnapshotName: 'no-such-snapshot' }, 'NotFoundException', 'The InstanceSnapshot does not exist: no-such-snapshot'],
    ['a snapshot still pending', { instanceSnapshotName: 'db-primary-stuck', bundleId: 'large_3_0' }, 'InvalidInputException', 'The instance snapshot db-primary-stuck is not ready to use: it is pending, and must be available.'],
    ['a snapshot and an automatic one at once', { sourceInstanceName: 'web-1', useLatestRestorableAutoSnapshot: true }, 'InvalidInputException', 'Name either instanceSnapshotName'],
  ])('refuses %s, in Lightsail\'s words', async (_what, change, name, message) => {
    const input = { instanceSnapshotName: 'web-1-backup', instanceNames: ['web-1-restored'], availabilityZone: 'us-east-2a', bundleId: 'medium_3_0', ...change }
    await expect(ohio.send(new CreateInstancesFromSnapshotCommand(input))).rejects.toMatchObject({ name, message: expect.stringContaining(message) })
    await expect(ohio.send(new GetInstanceCommand({ instanceName: 'web-1-restored' }))).rejects.toMatchObject({ name: 'NotFoundException' })
  })

  it('refuses an automatic snapshot that failed, one Lightsail does not keep, and a date and "the latest" at once', async () => {
    const auto = (await ohio.send(new GetAutoSnapshotsCommand({ resourceName: 'web-1' }))).autoSnapshots!
    const failed = auto.find((a) => a.status === 'Failed')!.date!
    const base = { sourceInstanceName: 'web-1', instanceNames: ['x-1'], availabilityZone: 'us-east-2a', bundleId: 'medium_3_0' }
    await expect(ohio.send(new CreateInstancesFromSnapshotCommand({ ...base, restoreDate: failed }))).rejects.toMatchObject({ name: 'InvalidInputException', message: `The automatic snapshot of web-1 from ${failed} cannot be used: its status is Failed.` })
    await expect(ohio.send(new CreateInstancesFromSnapshotCommand({ ...base, restoreDate: '2019-01-01' }))).rejects.toMatchObject({ name: 'NotFoundException', message: 'The automatic snapshot of web-1 from 2019-01-01 does not exist.' })
    await expect(ohio.send(new CreateInstancesFromSnapshotCommand({ ...base, restoreDate: '01/01/2019' }))).rejects.toMatchObject({ name: 'InvalidInputException', message: 'restoreDate must be a date in YYYY-MM-DD format: 01/01/2019' })
    await expect(ohio.send(new CreateInstancesFromSnapshotCommand({ ...base, restoreDate: auto[0]!.date, useLatestRestorableAutoSnapshot: true }))).rejects.toMatchObject({ name: 'InvalidInputException' })
    await expect(ohio.send(new CreateInstancesFromSnapshotCommand(base))).rejects.toMatchObject({ name: 'InvalidInputException' })
    await expect(ohio.send(new CreateInstancesFromSnapshotCommand({ ...base, sourceInstanceName: 'api-2', useLatestRestorableAutoSnapshot: true }))).rejects.toMatchObject({ name: 'NotFoundException', message: 'The Instance does not exist: api-2' })
  })
})

describe('CopySnapshot', () => {
  it('copies a manual snapshot to another region: pending there, then available, its operation naming region:source', async () => {
    const ireland = toolsClient(emulator.url, 'eu-west-2')
    const { operations } = await ireland.send(new CopySnapshotCommand({ sourceSnapshotName: 'web-1-backup', targetSnapshotName: 'web-1-backup', sourceRegion: 'us-east-2' }))
    expect(operations).toMatchObject([{ resourceName: 'web-1-backup', resourceType: 'InstanceSnapshot', operationType: 'CopySnapshot', operationDetails: 'us-east-2:web-1-backup', location: { availabilityZone: 'all', regionName: 'eu-west-2' } }])
    const copy = (await ireland.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'web-1-backup' }))).instanceSnapshot!
    expect(copy).toMatchObject({ state: 'pending', fromInstanceName: 'web-1', fromBundleId: 'medium_3_0', sizeInGb: 80, location: { regionName: 'eu-west-2' } })
    expect(copy.arn).toMatch(/^arn:aws:lightsail:eu-west-2:123456789012:InstanceSnapshot\//)
    expect(copy).not.toHaveProperty('progress')
    later(WRITE_SECONDS.copy)
    expect((await ireland.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'web-1-backup' }))).instanceSnapshot!.state).toBe('available')
    expect((await ireland.send(new GetOperationsForResourceCommand({ resourceName: 'web-1-backup' }))).operations).toMatchObject([{ status: 'Succeeded' }])
  })

  it('keeps an automatic snapshot as a manual one, and copies a disk snapshot whose progress rises to completed', async () => {
    const date = await newestAuto('web-1')
    const kept = await ohio.send(new CopySnapshotCommand({ sourceResourceName: 'web-1', restoreDate: date, targetSnapshotName: `web-1-${date}`, sourceRegion: 'us-east-2' }))
    expect(kept.operations![0]!.operationDetails).toBe('us-east-2:web-1')
    expect((await ohio.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: `web-1-${date}` }))).instanceSnapshot).toMatchObject({ isFromAutoSnapshot: true, fromInstanceName: 'web-1', sizeInGb: 80, state: 'pending' })
    await ohio.send(new CopySnapshotCommand({ sourceResourceName: 'web-1', useLatestRestorableAutoSnapshot: true, targetSnapshotName: 'web-1-latest', sourceRegion: 'us-east-2' }))
    const oregon = toolsClient(emulator.url, 'us-west-2')
    await oregon.send(new CopySnapshotCommand({ sourceSnapshotName: 'web-1-media-weekly', targetSnapshotName: 'media-copy', sourceRegion: 'us-east-2' }))
    expect((await oregon.send(new GetDiskSnapshotCommand({ diskSnapshotName: 'media-copy' }))).diskSnapshot).toMatchObject({ state: 'pending', progress: '0%', sizeInGb: 256 })
    later(WRITE_SECONDS.copy / 2)
    expect((await oregon.send(new GetDiskSnapshotCommand({ diskSnapshotName: 'media-copy' }))).diskSnapshot!.progress).toBe('50%')
    later(WRITE_SECONDS.copy / 2)
    expect((await oregon.send(new GetDiskSnapshotCommand({ diskSnapshotName: 'media-copy' }))).diskSnapshot).toMatchObject({ state: 'completed', progress: '100%' })
  })

  it('settles at once through the admin API, like any pending snapshot', async () => {
    await ohio.send(new CopySnapshotCommand({ sourceSnapshotName: 'web-1-backup', targetSnapshotName: 'web-1-dup', sourceRegion: 'us-east-2' }))
    expect((await admin(emulator.url, 'settle', { region: 'us-east-2', name: 'web-1-dup', state: 'error' })).status).toBe(200)
    expect((await ohio.send(new GetOperationsForResourceCommand({ resourceName: 'web-1-dup' }))).operations).toMatchObject([{ status: 'Failed', isTerminal: true }])
  })

  it.each([
    ['a name taken in the target region', { targetSnapshotName: 'web-1-backup', sourceSnapshotName: 'web-1-backup' }, 'eu-west-1', 'InvalidInputException', 'Some names are already in use: web-1-backup'],
    ['a source that does not exist', { sourceSnapshotName: 'nothing-here' }, 'eu-west-2', 'NotFoundException', 'The snapshot does not exist in us-east-2: nothing-here'],
    ['a source still pending', { sourceSnapshotName: 'web-1-upgrade-2026' }, 'eu-west-2', 'InvalidInputException', 'is not ready to use: it is pending'],
    ['a source region Lightsail does not serve', { sourceSnapshotName: 'web-1-backup', sourceRegion: 'sa-east-1' }, 'eu-west-2', 'InvalidInputException', 'The source region is not valid: sa-east-1'],
    ['a bad target name', { sourceSnapshotName: 'web-1-backup', targetSnapshotName: 'copy;rm' }, 'eu-west-2', 'InvalidInputException', 'targetSnapshotName must start and end'],
    ['a manual snapshot with a restore date', { sourceSnapshotName: 'web-1-backup', restoreDate: '2026-01-01' }, 'eu-west-2', 'InvalidInputException', 'use them with sourceResourceName only'],
  ])("refuses %s, in Lightsail's words", async (_what, change, region, name, message) => {
    const client = toolsClient(emulator.url, region)
    await expect(client.send(new CopySnapshotCommand({ targetSnapshotName: 'the-copy', sourceRegion: 'us-east-2', ...change } as CopySnapshotCommandInput))).rejects.toMatchObject({ name, message: expect.stringContaining(message) })
  })
})

describe('ExportSnapshot and GetExportSnapshotRecords', () => {
  it('exports an instance snapshot (an AMI) and a disk snapshot (an EBS snapshot): a record each, Started, then Succeeded', async () => {
    const exported = await ohio.send(new ExportSnapshotCommand({ sourceSnapshotName: 'web-1-backup' }))
    expect(exported.operations).toMatchObject([{ resourceName: 'web-1-backup', resourceType: 'InstanceSnapshot', operationType: 'ExportSnapshot', status: 'Started' }])
    await ohio.send(new ExportSnapshotCommand({ sourceSnapshotName: 'web-1-media-weekly' }))
    const records = (await ohio.send(new GetExportSnapshotRecordsCommand({}))).exportSnapshotRecords!
    expect(records).toMatchObject([
      { state: 'Started', resourceType: 'ExportSnapshotRecord', sourceInfo: { name: 'web-1-backup', resourceType: 'InstanceSnapshot', fromResourceName: 'web-1', instanceSnapshotInfo: { fromBundleId: 'medium_3_0', fromBlueprintId: 'wordpress' } }, destinationInfo: { service: 'Aws::EC2::Image', id: expect.stringMatching(/^ami-/) } },
      { state: 'Started', sourceInfo: { name: 'web-1-media-weekly', resourceType: 'DiskSnapshot', fromResourceName: 'web-1-media', diskSnapshotInfo: { sizeInGb: 256 } }, destinationInfo: { service: 'Aws::EC2::Snapshot' } },
    ])
    expect(records[0]!.name).toMatch(/^ExportSnapshotRecord-[0-9a-f-]{36}$/)
    later(WRITE_SECONDS.export)
    expect((await ohio.send(new GetExportSnapshotRecordsCommand({}))).exportSnapshotRecords!.map((r) => r.state)).toEqual(['Succeeded', 'Succeeded'])
    expect((await ohio.send(new GetOperationsForResourceCommand({ resourceName: 'web-1-backup' }))).operations!.at(-1)).toMatchObject({ operationType: 'ExportSnapshot', status: 'Succeeded' })
  })

  it('refuses a snapshot that does not exist, or is not finished', async () => {
    await expect(ohio.send(new ExportSnapshotCommand({ sourceSnapshotName: 'no-such' }))).rejects.toMatchObject({ name: 'NotFoundException', message: 'The snapshot does not exist: no-such' })
    await expect(ohio.send(new ExportSnapshotCommand({ sourceSnapshotName: 'api-2-failed' }))).rejects.toMatchObject({ name: 'InvalidInputException', message: expect.stringContaining('it is error') })
  })
})

describe('CreateDiskFromSnapshot, GetDisk and GetDisks', () => {
  it('makes a standing disk of the size asked: pending, then available, listed with the attached ones', async () => {
    const { operations } = await ohio.send(new CreateDiskFromSnapshotCommand({ diskSnapshotName: 'web-1-media-weekly', diskName: 'media-2', availabilityZone: 'us-east-2c', sizeInGb: 300 }))
    expect(operations).toMatchObject([{ resourceName: 'media-2', resourceType: 'Disk', operationType: 'CreateDiskFromSnapshot', location: { availabilityZone: 'us-east-2c' } }])
    expect((await ohio.send(new GetDiskCommand({ diskName: 'media-2' }))).disk).toMatchObject({ state: 'pending', sizeInGb: 300, isAttached: false, attachmentState: 'detached', isSystemDisk: false })
    later(WRITE_SECONDS.disk)
    expect((await ohio.send(new GetDiskCommand({ diskName: 'media-2' }))).disk!.state).toBe('available')
    const names = (await ohio.send(new GetDisksCommand({}))).disks!.map((d) => d.name)
    expect(names).toEqual(expect.arrayContaining(['media-2', 'web-1-media', 'db-primary-data']))
    expect(names.some((n) => n!.endsWith('-system'))).toBe(false)
  })

  it.each([
    ['a size below the snapshot', { sizeInGb: 100 }, 'InvalidInputException', 'The disk size (100 GB) is smaller than the snapshot (256 GB). Choose a size of at least 256 GB.'],
    ['a size Lightsail does not offer', { sizeInGb: 20_000 }, 'InvalidInputException', 'The disk size must be from 8 to 16384 GB: 20000'],
    ['a zone of another region', { availabilityZone: 'eu-west-1a' }, 'InvalidInputException', 'The Availability Zone eu-west-1a is not valid in us-east-2.'],
    ['a name taken (a disk attached to an instance)', { diskName: 'web-1-media' }, 'InvalidInputException', 'Some names are already in use: web-1-media'],
    ['a snapshot still pending', { diskSnapshotName: 'db-primary-data-pre-upgrade', sizeInGb: 512 }, 'InvalidInputException', 'is not ready to use: it is pending, and must be completed.'],
    ['a snapshot that does not exist', { diskSnapshotName: 'no-such' }, 'NotFoundException', 'The DiskSnapshot does not exist: no-such'],
  ])("refuses %s, in Lightsail's words", async (_what, change, name, message) => {
    const input = { diskSnapshotName: 'web-1-media-weekly', diskName: 'media-2', availabilityZone: 'us-east-2a', sizeInGb: 256, ...change }
    await expect(ohio.send(new CreateDiskFromSnapshotCommand(input))).rejects.toMatchObject({ name, message: expect.stringContaining(message) })
  })
})

describe("who may write, and for how long it is kept", () => {
  it("refuses the app's own identities, in IAM's words: their roles only read", async () => {
    const guest = await lightsailClient(emulator.url)
    await expect(guest.send(new CreateInstancesFromSnapshotCommand({ instanceSnapshotName: 'web-1-backup', instanceNames: ['x-1'], availabilityZone: 'us-east-2a', bundleId: 'medium_3_0' }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('is not authorized to perform: lightsail:CreateInstancesFromSnapshot'),
    })
    const alice = new (guest.constructor as typeof LightsailClient)({ region: 'us-east-2', endpoint: emulator.url, credentials: await userCredentials(emulator, 'alice') })
    for (const command of [new ExportSnapshotCommand({ sourceSnapshotName: 'web-1-backup' }), new CopySnapshotCommand({ sourceSnapshotName: 'web-1-backup', targetSnapshotName: 'x', sourceRegion: 'us-east-2' })]) {
      await expect(alice.send(command as never)).rejects.toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('SnapshotLensReaders') })
    }
    expect((await ohio.send(new GetExportSnapshotRecordsCommand({}))).exportSnapshotRecords).toEqual([])
  })

  it('forgets what the writes made on reset', async () => {
    await ohio.send(new CreateDiskFromSnapshotCommand({ diskSnapshotName: 'web-1-media-weekly', diskName: 'media-2', availabilityZone: 'us-east-2a', sizeInGb: 256 }))
    await admin(emulator.url, 'reset', {})
    await expect(ohio.send(new GetDiskCommand({ diskName: 'media-2' }))).rejects.toMatchObject({ name: 'NotFoundException' })
  })
})
