// `npm run deploy:aws -- --region us-east-2 --domain-prefix acme-lens [--stack snapshot-lens]
// [--portals https://portal.example.com] [--regions us-east-2,eu-west-1] [--domain lens.example.com --certificate-arn …]
// [--dry-run] [--delete] [--print-deployer-policy]`: from an empty account to a working link (docs/deploy.md), and back. Checks the options and
// the account first (the stack's state, the sign-in domain's owner), builds the app, creates or updates the stack
// (deploy/aws/template.json) with the AWS CLI, writes config.json from the stack's outputs, uploads the build,
// invalidates what is revalidated, and ends with one signed GetRegions through the new distribution. --dry-run makes
// the read-only calls and prints the others instead of making them; --delete empties the bucket (every version) and
// deletes the stack; --print-deployer-policy prints the IAM policy the deployer needs, and calls nothing.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { Sha256 } from '@aws-crypto/sha256-js'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import { parseConfig } from '../app/config/config.ts'
import { LIGHTSAIL_RELAY } from '../app/lib/relay-rules.ts'
import {
  deleteStackCommands,
  deleteVersions,
  deployCommand,
  describeDomain,
  describeStack,
  domainProblem,
  EXPORT_CREDENTIALS,
  inviteCommand,
  listVersions,
  optionProblems,
  parseStackState,
  shellLine,
  smokeUrl,
  stackMissing,
  stackStateProblem,
  uploadCommands,
  type Command,
  type DeployOptions,
  type StackState,
} from '../deploy/aws/plan.ts'
import { deployerPolicy } from '../deploy/aws/deployer-policy.ts'
import { configFromOutputs, type StackOutputs } from '../deploy/aws/stack.ts'

function fail(message: string): never {
  console.error(`deploy:aws: ${message}`)
  process.exit(1)
}

let parsed
try {
  parsed = parseArgs({
    options: {
      stack: { type: 'string', default: 'snapshot-lens' },
      region: { type: 'string' },
      'domain-prefix': { type: 'string' },
      portals: { type: 'string', default: '' },
      regions: { type: 'string', default: '' },
      domain: { type: 'string' },
      'certificate-arn': { type: 'string' },
      dist: { type: 'string', default: 'dist' },
      'dry-run': { type: 'boolean', default: false },
      'skip-build': { type: 'boolean', default: false },
      delete: { type: 'boolean', default: false },
      'print-deployer-policy': { type: 'boolean', default: false },
    },
  })
} catch (error) {
  fail((error as Error).message)
}
const args = parsed.values
if (args['print-deployer-policy']) {
  // What the deployer may do, for this stack name (its bucket and role names start with it); nothing is called.
  console.log(JSON.stringify(deployerPolicy(args.stack), null, 2))
  process.exit(0)
}
const list = (value: string) => value.split(',').map((v) => v.trim()).filter(Boolean)
const region = args.region ?? fail('--region is required: the region of the identity pool and user pool, such as us-east-2')
const options: Omit<DeployOptions, 'domainPrefix'> & { domainPrefix?: string } = {
  stack: args.stack!,
  region,
  domainPrefix: args['domain-prefix'],
  portals: list(args.portals!),
  regions: list(args.regions!),
  appDomain: args.domain,
  certificateArn: args['certificate-arn'],
  dist: args.dist!,
}
const problems = optionProblems(options, args.delete)
if (problems.length > 0) fail(problems.join('\n  '))
const dryRun = args['dry-run']

interface Ran {
  ok: boolean
  stdout: string
  stderr: string
}

/** Runs a command, printed first; a dry run prints the ones that change something and makes only the read-only ones. */
function run(command: Command, { readOnly = false } = {}): Ran | undefined {
  console.log(`$ ${shellLine(command)}${dryRun && readOnly ? '   # read-only: made in a dry run too' : ''}`)
  if (dryRun && !readOnly) return undefined
  try {
    const stdout = execFileSync(command[0]!, command.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 })
    return { ok: true, stdout, stderr: '' }
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string }
    return { ok: false, stdout: e.stdout ?? '', stderr: e.stderr || e.message }
  }
}

/** Runs a command that must succeed (in a dry run, one that is only printed succeeds by definition). */
function must(command: Command, readOnly = false): string {
  const ran = run(command, { readOnly })
  if (ran && !ran.ok) fail(`${shellLine(command.slice(0, 3))} failed:\n${ran.stderr.trim()}`)
  return ran?.stdout ?? ''
}

/** The stack as it is now, or undefined when it does not exist. */
function readStack(): StackState | undefined {
  const ran = run(describeStack(options), { readOnly: true })!
  if (ran.ok) return parseStackState(ran.stdout)
  if (stackMissing(ran.stderr)) return undefined
  fail(`could not read the stack ${options.stack} in ${region}:\n${ran.stderr.trim()}`)
}

async function smoke(outputs: StackOutputs, lightsailRegion: string): Promise<void> {
  const url = smokeUrl(outputs, lightsailRegion)
  const exported = run(EXPORT_CREDENTIALS)
  if (!exported) {
    console.log(`(dry run: then one GetRegions, signed with those credentials for ${LIGHTSAIL_RELAY.host(lightsailRegion)}, sent to ${url})`)
    return
  }
  if (!exported.ok) {
    console.log(`smoke test skipped: \`aws configure export-credentials\` (AWS CLI v2) gave no credentials to sign with:\n${exported.stderr.trim()}`)
    return
  }
  const credentials = JSON.parse(exported.stdout) as { AccessKeyId: string; SecretAccessKey: string; SessionToken?: string }
  const host = LIGHTSAIL_RELAY.host(lightsailRegion)
  const body = '{}'
  const signed = await new SignatureV4({
    service: LIGHTSAIL_RELAY.name,
    region: lightsailRegion,
    credentials: { accessKeyId: credentials.AccessKeyId, secretAccessKey: credentials.SecretAccessKey, sessionToken: credentials.SessionToken },
    sha256: Sha256,
  }).sign(
    new HttpRequest({
      method: 'POST',
      protocol: 'https:',
      hostname: host,
      path: '/',
      headers: { host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Lightsail_20161128.GetRegions' },
      body,
    }),
  )
  // As the browser does: signed for the regional host, sent to the distribution, which gives the origin its own host.
  const { host: _signedHost, ...headers } = signed.headers
  let status: number
  let text: string
  let requestId: string | null
  try {
    const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(30_000) })
    status = response.status
    requestId = response.headers.get('x-amzn-requestid')
    text = await response.text()
  } catch (error) {
    fail(`smoke test FAILED: POST ${url} did not answer (${(error as Error).message})`)
  }
  let answer: { __type?: string; message?: string; regions?: unknown[] } = {}
  try {
    answer = JSON.parse(text) as typeof answer
  } catch {
    fail(`smoke test FAILED: POST ${url} answered ${status} with something other than JSON, not Lightsail:\n${text.slice(0, 300)}`)
  }
  const type = answer.__type?.split('#').pop()
  if (status === 200 && Array.isArray(answer.regions)) {
    console.log(`smoke test: GetRegions through ${url} answered with ${answer.regions.length} regions (request ${requestId}): the relay and the signature hold.`)
  } else if (type === 'AccessDeniedException') {
    console.log(`smoke test: GetRegions through ${url} reached Lightsail, which checked the signature and refused your own identity (AccessDeniedException, request ${requestId}): the relay and the signature hold; signed-in users get the stack's role.`)
  } else {
    fail(`smoke test FAILED: GetRegions through ${url} answered ${status} ${type ?? ''}: ${answer.message ?? text.slice(0, 300)}`)
  }
}

async function deploy(): Promise<void> {
  const domainPrefix = options.domainPrefix!
  const state = readStack()
  const stateProblem = stackStateProblem(options, state)
  if (stateProblem) fail(stateProblem)
  const taken = domainProblem({ domainPrefix }, must(describeDomain({ domainPrefix, region }), true), state)
  if (taken) fail(taken)

  if (!args['skip-build']) must(['npm', 'run', 'build'])
  must(deployCommand({ ...options, domainPrefix }))
  let outputs: StackOutputs
  if (dryRun && !state) {
    console.log(`$ ${shellLine(describeStack(options))}`)
    console.log('(dry run: the stack does not exist yet; once created, its outputs name the bucket, distribution and address written BUCKET, DISTRIBUTION_ID and DISTRIBUTION below)')
    outputs = { Bucket: 'BUCKET', DistributionId: 'DISTRIBUTION_ID', AppUrl: 'https://DISTRIBUTION.cloudfront.net/' }
  } else outputs = parseStackState(must(describeStack(options), true)).outputs

  let lightsailRegion = region
  if (outputs.IdentityPoolId) {
    const config = configFromOutputs(outputs)
    parseConfig(config)
    lightsailRegion = String(config.defaultRegion)
    if (dryRun) console.log(`(dry run: ${join(options.dist, 'config.json')} would be written from the outputs)`)
    else {
      writeFileSync(join(options.dist, 'config.json'), `${JSON.stringify(config, null, 2)}\n`)
      console.log(`wrote ${join(options.dist, 'config.json')} from the stack outputs`)
    }
  }
  for (const command of uploadCommands(outputs, region, options.dist)) must(command)
  await smoke(outputs, lightsailRegion)
  const pool = outputs.UserPoolId ?? outputs.Authority?.split('/').pop() ?? '<UserPoolId>'
  console.log(`\nSnapshot Lens is at ${outputs.AppUrl}\nInvite a teammate (an email with a temporary password):\n  ${shellLine(inviteCommand(region, pool, 'someone@example.com'))}`)
}

function teardown(): void {
  const state = readStack()
  if (!state) {
    console.log(`deploy:aws: there is no stack ${options.stack} in ${region}; nothing to delete`)
    return
  }
  const bucket = state.outputs.Bucket
  // A versioned bucket is deleted only once empty: every version and delete marker goes first.
  if (bucket) for (const command of deleteVersions(bucket, region, must(listVersions(bucket, region), true))) must(command)
  for (const command of deleteStackCommands(options)) must(command)
  if (!dryRun) console.log(`deploy:aws: deleted the stack ${options.stack} and its bucket`)
}

if (args.delete) teardown()
else await deploy()
