// `npm start`: the emulator, then the Vite dev server relaying to it, and a demo portal that embeds the app on a second
// origin. One Ctrl-C stops them all.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'

const emulatorPort = process.env.EMULATOR_PORT ?? '4566'
const children = []

function run(command, args, env = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } })
  children.push(child)
  child.on('exit', (code, signal) => {
    if (stopping) return
    console.error(`${args.join(' ')} stopped (${signal ?? `exit ${code}`}); stopping the rest`)
    stop(code ?? 1)
  })
  return child
}

let stopping = false
function stop(code = 0) {
  stopping = true
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
  process.exitCode = code
}
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

const portalPort = process.env.PORTAL_PORT ?? '5174'
// Sign-in returns only to registered pages: the dev server's (5173) is one by default, the portal's port may vary.
const redirects = ['--redirect-origin', `ops-portal=http://127.0.0.1:${portalPort}`]
const emulator = run(process.execPath, ['--import', 'tsx', 'emulator/main.ts', '--port', emulatorPort, ...redirects, ...process.argv.slice(2)])
createInterface({ input: emulator.stdout }).on('line', (line) => {
  console.log(`[emulator] ${line}`)
  if (!line.startsWith('emulator ready on ')) return
  const vite = run(process.execPath, ['node_modules/vite/bin/vite.js', '--clearScreen', 'false'], {
    EMULATOR_URL: `http://127.0.0.1:${emulatorPort}`,
  })
  createInterface({ input: vite.stdout }).on('line', (l) => console.log(`[vite] ${l}`))
  const portal = run(process.execPath, [
    '--import', 'tsx', 'scripts/demo-portal.ts', '--port', portalPort,
    '--app', 'http://127.0.0.1:5173/', '--authority', `http://127.0.0.1:${emulatorPort}/oidc`,
  ])
  createInterface({ input: portal.stdout }).on('line', (l) => console.log(`[portal] ${l}`))
})
