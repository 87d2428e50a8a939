// A recording stand-in for the AWS endpoints the deploy script and the docs' commands reach, for the real AWS CLI to
// talk to (AWS_ENDPOINT_URL): it reads each request as its protocol sends it (query, JSON 1.1, REST-XML), records the
// operation and its parameters, and answers what the CLI needs to carry on. CloudFormation keeps a little state (a
// stack is created by executing its change set, deleted by delete-stack); S3 keeps objects and their versions.
// The AWS CLI stays the oracle of what each command line means: this only listens. Tests only.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'

export interface Call {
  service: string
  operation: string
  /** Query parameters (query protocol), the JSON body (JSON 1.1), or the path's bucket and key (S3). */
  params: Record<string, unknown>
  headers: IncomingHttpHeaders
  body: string
}

export interface FakeStack {
  status: string
  outputs: Record<string, string>
  parameters?: Record<string, string>
}

export interface FakeAwsState {
  stacks: Map<string, FakeStack>
  /** Objects by bucket, each key with its versions (newest last); a delete marker is a version without a body. */
  buckets: Map<string, Map<string, { versionId: string; deleteMarker: boolean }[]>>
  /** Cognito hosted domains already taken, by prefix: the user pool that has each. */
  domains: Map<string, { userPoolId: string; accountId: string }>
  /** The outputs a stack gets once its change set is executed. */
  outputsFor: (stackName: string, parameters: Record<string, string>) => Record<string, string>
}

export interface FakeAws {
  url: string
  calls: Call[]
  state: FakeAwsState
  /** `service:Operation` of each call, in order. */
  operations(): string[]
  close(): Promise<void>
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const members = (items: string[]) => items.map((item) => `<member>${item}</member>`).join('')

function queryParams(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body))
}

/** `Parameters.member.1.ParameterKey=K`, `…ParameterValue=V` as { K: V }. */
function memberMap(params: Record<string, string>, list: string, key: string, value: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (let i = 1; params[`${list}.member.${i}.${key}`] !== undefined; i++) out[params[`${list}.member.${i}.${key}`]!] = params[`${list}.member.${i}.${value}`] ?? ''
  return out
}

type Answer = { status: number; headers?: Record<string, string>; body: string }

function cloudformation(call: Call, state: FakeAwsState): Answer {
  const p = call.params as Record<string, string>
  const ok = (op: string, result: string) => ({
    status: 200,
    headers: { 'content-type': 'text/xml' },
    body: `<${op}Response xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><${op}Result>${result}</${op}Result><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></${op}Response>`,
  })
  const missing = (name: string) => ({
    status: 400,
    headers: { 'content-type': 'text/xml' },
    body: `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id ${xml(name)} does not exist</Message></Error><RequestId>fake</RequestId></ErrorResponse>`,
  })
  const stackId = (name: string) => `arn:aws:cloudformation:us-east-2:123456789012:stack/${name}/00000000-0000-4000-8000-000000000000`
  const name = p.StackName ?? ''
  const stack = state.stacks.get(name)
  switch (call.operation) {
    case 'DescribeStacks': {
      if (!stack) return missing(name)
      const outputs = Object.entries(stack.outputs).map(([k, v]) => `<OutputKey>${xml(k)}</OutputKey><OutputValue>${xml(v)}</OutputValue>`)
      return ok(
        'DescribeStacks',
        `<Stacks><member><StackName>${xml(name)}</StackName><StackId>${stackId(name)}</StackId><CreationTime>2026-12-01T00:00:00Z</CreationTime><StackStatus>${stack.status}</StackStatus><Outputs>${members(outputs)}</Outputs></member></Stacks>`,
      )
    }
    case 'CreateChangeSet': {
      const parameters = memberMap(p, 'Parameters', 'ParameterKey', 'ParameterValue')
      // A new stack exists, empty, from its first change set on (REVIEW_IN_PROGRESS), as in CloudFormation.
      if (!stack) state.stacks.set(name, { status: 'REVIEW_IN_PROGRESS', outputs: {}, parameters })
      else stack.parameters = { ...stack.parameters, ...parameters }
      return ok('CreateChangeSet', `<Id>arn:aws:cloudformation:us-east-2:123456789012:changeSet/${xml(p.ChangeSetName ?? 'x')}/1</Id><StackId>${stackId(name)}</StackId>`)
    }
    case 'GetTemplateSummary': {
      // The CLI asks it of an existing stack, to keep the parameters an update does not name.
      const keys = Object.keys(stack?.parameters ?? {}).map((k) => `<ParameterKey>${xml(k)}</ParameterKey><NoEcho>false</NoEcho>`)
      return ok('GetTemplateSummary', `<Parameters>${members(keys)}</Parameters>`)
    }
    case 'DescribeChangeSet':
      return ok('DescribeChangeSet', `<ChangeSetName>x</ChangeSetName><StackName>${xml(name)}</StackName><Status>CREATE_COMPLETE</Status><ExecutionStatus>AVAILABLE</ExecutionStatus><Changes>${members(['<Type>Resource</Type>'])}</Changes>`)
    case 'ExecuteChangeSet': {
      if (stack) {
        stack.status = stack.status === 'REVIEW_IN_PROGRESS' ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE'
        stack.outputs = state.outputsFor(name, stack.parameters ?? {})
      }
      return ok('ExecuteChangeSet', '')
    }
    case 'DeleteStack':
      state.stacks.delete(name)
      return ok('DeleteStack', '')
    default:
      return { status: 400, body: `<ErrorResponse><Error><Code>InvalidAction</Code><Message>the fake does not know ${call.operation}</Message></Error></ErrorResponse>` }
  }
}

function s3(call: Call, state: FakeAwsState): Answer {
  const { bucket, key } = call.params as { bucket: string; key: string }
  const objects = state.buckets.get(bucket) ?? new Map<string, { versionId: string; deleteMarker: boolean }[]>()
  state.buckets.set(bucket, objects)
  const ok = (body = '') => ({ status: 200, headers: { 'content-type': 'application/xml', etag: '"fake"' }, body: body && `<?xml version="1.0" encoding="UTF-8"?>${body}` })
  let counter = 0
  for (const versions of objects.values()) counter += versions.length
  switch (call.operation) {
    case 'ListObjectsV2': {
      const prefix = String(call.params.prefix ?? '')
      const live = [...objects.entries()].filter(([k, v]) => k.startsWith(prefix) && v.length > 0 && !v.at(-1)!.deleteMarker)
      const contents = live.map(([k]) => `<Contents><Key>${xml(k)}</Key><LastModified>2026-12-01T00:00:00.000Z</LastModified><ETag>"fake"</ETag><Size>1</Size><StorageClass>STANDARD</StorageClass></Contents>`)
      return ok(`<ListBucketResult><Name>${xml(bucket)}</Name><Prefix>${xml(prefix)}</Prefix><KeyCount>${live.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>${contents.join('')}</ListBucketResult>`)
    }
    case 'PutObject':
      objects.set(key, [...(objects.get(key) ?? []), { versionId: `v${counter + 1}`, deleteMarker: false }])
      return ok()
    case 'DeleteObject':
      objects.set(key, [...(objects.get(key) ?? []), { versionId: `v${counter + 1}`, deleteMarker: true }])
      return { status: 204, body: '' }
    case 'ListObjectVersions': {
      const entries = [...objects.entries()].flatMap(([k, versions]) =>
        versions.map((v, i) => {
          const tag = v.deleteMarker ? 'DeleteMarker' : 'Version'
          const extra = v.deleteMarker ? '' : '<ETag>"fake"</ETag><Size>1</Size><StorageClass>STANDARD</StorageClass>'
          return `<${tag}><Key>${xml(k)}</Key><VersionId>${v.versionId}</VersionId><IsLatest>${i === versions.length - 1}</IsLatest><LastModified>2026-12-01T00:00:00.000Z</LastModified>${extra}</${tag}>`
        }),
      )
      return ok(`<ListVersionsResult><Name>${xml(bucket)}</Name><Prefix></Prefix><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>${entries.join('')}</ListVersionsResult>`)
    }
    case 'DeleteObjects': {
      const deleted = [...call.body.matchAll(/<Object><Key>([^<]*)<\/Key>(?:<VersionId>([^<]*)<\/VersionId>)?<\/Object>/g)]
      for (const [, k, versionId] of deleted) {
        const versions = objects.get(k!) ?? []
        objects.set(k!, versions.filter((v) => v.versionId !== versionId))
        if (objects.get(k!)!.length === 0) objects.delete(k!)
      }
      return ok(`<DeleteResult>${deleted.map(([, k, v]) => `<Deleted><Key>${k}</Key>${v ? `<VersionId>${v}</VersionId>` : ''}</Deleted>`).join('')}</DeleteResult>`)
    }
    default:
      return { status: 400, body: `<Error><Code>NotImplemented</Code><Message>the fake does not know ${call.operation}</Message></Error>` }
  }
}

function s3Operation(method: string, path: string, query: URLSearchParams): { operation: string; bucket: string; key: string } {
  const [, bucket = '', ...rest] = path.split('/')
  const key = decodeURIComponent(rest.join('/'))
  if (method === 'GET' && query.has('versions')) return { operation: 'ListObjectVersions', bucket, key }
  if (method === 'GET' && !key) return { operation: 'ListObjectsV2', bucket, key }
  if (method === 'POST' && query.has('delete')) return { operation: 'DeleteObjects', bucket, key }
  if (method === 'PUT' && key) return { operation: 'PutObject', bucket, key }
  if (method === 'DELETE' && key) return { operation: 'DeleteObject', bucket, key }
  return { operation: `${method} ${path}`, bucket, key }
}

function json(call: Call, state: FakeAwsState): Answer {
  const p = call.params as Record<string, unknown>
  const ok = (body: unknown) => ({ status: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify(body) })
  switch (`${call.service}:${call.operation}`) {
    case 'cognito-idp:DescribeUserPoolDomain': {
      const taken = state.domains.get(String(p.Domain))
      return ok({ DomainDescription: taken ? { Domain: p.Domain, UserPoolId: taken.userPoolId, AWSAccountId: taken.accountId, Status: 'ACTIVE' } : {} })
    }
    case 'cognito-idp:AdminCreateUser':
      return ok({ User: { Username: p.Username, Attributes: p.UserAttributes, UserStatus: 'FORCE_CHANGE_PASSWORD', Enabled: true } })
    default:
      return ok({})
  }
}

export async function startFakeAws(options: Partial<FakeAwsState> = {}): Promise<FakeAws> {
  const state: FakeAwsState = {
    stacks: options.stacks ?? new Map(),
    buckets: options.buckets ?? new Map(),
    domains: options.domains ?? new Map(),
    outputsFor: options.outputsFor ?? (() => ({})),
  }
  const calls: Call[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const url = new URL(req.url ?? '/', 'http://fake')
      const service = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1] ?? 'unsigned'
      const target = req.headers['x-amz-target']
      let call: Call
      if (typeof target === 'string') {
        call = { service, operation: target.split('.').pop()!, params: body ? (JSON.parse(body) as Record<string, unknown>) : {}, headers: req.headers, body }
      } else if (service === 's3') {
        const { operation, bucket, key } = s3Operation(req.method ?? '', url.pathname, url.searchParams)
        call = { service, operation, params: { bucket, key, ...Object.fromEntries(url.searchParams) }, headers: req.headers, body }
      } else if (service === 'cloudfront') {
        const operation = /\/distribution\/[^/]+\/invalidation$/.test(url.pathname) && req.method === 'POST' ? 'CreateInvalidation' : `${req.method} ${url.pathname}`
        call = { service, operation, params: { path: url.pathname }, headers: req.headers, body }
      } else {
        const params = queryParams(body)
        call = { service, operation: params.Action ?? 'unknown', params, headers: req.headers, body }
      }
      calls.push(call)
      let answer: Answer
      if (service === 'cloudformation') answer = cloudformation(call, state)
      else if (service === 's3') answer = s3(call, state)
      else if (service === 'cloudfront') {
        const id = /distribution\/([^/]+)\//.exec(url.pathname)?.[1]
        answer = {
          status: 201,
          headers: { 'content-type': 'text/xml', location: `https://cloudfront.amazonaws.com/2020-05-31/distribution/${id}/invalidation/I1` },
          body: `<?xml version="1.0"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I1</Id><Status>InProgress</Status><CreateTime>2026-12-01T00:00:00Z</CreateTime>${body.replace(/<\?xml[^>]*\?>/, '').replace(/ xmlns="[^"]*"/, '')}</Invalidation>`,
        }
      } else if (service === 'sts') {
        answer = {
          status: 200,
          headers: { 'content-type': 'text/xml' },
          body: '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/deployer</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
        }
      } else if (typeof target !== 'string' && call.params.Action) {
        // Any other service of the query protocol (IAM…): an empty result of the operation, which the CLI prints.
        const op = String(call.params.Action)
        answer = { status: 200, headers: { 'content-type': 'text/xml' }, body: `<${op}Response><${op}Result></${op}Result><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></${op}Response>` }
      } else answer = json(call, state)
      res.writeHead(answer.status, { 'x-amzn-requestid': 'fake', ...answer.headers })
      res.end(answer.body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    state,
    operations: () => calls.map((c) => `${c.service}:${c.operation}`),
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/** The real AWS CLI on this machine (v1 here; the oracle of what a command line means). */
export function realAwsCli(): string {
  const found = execFileSync('bash', ['-c', 'command -v aws'], { encoding: 'utf8' }).trim()
  // A pyenv shim finds its Python through HOME and PATH, which the stubs change: run the script behind it instead.
  if (found.includes('/shims/')) return execFileSync('pyenv', ['which', 'aws'], { encoding: 'utf8' }).trim()
  return found
}

/**
 * A directory holding an `aws` that runs the real AWS CLI against `fake` with throwaway credentials and no profile,
 * after recording its arguments (one JSON array a line in `log`). `aws configure export-credentials` (AWS CLI v2; v1
 * has no such command) prints `credentials` instead, as v2 would.
 */
/**
 * The `aws` stub: the real CLI, against the recording stand-in. A command the docs address to the local emulator
 * (`--endpoint-url http://127.0.0.1:4566`) goes to `emulator` instead, when given, with the command's own credentials
 * (the emulator's tools key): the real CLI against the real emulator.
 */
export function awsStub(fake: FakeAws, log: string, credentials?: { AccessKeyId: string; SecretAccessKey: string; SessionToken?: string }, emulator?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'snapshot-lens-aws-stub-'))
  const config = join(dir, 'config')
  writeFileSync(config, '[default]\nregion = us-east-2\ns3 =\n  addressing_style = path\n')
  const exported = JSON.stringify({ Version: 1, ...(credentials ?? { AccessKeyId: 'AKIDEXAMPLE', SecretAccessKey: 'fake' }) })
  const script = `#!/usr/bin/env bash
node -e 'require("fs").appendFileSync(process.argv[1], JSON.stringify(process.argv.slice(2)) + "\\n")' ${JSON.stringify(log)} "$@"
if [ "$1" = configure ] && [ "\${2:-}" = export-credentials ]; then printf '%s\\n' ${shellQuote(exported)}; exit 0; fi
${emulator ? `for a in "$@"; do if [ "$a" = http://127.0.0.1:4566 ]; then
  args=(); for b in "$@"; do if [ "$b" = http://127.0.0.1:4566 ]; then args+=(${shellQuote(emulator)}); else args+=("$b"); fi; done
  AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true exec ${shellQuote(realAwsCli())} "\${args[@]}"
fi; done
` : ''}export AWS_ENDPOINT_URL=${shellQuote(fake.url)} AWS_CONFIG_FILE=${shellQuote(config)} AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=fake AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_SESSION_TOKEN
exec ${shellQuote(realAwsCli())} "$@"
`
  writeFileSync(join(dir, 'aws'), script)
  chmodSync(join(dir, 'aws'), 0o755)
  return dir
}

export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}
