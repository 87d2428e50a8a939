// What Lightsail reports around a snapshot, through the real SDK over loopback: operations, instances, automatic
// snapshots and disk snapshots, their pagination and errors, the admin API's settle, and IAM for each new read.
import {
  GetAutoSnapshotsCommand,
  GetBundlesCommand,
  GetDiskSnapshotCommand,
  GetDiskSnapshotsCommand,
  GetInstanceCommand,
  GetInstancesCommand,
  GetInstanceSnapshotCommand,
  GetInstanceSnapshotsCommand,
  GetOperationCommand,
  GetOperationsCommand,
  GetOperationsForResourceCommand,
  GetRegionsCommand,
  LightsailClient,
  type Operation,
} from '@aws-sdk/client-lightsail'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accountFromDocuments } from '../data-file.ts'
import { READ_ACTIONS } from '../iam.ts'
import { fromLoopback, type Emulator } from '../server.ts'
import { admin, lightsailClient, loopbackOnly, startTestEmulator, toolsClient, userCredentials } from '../testing.ts'

let emulator: Emulator
let ohio: LightsailClient
beforeAll(async () => {
  emulator = await startTestEmulator()
  ohio = await lightsailClient(emulator.url)
})
afterAll(() => emulator.close())

async function allOperations(client: LightsailClient, resourceName: string): Promise<Operation[]> {
  const all: Operation[] = []
  let pageToken: string | undefined
  for (let page = 0; page < 20; page++) {
    const out = await client.send(new GetOperationsForResourceCommand({ resourceName, pageToken }))
    all.push(...out.operations!)
    pageToken = out.nextPageToken
    if (!pageToken) break
  }
  return all
}

describe('GetOperationsForResource', () => {
  it("gives a snapshot's creation, its status and times, naming its source in the details", async () => {
    const ops = await allOperations(ohio, 'web-1-backup')
    const created = ops.find((o) => o.operationType === 'CreateInstanceSnapshot')!
    expect(created).toMatchObject({
      resourceName: 'web-1-backup',
      resourceType: 'InstanceSnapshot',
      status: 'Succeeded',
      isTerminal: true,
      operationDetails: 'web-1',
      location: { regionName: 'us-east-2' },
    })
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/)
    const minutes = (created.statusChangedAt!.getTime() - created.createdAt!.getTime()) / 60_000
    expect(minutes).toBeCloseTo(13.4, 1)
  })

  it("gives the instance's earlier snapshots, oldest first, with durations in its usual range", async () => {
    const ops = await allOperations(ohio, 'web-1')
    const snapshots = ops.filter((o) => o.operationType === 'CreateInstanceSnapshot' && o.status === 'Succeeded')
    expect(snapshots.length).toBeGreaterThanOrEqual(5)
    for (const op of snapshots) {
      expect(op.resourceType).toBe('Instance')
      const minutes = (op.statusChangedAt!.getTime() - op.createdAt!.getTime()) / 60_000
      expect(minutes).toBeGreaterThanOrEqual(11)
      expect(minutes).toBeLessThanOrEqual(16)
    }
    const times = ops.map((o) => o.createdAt!.getTime())
    expect(times).toEqual([...times].sort((a, b) => a - b))
    // The pending one is among them, still running.
    expect(ops.find((o) => o.operationDetails === 'web-1-upgrade-2026')).toMatchObject({ status: 'Started', isTerminal: false })
  })

  it('says why a failed snapshot failed', async () => {
    const ops = await allOperations(ohio, 'api-2-failed')
    expect(ops.find((o) => o.operationType === 'CreateInstanceSnapshot')).toMatchObject({
      status: 'Failed',
      isTerminal: true,
      errorCode: 'DiskIOError',
      errorDetails: expect.stringContaining('api-2-scratch'),
    })
  })

  it('tells a snapshot kept from an automatic snapshot, and one copied from another region, by their operations', async () => {
    const kept = await allOperations(ohio, 'research-gpu-autosnap')
    expect(kept.map((o) => o.operationType)).toEqual(['CopySnapshot'])
    const ireland = await lightsailClient(emulator.url, 'eu-west-1')
    expect(await allOperations(ireland, 'web-1-backup')).toMatchObject([{ operationType: 'CopySnapshot', operationDetails: 'us-east-2:web-1-2026-11-19' }])
  })

  it('answers NotFoundException for a resource the region never had, and InvalidInputException for a bad name', async () => {
    await expect(ohio.send(new GetOperationsForResourceCommand({ resourceName: 'never-was' }))).rejects.toMatchObject({ name: 'NotFoundException', $metadata: { httpStatusCode: 404 } })
    await expect(ohio.send(new GetOperationsForResourceCommand({ resourceName: '-bad' }))).rejects.toMatchObject({ name: 'InvalidInputException' })
    await expect(ohio.send(new GetOperationsForResourceCommand({ resourceName: 'web-1', pageToken: 'forged' }))).rejects.toMatchObject({ name: 'InvalidInputException' })
  })
})

describe('GetOperations and GetOperation', () => {
  it('pages the whole log oldest first, 200 at a time, and finds one operation by id', async () => {
    const oregon = toolsClient(emulator.url, 'us-west-2')
    const sizes: number[] = []
    const ids: string[] = []
    let pageToken: string | undefined
    for (let page = 0; page < 20; page++) {
      const out = await oregon.send(new GetOperationsCommand({ pageToken }))
      sizes.push(out.operations!.length)
      ids.push(...out.operations!.map((o) => o.id!))
      pageToken = out.nextPageToken
      if (!pageToken) break
    }
    expect(sizes.length).toBeGreaterThan(1)
    expect(sizes.slice(0, -1).every((n) => n === 200)).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
    const { operation } = await oregon.send(new GetOperationCommand({ operationId: ids[3] }))
    expect(operation!.id).toBe(ids[3])
    await expect(oregon.send(new GetOperationCommand({ operationId: '00000000-0000-4000-a000-000000000000' }))).rejects.toMatchObject({ name: 'NotFoundException' })
  })
})

describe('GetInstance and GetInstances', () => {
  it('answers a living source with its state and bundle today, and NotFoundException for a deleted one', async () => {
    const { instance } = await ohio.send(new GetInstanceCommand({ instanceName: 'web-1' }))
    expect(instance).toMatchObject({ name: 'web-1', state: { code: 16, name: 'running' }, bundleId: 'medium_3_0', blueprintId: 'wordpress', resourceType: 'Instance' })
    expect(instance!.addOns).toMatchObject([{ name: 'AutoSnapshot', status: 'Enabled', snapshotTimeOfDay: '06:00' }])
    const stopped = await ohio.send(new GetInstanceCommand({ instanceName: 'research-gpu' }))
    expect(stopped.instance!.state).toEqual({ code: 80, name: 'stopped' })
    await expect(ohio.send(new GetInstanceCommand({ instanceName: 'api-2' }))).rejects.toMatchObject({
      name: 'NotFoundException',
      message: 'The Instance does not exist: api-2',
    })
  })

  it('lists every instance of a region over pages', async () => {
    const { instances } = await ohio.send(new GetInstancesCommand({}))
    expect(instances!.map((i) => i.name)).toEqual(expect.arrayContaining(['web-1', 'db-primary', 'research-gpu']))
    expect(instances!.map((i) => i.name)).not.toContain('api-2')
  })
})

describe('GetAutoSnapshots', () => {
  it('gives the seven newest automatic snapshots of an instance by date, one of them Failed', async () => {
    const out = await ohio.send(new GetAutoSnapshotsCommand({ resourceName: 'web-1' }))
    expect(out).toMatchObject({ resourceName: 'web-1', resourceType: 'Instance' })
    expect(out.autoSnapshots).toHaveLength(7)
    expect(out.autoSnapshots!.map((a) => a.status).filter((s) => s === 'Failed')).toHaveLength(1)
    const dates = out.autoSnapshots!.map((a) => a.date!)
    expect(dates.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true)
    expect(dates).toEqual([...dates].sort().reverse())
    expect(out.autoSnapshots![0]!.fromAttachedDisks).toEqual([{ path: '/dev/xvdf', sizeInGb: 256 }])
  })

  it('answers an empty list for an instance without the add-on, and NotFoundException for a deleted one', async () => {
    const sydney = await lightsailClient(emulator.url, 'ap-southeast-2')
    expect((await sydney.send(new GetAutoSnapshotsCommand({ resourceName: 'sydney-cache' }))).autoSnapshots).toEqual([])
    await expect(ohio.send(new GetAutoSnapshotsCommand({ resourceName: 'api-2' }))).rejects.toMatchObject({ name: 'NotFoundException' })
  })
})

describe('GetDiskSnapshot and GetDiskSnapshots', () => {
  it('gives a completed disk snapshot with its progress, source disk and instance', async () => {
    const { diskSnapshot } = await ohio.send(new GetDiskSnapshotCommand({ diskSnapshotName: 'web-1-media-weekly' }))
    expect(diskSnapshot).toMatchObject({
      name: 'web-1-media-weekly',
      state: 'completed',
      progress: '100%',
      fromDiskName: 'web-1-media',
      fromInstanceName: 'web-1',
      sizeInGb: 256,
      resourceType: 'DiskSnapshot',
      isFromAutoSnapshot: false,
    })
    await expect(ohio.send(new GetDiskSnapshotCommand({ diskSnapshotName: 'web-1-backup' }))).rejects.toMatchObject({ name: 'NotFoundException' })
  })

  it('lists the disk snapshots of a region, apart from the instance snapshots', async () => {
    const { diskSnapshots } = await ohio.send(new GetDiskSnapshotsCommand({}))
    expect(diskSnapshots!.map((d) => d.name).sort()).toEqual(['api-2-scratch-final', 'db-primary-data-pre-upgrade', 'research-datasets-auto', 'web-1-media-weekly'])
  })

  it("rises in progress on the emulator clock while pending, then completes, and its operations follow", async () => {
    let now = Date.now()
    const clocked = await startTestEmulator({ clock: () => now })
    try {
      const client = await lightsailClient(clocked.url)
      const read = async () => (await client.send(new GetDiskSnapshotCommand({ diskSnapshotName: 'db-primary-data-pre-upgrade' }))).diskSnapshot!
      expect(await read()).toMatchObject({ state: 'pending', progress: '20%' })
      now += 10_000
      expect(await read()).toMatchObject({ state: 'pending', progress: '60%' })
      const running = await allOperations(client, 'db-primary-data-pre-upgrade')
      expect(running).toMatchObject([{ operationType: 'CreateDiskSnapshot', status: 'Started', isTerminal: false }])
      now += 10_000
      expect(await read()).toMatchObject({ state: 'completed', progress: '100%' })
      const done = await allOperations(client, 'db-primary-data-pre-upgrade')
      expect(done[0]).toMatchObject({ status: 'Succeeded', isTerminal: true })
      expect(done[0]!.statusChangedAt!.getTime() - done[0]!.createdAt!.getTime()).toBeGreaterThan(0)
    } finally {
      await clocked.close()
    }
  })
})

describe('POST /_emulator/settle', () => {
  it('settles a pending instance snapshot to error at once, and its operations say so', async () => {
    const settled = await startTestEmulator()
    try {
      const client = await lightsailClient(settled.url)
      expect(await admin(settled.url, 'settle', { region: 'us-east-2', name: 'web-1-upgrade-2026', state: 'error' })).toMatchObject({
        status: 200,
        body: { kind: 'instanceSnapshot', state: 'error' },
      })
      expect((await client.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'web-1-upgrade-2026' }))).instanceSnapshot!.state).toBe('error')
      const [onInstance] = (await allOperations(client, 'web-1')).filter((o) => o.operationDetails === 'web-1-upgrade-2026')
      expect(onInstance).toMatchObject({ status: 'Failed', isTerminal: true, errorCode: expect.any(String), errorDetails: expect.any(String) })
    } finally {
      await settled.close()
    }
  })

  it('settles a disk snapshot to completed, and refuses what cannot be settled', async () => {
    const settled = await startTestEmulator()
    try {
      const call = (body: unknown) => admin(settled.url, 'settle', body)
      expect((await call({ region: 'us-east-2', name: 'db-primary-data-pre-upgrade', state: 'available' })).status).toBe(400)
      expect((await call({ region: 'us-east-2', name: 'db-primary-data-pre-upgrade', state: 'completed' })).status).toBe(200)
      expect((await call({ region: 'us-east-2', name: 'db-primary-data-pre-upgrade', state: 'completed' })).status).toBe(409)
      expect((await call({ region: 'us-east-2', name: 'web-1-backup', state: 'available' })).status).toBe(409)
      expect((await call({ region: 'us-east-2', name: 'nothing-here', state: 'available' })).status).toBe(404)
      expect((await call({ region: 'Ohio', name: 'x', state: 'available' })).status).toBe(400)
      expect((await call({ region: 'us-east-2', name: 'web-1-upgrade-2026', state: 'archived' })).status).toBe(400)
      const client = await lightsailClient(settled.url)
      expect((await client.send(new GetDiskSnapshotCommand({ diskSnapshotName: 'db-primary-data-pre-upgrade' }))).diskSnapshot).toMatchObject({ state: 'completed', progress: '100%' })
    } finally {
      await settled.close()
    }
  })

  it('settles a snapshot of a replayed account, and the running operation the replay holds follows it', async () => {
    const replay = await startTestEmulator({
      account: () =>
        accountFromDocuments([
          { instanceSnapshot: { name: 'nightly', state: 'pending', createdAt: '2026-11-30T01:00:00Z', location: { regionName: 'eu-west-3' } } },
          { operations: [{ id: 'op-1', resourceName: 'nightly', resourceType: 'InstanceSnapshot', operationType: 'CreateInstanceSnapshot', status: 'Started', createdAt: 1_795_000_000, location: { regionName: 'eu-west-3' } }] },
        ]),
    })
    try {
      expect((await admin(replay.url, 'settle', { region: 'eu-west-3', name: 'nightly', state: 'available' })).status).toBe(200)
      const paris = toolsClient(replay.url, 'eu-west-3')
      expect((await paris.send(new GetOperationCommand({ operationId: 'op-1' }))).operation).toMatchObject({ status: 'Succeeded', isTerminal: true })
    } finally {
      await replay.close()
    }
  })
})

describe('GetBundles', () => {
  it('lists active bundles with prices, hardware and platforms, and inactive ones only when asked', async () => {
    const active = (await ohio.send(new GetBundlesCommand({}))).bundles!
    expect(active.find((b) => b.bundleId === 'medium_3_0')).toMatchObject({ price: 24, cpuCount: 2, ramSizeInGb: 4, diskSizeInGb: 80, isActive: true, supportedPlatforms: ['LINUX_UNIX'] })
    expect(active.some((b) => b.supportedPlatforms!.includes('WINDOWS'))).toBe(true)
    expect(active.every((b) => b.isActive)).toBe(true)
    const all = (await ohio.send(new GetBundlesCommand({ includeInactive: true }))).bundles!
    expect(all.find((b) => b.bundleId === 'micro_2_0')).toMatchObject({ isActive: false })
  })
})

describe('regions', () => {
  it('refuses each new read in the regions seeded to refuse, as for snapshots', async () => {
    const stockholm = await lightsailClient(emulator.url, 'eu-north-1')
    await expect(stockholm.send(new GetDiskSnapshotsCommand({}))).rejects.toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('lightsail:GetDiskSnapshots') })
    const seoul = await lightsailClient(emulator.url, 'ap-northeast-2')
    await expect(seoul.send(new GetInstancesCommand({}))).rejects.toMatchObject({ name: 'AccountSetupInProgressException' })
  })

  it('lists only the regions this account answers in: an opt-in region it has not enabled is left out and refuses calls', async () => {
    const { regions } = await ohio.send(new GetRegionsCommand({}))
    const names = regions!.map((r) => r.name)
    expect(names).toContain('ap-southeast-3')
    expect(names).not.toContain('ap-southeast-5')
    expect(names).toHaveLength(15)
    const malaysia = await lightsailClient(emulator.url, 'ap-southeast-5')
    await expect(malaysia.send(new GetInstanceSnapshotsCommand({}))).rejects.toMatchObject({ name: 'UnrecognizedClientException' })
  })
})

describe('IAM', () => {
  const signedIn = async (user: string) =>
    new LightsailClient({ region: 'us-east-2', endpoint: emulator.url, credentials: await userCredentials(emulator, user), requestHandler: loopbackOnly() })

  it('lets the readers role call every new read', async () => {
    const alice = await signedIn('alice')
    await expect(alice.send(new GetAutoSnapshotsCommand({ resourceName: 'web-1' }))).resolves.toBeDefined()
    await expect(alice.send(new GetOperationsForResourceCommand({ resourceName: 'web-1' }))).resolves.toBeDefined()
    await expect(alice.send(new GetDiskSnapshotsCommand({}))).resolves.toBeDefined()
  })

  it.each([
    ['GetOperationsForResource', () => new GetOperationsForResourceCommand({ resourceName: 'web-1' })],
    ['GetInstance', () => new GetInstanceCommand({ instanceName: 'web-1' })],
    ['GetInstances', () => new GetInstancesCommand({})],
    ['GetAutoSnapshots', () => new GetAutoSnapshotsCommand({ resourceName: 'web-1' })],
    ['GetDiskSnapshot', () => new GetDiskSnapshotCommand({ diskSnapshotName: 'web-1-media-weekly' })],
    ['GetDiskSnapshots', () => new GetDiskSnapshotsCommand({})],
  ] as const)('refuses %s to a role made before it was read, in IAM words naming the role', async (action, command) => {
    const dave = await signedIn('dave')
    await expect(dave.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'web-1-backup' }))).resolves.toBeDefined()
    await expect(dave.send(command() as never)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: `User: arn:aws:sts::123456789012:assumed-role/SnapshotLensSnapshotsOnly/CognitoIdentityCredentials is not authorized to perform: lightsail:${action} on resource: arn:aws:lightsail:us-east-2:123456789012:* because no identity-based policy allows the lightsail:${action} action`,
    })
  })

  it("lets the tools' key (test / test, from loopback) call any action, and refuses it with another secret or from elsewhere", async () => {
    const tools = toolsClient(emulator.url)
    await expect(tools.send(new GetOperationsCommand({}))).resolves.toMatchObject({ operations: expect.any(Array) })
    const wrong = new LightsailClient({ region: 'us-east-2', endpoint: emulator.url, credentials: { accessKeyId: 'test', secretAccessKey: 'guess' }, requestHandler: loopbackOnly() })
    await expect(wrong.send(new GetOperationsCommand({}))).rejects.toMatchObject({ name: 'InvalidSignatureException' })
    const from = (remoteAddress: string) => fromLoopback({ socket: { remoteAddress } } as never)
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1'].map(from)).toEqual([true, true, true])
    expect(['10.0.0.5', '::ffff:192.168.1.2', '2001:db8::1', ''].map(from)).toEqual([false, false, false, false])
  })

  it('names every read of the reader roles, with no wildcard', () => {
    expect(READ_ACTIONS.every((a) => /^lightsail:Get[A-Za-z]+$/.test(a))).toBe(true)
  })
})
