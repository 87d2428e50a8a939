// The deployment as AWS CLI calls, made by scripts/deploy-aws.ts (or printed, with --dry-run): what is checked before
// anything is created, the stack, the upload, the smoke test through the new distribution, and the teardown. Pure:
// every call is built here from the options and what earlier calls answered, so a test can run them against a stub.
import { originProblem } from '../../app/config/config.ts'
import { LIGHTSAIL_RELAY, REGION_PATTERN } from '../../app/lib/relay-rules.ts'
import { isLightsailRegion, LIGHTSAIL_REGIONS } from '../../app/lib/regions.ts'
import { cacheControlFor, NOT_UPLOADED, type StackOutputs } from './stack.ts'
import { DOMAIN_PREFIX_PATTERN, maxStackNameLength, STACK_NAME_PATTERN } from './template.ts'

export interface DeployOptions {
  stack: string
  region: string
  domainPrefix: string
  portals: string[]
  regions: string[]
  /** Your own host name for the app, with an ACM certificate for it in us-east-1. */
  appDomain?: string
  certificateArn?: string
  dist: string
}

export type Command = string[]

export const TEMPLATE_FILE = 'deploy/aws/template.json'

const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/

/** Everything wrong with the options, each in a sentence that says what to do; checked before any call is made. */
export function optionProblems(options: Omit<DeployOptions, 'domainPrefix' | 'dist'> & { domainPrefix?: string }, deleting = false): string[] {
  const problems: string[] = []
  if (!REGION_PATTERN.test(options.region)) problems.push(`--region ${JSON.stringify(options.region)} is not a region name such as us-east-2`)
  const longest = maxStackNameLength()
  if (!STACK_NAME_PATTERN.test(options.stack)) problems.push(`--stack ${JSON.stringify(options.stack)}: a stack name is letters, digits and hyphens, starting with a letter`)
  else if (options.stack.length > longest) {
    problems.push(`--stack ${JSON.stringify(options.stack)} is ${options.stack.length} characters; at most ${longest}, or the names built from it (the CloudFront Function's, 64 at most) would not fit`)
  }
  if (deleting) return problems
  const prefix = options.domainPrefix
  if (prefix === undefined) problems.push('--domain-prefix is required: the hosted sign-in domain, <prefix>.auth.<region>.amazoncognito.com')
  else if (/aws|amazon|cognito/.test(prefix)) problems.push(`--domain-prefix ${JSON.stringify(prefix)}: Cognito reserves the words aws, amazon and cognito in domain prefixes`)
  else if (!new RegExp(DOMAIN_PREFIX_PATTERN).test(prefix)) problems.push(`--domain-prefix ${JSON.stringify(prefix)}: lower-case letters, digits and inner hyphens, up to 63`)
  for (const portal of options.portals) {
    const problem = originProblem(portal)
    if (problem) problems.push(`--portals: ${problem}`)
  }
  for (const region of options.regions) {
    if (!isLightsailRegion(region)) problems.push(`--regions: ${JSON.stringify(region)} is not a region where Lightsail answers (${Object.keys(LIGHTSAIL_REGIONS).join(', ')})`)
  }
  if (options.appDomain !== undefined && !HOST_NAME.test(options.appDomain)) problems.push(`--domain ${JSON.stringify(options.appDomain)} is not a host name such as lens.example.com`)
  if ((options.appDomain === undefined) !== (options.certificateArn === undefined)) problems.push('--domain and --certificate-arn go together: CloudFront serves your domain with its ACM certificate')
  if (options.certificateArn !== undefined && !CERTIFICATE_ARN.test(options.certificateArn)) {
    problems.push(`--certificate-arn ${JSON.stringify(options.certificateArn)} is not an ACM certificate in us-east-1 (CloudFront takes no other)`)
  }
  return problems
}

const at = (options: Pick<DeployOptions, 'stack' | 'region'>) => ['--stack-name', options.stack, '--region', options.region]

/** Read-only: the stack as it is (its status and outputs), or that it does not exist. */
export function describeStack(options: Pick<DeployOptions, 'stack' | 'region'>): Command {
  return ['aws', 'cloudformation', 'describe-stacks', ...at(options), '--query', 'Stacks[0].{Status: StackStatus, Outputs: Outputs}', '--output', 'json']
}

/** Read-only: who has the hosted sign-in domain, if anyone. */
export function describeDomain(options: Pick<DeployOptions, 'domainPrefix' | 'region'>): Command {
  return ['aws', 'cognito-idp', 'describe-user-pool-domain', '--domain', options.domainPrefix, '--region', options.region, '--output', 'json']
}

export interface StackState {
  status: string
  outputs: StackOutputs
}

/** The stack from describeStack's answer. */
export function parseStackState(text: string): StackState {
  const answer = JSON.parse(text) as { Status: string; Outputs: { OutputKey: string; OutputValue: string }[] | null }
  return { status: answer.Status, outputs: Object.fromEntries((answer.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue])) }
}

/** Whether the AWS CLI's error says the stack is not there (CloudFormation answers a ValidationError). */
export function stackMissing(stderr: string): boolean {
  return /Stack with id \S+ does not exist/.test(stderr)
}

/**
 * Why the stack cannot be deployed as it is, with the command that clears it; undefined when it can. A first run
 * that failed leaves ROLLBACK_COMPLETE, which CloudFormation never updates: every later run would fail the same way.
 */
export function stackStateProblem(options: Pick<DeployOptions, 'stack' | 'region'>, state: StackState | undefined): string | undefined {
  if (!state) return undefined
  const clear = `npm run deploy:aws -- --delete --stack ${options.stack} --region ${options.region}`
  if (state.status === 'ROLLBACK_COMPLETE' || state.status === 'ROLLBACK_FAILED' || state.status === 'DELETE_FAILED') {
    return `the stack ${options.stack} is ${state.status}: its first deployment failed and CloudFormation cannot update it. Delete it, then run this again:\n  ${clear}\n(or: aws cloudformation delete-stack --stack-name ${options.stack} --region ${options.region}). Its events say what failed: aws cloudformation describe-stack-events --stack-name ${options.stack} --region ${options.region}`
  }
  if (state.status.endsWith('_IN_PROGRESS')) return `the stack ${options.stack} is ${state.status}: wait until it settles, then run this again`
  return undefined
}

/** Why the domain prefix cannot be this stack's, from describeDomain's answer; undefined when it can. */
export function domainProblem(options: Pick<DeployOptions, 'domainPrefix'>, answer: string, state: StackState | undefined): string | undefined {
  const owner = (JSON.parse(answer) as { DomainDescription?: { UserPoolId?: string } }).DomainDescription?.UserPoolId
  if (!owner || owner === state?.outputs.UserPoolId) return undefined
  return `--domain-prefix ${options.domainPrefix} is taken (by the user pool ${owner}): hosted domains are unique across AWS; choose another`
}

export function deployCommand(options: DeployOptions): Command {
  return [
    'aws', 'cloudformation', 'deploy', '--template-file', TEMPLATE_FILE, ...at(options),
    '--capabilities', 'CAPABILITY_IAM', '--no-fail-on-empty-changeset',
    '--parameter-overrides',
    `CognitoDomainPrefix=${options.domainPrefix}`,
    `PortalOrigins=${options.portals.join(',')}`,
    `AllowedRegions=${options.regions.join(',')}`,
    `AppDomain=${options.appDomain ?? ''}`,
    `CertificateArn=${options.certificateArn ?? ''}`,
  ]
}

/** The upload of dist/ (config.json already written into it) and the invalidation of what is revalidated. */
export function uploadCommands(outputs: StackOutputs, region: string, dist = 'dist'): Command[] {
  const bucket = `s3://${outputs.Bucket}`
  const excluded = NOT_UPLOADED.flatMap((pattern) => ['--exclude', pattern])
  return [
    // Hashed assets first, kept for good; old ones stay for pages still open on an earlier build.
    ['aws', 's3', 'sync', `${dist}/assets`, `${bucket}/assets`, '--region', region, ...excluded, '--cache-control', cacheControlFor('assets/x-AAAAAAAA.js')],
    // Then the page, its config and embed.js, revalidated on every load.
    ['aws', 's3', 'sync', dist, bucket, '--region', region, '--exclude', 'assets/*', ...excluded, '--delete', '--cache-control', cacheControlFor('index.html')],
    // An excluded file is never deleted by sync: the guest config an earlier version uploaded goes explicitly.
    ['aws', 's3', 'rm', `${bucket}/${NOT_UPLOADED[0]}`, '--region', region],
    ['aws', 'cloudfront', 'create-invalidation', '--distribution-id', outputs.DistributionId!, '--paths', '/', '/index.html', '/config.json', '/embed.js'],
  ]
}

/** The deployer's own credentials (AWS CLI v2), for the smoke test's one signed call. */
export const EXPORT_CREDENTIALS: Command = ['aws', 'configure', 'export-credentials', '--format', 'process']

/** Where the smoke test's GetRegions goes: the new distribution's Lightsail relay, in the app's default region. */
export function smokeUrl(outputs: StackOutputs, region: string): string {
  return new URL(`${LIGHTSAIL_RELAY.defaultPath.slice(1)}/${region}/`, outputs.AppUrl).href
}

/** The teardown's listing of every version and delete marker of the bucket (the CLI follows every page). */
export function listVersions(bucket: string, region: string): Command {
  return ['aws', 's3api', 'list-object-versions', '--bucket', bucket, '--region', region, '--output', 'json', '--query', '{Versions: Versions[].{Key: Key, VersionId: VersionId}, DeleteMarkers: DeleteMarkers[].{Key: Key, VersionId: VersionId}}']
}

/** delete-objects takes 1,000 keys at most. */
export function deleteVersions(bucket: string, region: string, listing: string): Command[] {
  const answer = JSON.parse(listing) as { Versions: { Key: string; VersionId: string }[] | null; DeleteMarkers: { Key: string; VersionId: string }[] | null }
  const objects = [...(answer.Versions ?? []), ...(answer.DeleteMarkers ?? [])]
  const commands: Command[] = []
  for (let i = 0; i < objects.length; i += 1000) {
    const batch = { Objects: objects.slice(i, i + 1000), Quiet: true }
    commands.push(['aws', 's3api', 'delete-objects', '--bucket', bucket, '--region', region, '--delete', JSON.stringify(batch)])
  }
  return commands
}

export function deleteStackCommands(options: Pick<DeployOptions, 'stack' | 'region'>): Command[] {
  return [
    ['aws', 'cloudformation', 'delete-stack', ...at(options)],
    ['aws', 'cloudformation', 'wait', 'stack-delete-complete', ...at(options)],
  ]
}

/** The command that invites a teammate: email as the user name, verified, the invitation sent by email (the API's
 * default medium is SMS, which a pool without phone numbers cannot deliver). */
export function inviteCommand(region: string, userPoolId: string, email: string): Command {
  return [
    'aws', 'cognito-idp', 'admin-create-user', '--region', region, '--user-pool-id', userPoolId, '--username', email,
    '--user-attributes', `Name=email,Value=${email}`, 'Name=email_verified,Value=true',
    '--desired-delivery-mediums', 'EMAIL',
  ]
}

/** A command as one shell line: words that need it are single-quoted, so the line can be pasted and run as it is. */
export function shellLine(command: Command): string {
  return command.map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)).join(' ')
}
