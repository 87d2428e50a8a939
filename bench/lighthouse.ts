// `npm run lighthouse`: Lighthouse 12.8.2 (the last to run on Node 20), mobile, on the snapshot deep link served the
// production way: the built app behind nginx with the generated configuration and its strict headers, relaying to the
// emulator (guests of its development pool, so no sign-in page stands in front). Prints the scores and the audits that
// cost points; the report goes to bench/out/lighthouse.json. Fetched with npx on first use (not a dependency of the
// app or its tests). Needs `npm run build` first, Debian's nginx and Chromium.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { DEVELOPMENT_POOL } from '../emulator/pools.ts'
import { start, startEmulator, stopAll } from './processes.ts'

const EMULATOR_PORT = 4621
const NGINX_PORT = 4622
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

async function main(): Promise<void> {
  if (!existsSync('dist/index.html')) throw new Error('run `npm run build` first')
  mkdirSync('bench/out', { recursive: true })
  const configFile = 'bench/out/lighthouse-config.json'
  writeFileSync(
    configFile,
    JSON.stringify({
      defaultRegion: 'us-east-2',
      cognito: { region: 'us-east-2', identityPoolId: DEVELOPMENT_POOL, relayPath: '/aws/cognito-identity' },
      lightsail: { mode: 'relay', relayPath: '/aws/lightsail' },
      pollSeconds: 10,
    }),
  )
  await startEmulator(EMULATOR_PORT)
  await start(
    process.execPath,
    ['--import', 'tsx', 'scripts/serve-nginx.ts', '--port', String(NGINX_PORT), '--upstream', `http://127.0.0.1:${EMULATOR_PORT}`, '--config', configFile],
    {},
    /nginx ready/,
  )
  const url = `http://127.0.0.1:${NGINX_PORT}/?region=us-east-2&snapshot=web-1-backup`
  const report = 'bench/out/lighthouse.json'
  const args = [
    '--yes', 'lighthouse@12.8.2', url,
    '--output=json', `--output-path=${report}`, '--quiet',
    '--only-categories=performance,accessibility,best-practices',
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run',
  ]
  const code = await new Promise<number>((resolve) => {
    const child = spawn('npx', args, { stdio: 'inherit', env: { ...process.env, CHROME_PATH: CHROMIUM } })
    child.on('exit', (c) => resolve(c ?? 1))
  })
  if (code !== 0) throw new Error(`lighthouse exited ${code}`)
  const result = JSON.parse(readFileSync(report, 'utf8')) as {
    lighthouseVersion: string
    categories: Record<string, { title: string; score: number }>
    audits: Record<string, { title: string; score: number | null; displayValue?: string; scoreDisplayMode: string }>
  }
  console.log(`Lighthouse ${result.lighthouseVersion}, mobile, ${url} behind nginx`)
  for (const category of Object.values(result.categories)) console.log(`  ${category.title}: ${Math.round(category.score * 100)}`)
  for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']) {
    const audit = result.audits[id]
    if (audit) console.log(`  ${audit.title}: ${audit.displayValue ?? ''} (score ${audit.score})`)
  }
  const lost = Object.entries(result.audits).filter(([, a]) => a.score !== null && a.score < 1 && (a.scoreDisplayMode === 'binary' || a.scoreDisplayMode === 'numeric' || a.scoreDisplayMode === 'metricSavings'))
  for (const [id, audit] of lost) console.log(`  below full marks: ${id}: ${audit.title} ${audit.displayValue ?? ''}`)
}

main()
  .catch((error: unknown) => {
    console.error(`lighthouse: ${(error as Error).message}`)
    process.exitCode = 1
  })
  .finally(stopAll)
