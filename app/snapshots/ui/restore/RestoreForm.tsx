// One use's choices and its command. The choices are the URL's (a teammate's link opens the same command); what is being
// typed shows at once and is checked as it is typed, each problem tied to its field (aria-invalid, aria-describedby).
// The command shows only once Lightsail would accept every value, as text in one <code>, with the IAM action it needs.
import { useQuery } from '@tanstack/react-query'
import { useId, useState, type ReactNode } from 'react'
import { inventoryRegions, isLightsailRegion, regionLabel } from '../../../lib/regions.ts'
import { navigate, parseView, type RestoreUse, type ViewState } from '../../../lib/url.ts'
import { useSession } from '../../../session.tsx'
import { CopyButton } from '../../../ui/CopyButton.tsx'
import { contextQueries } from '../../context-queries.ts'
import { restoreQueries } from '../../restore-queries.ts'
import { bundlesThatFit, describeBundle, monthlyPrice, prepare, USE_LABELS, type FieldName, type Prepared, type RestoreContext, type Subject, type Values } from '../../restore.ts'
import { ContextNote } from '../context/ContextNote.tsx'

const LABELS: Record<FieldName, string> = {
  instanceName: 'Name of the new instance',
  zone: 'Availability Zone',
  bundle: 'Bundle',
  targetRegion: 'Copy to region',
  targetName: 'Name of the copy',
  diskName: 'Name of the new disk',
  sizeInGb: 'Size in GB',
}

const TEXT_FIELDS: readonly FieldName[] = ['instanceName', 'targetName', 'diskName', 'sizeInGb']

/** Writes a choice to the URL, over the URL as it is now, rewriting the current history entry (typing adds none). */
function choose(change: Partial<ViewState>) {
  const { problems: _problems, ...view } = parseView(window.location.search)
  navigate({ ...view, ...change }, { replace: true })
}

function urlValue(url: ViewState, field: FieldName): string | undefined {
  const value = url[field]
  return value === undefined ? undefined : String(value)
}

function toUrl(field: FieldName, text: string): Partial<ViewState> {
  const value = text.trim()
  if (field === 'sizeInGb') return { sizeInGb: /^\d{1,6}$/.test(value) ? Number(value) : undefined }
  return { [field]: value === '' ? undefined : value }
}

/** What a use makes, in a sentence, for the values chosen. */
function whatItDoes(subject: Subject, prepared: Prepared, context: RestoreContext): ReactNode {
  const v = prepared.values
  const from = subject.kind === 'auto' ? `the automatic snapshot of ${subject.instance}` : subject.name
  switch (prepared.use) {
    case 'new-instance': {
      const bundle = context.bundles?.find((b) => b.bundleId === v.bundle)
      const price = bundle && monthlyPrice(bundle)
      return `Creates the instance ${v.instanceName} in ${v.zone} from ${from}, with the ${v.bundle} bundle${price ? ` (${price})` : ''}, billed from when it starts.`
    }
    case 'copy':
      return `Creates the snapshot ${v.targetName} in ${regionLabel(v.targetRegion ?? '')}, a copy of ${from}; its storage is billed there as well.`
    case 'keep':
      return `Keeps ${from} as the manual snapshot ${v.targetName}, which stays until you delete it: Lightsail keeps only the seven newest automatic ones.`
    case 'export':
      return (
        <>
          Creates, in Amazon EC2 in {subject.region}, {subject.kind === 'disk' ? 'an EBS volume' : 'an Amazon Machine Image (AMI) and an EBS volume of its system disk'} from {from}.{' '}
          <strong>EC2 charges apply</strong> for them, apart from Lightsail&apos;s. Follow it with <code>aws lightsail get-export-snapshot-records</code>.
        </>
      )
    case 'new-disk':
      return `Creates the disk ${v.diskName} (${v.sizeInGb} GB) in ${v.zone} from ${from}; attach it to an instance in the same zone.`
  }
}

interface FieldProps {
  id: string
  field: FieldName
  label: string
  problem?: string
  hint?: ReactNode
  children: (describedBy: string | undefined, invalid: true | undefined) => ReactNode
}

function Field({ id, field, label, problem, hint, children }: FieldProps) {
  const problemId = `${id}-${field}-problem`
  const hintId = `${id}-${field}-hint`
  const describedBy = [problem ? problemId : undefined, hint ? hintId : undefined].filter(Boolean).join(' ') || undefined
  return (
    <div className="field">
      <label htmlFor={`${id}-${field}`}>{label}</label>
      {children(describedBy, problem ? true : undefined)}
      {problem ? (
        <p id={problemId} className="field-problem">
          {problem}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="field-hint muted">
          {hint}
        </p>
      ) : null}
    </div>
  )
}

export function RestoreForm({ subject, use, url, sourceInstance }: { subject: Subject; use: RestoreUse; url: ViewState; sourceInstance?: string }) {
  const id = useId()
  const session = useSession()
  const region = subject.region
  const needsBundles = use === 'new-instance'
  const needsRegions = use === 'new-instance' || use === 'new-disk' || use === 'copy'
  const needsSource = use === 'new-disk' && sourceInstance !== undefined
  const bundles = useQuery({ ...restoreQueries.bundles(session, region), enabled: needsBundles })
  const regions = useQuery({ ...restoreQueries.regions(session, region), enabled: needsRegions })
  const source = useQuery({ ...contextQueries.instance(session, region, sourceInstance ?? ''), enabled: needsSource })
  // What is being typed, with the URL's value it was written as: it shows while the URL still says that.
  const [typing, setTyping] = useState<Partial<Record<FieldName, { text: string; wrote: string | undefined }>>>({})

  const context: RestoreContext = {
    bundles: bundles.data,
    zones: regions.data?.find((r) => r.name === region)?.zones,
    regions: regions.data?.map((r) => r.name),
    preferredZone: source.data?.exists ? source.data.instance.location?.availabilityZone : undefined,
  }
  const typed: Values = {}
  for (const field of TEXT_FIELDS) {
    const entry = typing[field]
    if (entry && entry.wrote === urlValue(url, field)) typed[field] = entry.text
  }
  const prepared = prepare(subject, use, url, context, typed)
  const waiting = (needsBundles && bundles.isLoading) || (needsRegions && regions.isLoading) || (needsSource && source.isLoading)

  const onText = (field: FieldName) => (text: string) => {
    const change = toUrl(field, text)
    setTyping((t) => ({ ...t, [field]: { text, wrote: change[field] === undefined ? undefined : String(change[field]) } }))
    choose(change)
  }

  if (prepared.blocked && prepared.fields.length === 0) {
    return (
      <p role="alert" className="notice notice-warning">
        {prepared.blocked}
      </p>
    )
  }

  const text = (field: FieldName, extra: { inputMode?: 'numeric' } = {}) => (
    <Field key={field} id={id} field={field} label={use === 'keep' && field === 'targetName' ? 'Name of the manual snapshot' : LABELS[field]} problem={prepared.problems[field]}>
      {(describedBy, invalid) => (
        <input
          id={`${id}-${field}`}
          value={prepared.values[field] ?? ''}
          onChange={(e) => onText(field)(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          {...extra}
        />
      )}
    </Field>
  )

  const select = (field: FieldName, options: { value: string; label: string }[], note?: ReactNode, placeholder?: string) => {
    const value = prepared.values[field] ?? ''
    const all = value && !options.some((o) => o.value === value) ? [...options, { value, label: `${value} (not one Lightsail offers here)` }] : options
    return (
      <Field key={field} id={id} field={field} label={LABELS[field]} problem={prepared.problems[field]} hint={note}>
        {(describedBy, invalid) => (
          <select id={`${id}-${field}`} value={value} onChange={(e) => choose({ [field]: e.target.value || undefined })} aria-invalid={invalid} aria-describedby={describedBy}>
            {placeholder ? <option value="">{placeholder}</option> : null}
            {all.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        )}
      </Field>
    )
  }

  const fields = prepared.fields.map((field) => {
    switch (field) {
      case 'instanceName':
      case 'targetName':
      case 'diskName':
        return text(field)
      case 'sizeInGb':
        return text(field, { inputMode: 'numeric' })
      case 'zone':
        if (regions.isError) return <div key={field}>{text(field)}<ContextNote error={regions.error} action="GetRegions" what={`the Availability Zones of ${region}`} onRetry={() => void regions.refetch()} /></div>
        return select(field, (context.zones ?? []).map((z) => ({ value: z, label: z })), regions.isLoading ? 'Loading the zones…' : undefined)
      case 'bundle': {
        if (bundles.isError) return <div key={field}>{text(field)}<ContextNote error={bundles.error} action="GetBundles" what="the bundles Lightsail offers" onRetry={() => void bundles.refetch()} /></div>
        const fitting = bundlesThatFit(subject, bundles.data ?? [])
        const chosen = bundles.data?.find((b) => b.bundleId === prepared.values.bundle)
        const hint = bundles.isLoading ? 'Loading the bundles…' : `${fitting.length} of Lightsail's bundles can hold this snapshot (same platform, a disk at least its size, still offered). Prices are Lightsail's, per month.`
        return select(field, fitting.map((b) => ({ value: b.bundleId!, label: describeBundle(b) })), chosen && !prepared.problems.bundle ? <>{describeBundle(chosen)}. {hint}</> : hint)
      }
      case 'targetRegion': {
        const listed = regions.data?.map((r) => r.name).filter(isLightsailRegion) ?? inventoryRegions([])
        const options = listed.filter((r) => r !== region).map((r) => ({ value: r, label: regionLabel(r) }))
        const note = regions.isError ? <ContextNote error={regions.error} action="GetRegions" what="which regions this account can use" onRetry={() => void regions.refetch()} /> : undefined
        return select(field, options, note, 'Choose a region')
      }
    }
  })

  return (
    <div className="restore-form">
      <form className="restore-fields" onSubmit={(e) => e.preventDefault()} aria-label={`Choices for ${USE_LABELS[use]}`} noValidate>
        {fields}
      </form>
      {prepared.blocked ? (
        <p role="alert" className="notice notice-warning">
          {prepared.blocked}
        </p>
      ) : null}
      {prepared.command && !waiting ? (
        <div className="restore-command">
          <p className="restore-what">{whatItDoes(subject, prepared, context)}</p>
          <pre>
            <code data-testid="restore-command">{prepared.command.text}</code>
          </pre>
          <div className="actions">
            <CopyButton text={prepared.command.text} label="Copy command" />
          </div>
          <p className="restore-action">
            Needs <code>{prepared.command.action}</code> in the role you run it with: this app only reads, and cannot run it.
            {use === 'export' ? (
              <>
                {' '}
                The first export of an account also needs <code>iam:CreateServiceLinkedRole</code>: Lightsail creates its service-linked role
                then.
              </>
            ) : null}
          </p>
        </div>
      ) : !prepared.blocked ? (
        <p className="muted" role="status">
          {waiting ? 'Loading what Lightsail offers…' : 'The command appears once every choice above is one Lightsail accepts.'}
        </p>
      ) : null}
    </div>
  )
}
