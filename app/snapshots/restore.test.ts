// The restore commands' builder: the quoting (every hostile value read back whole by real shells), the choices each use
// asks for and their defaults, every check and its words, and the commands' layout. The AWS CLI runs them in
// restore-cli.test.ts.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseView, viewToSearch } from '../lib/url.ts'
import { autoSubject, bundlesThatFit, describeBundle, prepare, shellQuote, USES, type BundleInfo, type RestoreContext, type Subject } from './restore.ts'

const HOSTILE = [
  "it's",
  "'",
  "''",
  '$(touch /tmp/pwned-quote)',
  '`touch /tmp/pwned-quote`',
  '${HOME}',
  '$HOME',
  'a\nb',
  'a"b\\c',
  '!!',
  '-rf',
  '=ls',
  '~root',
  '*',
  'a b\tc',
  '; rm -rf ~ #',
  '',
  'é日本🚀',
  '\\',
  "x'; echo pwned; echo '",
]

describe('shellQuote', () => {
  it.each(['bash', 'dash'].filter((sh) => existsSync(`/usr/bin/${sh}`)))('gives %s back every hostile value whole, running nothing', (shell) => {
    for (const value of HOSTILE) {
      const out = execFileSync(shell, ['-c', `printf '%s' ${shellQuote(value)}`], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent' } })
      expect(out, JSON.stringify(value)).toBe(value)
    }
    expect(existsSync('/tmp/pwned-quote')).toBe(false)
  })

  it('leaves plain values bare, and quotes anything a shell reads specially', () => {
    expect(shellQuote('web-1-backup')).toBe('web-1-backup')
    expect(shellQuote('us-east-2a')).toBe('us-east-2a')
    expect(shellQuote("it's")).toBe(`'it'\\''s'`)
    expect(shellQuote('=ls')).toBe(`'=ls'`)
    expect(shellQuote('')).toBe(`''`)
    for (const value of HOSTILE.filter((v) => v !== '-rf')) expect(shellQuote(value), JSON.stringify(value)).toMatch(/^'/)
  })
})

const BUNDLES: BundleInfo[] = [
  { bundleId: 'nano_3_0', name: 'Nano', price: 5, diskSizeInGb: 20, isActive: true, supportedPlatforms: ['LINUX_UNIX'] },
  { bundleId: 'small_3_0', name: 'Small', price: 12, diskSizeInGb: 60, isActive: true, supportedPlatforms: ['LINUX_UNIX'] },
  { bundleId: 'medium_3_0', name: 'Medium', price: 24, diskSizeInGb: 80, isActive: true, supportedPlatforms: ['LINUX_UNIX'] },
  { bundleId: 'large_3_0', name: 'Large', price: 44, diskSizeInGb: 160, isActive: true, supportedPlatforms: ['LINUX_UNIX'] },
  { bundleId: 'small_2_0', name: 'Small', price: 10, diskSizeInGb: 60, isActive: false, supportedPlatforms: ['LINUX_UNIX'] },
  { bundleId: 'medium_win_3_0', name: 'Medium', price: 44, diskSizeInGb: 80, isActive: true, supportedPlatforms: ['WINDOWS'] },
  { bundleId: 'gpu_nvidia_xl_1_0', name: 'GPU XL', price: 526, diskSizeInGb: 320, isActive: true, supportedPlatforms: ['LINUX_UNIX'], supportedAppCategories: ['LfR'] },
]
const CONTEXT: RestoreContext = { bundles: BUNDLES, zones: ['us-east-2a', 'us-east-2b', 'us-east-2c'], regions: ['us-east-1', 'us-east-2', 'eu-west-1', 'ap-southeast-3'] }
const WEB: Subject = { kind: 'instance', region: 'us-east-2', name: 'web-1-backup', state: 'available', sizeInGb: 80, blueprintId: 'wordpress', bundleId: 'small_3_0', source: 'web-1' }
const MEDIA: Subject = { kind: 'disk', region: 'us-east-2', name: 'web-1-media-weekly', state: 'completed', sizeInGb: 256, sourceDisk: 'web-1-media' }
const AUTO: Subject = { kind: 'auto', region: 'us-east-2', instance: 'web-1', date: '2026-11-30', status: 'Success', blueprintId: 'wordpress', bundleId: 'medium_3_0', sizeInGb: 80 }

describe('prepare: the choices, their defaults and the command', () => {
  it('a new instance: a free name, the first zone, the snapshot\'s own bundle when it fits or the cheapest that does', () => {
    const prepared = prepare(WEB, 'new-instance', {}, CONTEXT)
    expect(prepared.fields).toEqual(['instanceName', 'zone', 'bundle'])
    // small_3_0 (the source's then) cannot hold 80 GB: the cheapest bundle that can is chosen.
    expect(prepared.values).toEqual({ instanceName: 'web-1-restored', zone: 'us-east-2a', bundle: 'medium_3_0' })
    expect(prepared.command).toEqual({
      text: 'aws lightsail create-instances-from-snapshot \\\n    --instance-snapshot-name web-1-backup \\\n    --instance-names web-1-restored \\\n    --availability-zone us-east-2a \\\n    --bundle-id medium_3_0 \\\n    --region us-east-2',
      argv: ['aws', 'lightsail', 'create-instances-from-snapshot', '--instance-snapshot-name', 'web-1-backup', '--instance-names', 'web-1-restored', '--availability-zone', 'us-east-2a', '--bundle-id', 'medium_3_0', '--region', 'us-east-2'],
      action: 'lightsail:CreateInstancesFromSnapshot',
    })
    expect(prepare({ ...WEB, bundleId: 'large_3_0' }, 'new-instance', {}, CONTEXT).values.bundle).toBe('large_3_0')
  })

  it('describes a bundle by its name, price and what it has', () => {
    expect(describeBundle({ bundleId: 'small_3_0', name: 'Small', price: 12, cpuCount: 2, ramSizeInGb: 2, diskSizeInGb: 60, transferPerMonthInGb: 3072 })).toBe('Small (small_3_0): $12/month, 2 vCPUs, 2 GB memory, 60 GB SSD, 3 TB transfer')
    expect(describeBundle({ bundleId: 'nano_win_3_0', name: 'Nano', price: 9.5, cpuCount: 1, ramSizeInGb: 0.5 })).toBe('Nano (nano_win_3_0): $9.50/month, 1 vCPU, 0.5 GB memory')
  })

  it('takes what is being typed over the link\'s choice', () => {
    expect(prepare(WEB, 'new-instance', { instanceName: 'web-2' }, CONTEXT, { instanceName: 'web 3' }).problems.instanceName).toContain('"web 3" contains space')
    expect(prepare(MEDIA, 'new-disk', {}, CONTEXT, { sizeInGb: '30o' }).problems.sizeInGb).toBe('Enter the size of the new disk in GB, a whole number.')
  })

  it('offers only the bundles that can hold it: active, of its platform, with a disk at least its size, cheapest first', () => {
    expect(bundlesThatFit(WEB, BUNDLES).map((b) => b.bundleId)).toEqual(['medium_3_0', 'large_3_0'])
    expect(bundlesThatFit({ ...WEB, blueprintId: 'windows_server_2022', sizeInGb: 40 }, BUNDLES).map((b) => b.bundleId)).toEqual(['medium_win_3_0'])
    expect(bundlesThatFit({ ...WEB, blueprintId: 'lfr_jupyterlab', sizeInGb: 320 }, BUNDLES).map((b) => b.bundleId)).toEqual(['gpu_nvidia_xl_1_0'])
  })

  it.each([
    ['a bundle too small', { bundle: 'small_3_0' }, 'bundle', "small_3_0 has a 60 GB disk, smaller than the snapshot's 80 GB: choose a bundle with at least 80 GB."],
    ['a bundle no longer offered', { bundle: 'small_2_0' }, 'bundle', 'small_2_0 is no longer offered for new instances: choose an active bundle.'],
    ['a bundle of another platform', { bundle: 'medium_win_3_0' }, 'bundle', 'medium_win_3_0 is a Windows bundle; this snapshot is of a Linux/Unix instance.'],
    ['a research bundle', { bundle: 'gpu_nvidia_xl_1_0' }, 'bundle', 'gpu_nvidia_xl_1_0 is a Lightsail for Research bundle; this snapshot is of a Linux/Unix instance.'],
    ['an unknown bundle', { bundle: 'huge_9_0' }, 'bundle', 'Lightsail offers no bundle called huge_9_0.'],
    ['a zone of another region', { zone: 'eu-west-1a' }, 'zone', "eu-west-1a is not an Availability Zone of us-east-2: a new resource goes in a zone of the snapshot's region (us-east-2a, us-east-2b, us-east-2c)."],
    ['a zone the region does not offer', { zone: 'us-east-2f' }, 'zone', 'us-east-2f is not an Availability Zone Lightsail offers in us-east-2 now: choose us-east-2a, us-east-2b, us-east-2c.'],
    ['a bad name', { instanceName: 'web_1.restored' }, 'instanceName', '"web_1.restored" contains ".", which is not allowed. An instance name starts and ends with a letter or a number, and in between has only letters, numbers, underscores (_) and hyphens (-).'],
    ['an empty name', { instanceName: ' ' }, 'instanceName', 'Enter an instance name.'],
  ] as const)('refuses %s, naming the field, and shows no command', (_what, choices, field, problem) => {
    const prepared = prepare(WEB, 'new-instance', choices, CONTEXT)
    expect(prepared.problems).toEqual({ [field]: problem })
    expect(prepared.command).toBeUndefined()
  })

  it('checks what it can while Lightsail\'s lists are not known yet, and nothing it cannot', () => {
    const unknown = prepare(WEB, 'new-instance', { zone: 'us-east-2b', bundle: 'small_3_0' }, {})
    expect(unknown.problems).toEqual({})
    expect(unknown.command?.argv).toContain('small_3_0')
    expect(prepare(WEB, 'new-instance', { zone: 'us-west-2a' }, {}).problems.zone).toContain('is not an Availability Zone of us-east-2')
    expect(prepare(WEB, 'new-instance', { bundle: "x'; rm" }, {}).problems.bundle).toBe("x'; rm is not a bundle id such as medium_3_0.")
    expect(prepare(WEB, 'new-instance', {}, {}).problems.zone).toBe('Choose an Availability Zone.')
  })

  it('a copy: to a region the account can use, not its own, under its own name by default', () => {
    expect(prepare(WEB, 'copy', {}, CONTEXT)).toMatchObject({ problems: { targetRegion: 'Choose the region to copy it to.' }, values: { targetName: 'web-1-backup' } })
    expect(prepare(WEB, 'copy', { targetRegion: 'us-east-2' }, CONTEXT).problems.targetRegion).toContain('The snapshot is in us-east-2 already')
    expect(prepare(WEB, 'copy', { targetRegion: 'sa-east-1' }, CONTEXT).problems.targetRegion).toBe('sa-east-1 is not a region where Lightsail runs.')
    expect(prepare(WEB, 'copy', { targetRegion: 'ap-southeast-5' }, CONTEXT).problems.targetRegion).toContain('This account cannot use ap-southeast-5')
    expect(prepare(WEB, 'copy', { targetRegion: 'eu-west-1', targetName: 'web-1-dr' }, CONTEXT).command!.text).toBe(
      'aws lightsail copy-snapshot \\\n    --source-snapshot-name web-1-backup \\\n    --target-snapshot-name web-1-dr \\\n    --source-region us-east-2 \\\n    --region eu-west-1',
    )
  })

  it('an export: no choices, the snapshot and its region', () => {
    expect(prepare(MEDIA, 'export', {}, CONTEXT).command).toMatchObject({ text: 'aws lightsail export-snapshot \\\n    --source-snapshot-name web-1-media-weekly \\\n    --region us-east-2', action: 'lightsail:ExportSnapshot' })
  })

  it('a new disk: in its instance\'s zone, of the snapshot\'s size at least, within what Lightsail offers', () => {
    const prepared = prepare(MEDIA, 'new-disk', {}, { ...CONTEXT, preferredZone: 'us-east-2b' })
    expect(prepared.values).toEqual({ diskName: 'web-1-media-restored', zone: 'us-east-2b', sizeInGb: '256' })
    expect(prepared.command!.text).toBe('aws lightsail create-disk-from-snapshot \\\n    --disk-name web-1-media-restored \\\n    --disk-snapshot-name web-1-media-weekly \\\n    --availability-zone us-east-2b \\\n    --size-in-gb 256 \\\n    --region us-east-2')
    expect(prepare(MEDIA, 'new-disk', { sizeInGb: 100 }, CONTEXT).problems.sizeInGb).toBe('100 GB is smaller than the snapshot, 256 GB: the new disk must be at least as large.')
    expect(prepare(MEDIA, 'new-disk', { sizeInGb: 20_000 }, CONTEXT).problems.sizeInGb).toBe("20000 GB is more than Lightsail's largest disk, 16384 GB.")
    expect(prepare({ ...MEDIA, sizeInGb: 4 }, 'new-disk', { sizeInGb: 4 }, CONTEXT).problems.sizeInGb).toBe("4 GB is less than Lightsail's smallest disk, 8 GB.")
    expect(prepare(MEDIA, 'new-disk', { diskName: 'x' }, CONTEXT).problems.diskName).toContain('"x" is too short: A disk name starts and ends')
  })

  it('an automatic snapshot: by its date or the latest; kept under its date; copied; never exported as it is', () => {
    const restore = prepare(AUTO, 'new-instance', {}, CONTEXT)
    expect(restore.command!.argv.slice(3)).toEqual(['--source-instance-name', 'web-1', '--restore-date', '2026-11-30', '--instance-names', 'web-1-restored', '--availability-zone', 'us-east-2a', '--bundle-id', 'medium_3_0', '--region', 'us-east-2'])
    expect(prepare({ ...AUTO, date: 'latest' }, 'new-instance', {}, CONTEXT).command!.text).toContain('    --source-instance-name web-1 \\\n    --use-latest-restorable-auto-snapshot \\\n')
    const keep = prepare(AUTO, 'keep', {}, CONTEXT)
    expect(keep.command!.text).toBe('aws lightsail copy-snapshot \\\n    --source-resource-name web-1 \\\n    --restore-date 2026-11-30 \\\n    --target-snapshot-name web-1-2026-11-30 \\\n    --source-region us-east-2 \\\n    --region us-east-2')
    expect(prepare(AUTO, 'copy', { targetRegion: 'eu-west-1' }, CONTEXT).command!.argv).toEqual(expect.arrayContaining(['--source-resource-name', 'web-1', '--region', 'eu-west-1']))
    expect(prepare(AUTO, 'export', {}, CONTEXT).blocked).toBe('An automatic snapshot is not exported as it is: keep it as a manual snapshot first, then export that one.')
    expect(USES.auto).not.toContain('export')
  })

  it('says when the snapshot cannot be used, and shows no command', () => {
    const pending = prepare({ ...WEB, state: 'pending' }, 'new-instance', {}, CONTEXT)
    expect(pending.blocked).toBe('web-1-backup is still pending: Lightsail accepts these commands once it is available.')
    expect(pending.command).toBeUndefined()
    expect(prepare({ ...WEB, state: 'error' }, 'copy', { targetRegion: 'eu-west-1' }, CONTEXT).blocked).toBe('web-1-backup failed (its state is error): nothing can be made from it.')
    expect(prepare({ ...MEDIA, state: 'pending' }, 'new-disk', {}, CONTEXT).blocked).toContain('once it is completed')
    expect(prepare({ ...WEB, state: 'archiving' }, 'export', {}, CONTEXT).blocked).toBe('web-1-backup is archiving: Lightsail accepts these commands only for a snapshot that is available.')
    expect(prepare(WEB, 'new-disk', {}, CONTEXT).blocked).toBe('New disk from it does not apply to an instance snapshot.')
    expect(prepare(WEB, 'keep', {}, CONTEXT).blocked).toContain('is a manual snapshot already')
    const failed = autoSubject('us-east-2', 'web-1', '2026-11-28', [{ date: '2026-11-28', status: 'Failed' }])
    expect(prepare(failed, 'new-instance', {}, CONTEXT).blocked).toBe('The automatic snapshot of web-1 from 2026-11-28 failed: there is nothing to restore from that day.')
    expect(prepare(autoSubject('us-east-2', 'web-1', '2020-01-01', [{ date: '2026-11-28', status: 'Success' }]), 'keep', {}, CONTEXT).blocked).toContain('Lightsail keeps no automatic snapshot of web-1 from 2020-01-01')
    expect(prepare(autoSubject('us-east-2', 'web-1', 'latest', [{ date: '2026-11-28', status: 'Failed' }]), 'keep', {}, CONTEXT).blocked).toBe('web-1 has no automatic snapshot that can be restored.')
  })

  it('quotes every value it writes, whatever the checks let through', () => {
    const odd: Subject = { ...WEB, name: "web'1" }
    expect(prepare(odd, 'export', {}, CONTEXT).command!.text).toContain(`--source-snapshot-name 'web'\\''1'`)
  })
})

describe('the URL parameters of a prepared command', () => {
  it('read back what they write, and name what they cannot read', () => {
    const choices = { use: 'new-instance' as const, instanceName: 'web-2', zone: 'us-east-2b', bundle: 'large_3_0', auto: '2026-11-30', sizeInGb: 300, targetRegion: 'eu-west-1', targetName: 'x-1', diskName: 'd-1' }
    const search = viewToSearch({ region: 'us-east-2', snapshot: 'web-1-backup', ...choices })
    expect(search).toBe('?region=us-east-2&snapshot=web-1-backup&use=new-instance&instanceName=web-2&zone=us-east-2b&bundle=large_3_0&targetRegion=eu-west-1&targetName=x-1&diskName=d-1&sizeInGb=300&auto=2026-11-30')
    expect(parseView(search)).toMatchObject({ ...choices, problems: [] })
    expect(parseView('?auto=latest').auto).toBe('latest')
    expect(parseView('?use=delete&sizeInGb=big&auto=yesterday').problems).toEqual([
      'The parameter use "delete" is not one of new-instance, copy, export, keep, new-disk; it was ignored.',
      'The parameter sizeInGb "big" is not a whole number of GB; it was ignored.',
      'The parameter auto "yesterday" is not the date of an automatic snapshot (YYYY-MM-DD) or latest; it was ignored.',
    ])
  })
})
