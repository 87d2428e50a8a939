// The real AWS CLI (v1) as the oracle of every command "Use this snapshot" shows: built by the page's own builder from
// what the app's own reads answer (the snapshot, its automatic snapshots and source, bundles, zones, regions), for
// several snapshots and choices, run through bash as pasted, against the emulator with the tools' key. Each parses, the
// emulator accepts it, and what it makes is there afterwards. Impossible choices are refused by the page's checks, and
// the same commands forced past them are refused by the emulator in Lightsail's words.
import { execFile } from 'node:child_process'
import { dirname } from 'node:path'
import {
  GetDiskCommand,
  GetDiskSnapshotCommand,
  GetExportSnapshotRecordsCommand,
  GetInstanceCommand,
  GetInstanceSnapshotCommand,
  GetInstanceSnapshotsCommand,
} from '@aws-sdk/client-lightsail'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { realAwsCli } from '../../deploy/aws/fake-aws.ts'
import type { Emulator } from '../../emulator/server.ts'
import { admin, startTestEmulator, TEST_POOL, toolsClient } from '../../emulator/testing.ts'
import { getAutoSnapshots, getSourceInstance } from '../aws/context.ts'
import { getDiskSnapshot } from '../aws/disk-snapshots.ts'
import { getBundles, getRegionsWithZones } from '../aws/restore.ts'
import { AwsSession } from '../aws/session.ts'
import { getInstanceSnapshot } from '../aws/snapshots.ts'
import type { RestoreChoices, RestoreUse } from '../lib/url.ts'
import { autoSubject, commandFor, diskSubject, instanceSubject, prepare, type RestoreContext, type Subject } from './restore.ts'

let emulator: Emulator
let session: AwsSession
const AWS_DIR = dirname(realAwsCli())
beforeAll(async () => {
  emulator = await startTestEmulator()
  session = new AwsSession({ cognito: { region: 'us-east-2', identityPoolId: TEST_POOL, endpoint: emulator.url }, lightsail: { mode: 'direct', endpoint: emulator.url } }, 'http://127.0.0.1:5173')
})
afterAll(async () => {
  session.dispose()
  await emulator.close()
})
beforeEach(() => admin(emulator.url, 'reset', {}))

interface Ran {
  code: number
  stdout: string
  stderr: string
}

/** Runs a command as a person pastes it, in bash, addressed to the emulator, with the tools' key and no profile. */
function run(command: string): Promise<Ran> {
  const env = {
    PATH: `${AWS_DIR}:/usr/bin:/bin`,
    HOME: '/tmp',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
  }
  return new Promise((resolve) => {
    execFile('bash', ['-c', `${command} --endpoint-url ${emulator.url} --output json`], { env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

/** What the page gives the builder for a region: its zones, the regions, the bundles, as the app reads them. */
async function contextFor(region: string, preferredZone?: string): Promise<RestoreContext> {
  const regions = await getRegionsWithZones(session, region)
  return { zones: regions.find((r) => r.name === region)!.zones, regions: regions.map((r) => r.name), bundles: await getBundles(session, region), preferredZone }
}

const instanceSnapshot = async (region: string, name: string) => instanceSubject(region, (await getInstanceSnapshot(session, region, name)).snapshot)
const diskSnapshot = async (region: string, name: string) => diskSubject(region, (await getDiskSnapshot(session, region, name)).snapshot)
async function automatic(region: string, instance: string, date: 'newest' | 'latest' | 'failed'): Promise<Subject> {
  const autos = await getAutoSnapshots(session, region, instance)
  const source = await getSourceInstance(session, region, instance)
  const list = autos.exists ? autos.autoSnapshots : []
  const chosen = date === 'latest' ? 'latest' : list.find((a) => a.status === (date === 'failed' ? 'Failed' : 'Success'))!.date!
  return autoSubject(region, instance, chosen, list, source.exists ? source.instance : undefined)
}

/** Builds the command the page shows, which must be one it offers, and runs it: the CLI's answer, parsed. */
async function runPrepared(subject: Subject, use: RestoreUse, choices: RestoreChoices, context: RestoreContext) {
  const prepared = prepare(subject, use, choices, context)
  expect(prepared.problems).toEqual({})
  expect(prepared.blocked).toBeUndefined()
  const command = prepared.command!
  expect(command.text).toMatch(/^aws lightsail [a-z-]+ \\\n/)
  const ran = await run(command.text)
  expect(ran.stderr).toBe('')
  expect(ran.code).toBe(0)
  return { prepared, answer: JSON.parse(ran.stdout) as { operations: { resourceName: string; status: string; operationType: string }[] } }
}

describe('every command the page shows runs in the real AWS CLI, and makes what it names', () => {
  it('an instance snapshot: a new instance with the defaults, a copy in another region, an export', async () => {
    const subject = await instanceSnapshot('us-east-2', 'web-1-backup')
    const context = await contextFor('us-east-2')
    const restored = await runPrepared(subject, 'new-instance', {}, context)
    expect(restored.prepared.values).toEqual({ instanceName: 'web-1-restored', zone: 'us-east-2a', bundle: 'medium_3_0' })
    expect(restored.answer.operations).toMatchObject([{ resourceName: 'web-1-restored', operationType: 'CreateInstancesFromSnapshot', status: 'Started' }])
    const ohio = toolsClient(emulator.url)
    expect((await ohio.send(new GetInstanceCommand({ instanceName: 'web-1-restored' }))).instance).toMatchObject({ bundleId: 'medium_3_0', location: { availabilityZone: 'us-east-2a' }, blueprintId: 'wordpress' })

    await runPrepared(subject, 'copy', { targetRegion: 'eu-west-2', targetName: 'web-1-backup-dr' }, context)
    expect((await toolsClient(emulator.url, 'eu-west-2').send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'web-1-backup-dr' }))).instanceSnapshot).toMatchObject({ state: 'pending', fromInstanceName: 'web-1' })

    await runPrepared(subject, 'export', {}, context)
    expect((await ohio.send(new GetExportSnapshotRecordsCommand({}))).exportSnapshotRecords).toMatchObject([{ sourceInfo: { name: 'web-1-backup', resourceType: 'InstanceSnapshot' } }])
  }, 60_000)

  it('an instance snapshot in another region, with every choice made: name, zone, a larger bundle', async () => {
    const subject = await instanceSnapshot('eu-west-1', 'shop-eu-before-migration')
    await runPrepared(subject, 'new-instance', { instanceName: 'shop-eu-2', zone: 'eu-west-1c', bundle: '2xlarge_3_0' }, await contextFor('eu-west-1'))
    expect((await toolsClient(emulator.url, 'eu-west-1').send(new GetInstanceCommand({ instanceName: 'shop-eu-2' }))).instance).toMatchObject({ bundleId: '2xlarge_3_0', location: { availabilityZone: 'eu-west-1c' } })
  }, 60_000)

  it('a Windows snapshot gets a Windows bundle, and a Lightsail for Research one a research bundle, by default', async () => {
    const oregon = toolsClient(emulator.url, 'us-west-2')
    const windows = (await oregon.send(new GetInstanceSnapshotsCommand({}))).instanceSnapshots!.find((s) => s.fromBlueprintId?.startsWith('windows') && s.state === 'available')!
    const subject = await instanceSnapshot('us-west-2', windows.name!)
    const { prepared } = await runPrepared(subject, 'new-instance', { instanceName: 'win-restored' }, await contextFor('us-west-2'))
    expect(prepared.values.bundle).toMatch(/_win_/)
    expect((await oregon.send(new GetInstanceCommand({ instanceName: 'win-restored' }))).instance!.bundleId).toBe(prepared.values.bundle)

    const research = await instanceSnapshot('us-east-2', 'research-gpu-autosnap')
    const gpu = await runPrepared(research, 'new-instance', {}, await contextFor('us-east-2'))
    expect(gpu.prepared.values.bundle).toBe('gpu_nvidia_2xl_1_0')
    expect((await toolsClient(emulator.url).send(new GetInstanceCommand({ instanceName: 'research-gpu-restored' }))).instance!.blueprintId).toBe('lfr_jupyterlab')
  }, 60_000)

  it('a disk snapshot: a new disk in its instance\'s zone and of its size, a copy in another region, an export', async () => {
    const subject = await diskSnapshot('us-east-2', 'web-1-media-weekly')
    const source = await getSourceInstance(session, 'us-east-2', 'web-1')
    const context = await contextFor('us-east-2', source.exists ? source.instance.location?.availabilityZone : undefined)
    const disk = await runPrepared(subject, 'new-disk', {}, context)
    expect(disk.prepared.values).toEqual({ diskName: 'web-1-media-restored', zone: 'us-east-2a', sizeInGb: '256' })
    const ohio = toolsClient(emulator.url)
    expect((await ohio.send(new GetDiskCommand({ diskName: 'web-1-media-restored' }))).disk).toMatchObject({ sizeInGb: 256, location: { availabilityZone: 'us-east-2a' }, isAttached: false })

    await runPrepared(subject, 'copy', { targetRegion: 'us-west-2' }, context)
    expect((await toolsClient(emulator.url, 'us-west-2').send(new GetDiskSnapshotCommand({ diskSnapshotName: 'web-1-media-weekly' }))).diskSnapshot).toMatchObject({ state: 'pending', sizeInGb: 256 })

    await runPrepared(subject, 'export', {}, context)
    expect((await ohio.send(new GetExportSnapshotRecordsCommand({}))).exportSnapshotRecords).toMatchObject([{ sourceInfo: { name: 'web-1-media-weekly', resourceType: 'DiskSnapshot' } }])
  }, 60_000)

  it('a disk snapshot in another region, larger than the snapshot, in a zone chosen', async () => {
    const subject = await diskSnapshot('eu-west-1', 'shop-eu-data-weekly')
    await runPrepared(subject, 'new-disk', { diskName: 'shop-eu-data-2', zone: 'eu-west-1b', sizeInGb: 200 }, await contextFor('eu-west-1'))
    expect((await toolsClient(emulator.url, 'eu-west-1').send(new GetDiskCommand({ diskName: 'shop-eu-data-2' }))).disk).toMatchObject({ sizeInGb: 200, location: { availabilityZone: 'eu-west-1b' } })
  }, 60_000)

  it('an automatic snapshot by its date: a new instance, kept as a manual snapshot, copied to another region', async () => {
    const subject = await automatic('us-east-2', 'web-1', 'newest')
    const date = (subject as { date: string }).date
    const context = await contextFor('us-east-2')
    const { prepared } = await runPrepared(subject, 'new-instance', { instanceName: 'web-1-from-auto' }, context)
    expect(prepared.command!.argv).toEqual(expect.arrayContaining(['--source-instance-name', 'web-1', '--restore-date', date]))
    expect((await toolsClient(emulator.url).send(new GetInstanceCommand({ instanceName: 'web-1-from-auto' }))).instance).toMatchObject({ blueprintId: 'wordpress', bundleId: 'medium_3_0' })

    const kept = await runPrepared(subject, 'keep', {}, context)
    expect(kept.prepared.values.targetName).toBe(`web-1-${date}`)
    expect((await toolsClient(emulator.url).send(new GetInstanceSnapshotCommand({ instanceSnapshotName: `web-1-${date}` }))).instanceSnapshot).toMatchObject({ isFromAutoSnapshot: true, fromInstanceName: 'web-1' })

    await runPrepared(subject, 'copy', { targetRegion: 'ca-central-1', targetName: 'web-1-auto-dr' }, context)
    expect((await toolsClient(emulator.url, 'ca-central-1').send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'web-1-auto-dr' }))).instanceSnapshot).toMatchObject({ isFromAutoSnapshot: true })
  }, 60_000)

  it('the latest automatic snapshot, without naming its date', async () => {
    const subject = await automatic('us-east-2', 'db-primary', 'latest')
    const { prepared } = await runPrepared(subject, 'new-instance', {}, await contextFor('us-east-2'))
    expect(prepared.command!.argv).toContain('--use-latest-restorable-auto-snapshot')
    expect(prepared.command!.argv).not.toContain('--restore-date')
    expect((await toolsClient(emulator.url).send(new GetInstanceCommand({ instanceName: 'db-primary-restored' }))).instance!.bundleId).toBe('large_3_0')
  }, 60_000)
})

describe('impossible choices: refused by the page, and by the emulator in Lightsail\'s words', () => {
  /** The page's own refusal, and the CLI's answer to the same command forced past it. */
  async function refused(subject: Subject, use: RestoreUse, choices: RestoreChoices, context: RestoreContext) {
    const prepared = prepare(subject, use, choices, context)
    expect(prepared.command).toBeUndefined()
    const forced = commandFor(subject, use, { ...prepared.values })
    const ran = await run(forced.text)
    expect(ran.code).not.toBe(0)
    return { page: prepared, cli: ran.stderr.trim() }
  }

  it('too small a bundle, a zone of another region, a bad name, a disk smaller than its snapshot', async () => {
    const web = await instanceSnapshot('us-east-2', 'web-1-backup')
    const context = await contextFor('us-east-2')
    const small = await refused(web, 'new-instance', { bundle: 'small_3_0' }, context)
    expect(small.page.problems.bundle).toBe("small_3_0 has a 60 GB disk, smaller than the snapshot's 80 GB: choose a bundle with at least 80 GB.")
    expect(small.cli).toBe("An error occurred (InvalidInputException) when calling the CreateInstancesFromSnapshot operation: The bundle small_3_0 is too small for the snapshot: its disk is 60 GB and the snapshot's is 80 GB. Choose a bundle with a disk of at least 80 GB.")

    const elsewhere = await refused(web, 'new-instance', { zone: 'us-west-2a' }, context)
    expect(elsewhere.page.problems.zone).toBe("us-west-2a is not an Availability Zone of us-east-2: a new resource goes in a zone of the snapshot's region (us-east-2a, us-east-2b, us-east-2c).")
    expect(elsewhere.cli).toContain('(InvalidInputException) when calling the CreateInstancesFromSnapshot operation: The Availability Zone us-west-2a is not valid in us-east-2.')

    const badName = await refused(web, 'new-instance', { instanceName: '-web' }, context)
    expect(badName.page.problems.instanceName).toContain('"-web" starts or ends with a hyphen. An instance name starts and ends with a letter or a number')
    // The AWS CLI reads a value that starts with a hyphen as an option of its own: it refuses before Lightsail does.
    expect(badName.cli).toMatch(/^Unknown options: -web$/m)

    const disk = await diskSnapshot('us-east-2', 'web-1-media-weekly')
    const smaller = await refused(disk, 'new-disk', { sizeInGb: 100 }, await contextFor('us-east-2'))
    expect(smaller.page.problems.sizeInGb).toBe('100 GB is smaller than the snapshot, 256 GB: the new disk must be at least as large.')
    expect(smaller.cli).toBe('An error occurred (InvalidInputException) when calling the CreateDiskFromSnapshot operation: The disk size (100 GB) is smaller than the snapshot (256 GB). Choose a size of at least 256 GB.')
  }, 60_000)

  it('hostile names: the page refuses them, and quoted as shown they reach Lightsail whole, which refuses them too', async () => {
    const web = await instanceSnapshot('us-east-2', 'web-1-backup')
    const context = await contextFor('us-east-2')
    for (const name of ["web'1", 'web-$(touch /tmp/pwned-restore)', 'web`id`1', 'web 1; rm -rf ~', 'web\n1', 'web"1\\']) {
      const { page, cli } = await refused(web, 'new-instance', { instanceName: name }, context)
      expect(page.problems.instanceName, name).toMatch(/which (is|are) not allowed/)
      expect(cli, name).toContain(`(InvalidInputException) when calling the CreateInstancesFromSnapshot operation: instanceNames[0] must start and end with a letter or number, and contain only letters, numbers, underscores and hyphens: ${JSON.stringify(name)}`)
    }
    const { existsSync } = await import('node:fs')
    expect(existsSync('/tmp/pwned-restore')).toBe(false)
  }, 60_000)

  it('a name Lightsail has taken: the emulator refuses it as Lightsail does', async () => {
    const web = await instanceSnapshot('us-east-2', 'web-1-backup')
    const { command } = prepare(web, 'new-instance', { instanceName: 'db-primary' }, await contextFor('us-east-2'))
    const ran = await run(command!.text)
    expect(ran.stderr.trim()).toBe('An error occurred (InvalidInputException) when calling the CreateInstancesFromSnapshot operation: Some names are already in use: db-primary')
  }, 60_000)

  it('a snapshot still pending, a failed automatic snapshot, a copy to its own region', async () => {
    const context = await contextFor('us-east-2')
    const pending = await refused(await instanceSnapshot('us-east-2', 'db-primary-stuck'), 'new-instance', {}, context)
    expect(pending.page.blocked).toBe('db-primary-stuck is still pending: Lightsail accepts these commands once it is available.')
    expect(pending.cli).toContain('The instance snapshot db-primary-stuck is not ready to use: it is pending, and must be available.')

    const failed = await automatic('us-east-2', 'web-1', 'failed')
    const auto = await refused(failed, 'new-instance', {}, context)
    expect(auto.page.blocked).toMatch(/^The automatic snapshot of web-1 from \d{4}-\d{2}-\d{2} failed: there is nothing to restore from that day\.$/)
    expect(auto.cli).toMatch(/The automatic snapshot of web-1 from \d{4}-\d{2}-\d{2} cannot be used: its status is Failed\.$/)

    const home = await refused(await instanceSnapshot('us-east-2', 'web-1-backup'), 'copy', { targetRegion: 'us-east-2' }, context)
    expect(home.page.problems.targetRegion).toContain('The snapshot is in us-east-2 already')
    expect(home.cli).toBe('An error occurred (InvalidInputException) when calling the CopySnapshot operation: Some names are already in use: web-1-backup')
  }, 60_000)
})
