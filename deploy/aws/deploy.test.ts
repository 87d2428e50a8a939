// `npm run deploy:aws` run for real, with the real AWS CLI talking to a recording stand-in for AWS (fake-aws.ts): the
// checks before anything is created, the stack, the upload, the smoke test through the distribution (the CloudFront
// model in front of the emulator), the teardown, and --dry-run, whose printed calls are run in turn.
import { execFile } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Emulator } from '../../emulator/server.ts'
import { guestCredentials, startTestEmulator, userCredentials } from '../../emulator/testing.ts'
import { startEdge, stackValues, type Edge } from './edge.ts'
import { awsStub, startFakeAws, type FakeAws, type FakeAwsState } from './fake-aws.ts'
import { actionFor, deployerPolicy } from './deployer-policy.ts'
import { inviteCommand, shellLine } from './plan.ts'
import { TEMPLATE_BODY_LIMIT } from './template.ts'

const run = promisify(execFile)
const template = JSON.parse(readFileSync(new URL('./template.json', import.meta.url), 'utf8')) as Record<string, unknown>

let emulator: Emulator
let edge: Edge
beforeAll(async () => {
  emulator = await startTestEmulator()
  edge = await startEdge({ template, stack: stackValues('us-east-2'), upstream: emulator.url })
})
afterAll(async () => {
  await edge.close()
  await emulator.close()
})

/** The outputs the stack gets once created: the distribution is the CloudFront model in front of the emulator. */
function outputsFor(_name: string, parameters: Record<string, string>): Record<string, string> {
  return {
    AppUrl: `${edge.url}/`,
    Region: 'us-east-2',
    IdentityPoolId: 'us-east-2:5e1c0a7b-3f2d-4c8e-9b6a-0d4f2e7c1a93',
    Authority: 'https://cognito-idp.us-east-2.amazonaws.com/us-east-2_AbCdEf123',
    UserPoolId: 'us-east-2_AbCdEf123',
    ClientId: '4f8a2b1c9d0e',
    LogoutUrl: 'https://acme-lens.auth.us-east-2.amazoncognito.com/logout?client_id=4f8a2b1c9d0e&logout_uri=x',
    PortalOrigins: parameters.PortalOrigins ?? '',
    AllowedRegions: parameters.AllowedRegions ?? '',
    Bucket: 'lens-appbucket-1',
    DistributionId: 'E2EXAMPLE',
  }
}

/** A built app in miniature, with the guest config the build copies from public/. */
function dist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'snapshot-lens-deploy-'))
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html>')
  writeFileSync(join(dir, 'embed.js'), '/* embed */')
  writeFileSync(join(dir, 'config.guest.json'), '{}')
  writeFileSync(join(dir, 'config.json'), '{}')
  writeFileSync(join(dir, 'assets', 'index-AbCd1234.js'), '1')
  return dir
}

interface Deploy {
  fake: FakeAws
  log: string
  dist: string
  stub: string
}

async function setUp(state: Partial<FakeAwsState> = {}, credentials?: Awaited<ReturnType<typeof guestCredentials>>): Promise<Deploy> {
  const fake = await startFakeAws({ outputsFor, ...state })
  const log = join(mkdtempSync(join(tmpdir(), 'snapshot-lens-aws-log-')), 'aws.log')
  const exported = credentials ? { AccessKeyId: credentials.accessKeyId, SecretAccessKey: credentials.secretAccessKey, SessionToken: credentials.sessionToken } : undefined
  const stub = awsStub(fake, log, exported)
  // npm too: the dry run prints `npm run build`, run here as it is printed.
  writeFileSync(join(stub, 'npm'), '#!/usr/bin/env bash\necho "npm $*" >> "$(dirname "$0")/npm.log"\n')
  chmodSync(join(stub, 'npm'), 0o755)
  return { fake, log, dist: dist(), stub }
}

async function deploy(d: Deploy, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/deploy-aws.ts', '--dist', d.dist, ...args], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${d.stub}:${process.env.PATH}` },
      timeout: 120_000,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

/** Whether the deployer's policy allows every call the fake saw. */
function notAllowed(fake: FakeAws): string[] {
  const allowed = new Set(deployerPolicy().Statement.flatMap((st) => st.Action))
  return fake.calls.flatMap((c) => actionFor(c.service, c.operation)).filter((action) => !allowed.has(action))
}

const BASE = ['--region', 'us-east-2', '--domain-prefix', 'acme-lens', '--skip-build']

/** BASE with some options replaced or added. */
function withArgs(overrides: string[]): string[] {
  const named = new Set(overrides.filter((a) => a.startsWith('--')))
  const kept: string[] = []
  for (let i = 0; i < BASE.length; i++) {
    const takesValue = BASE[i + 1] !== undefined && !BASE[i + 1]!.startsWith('--')
    if (!named.has(BASE[i]!)) kept.push(...(takesValue ? [BASE[i]!, BASE[i + 1]!] : [BASE[i]!]))
    if (takesValue) i++
  }
  return [...kept, ...overrides]
}
const writes = (fake: FakeAws) => fake.operations().filter((op) => !/:(Describe|List|Get)/.test(op))

describe('deploy:aws, from an empty account', () => {
  let d: Deploy
  let result: Awaited<ReturnType<typeof deploy>>
  beforeAll(async () => {
    d = await setUp({}, await guestCredentials(emulator.url))
    result = await deploy(d, [...BASE, '--portals', 'https://portal.example.com,https://ops.example.com', '--regions', 'us-east-2,eu-west-1'])
  }, 180_000)
  afterAll(async () => {
    await d.fake.close()
    rmSync(d.dist, { recursive: true, force: true })
  })

  it('succeeds, and says where the app is and how to invite someone by email', () => {
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain(`Snapshot Lens is at ${edge.url}/`)
    expect(result.stdout).toContain(shellLine(inviteCommand('us-east-2', 'us-east-2_AbCdEf123', 'someone@example.com')))
  })

  it('hands the real AWS CLI a template it accepts inline, with every parameter', () => {
    const create = d.fake.calls.find((c) => c.operation === 'CreateChangeSet')!
    const params = create.params as Record<string, string>
    expect(params.TemplateBody).toBe(readFileSync(new URL('./template.json', import.meta.url), 'utf8'))
    expect(Buffer.byteLength(params.TemplateBody!)).toBeLessThan(TEMPLATE_BODY_LIMIT)
    expect(params['Capabilities.member.1']).toBe('CAPABILITY_IAM')
    expect(d.fake.state.stacks.get('snapshot-lens')!.parameters).toEqual({
      CognitoDomainPrefix: 'acme-lens',
      PortalOrigins: 'https://portal.example.com,https://ops.example.com',
      AllowedRegions: 'us-east-2,eu-west-1',
      AppDomain: '',
      CertificateArn: '',
    })
  })

  it('checks the stack and the sign-in domain before it creates anything', () => {
    const ops = d.fake.operations()
    expect(ops.slice(0, 2)).toEqual(['cloudformation:DescribeStacks', 'cognito-idp:DescribeUserPoolDomain'])
    expect(ops.indexOf('cloudformation:CreateChangeSet')).toBeGreaterThan(1)
  })

  it("writes config.json from the stack's outputs", () => {
    const config = JSON.parse(readFileSync(join(d.dist, 'config.json'), 'utf8'))
    expect(config).toMatchObject({
      defaultRegion: 'us-east-2',
      regions: ['us-east-2', 'eu-west-1'],
      cognito: { region: 'us-east-2', identityPoolId: 'us-east-2:5e1c0a7b-3f2d-4c8e-9b6a-0d4f2e7c1a93', relayPath: '/aws/cognito-identity' },
      auth: { authority: 'https://cognito-idp.us-east-2.amazonaws.com/us-east-2_AbCdEf123', clientId: '4f8a2b1c9d0e' },
      embed: { allowedOrigins: ['https://portal.example.com', 'https://ops.example.com'] },
    })
  })

  it('uploads the build but the emulator-only guest config, hashed assets kept for good, then invalidates', () => {
    const puts = d.fake.calls.filter((c) => c.operation === 'PutObject')
    const uploaded = Object.fromEntries(puts.map((c) => [c.params.key, c.headers['cache-control']]))
    expect(uploaded).toEqual({
      'assets/index-AbCd1234.js': 'public, max-age=31536000, immutable',
      'index.html': 'no-cache',
      'embed.js': 'no-cache',
      'config.json': 'no-cache',
    })
    expect(d.fake.calls.some((c) => c.operation === 'DeleteObject' && c.params.key === 'config.guest.json')).toBe(true)
    const invalidation = d.fake.calls.find((c) => c.operation === 'CreateInvalidation')!
    expect(invalidation.params.path).toBe('/2020-05-31/distribution/E2EXAMPLE/invalidation')
    for (const path of ['/', '/index.html', '/config.json', '/embed.js']) expect(invalidation.body).toContain(`<Path>${path}</Path>`)
  })

  it("makes no call the deployer's policy (deploy/aws/deployer-policy.json) leaves out", () => {
    expect(d.fake.calls.length).toBeGreaterThan(10)
    expect(notAllowed(d.fake)).toEqual([])
  })

  it('ends with one signed GetRegions through the distribution, which Lightsail (the emulator) verifies and answers', () => {
    expect(result.stdout).toMatch(new RegExp(`smoke test: GetRegions through ${edge.url}/aws/lightsail/us-east-2/ answered with \\d+ regions`))
    const exported = readFileSync(d.log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[])
    expect(exported).toContainEqual(['configure', 'export-credentials', '--format', 'process'])
  })
})

describe('deploy:aws, refusing before anything is made', () => {
  let d: Deploy
  beforeEach(async () => {
    d = await setUp({}, await guestCredentials(emulator.url))
    return async () => {
      await d.fake.close()
      rmSync(d.dist, { recursive: true, force: true })
    }
  })

  it.each([
    [['--domain-prefix', 'acme-aws-lens'], 'Cognito reserves the words aws, amazon and cognito'],
    [['--domain-prefix', 'Acme_Lens'], 'lower-case letters, digits and inner hyphens'],
    [['--stack', 's'.repeat(53)], 'is 53 characters; at most 52'],
    [['--stack', '1lens'], 'a stack name is letters, digits and hyphens'],
    [['--regions', 'us-east-2,sa-east-1'], '"sa-east-1" is not a region where Lightsail answers'],
    [['--portals', 'https://portal.example.com/path'], 'not an exact origin'],
    [['--domain', 'lens.example.com'], '--domain and --certificate-arn go together'],
    [['--domain', 'lens.example.com', '--certificate-arn', 'arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c'], 'not an ACM certificate in us-east-1'],
    [['--regoins', 'us-east-2'], "Unknown option '--regoins'"],
  ])('%j: %s', async (args, message) => {
    const result = await deploy(d, withArgs(args))
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(message)
    expect(d.fake.calls).toEqual([])
  })

  it('a stack left ROLLBACK_COMPLETE by a failed first run: says so, with the command that clears it', async () => {
    d.fake.state.stacks.set('snapshot-lens', { status: 'ROLLBACK_COMPLETE', outputs: {} })
    const result = await deploy(d, BASE)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('the stack snapshot-lens is ROLLBACK_COMPLETE')
    expect(result.stderr).toContain('npm run deploy:aws -- --delete --stack snapshot-lens --region us-east-2')
    expect(writes(d.fake)).toEqual([])
  })

  it("a sign-in domain another account has: says so; this stack's own is fine", async () => {
    d.fake.state.domains.set('acme-lens', { userPoolId: 'us-east-2_Other', accountId: '210987654321' })
    const taken = await deploy(d, BASE)
    expect(taken.code).toBe(1)
    expect(taken.stderr).toContain('--domain-prefix acme-lens is taken (by the user pool us-east-2_Other)')
    expect(writes(d.fake)).toEqual([])
    d.fake.state.stacks.set('snapshot-lens', { status: 'CREATE_COMPLETE', outputs: outputsFor('snapshot-lens', {}) })
    d.fake.state.domains.set('acme-lens', { userPoolId: 'us-east-2_AbCdEf123', accountId: '123456789012' })
    const own = await deploy(d, BASE)
    expect(own.code, own.stderr).toBe(0)
  }, 60_000)
})

describe('deploy:aws --dry-run', () => {
  it('prints the exact calls; run as printed against the same account, they make what a real run makes', async () => {
    const existing = () => new Map([['snapshot-lens', { status: 'UPDATE_COMPLETE', outputs: outputsFor('snapshot-lens', {}) }]])
    const credentials = await guestCredentials(emulator.url)
    const real = await setUp({ stacks: existing() }, credentials)
    const dry = await setUp({ stacks: existing() }, credentials)
    try {
      const made = await deploy(real, BASE.filter((a) => a !== '--skip-build'))
      expect(made.code, made.stderr).toBe(0)
      const printed = await deploy(dry, [...BASE.filter((a) => a !== '--skip-build'), '--dry-run'])
      expect(printed.code, printed.stderr).toBe(0)
      // A dry run makes only the read-only calls.
      expect(writes(dry.fake)).toEqual([])
      const lines = printed.stdout.split('\n').filter((l) => l.startsWith('$ ')).map((l) => l.slice(2).replace(/ {3}# read-only.*$/, ''))
      expect(lines[0]).toMatch(/^aws cloudformation describe-stacks /)
      expect(lines).toContain('npm run build')
      dry.fake.calls.length = 0
      for (const line of lines) {
        const { stderr } = await run('bash', ['-euo', 'pipefail', '-c', line], { env: { ...process.env, PATH: `${dry.stub}:${process.env.PATH}` }, encoding: 'utf8' }).catch((e: { stderr: string }) => {
          throw new Error(`the printed line failed: ${line}\n${e.stderr}`)
        })
        expect(stderr, line).not.toMatch(/error/i)
      }
      expect(dry.fake.operations()).toEqual(real.fake.operations())
      expect(readFileSync(join(dry.stub, 'npm.log'), 'utf8')).toBe('npm run build\n')
    } finally {
      for (const d of [real, dry]) {
        await d.fake.close()
        rmSync(d.dist, { recursive: true, force: true })
      }
    }
  }, 180_000)

  it('for a stack not made yet, prints where its outputs will go', async () => {
    const d = await setUp()
    try {
      const printed = await deploy(d, [...BASE, '--dry-run'])
      expect(printed.code, printed.stderr).toBe(0)
      expect(printed.stdout).toContain('aws cloudformation deploy --template-file deploy/aws/template.json')
      expect(printed.stdout).toContain('the stack does not exist yet')
      expect(writes(d.fake)).toEqual([])
      expect(existsSync(join(d.dist, 'config.json')) && readFileSync(join(d.dist, 'config.json'), 'utf8')).toBe('{}')
    } finally {
      await d.fake.close()
      rmSync(d.dist, { recursive: true, force: true })
    }
  }, 60_000)
})

describe('the smoke test', () => {
  it('says plainly when Lightsail refuses the deployer itself: the relay and the signature still hold', async () => {
    const d = await setUp({ stacks: new Map([['snapshot-lens', { status: 'CREATE_COMPLETE', outputs: outputsFor('snapshot-lens', {}) }]]) }, await userCredentials(emulator, 'carol'))
    try {
      const result = await deploy(d, BASE)
      expect(result.code, result.stderr).toBe(0)
      expect(result.stdout).toContain('reached Lightsail, which checked the signature and refused your own identity (AccessDeniedException')
    } finally {
      await d.fake.close()
      rmSync(d.dist, { recursive: true, force: true })
    }
  }, 60_000)

  it('fails the run when the relay breaks the signature', async () => {
    const d = await setUp({ stacks: new Map([['snapshot-lens', { status: 'CREATE_COMPLETE', outputs: outputsFor('snapshot-lens', {}) }]]) }, { ...(await guestCredentials(emulator.url)), secretAccessKey: 'x'.repeat(40) })
    try {
      const result = await deploy(d, BASE)
      expect(result.code).toBe(1)
      expect(result.stderr).toContain('smoke test FAILED')
      expect(result.stderr).toContain('InvalidSignatureException')
    } finally {
      await d.fake.close()
      rmSync(d.dist, { recursive: true, force: true })
    }
  }, 60_000)
})

describe('deploy:aws --delete', () => {
  it('empties every version and delete marker of the bucket, then deletes the stack', async () => {
    type Version = { versionId: string; deleteMarker: boolean }
    const versions = new Map<string, Version[]>([
      ['index.html', [{ versionId: 'v1', deleteMarker: false }, { versionId: 'v2', deleteMarker: false }]],
      ['config.guest.json', [{ versionId: 'v3', deleteMarker: false }, { versionId: 'v4', deleteMarker: true }]],
      ...Array.from({ length: 1200 }, (_v, i): [string, Version[]] => [`assets/old-${i}.js`, [{ versionId: `a${i}`, deleteMarker: false }]]),
    ])
    const d = await setUp({
      stacks: new Map([['snapshot-lens', { status: 'UPDATE_COMPLETE', outputs: outputsFor('snapshot-lens', {}) }]]),
      buckets: new Map([['lens-appbucket-1', versions]]),
    })
    try {
      const result = await deploy(d, ['--delete', '--region', 'us-east-2'])
      expect(result.code, result.stderr).toBe(0)
      expect(d.fake.state.buckets.get('lens-appbucket-1')!.size).toBe(0)
      expect(d.fake.operations().filter((op) => op === 's3:DeleteObjects')).toHaveLength(2)
      expect(d.fake.operations().slice(-2)).toEqual(['cloudformation:DeleteStack', 'cloudformation:DescribeStacks'])
      expect(d.fake.state.stacks.has('snapshot-lens')).toBe(false)
      expect(notAllowed(d.fake)).toEqual([])
    } finally {
      await d.fake.close()
      rmSync(d.dist, { recursive: true, force: true })
    }
  }, 120_000)

  it('clears a stack left ROLLBACK_COMPLETE (no outputs, no bucket)', async () => {
    const d = await setUp({ stacks: new Map([['snapshot-lens', { status: 'ROLLBACK_COMPLETE', outputs: {} }]]) })
    try {
      const result = await deploy(d, ['--delete', '--region', 'us-east-2'])
      expect(result.code, result.stderr).toBe(0)
      expect(writes(d.fake)).toEqual(['cloudformation:DeleteStack'])
    } finally {
      await d.fake.close()
      rmSync(d.dist, { recursive: true, force: true })
    }
  }, 60_000)
})
