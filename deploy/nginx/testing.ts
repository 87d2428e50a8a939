// Real nginx for the tests: `npm run serve:nginx` on a free loopback port, serving a built app in miniature under a
// base path and relaying to an upstream. Tests only.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** nginx through `npm run serve:nginx`, serving `dist` under `base` and relaying to `upstream`. */
export async function startNginx(upstream: string, dist: string, configFile: string, base = '/lightsail/'): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort()
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/serve-nginx.ts', '--port', String(port), '--upstream', upstream, '--config', configFile, '--dist', dist, '--base', base],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Nothing left behind: the wrapper stops its nginx on SIGTERM.
      child.kill('SIGTERM')
      reject(new Error(`nginx did not start in 25 s:\n${output}`))
    }, 25_000)
    const onData = (data: Buffer) => {
      output += data.toString()
      if (output.includes('nginx ready on')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`serve:nginx exited ${code}:\n${output}`))
    })
  })
  return { url: `http://127.0.0.1:${port}`, child }
}

export async function stopNginx(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

/** A built app in miniature: what the caching rules tell apart, and the given config.json. */
export function fakeDist(config: unknown): string {
  const dist = mkdtempSync(join(tmpdir(), 'snapshot-lens-dist-'))
  mkdirSync(join(dist, 'assets'))
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Snapshot Lens</title><script type="module" src="./assets/index-AbCd1234.js"></script>')
  writeFileSync(join(dist, 'assets', 'index-AbCd1234.js'), `console.log(${JSON.stringify('x'.repeat(2000))})`)
  writeFileSync(join(dist, 'assets', 'index-AbCd1234.js.map'), '{"version":3,"sources":["secret.ts"]}')
  writeFileSync(join(dist, 'embed.js'), '/* embed */')
  writeFileSync(join(dist, 'config.json'), JSON.stringify(config))
  return dist
}
