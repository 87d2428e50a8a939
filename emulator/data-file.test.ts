import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetInstanceSnapshotCommand, GetInstanceSnapshotsCommand } from '@aws-sdk/client-lightsail'
import { describe, expect, it } from 'vitest'
import { accountFromDocuments, loadDataFile } from './data-file.ts'
import { lightsailClient, startTestEmulator } from './testing.ts'

const dir = mkdtempSync(join(tmpdir(), 'snapshot-lens-data-'))
function file(name: string, content: string): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

// What `aws lightsail get-instance-snapshot --output json` prints: ISO-8601 timestamps.
const cliSingle = {
  instanceSnapshot: {
    name: 'prod-web-2026-11-20',
    arn: 'arn:aws:lightsail:eu-west-3:210987654321:InstanceSnapshot/0f0e0d0c-0b0a-4909-8807-060504030201',
    createdAt: '2026-11-20T04:05:06.789000+00:00',
    location: { availabilityZone: 'all', regionName: 'eu-west-3' },
    resourceType: 'InstanceSnapshot',
    state: 'available',
    fromAttachedDisks: [{ name: 'prod-data', createdAt: '2025-01-02T03:04:05+00:00', sizeInGb: 64, state: 'in-use' }],
    sizeInGb: 40,
  },
}
// What `get-instance-snapshots` prints with epoch-second timestamps, including values newer than the SDK knows.
const cliList = {
  instanceSnapshots: [
    { name: 'future-1', createdAt: 1_795_000_000.5, location: { regionName: 'mx-central-1' }, state: 'archived', newField: { x: 1 } },
    { name: 'prod-web-2026-11-21', createdAt: 1_795_100_000, location: { regionName: 'eu-west-3' }, state: 'pending', progress: '7%' },
  ],
}

describe('--data', () => {
  it('loads both CLI documents, both timestamp forms, into the regions their locations name', async () => {
    const path = file('account.json', JSON.stringify([cliSingle, cliList]))
    const account = loadDataFile(path)
    expect([...account.snapshots.keys()].sort()).toEqual(['eu-west-3', 'mx-central-1'])
    const emulator = await startTestEmulator({ account: () => loadDataFile(path) })
    try {
      const paris = await lightsailClient(emulator.url, 'eu-west-3')
      const { instanceSnapshot } = await paris.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'prod-web-2026-11-20' }))
      expect(instanceSnapshot!.createdAt!.toISOString()).toBe('2026-11-20T04:05:06.789Z')
      expect(instanceSnapshot!.fromAttachedDisks![0]!.createdAt!.toISOString()).toBe('2025-01-02T03:04:05.000Z')
      const mexico = await lightsailClient(emulator.url, 'mx-central-1')
      const { instanceSnapshots } = await mexico.send(new GetInstanceSnapshotsCommand({}))
      expect(instanceSnapshots![0]).toMatchObject({ name: 'future-1', state: 'archived' })
      expect(instanceSnapshots![0]!.createdAt!.getTime()).toBe(1_795_000_000_500)
    } finally {
      await emulator.close()
    }
  })

  it.each([
    ['not JSON', '{"instanceSnapshots": [', /not JSON/],
    ['a document of another kind', '{"keyPairs": []}', /expected the output of get-instance-snapshot\(s\)/],
    ['a snapshot without a region', '{"instanceSnapshots": [{"name": "a1"}]}', /instanceSnapshots\[0\]\.location\.regionName: missing/],
    ['a bad timestamp', '{"instanceSnapshot": {"name": "a1", "createdAt": "yesterday", "location": {"regionName": "us-east-2"}}}', /instanceSnapshot\.createdAt: not a timestamp/],
    ['a bad disk timestamp', '[{"instanceSnapshots": [{"name": "a1", "location": {"regionName": "us-east-2"}, "fromAttachedDisks": [{"createdAt": true}]}]}]', /\[0\]\.instanceSnapshots\[0\]\.fromAttachedDisks\[0\]\.createdAt/],
    ['a name twice in one region', '{"instanceSnapshots": [{"name": "a1", "location": {"regionName": "us-east-2"}}, {"name": "a1", "location": {"regionName": "us-east-2"}}]}', /appears twice/],
  ])('names the file and the problem for %s', (_what, content, problem) => {
    const path = file('bad.json', content)
    expect(() => loadDataFile(path)).toThrow(new RegExp(`^--data ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `))
    expect(() => loadDataFile(path)).toThrow(problem)
  })

  it('names a file it cannot read', () => {
    expect(() => loadDataFile(join(dir, 'missing.json'))).toThrow(/missing\.json: cannot read the file \(ENOENT\)/)
  })

  it('drops a progress from instance snapshots, which Lightsail does not send, and keeps every other field', () => {
    const pending = accountFromDocuments(cliList).snapshots.get('eu-west-3')![0]!
    expect(pending).not.toHaveProperty('progress')
    expect(accountFromDocuments(cliList).snapshots.get('mx-central-1')![0]).toMatchObject({ newField: { x: 1 } })
  })

  it('replays operations, instances, disk and automatic snapshots, converting every timestamp', () => {
    const account = accountFromDocuments([
      { operations: [{ id: 'o1', resourceName: 'web', resourceType: 'Instance', createdAt: '2026-11-01T00:00:00Z', statusChangedAt: 1_793_500_000, location: { regionName: 'eu-west-3' } }] },
      { instance: { name: 'web', createdAt: 1_700_000_000, location: { regionName: 'eu-west-3' }, hardware: { disks: [{ path: '/dev/xvda', createdAt: '2025-01-01T00:00:00Z' }] } } },
      { diskSnapshots: [{ name: 'web-data-1', createdAt: 1_700_000_001, state: 'pending', progress: '40%', location: { regionName: 'eu-west-3' } }] },
      { region: 'eu-west-3', document: { resourceName: 'web', resourceType: 'Instance', autoSnapshots: [{ date: '2026-11-30', createdAt: 1_795_000_000, status: 'Failed' }] } },
    ])
    const op = account.operations.get('eu-west-3')![0]!
    expect(op.createdAt).toEqual(new Date('2026-11-01T00:00:00Z'))
    expect(op.statusChangedAt).toEqual(new Date(1_793_500_000_000))
    expect(account.instances.get('eu-west-3')![0]!.hardware!.disks![0]!.createdAt).toEqual(new Date('2025-01-01T00:00:00Z'))
    expect(account.diskSnapshots.get('eu-west-3')![0]).toMatchObject({ progress: '40%', createdAt: new Date(1_700_000_001_000) })
    expect(account.autoSnapshots.get('eu-west-3')![0]!.autoSnapshots[0]).toMatchObject({ status: 'Failed', createdAt: new Date(1_795_000_000_000) })
  })

  it.each([
    ['get-auto-snapshots without its region', { resourceName: 'web', autoSnapshots: [] }, /does not say its region: wrap it/],
    ['a wrapper without a region', { document: { instances: [] } }, /a wrapped document names its region/],
    ['a wrapper whose region another location contradicts', { region: 'us-east-1', document: { instance: { name: 'w', location: { regionName: 'eu-west-3' } } } }, /eu-west-3, but the document is wrapped for us-east-1/],
    ['an operation without an id', { operations: [{ resourceName: 'x', location: { regionName: 'eu-west-3' } }] }, /operations\[0\]\.id: missing/],
    ['an automatic snapshot without a date', { region: 'eu-west-3', document: { resourceName: 'web', autoSnapshots: [{ status: 'Success' }] } }, /autoSnapshots\[0\]\.date: missing/],
  ])('refuses %s, naming the field', (_what, doc, problem) => {
    expect(() => accountFromDocuments(doc)).toThrow(problem)
  })

  it('accepts a lone get-instance-snapshots document', () => {
    expect(accountFromDocuments(cliList).snapshots.get('eu-west-3')).toHaveLength(1)
  })
})
