import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

function run(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts', ...args], {
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const line = stdout.split('\n').find((l) => l.startsWith('emulator ready on '))
      if (line) resolve(line)
    })
    void exited.then(() => reject(new Error(`exited before ready: ${stderr}`)))
  })
  ready.catch(() => undefined) // awaited only by the tests that expect a start
  return { child, ready, exited, output: () => ({ stdout, stderr }) }
}

describe('npm run emulator', () => {
  it('prints one ready line with its URL, serves, and stops cleanly on SIGTERM', async () => {
    const emulator = run(['--port', '0', '--latency', '5'])
    const line = await emulator.ready
    expect(line).toMatch(/^emulator ready on http:\/\/127\.0\.0\.1:\d+ \(156 snapshots in 6 regions and 8 disk snapshots from the seeded account; sign-in at http:\/\/127\.0\.0\.1:\d+\/oidc as alice, bob, carol or dave; identity pools us-east-2:/)
    const url = /on (http:\S+)/.exec(line)![1]
    expect((await fetch(`${url}/_emulator/counters`)).status).toBe(200)
    emulator.child.kill('SIGTERM')
    expect(await emulator.exited).toBe(0)
  })

  it('stops at start with a message naming a bad --data file and its problem', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'snapshot-lens-cli-')), 'broken.json')
    writeFileSync(path, '{"instanceSnapshots": [{"name": "x1", "createdAt": "soon", "location": {"regionName": "us-east-2"}}]}')
    const emulator = run(['--port', '0', '--data', path])
    expect(await emulator.exited).toBe(2)
    expect(emulator.output().stderr).toContain(`emulator: --data ${path}: instanceSnapshots[0].createdAt: not a timestamp`)
  })

  it('refuses a --redirect-origin that Cognito would not take as a callback URL, naming it', async () => {
    const emulator = run(['--port', '0', '--redirect-origin', 'http://127.0.0.1:8080', '--redirect-origin', 'http://lens.dev.example:8080'])
    expect(await emulator.exited).toBe(2)
    expect(emulator.output().stderr).toContain('emulator: --redirect-origin: "http://lens.dev.example:8080" must be https, or http on 127.0.0.1, localhost or [::1]')
  })

  it('refuses a bad option with the usage', async () => {
    const emulator = run(['--latency', 'fast'])
    expect(await emulator.exited).toBe(2)
    expect(emulator.output().stderr).toMatch(/--latency must be a number[\s\S]*usage: npm run emulator/)
  })
})
