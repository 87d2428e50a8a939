// "Use this snapshot": the AWS CLI commands a person runs to do something with a snapshot (a new instance from it, a
// copy in another region, an export to EC2, an automatic snapshot kept, a new disk), built from the choices in the URL
// and checked the way Lightsail checks them, so that a command is only shown when Lightsail would accept it. Pure: the
// page gives it the snapshot and what Lightsail listed (bundles, zones, regions); tests run what it builds with the
// real AWS CLI. The app never runs these: they need write actions its role does not have.
import { nameProblem } from '../lib/names.ts'
import { isLightsailRegion } from '../lib/regions.ts'
import type { RestoreChoices, RestoreUse } from '../lib/url.ts'

/** What a command is made from: a manual instance or disk snapshot, or an automatic snapshot of an instance. */
export type Subject =
  | { kind: 'instance'; region: string; name: string; state?: string; sizeInGb?: number; blueprintId?: string; bundleId?: string; source?: string }
  | { kind: 'disk'; region: string; name: string; state?: string; sizeInGb?: number; sourceDisk?: string }
  | {
      kind: 'auto'
      region: string
      /** The instance the automatic snapshot is of. */
      instance: string
      /** Its date (`YYYY-MM-DD`), or `latest`: the newest that can be restored. */
      date: string
      /** Success, Failed, InProgress, NotFound; undefined when Lightsail lists none of that date. */
      status?: string
      blueprintId?: string
      bundleId?: string
      /** The instance's system disk: what a new instance's bundle must hold. */
      sizeInGb?: number
    }

/** The fields of a bundle the commands read (GetBundles). */
export interface BundleInfo {
  bundleId?: string
  name?: string
  price?: number
  cpuCount?: number
  ramSizeInGb?: number
  diskSizeInGb?: number
  transferPerMonthInGb?: number
  isActive?: boolean
  supportedPlatforms?: string[]
  supportedAppCategories?: string[]
}

/** What Lightsail listed, where known (a read still loading, or refused, leaves its part undefined). */
export interface RestoreContext {
  bundles?: BundleInfo[]
  /** The Availability Zones of the subject's region. */
  zones?: string[]
  /** The regions the account can use. */
  regions?: string[]
  /** Where a new disk goes unless chosen otherwise: the zone of the instance its snapshot was attached to. */
  preferredZone?: string
}

export type FieldName = 'instanceName' | 'zone' | 'bundle' | 'targetRegion' | 'targetName' | 'diskName' | 'sizeInGb'
export type Values = Partial<Record<FieldName, string>>

export interface PreparedCommand {
  /** As shown and copied: one flag a line, every value shell-quoted. */
  text: string
  /** The same command as arguments, as a shell hands them to the AWS CLI. */
  argv: string[]
  /** The IAM action the person running it needs. */
  action: string
}

export interface Prepared {
  use: RestoreUse
  /** The fields this use asks for, in the order shown. */
  fields: FieldName[]
  /** The value of each field: the link's choice, or the default. */
  values: Values
  /** What is wrong with a field's value, in words. */
  problems: Partial<Record<FieldName, string>>
  /** Why no command can be made at all: the snapshot is not ready, or this use does not apply to it. */
  blocked?: string
  command?: PreparedCommand
}

export const USE_LABELS: Record<RestoreUse, string> = {
  'new-instance': 'New instance from it',
  copy: 'Copy to another region',
  export: 'Export to Amazon EC2',
  keep: 'Keep as a manual snapshot',
  'new-disk': 'New disk from it',
}

export const USE_ACTIONS: Record<RestoreUse, string> = {
  'new-instance': 'lightsail:CreateInstancesFromSnapshot',
  copy: 'lightsail:CopySnapshot',
  export: 'lightsail:ExportSnapshot',
  keep: 'lightsail:CopySnapshot',
  'new-disk': 'lightsail:CreateDiskFromSnapshot',
}

/** What each kind of subject can be used for. An automatic snapshot is not exported as it is: keep it first. */
export const USES: Record<Subject['kind'], readonly RestoreUse[]> = {
  instance: ['new-instance', 'copy', 'export'],
  disk: ['new-disk', 'copy', 'export'],
  auto: ['new-instance', 'keep', 'copy'],
}

const FIELDS: Record<RestoreUse, FieldName[]> = {
  'new-instance': ['instanceName', 'zone', 'bundle'],
  copy: ['targetRegion', 'targetName'],
  export: [],
  keep: ['targetName'],
  'new-disk': ['diskName', 'zone', 'sizeInGb'],
}

/** Block storage disks: the sizes Lightsail offers, in GB. */
export const DISK_SIZES = { min: 8, max: 16_384 }

/** The URL's parameters that hold a command's choices (cleared when another use is chosen). */
export const CHOICE_KEYS = ['instanceName', 'zone', 'bundle', 'targetRegion', 'targetName', 'diskName', 'sizeInGb'] as const satisfies readonly (keyof RestoreChoices)[]

// No `=` first: zsh expands `=word` to a command's path.
const SAFE = /^[A-Za-z0-9_@%+:,./-][A-Za-z0-9_@%+=:,./-]*$/

/**
 * A value as a POSIX shell reads back exactly: as it is when it holds only characters no shell treats specially,
 * otherwise in single quotes, each `'` written as `'\''`. Nothing inside single quotes is expanded ($, `, \, !, newlines).
 */
export function shellQuote(value: string): string {
  if (SAFE.test(value)) return value
  return `'${value.replace(/'/g, `'\\''`)}'`
}

function build(command: string, flags: ([string] | [string, string])[], action: string): PreparedCommand {
  const lines = flags.map((flag) => `    ${flag.map(shellQuote).join(' ')}`)
  return { text: `aws lightsail ${command} \\\n${lines.join(' \\\n')}`, argv: ['aws', 'lightsail', command, ...flags.flat()], action }
}

/** The platform of a snapshot's image, as bundles name it, and whether it is a Lightsail for Research image. */
export function platformOf(blueprintId: string | undefined): { platform: 'LINUX_UNIX' | 'WINDOWS'; research: boolean; label: string } {
  const windows = blueprintId?.startsWith('windows') === true
  const research = blueprintId?.startsWith('lfr_') === true
  return { platform: windows ? 'WINDOWS' : 'LINUX_UNIX', research, label: research ? 'Lightsail for Research' : windows ? 'Windows' : 'Linux/Unix' }
}

function bundlePlatform(bundle: BundleInfo): string {
  if (bundle.supportedAppCategories?.includes('LfR')) return 'Lightsail for Research'
  return bundle.supportedPlatforms?.includes('WINDOWS') ? 'Windows' : 'Linux/Unix'
}

interface Image {
  blueprintId?: string
  sizeInGb?: number
}

function imageOf(subject: Subject): Image {
  return subject.kind === 'disk' ? {} : { blueprintId: subject.blueprintId, sizeInGb: subject.sizeInGb }
}

/** Why a bundle cannot hold a new instance of this image, in words, or undefined when it can. */
export function bundleProblem(bundle: BundleInfo | undefined, id: string, image: Image): string | undefined {
  if (!bundle) return `Lightsail offers no bundle called ${id}.`
  if (bundle.isActive === false) return `${id} is no longer offered for new instances: choose an active bundle.`
  const { platform, research, label } = platformOf(image.blueprintId)
  const forResearch = bundle.supportedAppCategories?.includes('LfR') === true
  if (!bundle.supportedPlatforms?.includes(platform) || forResearch !== research) {
    return `${id} is a ${bundlePlatform(bundle)} bundle; this snapshot is of a ${label} instance.`
  }
  if (image.sizeInGb !== undefined && (bundle.diskSizeInGb ?? 0) < image.sizeInGb) {
    return `${id} has a ${bundle.diskSizeInGb ?? 0} GB disk, smaller than the snapshot's ${image.sizeInGb} GB: choose a bundle with at least ${image.sizeInGb} GB.`
  }
  return undefined
}

const usd = (price: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: Number.isInteger(price) ? 0 : 2 }).format(price)
const gb = (n: number) => (n >= 1024 && n % 1024 === 0 ? `${n / 1024} TB` : `${n} GB`)

/** "$12/month", or undefined when Lightsail lists no price. */
export function monthlyPrice(bundle: BundleInfo): string | undefined {
  return bundle.price !== undefined ? `${usd(bundle.price)}/month` : undefined
}

/** A bundle in a line: its name and id, its monthly price, and what it has. */
export function describeBundle(bundle: BundleInfo): string {
  const specs = [
    bundle.cpuCount !== undefined ? `${bundle.cpuCount} vCPU${bundle.cpuCount === 1 ? '' : 's'}` : undefined,
    bundle.ramSizeInGb !== undefined ? `${gb(bundle.ramSizeInGb)} memory` : undefined,
    bundle.diskSizeInGb !== undefined ? `${gb(bundle.diskSizeInGb)} SSD` : undefined,
    bundle.transferPerMonthInGb !== undefined ? `${gb(bundle.transferPerMonthInGb)} transfer` : undefined,
  ].filter(Boolean)
  const price = monthlyPrice(bundle) ?? 'price not listed'
  return `${bundle.name ?? bundle.bundleId} (${bundle.bundleId}): ${price}, ${specs.join(', ')}`
}

/** The bundles a new instance from this subject can use, cheapest first. */
export function bundlesThatFit(subject: Subject, bundles: readonly BundleInfo[]): BundleInfo[] {
  const image = imageOf(subject)
  return bundles.filter((b) => b.bundleId && !bundleProblem(b, b.bundleId, image)).sort((a, b) => (a.price ?? 0) - (b.price ?? 0) || (a.diskSizeInGb ?? 0) - (b.diskSizeInGb ?? 0))
}

/** A manual instance snapshot, as GetInstanceSnapshot answers it. */
export function instanceSubject(region: string, s: { name?: string; state?: string; sizeInGb?: number; fromBlueprintId?: string; fromBundleId?: string; fromInstanceName?: string }): Subject {
  return { kind: 'instance', region, name: s.name ?? '', state: s.state, sizeInGb: s.sizeInGb, blueprintId: s.fromBlueprintId, bundleId: s.fromBundleId, source: s.fromInstanceName }
}

/** A manual disk snapshot, as GetDiskSnapshot answers it. */
export function diskSubject(region: string, s: { name?: string; state?: string; sizeInGb?: number; fromDiskName?: string }): Subject {
  return { kind: 'disk', region, name: s.name ?? '', state: s.state, sizeInGb: s.sizeInGb, sourceDisk: s.fromDiskName }
}

/**
 * An automatic snapshot of `instance` (GetAutoSnapshots' list), by date or the latest, with what a new instance from it
 * takes of the instance today (GetInstance): its image and the size of its system disk.
 */
export function autoSubject(
  region: string,
  instance: string,
  date: string,
  autos: readonly { date?: string; status?: string }[],
  source?: { blueprintId?: string; bundleId?: string; hardware?: { disks?: { isSystemDisk?: boolean; sizeInGb?: number }[] } },
): Subject {
  const status = date === 'latest' ? (autos.some((a) => a.status === 'Success') ? 'Success' : undefined) : autos.find((a) => a.date === date)?.status
  const sizeInGb = source?.hardware?.disks?.find((d) => d.isSystemDisk)?.sizeInGb
  return { kind: 'auto', region, instance, date, status, blueprintId: source?.blueprintId, bundleId: source?.bundleId, sizeInGb }
}

/** Why the subject cannot be used now, or undefined. */
function notReady(subject: Subject): string | undefined {
  if (subject.kind === 'auto') {
    const which = subject.date === 'latest' ? `The latest automatic snapshot of ${subject.instance}` : `The automatic snapshot of ${subject.instance} from ${subject.date}`
    if (subject.status === undefined) {
      return subject.date === 'latest'
        ? `${subject.instance} has no automatic snapshot that can be restored.`
        : `Lightsail keeps no automatic snapshot of ${subject.instance} from ${subject.date}: it keeps the seven newest. Choose one of those listed.`
    }
    if (subject.status === 'Failed') return `${which} failed: there is nothing to restore from that day.`
    if (subject.status !== 'Success') return `${which} is ${subject.status}: it can be used once it has succeeded.`
    return undefined
  }
  const ready = subject.kind === 'instance' ? 'available' : 'completed'
  if (subject.state === ready) return undefined
  if (subject.state === 'pending') return `${subject.name} is still pending: Lightsail accepts these commands once it is ${ready}.`
  if (subject.state === 'error') return `${subject.name} failed (its state is error): nothing can be made from it.`
  return `${subject.name} is ${subject.state ?? 'in no reported state'}: Lightsail accepts these commands only for a snapshot that is ${ready}.`
}

/** The name a use gives what it makes, unless the link chose one. */
function defaultName(subject: Subject, use: RestoreUse): string {
  if (subject.kind === 'auto') {
    if (use === 'new-instance') return `${subject.instance}-restored`
    return subject.date === 'latest' ? `${subject.instance}-kept` : `${subject.instance}-${subject.date}`
  }
  if (use === 'copy') return subject.name
  if (subject.kind === 'disk') return `${subject.sourceDisk ?? subject.name}-restored`
  return `${subject.source ?? subject.name}-restored`
}

/** The values in effect: the link's choices, or defaults that Lightsail would accept where the choice is free. */
function valuesFor(subject: Subject, use: RestoreUse, choices: RestoreChoices, context: RestoreContext): Values {
  const values: Values = {}
  const zone = choices.zone ?? (context.preferredZone && context.zones?.includes(context.preferredZone) ? context.preferredZone : context.zones?.[0])
  switch (use) {
    case 'new-instance': {
      values.instanceName = choices.instanceName ?? defaultName(subject, use)
      values.zone = zone
      const fitting = context.bundles ? bundlesThatFit(subject, context.bundles) : []
      const own = subject.kind === 'disk' ? undefined : subject.bundleId
      values.bundle = choices.bundle ?? (own && (!context.bundles || fitting.some((b) => b.bundleId === own)) ? own : fitting[0]?.bundleId)
      break
    }
    case 'copy':
      values.targetRegion = choices.targetRegion
      values.targetName = choices.targetName ?? defaultName(subject, use)
      break
    case 'keep':
      values.targetName = choices.targetName ?? defaultName(subject, use)
      break
    case 'new-disk':
      values.diskName = choices.diskName ?? defaultName(subject, use)
      values.zone = zone
      values.sizeInGb = choices.sizeInGb !== undefined ? String(choices.sizeInGb) : subject.sizeInGb !== undefined ? String(subject.sizeInGb) : undefined
      break
    case 'export':
      break
  }
  return values
}

function zoneProblem(region: string, zone: string | undefined, zones: string[] | undefined): string | undefined {
  if (!zone) return zones && zones.length === 0 ? `Lightsail lists no Availability Zone of ${region} that is available now.` : 'Choose an Availability Zone.'
  if (!new RegExp(`^${region}[a-z]$`).test(zone)) return `${zone} is not an Availability Zone of ${region}: a new resource goes in a zone of the snapshot's region${zones?.length ? ` (${zones.join(', ')})` : ''}.`
  if (zones && !zones.includes(zone)) return `${zone} is not an Availability Zone Lightsail offers in ${region} now: choose ${zones.join(', ')}.`
  return undefined
}

function problemsFor(subject: Subject, use: RestoreUse, values: Values, context: RestoreContext): Prepared['problems'] {
  const problems: Prepared['problems'] = {}
  const region = subject.region
  for (const field of FIELDS[use]) {
    const value = values[field]
    let problem: string | undefined
    switch (field) {
      case 'instanceName':
        problem = nameProblem(value ?? '', 'instance')
        break
      case 'diskName':
        problem = nameProblem(value ?? '', 'disk')
        break
      case 'targetName':
        problem = nameProblem(value ?? '', 'snapshot')
        break
      case 'zone':
        problem = zoneProblem(region, value, context.zones)
        break
      case 'bundle':
        if (!value) problem = context.bundles ? 'No bundle Lightsail offers can hold this snapshot.' : 'Choose a bundle.'
        else if (context.bundles) problem = bundleProblem(context.bundles.find((b) => b.bundleId === value), value, imageOf(subject))
        else if (!/^[a-z0-9_]{1,60}$/.test(value)) problem = `${value} is not a bundle id such as medium_3_0.`
        break
      case 'targetRegion':
        if (!value) problem = 'Choose the region to copy it to.'
        else if (!isLightsailRegion(value)) problem = `${value} is not a region where Lightsail runs.`
        else if (value === region) problem = `The snapshot is in ${region} already: choose another region (to copy it within ${region}, give it another name there).`
        else if (context.regions && !context.regions.includes(value)) problem = `This account cannot use ${value}: it is an opt-in region not enabled, or not offered to it.`
        break
      case 'sizeInGb': {
        const size = Number(value)
        const minimum = Math.max(DISK_SIZES.min, subject.sizeInGb ?? 0)
        if (value === undefined || value === '' || !/^\d+$/.test(value)) problem = 'Enter the size of the new disk in GB, a whole number.'
        else if (size > DISK_SIZES.max) problem = `${size} GB is more than Lightsail's largest disk, ${DISK_SIZES.max} GB.`
        else if (size < minimum) {
          problem = subject.sizeInGb !== undefined && size < subject.sizeInGb
            ? `${size} GB is smaller than the snapshot, ${subject.sizeInGb} GB: the new disk must be at least as large.`
            : `${size} GB is less than Lightsail's smallest disk, ${DISK_SIZES.min} GB.`
        }
        break
      }
    }
    if (problem) problems[field] = problem
  }
  return problems
}

/**
 * The command for these values, unchecked: `prepare` calls it only once every value passed its checks. (Tests call it
 * with impossible values, to hear Lightsail refuse them.)
 */
export function commandFor(subject: Subject, use: RestoreUse, v: Values): PreparedCommand {
  const action = USE_ACTIONS[use]
  const region = subject.region
  const auto: ([string] | [string, string])[] = subject.kind === 'auto' ? (subject.date === 'latest' ? [['--use-latest-restorable-auto-snapshot']] : [['--restore-date', subject.date]]) : []
  switch (use) {
    case 'new-instance':
      return build('create-instances-from-snapshot', [
        ...(subject.kind === 'auto' ? [['--source-instance-name', subject.instance] as [string, string], ...auto] : [['--instance-snapshot-name', (subject as { name: string }).name] as [string, string]]),
        ['--instance-names', v.instanceName!],
        ['--availability-zone', v.zone!],
        ['--bundle-id', v.bundle!],
        ['--region', region],
      ], action)
    case 'copy':
    case 'keep':
      return build('copy-snapshot', [
        ...(subject.kind === 'auto' ? [['--source-resource-name', subject.instance] as [string, string], ...auto] : [['--source-snapshot-name', subject.name] as [string, string]]),
        ['--target-snapshot-name', v.targetName!],
        ['--source-region', region],
        ['--region', use === 'keep' ? region : v.targetRegion!],
      ], action)
    case 'export':
      return build('export-snapshot', [['--source-snapshot-name', (subject as { name: string }).name], ['--region', region]], action)
    case 'new-disk':
      return build('create-disk-from-snapshot', [
        ['--disk-name', v.diskName!],
        ['--disk-snapshot-name', (subject as { name: string }).name],
        ['--availability-zone', v.zone!],
        ['--size-in-gb', String(Number(v.sizeInGb))],
        ['--region', region],
      ], action)
  }
}

/** Why this use does not apply to this subject, in words. */
function mismatchOf(subject: Subject, use: RestoreUse): string | undefined {
  if (USES[subject.kind].includes(use)) return undefined
  if (subject.kind === 'auto' && use === 'export') return 'An automatic snapshot is not exported as it is: keep it as a manual snapshot first, then export that one.'
  if (subject.kind === 'auto') return `${USE_LABELS[use]} does not apply to an automatic snapshot of an instance.`
  if (use === 'keep') return `${subject.name} is a manual snapshot already: "keep" is for automatic snapshots.`
  return `${USE_LABELS[use]} does not apply to ${subject.kind === 'disk' ? 'a disk snapshot' : 'an instance snapshot'}.`
}

/**
 * The prepared command for a use of a subject with the link's choices (and what is being typed, `typed`, which wins):
 * the values, what is wrong, or the command.
 */
export function prepare(subject: Subject, use: RestoreUse, choices: RestoreChoices, context: RestoreContext, typed: Values = {}): Prepared {
  const fields = FIELDS[use]
  const mismatch = mismatchOf(subject, use)
  if (mismatch) return { use, fields: [], values: {}, problems: {}, blocked: mismatch }
  const values = { ...valuesFor(subject, use, choices, context), ...typed }
  const problems = problemsFor(subject, use, values, context)
  const blocked = notReady(subject)
  const command = blocked || Object.keys(problems).length > 0 ? undefined : commandFor(subject, use, values)
  return { use, fields, values, problems, ...(blocked ? { blocked } : {}), ...(command ? { command } : {}) }
}
