// `--data FILE`: replay a real account from what the AWS CLI prints (`--output json`) for
//   get-instance-snapshot(s)        instanceSnapshot / instanceSnapshots
//   get-disk-snapshot(s)            diskSnapshot / diskSnapshots
//   get-instance(s)                 instance / instances
//   get-operation(s), get-operations-for-resource    operation / operations
//   get-auto-snapshots              resourceName, resourceType, autoSnapshots (it names no region: wrap it)
// one document or an array of them, each optionally wrapped as {"region": "us-east-2", "document": <output>}.
// Timestamps may be epoch seconds or ISO-8601 strings. Unknown fields pass through unchanged; instance snapshots lose
// any `progress`, which Lightsail does not send for them.
import { readFileSync } from 'node:fs'
import { addTo, emptyAccount, type Account, type AutoSnapshots, type Follows, type Operation } from './model.ts'

export class DataFileError extends Error {}

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Epoch seconds (as the SDK and `--cli-binary-format` print them) or an ISO-8601 string (the CLI's default). */
export function parseTimestamp(value: unknown, where: string): Date {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000)
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const date = new Date(value)
    if (!Number.isNaN(date.getTime())) return date
  }
  throw new DataFileError(`${where}: not a timestamp (epoch seconds or ISO-8601): ${JSON.stringify(value)}`)
}

/** The timestamp fields of each kind of resource, and the lists of objects inside it that carry their own. */
const TIMESTAMPS = ['createdAt', 'statusChangedAt']

function withDates(raw: Json, where: string, nested: string[] = []): Json {
  const out: Json = { ...raw }
  for (const field of TIMESTAMPS) if (raw[field] !== undefined) out[field] = parseTimestamp(raw[field], `${where}.${field}`)
  for (const path of nested) {
    const [outer, inner] = path.split('.') as [string, string | undefined]
    const holder = inner ? raw[outer] : raw
    const key = inner ?? outer
    if (holder === undefined || !isObject(holder)) continue
    const list = holder[key]
    if (list === undefined) continue
    if (!Array.isArray(list)) throw new DataFileError(`${where}.${path}: expected an array`)
    const converted = list.map((item: unknown, i) => {
      if (!isObject(item)) throw new DataFileError(`${where}.${path}[${i}]: expected an object`)
      return withDates(item, `${where}.${path}[${i}]`)
    })
    if (inner) out[outer] = { ...(holder as Json), [key]: converted }
    else out[key] = converted
  }
  return out
}

type Kind = 'instanceSnapshot' | 'diskSnapshot' | 'instance' | 'operation'

const KINDS: { kind: Kind; one: string; many: string; nested: string[] }[] = [
  { kind: 'instanceSnapshot', one: 'instanceSnapshot', many: 'instanceSnapshots', nested: ['fromAttachedDisks'] },
  { kind: 'diskSnapshot', one: 'diskSnapshot', many: 'diskSnapshots', nested: [] },
  { kind: 'instance', one: 'instance', many: 'instances', nested: ['hardware.disks'] },
  { kind: 'operation', one: 'operation', many: 'operations', nested: [] },
]

const EXPECTED =
  'expected the output of get-instance-snapshot(s) ("instanceSnapshot(s)"), get-disk-snapshot(s) ("diskSnapshot(s)"), ' +
  'get-instance(s) ("instance(s)"), get-operation(s) or get-operations-for-resource ("operation(s)"), or get-auto-snapshots ("autoSnapshots")'

function regionOf(item: Json, wrapped: string | undefined, where: string): string {
  const location = item.location
  const named = isObject(location) && typeof location.regionName === 'string' ? location.regionName : undefined
  if (named && wrapped && named !== wrapped) throw new DataFileError(`${where}.location.regionName: ${named}, but the document is wrapped for ${wrapped}`)
  const region = named ?? wrapped
  if (!region) throw new DataFileError(`${where}.location.regionName: missing, so it has no region (or wrap the document as {"region": …, "document": …})`)
  return region
}

function addDocument(account: Account, doc: unknown, at: string): void {
  let wrapped: string | undefined
  if (isObject(doc) && 'document' in doc) {
    if (typeof doc.region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(doc.region)) {
      throw new DataFileError(`${at || 'the document'}region: a wrapped document names its region, such as "us-east-2"`)
    }
    wrapped = doc.region
    doc = doc.document
    at = `${at}document.`
  }
  if (!isObject(doc)) throw new DataFileError(`${at || 'the document'}: ${EXPECTED}`)
  if (Array.isArray(doc.autoSnapshots)) return addAutoSnapshots(account, doc, wrapped, at)
  const found = KINDS.find((k) => Array.isArray(doc[k.many]) || (doc[k.one] !== undefined && !Array.isArray(doc[k.one])))
  if (!found) throw new DataFileError(`${at || 'the document'}: ${EXPECTED}`)
  const items: { raw: unknown; where: string }[] = Array.isArray(doc[found.many])
    ? (doc[found.many] as unknown[]).map((raw, j) => ({ raw, where: `${at}${found.many}[${j}]` }))
    : [{ raw: doc[found.one], where: `${at}${found.one}` }]
  for (const { raw, where } of items) {
    if (!isObject(raw)) throw new DataFileError(`${where}: expected an object`)
    const idField = found.kind === 'operation' ? 'id' : 'name'
    if (typeof raw[idField] !== 'string' || raw[idField] === '') throw new DataFileError(`${where}.${idField}: missing`)
    const region = regionOf(raw, wrapped, where)
    const item = withDates(raw, where, found.nested)
    if (found.kind === 'instanceSnapshot') delete item.progress
    const map = { instanceSnapshot: account.snapshots, diskSnapshot: account.diskSnapshots, instance: account.instances, operation: account.operations }[found.kind] as Map<string, Json[]>
    const id = item[idField] as string
    if ((map.get(region) ?? []).some((existing) => existing[idField] === id)) {
      throw new DataFileError(`${where}.${idField}: "${id}" appears twice in ${region}`)
    }
    addTo(map, region, item)
  }
}

function addAutoSnapshots(account: Account, doc: Json, region: string | undefined, at: string): void {
  const where = at || 'the document'
  if (!region) throw new DataFileError(`${where}: get-auto-snapshots does not say its region: wrap it as {"region": "us-east-2", "document": <output>}`)
  if (typeof doc.resourceName !== 'string' || doc.resourceName === '') throw new DataFileError(`${at}resourceName: missing`)
  const autoSnapshots = (doc.autoSnapshots as unknown[]).map((raw, i) => {
    if (!isObject(raw) || typeof raw.date !== 'string') throw new DataFileError(`${at}autoSnapshots[${i}].date: missing`)
    return withDates(raw, `${at}autoSnapshots[${i}]`)
  })
  const entry = { resourceName: doc.resourceName, resourceType: typeof doc.resourceType === 'string' ? doc.resourceType : 'Instance', autoSnapshots } as unknown as AutoSnapshots
  if ((account.autoSnapshots.get(region) ?? []).some((a) => a.resourceName === entry.resourceName)) {
    throw new DataFileError(`${at}resourceName: the automatic snapshots of "${entry.resourceName}" appear twice in ${region}`)
  }
  addTo(account.autoSnapshots, region, entry)
}

/** Accepts one CLI document or an array of them. */
export function accountFromDocuments(doc: unknown): Account {
  const account = emptyAccount()
  const documents = Array.isArray(doc) ? doc : [doc]
  documents.forEach((d: unknown, i) => addDocument(account, d, Array.isArray(doc) ? `[${i}].` : ''))
  for (const [region, list] of account.operations) {
    // The log is read oldest first, as GetOperations pages it.
    list.sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0))
    for (const op of list) followRunning(account, region, op)
  }
  return account
}

/** The operations that create a snapshot, and which kind of snapshot each resource type's operation points at. */
const CREATES = new Set(['CreateInstanceSnapshot', 'CopySnapshot', 'CreateDiskSnapshot'])
const SNAPSHOT_KIND: Record<string, Follows['kind']> = { InstanceSnapshot: 'instanceSnapshot', Instance: 'instanceSnapshot', DiskSnapshot: 'diskSnapshot', Disk: 'diskSnapshot' }

/**
 * An operation still running in the replay (Started or NotStarted) follows the snapshot it creates, when that snapshot
 * is in the replay too: settling it (the admin API) then ends the operation as Lightsail would. On the snapshot the
 * operation names it; on its source, the details do.
 */
function followRunning(account: Account, region: string, op: Operation): void {
  const kind = SNAPSHOT_KIND[op.resourceType ?? '']
  if (!kind || !CREATES.has(op.operationType ?? '') || (op.status !== 'Started' && op.status !== 'NotStarted')) return
  const name = op.resourceType?.endsWith('Snapshot') ? op.resourceName : op.operationDetails
  const list = kind === 'instanceSnapshot' ? account.snapshots.get(region) : account.diskSnapshots.get(region)
  if (name && list?.some((s) => s.name === name)) op.follows = { kind, name }
}

export function loadDataFile(path: string): Account {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new DataFileError(`--data ${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`)
  }
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (error) {
    throw new DataFileError(`--data ${path}: not JSON (${(error as Error).message})`)
  }
  try {
    return accountFromDocuments(doc)
  } catch (error) {
    if (error instanceof DataFileError) throw new DataFileError(`--data ${path}: ${error.message}`)
    throw error
  }
}
