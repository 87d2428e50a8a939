// The servers a benchmark run needs: an emulator and a `vite preview` of the built app, each a child process that is
// ready once it prints its ready line (read without colour codes, which a CI terminal may force on), and stopped (by its
// own process id) when the run ends.
import { spawn, type ChildProcess } from 'node:child_process'

const children: ChildProcess[] = []
// eslint-disable-next-line no-control-regex
const ANSI_ESCAPE = /\u001b\[[0-9;]*m/g

export function start(command: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(child)
    let output = ''
    const timer = setTimeout(() => reject(new Error(`not ready in 30 s: ${command} ${args.join(' ')}\n${output}`)), 30_000)
    const onData = (data: Buffer) => {
      output += data.toString().replace(ANSI_ESCAPE, '')
      if (ready.test(output)) {
        clearTimeout(timer)
        resolve(child)
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${output}`))
    })
  })
}

export function startEmulator(port: number, extra: string[] = []): Promise<ChildProcess> {
  return start(
    process.execPath,
    ['--import', 'tsx', 'emulator/main.ts', '--port', String(port), ...extra],
    { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    /emulator ready/,
  )
}

/** `vite preview` of dist/ (or `outDir`, a peer's build), relaying to the emulator, serving `configFile` as /config.json. */
export function startPreview(port: number, emulatorUrl: string, configFile: string, outDir = 'dist'): Promise<ChildProcess> {
  return start(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--port', String(port), '--strictPort', '--outDir', outDir],
    { EMULATOR_URL: emulatorUrl, SNAPSHOT_LENS_CONFIG: configFile, NO_COLOR: '1' },
    /Local:/,
  )
}

/** `npm run serve:nginx` of dist/ (or `dist`, a peer's build), relaying to `upstream`; `tls`: HTTPS with HTTP/2. */
export function startNginx(port: number, upstream: string, configFile: string, { dist = 'dist', tls = false } = {}): Promise<ChildProcess> {
  return start(
    process.execPath,
    ['--import', 'tsx', 'scripts/serve-nginx.ts', '--port', String(port), '--upstream', upstream, '--config', configFile, '--dist', dist, ...(tls ? ['--tls'] : [])],
    {},
    /nginx ready/,
  )
}

// Also on any exit, so a crash leaves no server behind.
process.on('exit', () => stopAll())

export function stopAll(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
}

export async function adminCall(emulatorUrl: string, path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<Record<string, unknown>> {
  const response = await fetch(`${emulatorUrl}/_emulator/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`emulator admin ${path}: HTTP ${response.status}`)
  return (await response.json()) as Record<string, unknown>
}
