// `npm run emulator -- --port 4566 --data FILE --latency MS`: the local AWS that `npm start` and the tests use.
import { parseArgs } from 'node:util'
import { DataFileError, loadDataFile } from './data-file.ts'
import { generateAccount } from './fixtures/generate.ts'
import { seedAccount } from './fixtures/seed.ts'
import { parseRedirectOrigin, type RedirectPage } from './oidc.ts'
import { DEVELOPMENT_POOL, GUEST_POOL, SIGNED_IN_POOL } from './pools.ts'
import { startEmulator } from './server.ts'
import { USERS } from './users.ts'

const USAGE = `usage: npm run emulator -- [--port 4566] [--host 127.0.0.1] [--data FILE | --generate N] [--latency MS]
       [--credential-seconds 3600] [--id-token-seconds 3600] [--pending-seconds 20]
       [--redirect-origin [CLIENT=]ORIGIN[/PATH] ...]`

function fail(message: string): never {
  console.error(`emulator: ${message}`)
  process.exit(2)
}

function number(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isFinite(n) || n < min || n > max) fail(`--${name} must be a number from ${min} to ${max}, not "${value}"\n${USAGE}`)
  return n
}

let args
try {
  args = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      generate: { type: 'string' },
      latency: { type: 'string' },
      'credential-seconds': { type: 'string' },
      'pending-seconds': { type: 'string' },
      'id-token-seconds': { type: 'string' },
      'redirect-origin': { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
    strict: true,
  }).values
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`)
}
if (args.help) {
  console.log(USAGE)
  process.exit(0)
}

const redirectPages: RedirectPage[] = (args['redirect-origin'] ?? []).map((value) => {
  const parsed = parseRedirectOrigin(value)
  return typeof parsed === 'string' ? fail(`${parsed}\n${USAGE}`) : parsed
})
const pendingSeconds = number(args['pending-seconds'], 'pending-seconds', 20, 1, 86_400)
const dataFile = args.data
if (dataFile && args.generate !== undefined) fail(`--data and --generate cannot be used together\n${USAGE}`)
const generated = args.generate === undefined ? undefined : number(args.generate, 'generate', 0, 1, 1_000_000)
const account = dataFile
  ? () => loadDataFile(dataFile)
  : generated !== undefined
    ? () => generateAccount(generated, Date.now())
    : (pending?: number) => seedAccount(Date.now(), pending ?? pendingSeconds)
let initial
try {
  // Read now so a bad file stops the emulator before it listens; reset reads it again.
  initial = account()
} catch (error) {
  if (error instanceof DataFileError) fail(error.message)
  throw error
}

try {
  const emulator = await startEmulator({
    port: number(args.port, 'port', 4566, 0, 65_535),
    host: args.host ?? '127.0.0.1',
    account,
    latencyMs: number(args.latency, 'latency', 0, 0, 120_000),
    credentialSeconds: number(args['credential-seconds'], 'credential-seconds', 3600, 1, 43_200),
    idTokenSeconds: number(args['id-token-seconds'], 'id-token-seconds', 3600, 60, 86_400),
    redirectPages,
  })
  const total = [...initial.snapshots.values()].reduce((n, list) => n + list.length, 0)
  const disks = [...initial.diskSnapshots.values()].reduce((n, list) => n + list.length, 0)
  const users = USERS.map((u) => u.username)
  console.log(
    `emulator ready on ${emulator.url} (${total} snapshots in ${initial.snapshots.size} regions and ${disks} disk snapshots from ${dataFile ?? (generated !== undefined ? `a generated account (--generate ${generated})` : 'the seeded account')}; sign-in at ${emulator.issuer} as ${users.slice(0, -1).join(', ')} or ${users.at(-1)}; identity pools ${SIGNED_IN_POOL} (signed-in users), ${GUEST_POOL} (guests, no Lightsail), ${DEVELOPMENT_POOL} (development: guests may read))`,
  )
  const stop = (signal: string) => {
    console.log(`emulator: ${signal}, stopping`)
    emulator.close().then(() => process.exit(0), () => process.exit(1))
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code
  fail(code === 'EADDRINUSE' ? `port ${args.port ?? 4566} is in use: stop what holds it, or pass --port` : String(error))
}
