// Every shell block of README.md and docs/*.md, run: in bash with `set -euo pipefail`, against stub commands that
// record their arguments and check what they can (scripts/docs-blocks.ts), the AWS CLI for real against a recording
// stand-in for AWS. A block that drops a flag, names a script that does not exist, passes an option a script does not
// know or calls a command nobody stubbed fails here, naming the file, the block and the line.
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { awsStub, startFakeAws, type FakeAws } from '../deploy/aws/fake-aws.ts'
import type { Emulator } from '../emulator/server.ts'
import { startTestEmulator } from '../emulator/testing.ts'
import { fencedBlocks, makeSandbox, NOT_RUNNABLE, shellBlocks, type Sandbox, type ShellBlock } from './docs-blocks.ts'

const REPO = resolve(new URL('..', import.meta.url).pathname)
const FILES = ['README.md', ...readdirSync(join(REPO, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]
const BLOCKS = FILES.flatMap((file) => shellBlocks(file, readFileSync(join(REPO, file), 'utf8')))
/** Scripts that run for real with these arguments added, which make them change nothing. */
const ARGUMENT_CHECKS = { 'deploy:aws': ['--dry-run'], 'serve:nginx': ['--check'], 'nginx:config': ['--out', '-'] }

let fake: FakeAws
let emulator: Emulator
let sandbox: Sandbox
beforeAll(async () => {
  fake = await startFakeAws()
  // Commands the docs address to the local emulator run against a real one (the tools' key works there).
  emulator = await startTestEmulator()
  const scratch = mkdtempSync(join(tmpdir(), 'snapshot-lens-docs-run-'))
  sandbox = makeSandbox(REPO, awsStub(fake, join(scratch, 'aws.log'), undefined, emulator.url), ARGUMENT_CHECKS)
})
afterAll(async () => {
  await fake.close()
  await emulator.close()
})

interface Ran {
  code: number
  stderr: string
  failures: string[]
}

/** Runs one block in the sandbox; the failures the stubs wrote, and bash's own. */
async function runBlock(code: string): Promise<Ran> {
  writeFileSync(sandbox.failures, '')
  const script = join(sandbox.cwd, '..', 'block.sh')
  writeFileSync(script, `${code}\n`)
  const path = `${sandbox.bin}:${sandbox.tools}`
  const env = {
    PATH: path,
    HOME: join(sandbox.cwd, '..'),
    BASH_ENV: sandbox.prelude,
    DOCS_PATH: path,
    DOCS_REAL_PATH: process.env.PATH!,
    DOCS_NODE: process.execPath,
    DOCS_LOG: sandbox.log,
    DOCS_FAILURES: sandbox.failures,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  }
  const result = await new Promise<{ code: number; stderr: string }>((done) => {
    execFile('bash', [script], { cwd: sandbox.cwd, env, encoding: 'utf8', timeout: 120_000 }, (error, _stdout, stderr) => done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stderr }))
  })
  return { ...result, failures: readFileSync(sandbox.failures, 'utf8').split('\n').filter(Boolean) }
}

/** What went wrong, in the reader's terms: the file, the block, the line and its text. */
function explain(block: ShellBlock, ran: Ran): string {
  const lines = block.code.split('\n')
  const where = (n: number) => `${block.file}:${block.line + n - 1} (\`${(lines[n - 1] ?? '').trim()}\`)`
  const reasons = ran.failures.map((f) => {
    const m = /^line (\d+): (.*)$/.exec(f)
    return m ? `${where(Number(m[1]))}: ${m[2]}` : f
  })
  const bash = [...ran.stderr.matchAll(/block\.sh: line (\d+): (.*)/g)].map((m) => `${where(Number(m[1]))}: ${m[2]}`)
  return `the shell block at ${block.file}:${block.line} failed (exit ${ran.code}):\n  ${[...reasons, ...bash].join('\n  ') || ran.stderr.trim()}`
}

const calls = () => readFileSync(sandbox.log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { command: string; args: string[]; line: number })

describe('the shell blocks of the docs', () => {
  it('are all written as sh, bash or shell blocks, which this test runs', () => {
    for (const file of FILES) {
      for (const block of fencedBlocks(file, readFileSync(join(REPO, file), 'utf8'))) {
        expect(NOT_RUNNABLE, `${file}:${block.line}: a \`\`\`${block.language} block is not run by this test; write it as \`\`\`sh`).not.toContain(block.language)
      }
    }
    expect(BLOCKS.length).toBeGreaterThanOrEqual(6)
  })

  it.each(BLOCKS.map((b) => [`${b.file}:${b.line}`, b] as const))('%s runs', async (_where, block) => {
    const ran = await runBlock(block.code)
    expect(ran.code === 0 && ran.failures.length === 0, explain(block, ran)).toBe(true)
  })

  it('invite users with an email attribute, verified, and the invitation sent by email', () => {
    const invites = fake.calls.filter((c) => c.operation === 'AdminCreateUser')
    expect(invites.length).toBeGreaterThan(0)
    for (const invite of invites) {
      const attributes = Object.fromEntries((invite.params.UserAttributes as { Name: string; Value: string }[]).map((a) => [a.Name, a.Value]))
      expect(attributes).toEqual({ email: invite.params.Username, email_verified: 'true' })
      expect(invite.params.DesiredDeliveryMediums).toEqual(['EMAIL'])
    }
  })

  it('deploy with every flag they show: none is left behind on a line of its own', () => {
    const deploys = calls().filter((c) => c.command === 'npm' && c.args[1] === 'deploy:aws' && !c.args.includes('--delete') && !c.args.includes('--print-deployer-policy'))
    expect(deploys.length).toBeGreaterThan(0)
    expect(deploys.some((c) => c.args.includes('--regions') && c.args.includes('--portals'))).toBe(true)
  })
})

describe('the runner itself catches what the docs can get wrong', () => {
  const block = (code: string): ShellBlock => ({ file: 'docs/example.md', line: 10, language: 'sh', code })

  it('a continued command whose line ends in a comment: the next option runs alone, and fails', async () => {
    // docs/deploy.md as it was: the shell ends the command at the comment, then runs --regions as a command.
    const old = block(`npm ci
npm run deploy:aws -- --region us-east-2 --domain-prefix acme-snapshot-lens \\
  --portals https://portal.example.com          # optional: portals that may embed it
  --regions us-east-2,eu-west-1                 # optional: the only regions users may read`)
    const ran = await runBlock(old.code)
    expect(ran.code).not.toBe(0)
    expect(explain(old, ran)).toContain('docs/example.md:13 (`--regions us-east-2,eu-west-1')
    expect(explain(old, ran)).toContain('command not found')
  })

  it('a script package.json does not have', async () => {
    const ran = await runBlock('npm run deploy:gcp -- --region us-east-2')
    expect(explain(block('npm run deploy:gcp -- --region us-east-2'), ran)).toContain('docs/example.md:10 (`npm run deploy:gcp -- --region us-east-2`): npm run deploy:gcp: package.json has no such script')
  })

  it('an option the script does not know, even inside `a && b`', async () => {
    const code = 'npm ci && npm run deploy:aws -- --region us-east-2 --domain-prefix acme --regoins us-east-2'
    const ran = await runBlock(code)
    expect(ran.failures.join('\n')).toContain('npm run deploy:aws')
    expect(ran.stderr).toContain("Unknown option '--regoins'")
  })

  it('an AWS CLI command line the real AWS CLI refuses', async () => {
    const ran = await runBlock('aws cognito-idp admin-create-user --region us-east-2 --user-pool-id us-east-2_X --usernme you@example.com')
    expect(ran.code).not.toBe(0)
    expect(ran.stderr).toMatch(/Unknown options|the following arguments are required/)
  })

  it('a command nobody stubbed, or a placeholder the shell reads as a redirection', async () => {
    expect((await runBlock('terraform apply')).failures.join('\n')).toContain('terraform: command not found (add a stub to scripts/docs-blocks.ts')
    expect((await runBlock('aws cognito-idp admin-create-user --user-pool-id <printed> --username you@example.com')).code).not.toBe(0)
  })
})
