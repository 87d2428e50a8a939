import {
  GetKeyPairsCommand,
  GetInstanceSnapshotCommand,
  GetInstanceSnapshotsCommand,
  GetRegionsCommand,
  type InstanceSnapshot,
} from '@aws-sdk/client-lightsail'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accountFromDocuments } from '../data-file.ts'
import type { Emulator } from '../server.ts'
import { admin, lightsailClient, startTestEmulator } from '../testing.ts'

let emulator: Emulator
beforeAll(async () => {
  emulator = await startTestEmulator()
})
afterAll(() => emulator.close())

describe('GetInstanceSnapshot', () => {
  it('returns every field of a seeded snapshot, timestamps as Dates', async () => {
    const client = await lightsailClient(emulator.url)
    const { instanceSnapshot: s, $metadata } = await client.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'web-1-backup' }))
    expect($metadata.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(s).toMatchObject({
      name: 'web-1-backup',
      arn: expect.stringMatching(/^arn:aws:lightsail:us-east-2:123456789012:InstanceSnapshot\/[0-9a-f-]{36}$/),
      supportCode: expect.stringMatching(/^123456789012\/ami-/),
      location: { availabilityZone: 'all', regionName: 'us-east-2' },
      resourceType: 'InstanceSnapshot',
      state: 'available',
      fromInstanceName: 'web-1',
      fromInstanceArn: expect.stringContaining(':Instance/'),
      fromBlueprintId: 'wordpress',
      fromBundleId: 'medium_3_0',
      isFromAutoSnapshot: false,
      sizeInGb: 80,
    })
    expect(s!.createdAt).toBeInstanceOf(Date)
    expect(Date.now() - s!.createdAt!.getTime()).toBeGreaterThan(71 * 3_600_000)
    expect(s!.tags).toContainEqual({ key: 'critical' })
    expect(s!.tags!.find((t) => t.key === 'long')!.value).toHaveLength(256)
    const [system, media, logs] = s!.fromAttachedDisks!
    expect(system).toMatchObject({ isSystemDisk: true, path: '/dev/xvda', attachmentState: 'attached', gbInUse: 0, resourceType: 'Disk' })
    expect(system!.addOns).toEqual([{ name: 'AutoSnapshot', status: 'Enabled', snapshotTimeOfDay: '06:00', nextSnapshotTimeOfDay: '06:00' }])
    expect(system!.createdAt).toBeInstanceOf(Date)
    expect(media).toMatchObject({ autoMountStatus: 'Mounted', addOns: [{ name: 'StopInstanceOnIdle', threshold: '5', duration: '30' }] })
    expect(logs).toMatchObject({ autoMountStatus: 'Pending', gbInUse: 12 })
  })

  it('covers every state, disk state and auto-mount status across the seeded account', async () => {
    const all: InstanceSnapshot[] = []
    for (const region of ['us-east-2', 'us-east-1', 'eu-west-1', 'ap-southeast-2', 'eu-central-1']) {
      const client = await lightsailClient(emulator.url, region)
      all.push(...(await client.send(new GetInstanceSnapshotsCommand({}))).instanceSnapshots!)
    }
    expect(all.length).toBeGreaterThanOrEqual(30)
    expect(new Set(all.map((s) => s.state))).toEqual(new Set(['available', 'pending', 'error', 'archiving']))
    expect(all.some((s) => s.isFromAutoSnapshot)).toBe(true)
    const disks = all.flatMap((s) => s.fromAttachedDisks ?? [])
    expect(new Set(disks.map((d) => d.autoMountStatus).filter(Boolean))).toEqual(new Set(['Failed', 'Pending', 'Mounted', 'NotMounted']))
    expect(new Set(disks.map((d) => d.state))).toEqual(new Set(['pending', 'error', 'available', 'in-use', 'unknown']))
    expect(new Set(all.map((s) => s.fromAttachedDisks?.length ?? 0))).toEqual(new Set([0, 1, 2, 3]))
    // The API reference: progress "is null for instance snapshots". Not one carries it, pending or not.
    expect(all.filter((s) => s.state === 'pending').length).toBeGreaterThanOrEqual(3)
    expect(all.filter((s) => 'progress' in s || s.progress !== undefined)).toEqual([])
  })

  it('answers NotFoundException with Lightsail code, docs and tip for an unknown name, and for a name in another region', async () => {
    const client = await lightsailClient(emulator.url)
    const error = await client.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'no-such-snapshot' })).catch((e: unknown) => e)
    expect(error).toMatchObject({
      name: 'NotFoundException',
      code: 'NotFound',
      docs: expect.stringContaining('lightsail'),
      tip: expect.any(String),
      $metadata: { httpStatusCode: 404, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    })
    await expect(client.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'mail-relay-weekly' }))).rejects.toMatchObject({
      name: 'NotFoundException',
    })
  })

  it.each(['-starts-with-hyphen', 'ends-with-hyphen-', 'a', 'has space', 'dot.ted', 'ünïcode'])(
    'answers InvalidInputException for the name %j',
    async (name) => {
      const client = await lightsailClient(emulator.url)
      await expect(client.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: name }))).rejects.toMatchObject({
        name: 'InvalidInputException',
        code: 'InvalidInput',
        $metadata: { httpStatusCode: 400 },
      })
    },
  )

  it('answers AccountSetupInProgressException and AccessDeniedException in the regions seeded for them', async () => {
    const seoul = await lightsailClient(emulator.url, 'ap-northeast-2')
    await expect(seoul.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'anything' }))).rejects.toMatchObject({
      name: 'AccountSetupInProgressException',
      $metadata: { httpStatusCode: 428 },
    })
    const stockholm = await lightsailClient(emulator.url, 'eu-north-1')
    await expect(stockholm.send(new GetInstanceSnapshotsCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('lightsail:GetInstanceSnapshots'),
      $metadata: { httpStatusCode: 403 },
    })
  })

  it('answers UnknownOperationException for an operation it does not speak', async () => {
    const client = await lightsailClient(emulator.url)
    await expect(client.send(new GetKeyPairsCommand({}))).rejects.toMatchObject({ name: 'UnknownOperationException' })
  })
})

describe('GetInstanceSnapshots', () => {
  const many = (n: number) => ({
    instanceSnapshots: Array.from({ length: n }, (_, i) => ({
      name: `snap-${String(i).padStart(3, '0')}`,
      createdAt: 1_700_000_000 + i,
      location: { regionName: 'eu-west-2', availabilityZone: 'all' },
      state: 'available',
    })),
  })

  it('pages 250 snapshots as 100, 100 and 50 with opaque tokens', async () => {
    const paged = await startTestEmulator({ account: () => accountFromDocuments(many(250)) })
    try {
      const client = await lightsailClient(paged.url, 'eu-west-2')
      const sizes: number[] = []
      const names: string[] = []
      let pageToken: string | undefined
      for (let page = 0; page < 10; page++) {
        const out = await client.send(new GetInstanceSnapshotsCommand({ pageToken }))
        sizes.push(out.instanceSnapshots!.length)
        names.push(...out.instanceSnapshots!.map((s) => s.name!))
        pageToken = out.nextPageToken
        if (pageToken) expect(pageToken).not.toMatch(/^\d+$|eu-west-2/)
        else break
      }
      expect(sizes).toEqual([100, 100, 50])
      expect(new Set(names).size).toBe(250)
      expect(names[0]).toBe('snap-000')
      expect(names[249]).toBe('snap-249')
      // Opaque: the same page asked twice gets two different tokens, both good for the next page.
      const [a, b] = await Promise.all([client.send(new GetInstanceSnapshotsCommand({})), client.send(new GetInstanceSnapshotsCommand({}))])
      expect(a.nextPageToken).not.toBe(b.nextPageToken)
      const [nextA, nextB] = await Promise.all([
        client.send(new GetInstanceSnapshotsCommand({ pageToken: a.nextPageToken })),
        client.send(new GetInstanceSnapshotsCommand({ pageToken: b.nextPageToken })),
      ])
      expect(nextA.instanceSnapshots![0]!.name).toBe('snap-100')
      expect(nextB.instanceSnapshots![0]!.name).toBe('snap-100')
    } finally {
      await paged.close()
    }
  })

  it('answers InvalidInputException for a token it never issued, or one issued for another region', async () => {
    const paged = await startTestEmulator({ account: () => accountFromDocuments(many(150)) })
    try {
      const london = await lightsailClient(paged.url, 'eu-west-2')
      await expect(london.send(new GetInstanceSnapshotsCommand({ pageToken: 'forged' }))).rejects.toMatchObject({ name: 'InvalidInputException' })
      const { nextPageToken } = await london.send(new GetInstanceSnapshotsCommand({}))
      const ohio = await lightsailClient(paged.url, 'us-east-2')
      await expect(ohio.send(new GetInstanceSnapshotsCommand({ pageToken: nextPageToken }))).rejects.toMatchObject({ name: 'InvalidInputException' })
    } finally {
      await paged.close()
    }
  })

  it('keeps each region its own: an empty region lists nothing', async () => {
    const client = await lightsailClient(emulator.url, 'ca-central-1')
    const out = await client.send(new GetInstanceSnapshotsCommand({}))
    expect(out.instanceSnapshots).toEqual([])
    expect(out.nextPageToken).toBeUndefined()
  })
})

describe('GetRegions', () => {
  it('lists Lightsail regions, with zones when asked', async () => {
    const client = await lightsailClient(emulator.url)
    const plain = await client.send(new GetRegionsCommand({}))
    expect(plain.regions!.map((r) => r.name)).toContain('us-east-2')
    expect(plain.regions!.length).toBeGreaterThanOrEqual(15)
    const zoned = await client.send(new GetRegionsCommand({ includeAvailabilityZones: true }))
    expect(zoned.regions!.find((r) => r.name === 'eu-west-1')!.availabilityZones![0]!.zoneName).toBe('eu-west-1a')
  })
})

describe('responses', () => {
  it('carry no CORS headers for Lightsail, and refuse a browser preflight that asks to send a signature', async () => {
    const preflight = await fetch(emulator.url, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-amz-date,x-amz-target' },
    })
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    const response = await fetch(emulator.url, {
      method: 'POST',
      headers: { origin: 'http://127.0.0.1:5173', 'x-amz-target': 'Lightsail_20161128.GetInstanceSnapshot' },
      body: '{}',
    })
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/)
    expect(await response.json()).toMatchObject({ __type: 'MissingAuthenticationTokenException' })
  })

  it('answers a request without a target with UnknownOperationException', async () => {
    const response = await fetch(emulator.url, { method: 'POST', body: '{}' })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException' })
  })
})

describe('the pending snapshot', () => {
  it('stays pending without any progress, becomes available on the emulator clock, and starts over on reset', async () => {
    let now = Date.now()
    const clocked = await startTestEmulator({ clock: () => now })
    try {
      const client = await lightsailClient(clocked.url)
      const read = async () =>
        (await client.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'web-1-upgrade-2026' }))).instanceSnapshot!
      const first = await read()
      expect(first.state).toBe('pending')
      expect(first).not.toHaveProperty('progress')
      now += 10_000
      const middle = await read()
      expect(middle.state).toBe('pending')
      expect(middle).not.toHaveProperty('progress')
      now += 10_001
      const done = await read()
      expect(done.state).toBe('available')
      expect(done).not.toHaveProperty('progress')
      await admin(clocked.url, 'reset', {})
      expect((await read()).state).toBe('pending')
      await admin(clocked.url, 'reset', { pendingSeconds: 2 })
      now += 2000
      expect(await read()).toMatchObject({ state: 'available' })
      expect((await admin(clocked.url, 'reset', { pendingSeconds: -1 })).status).toBe(400)
    } finally {
      await clocked.close()
    }
  })
})
