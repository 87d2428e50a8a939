// `npm run bench`: builds the app and prints, and writes to bench/results.json, the figures the budgets are about:
// initial JS + CSS of the detail deep link against the bare minimum, time to data against three round trips, and
// requests per cold load and per refresh. A benchmark, not a test: it prints figures and judges them against budgets.
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync, constants } from 'node:zlib'
import { chromium } from '@playwright/test'
import { build } from 'vite'
import { chromiumLaunchOptions } from '../e2e/environment.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const LATENCY = 50
const EMULATOR_PORT = 4610
const APP_PORT = 4611
const POOL = 'us-east-2:5e1c0a7b-3f2d-4c8e-9b6a-0d4f2e7c1a93'
const children = []

const sizes = (buffer) => ({
  raw: buffer.length,
  gzip: gzipSync(buffer, { level: 9 }).length,
  brotli: brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
})
const add = (a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli })
const ZERO = { raw: 0, gzip: 0, brotli: 0 }
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`

function start(command, args, env, readyPattern) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(child)
    let output = ''
    const timer = setTimeout(() => reject(new Error(`not ready in 30 s: ${command} ${args.join(' ')}\n${output}`)), 30_000)
    const onData = (data) => {
      output += data
      if (readyPattern.test(output)) {
        clearTimeout(timer)
        resolve(child)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code) => reject(new Error(`${command} exited ${code}: ${output}`)))
  })
}

function assetsOf(dir) {
  return readdirSync(join(dir, 'assets')).filter((f) => /\.(js|css)$/.test(f))
}

async function buildAll() {
  await build({ logLevel: 'warn' })
  await build({
    logLevel: 'warn',
    configFile: false,
    root: 'bench/minimal',
    base: './',
    build: { outDir: '../out/minimal', emptyOutDir: true, target: 'es2022' },
  })
  // The minimum's first load: what its index.html names (entry, preloads, CSS), not chunks it would load only later.
  const minimalHtml = readFileSync('bench/out/minimal/index.html', 'utf8')
  const minimalFiles = [...minimalHtml.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1])
  const minimal = minimalFiles.reduce((sum, f) => add(sum, sizes(readFileSync(join('bench/out/minimal/assets', f)))), ZERO)
  const appAll = assetsOf('dist').reduce((sum, f) => add(sum, sizes(readFileSync(join('dist/assets', f)))), ZERO)
  return { minimal, appAll }
}

/** Three sequential round trips from Node to the emulator: the least any client can do to show a snapshot. */
async function floorMs(emulatorUrl) {
  const { SignatureV4 } = await import('@smithy/signature-v4')
  const { HttpRequest } = await import('@smithy/protocol-http')
  const { Sha256 } = await import('@aws-crypto/sha256-js')
  const cognito = async (op, body) =>
    (await fetch(emulatorUrl, { method: 'POST', headers: { 'x-amz-target': `AWSCognitoIdentityService.${op}`, 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify(body) })).json()
  const times = []
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    const { IdentityId } = await cognito('GetId', { IdentityPoolId: POOL })
    const { Credentials: c } = await cognito('GetCredentialsForIdentity', { IdentityId })
    const { host: _h, ...headers } = (
      await new SignatureV4({ service: 'lightsail', region: 'us-east-2', sha256: Sha256, credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretKey, sessionToken: c.SessionToken } }).sign(
        new HttpRequest({ method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: EMULATOR_PORT, path: '/', headers: { host: `127.0.0.1:${EMULATOR_PORT}`, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Lightsail_20161128.GetInstanceSnapshot' }, body: '{"instanceSnapshotName":"web-1-backup"}' }),
      )
    ).headers
    const response = await fetch(emulatorUrl, { method: 'POST', headers, body: '{"instanceSnapshotName":"web-1-backup"}' })
    if (!response.ok) throw new Error(`floor call failed: ${response.status}`)
    await response.json()
    times.push(performance.now() - started)
  }
  return median(times)
}

async function measureLoads(appUrl) {
  const browser = await chromium.launch(chromiumLaunchOptions())
  const loads = []
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext() // cold: no cache, no storage
      const page = await context.newPage()
      const requests = []
      page.on('request', (r) => requests.push({ url: r.url(), method: r.method() }))
      // Timed inside the page: the moment the Status card's state is in the DOM, plus the frame that paints it.
      await page.addInitScript(() => {
        new MutationObserver((_, observer) => {
          if (document.querySelector('[data-testid="status-state"]')?.textContent !== 'available') return
          observer.disconnect()
          requestAnimationFrame(() => (window.__shownAt = performance.now()))
        }).observe(document, { subtree: true, childList: true, characterData: true })
      })
      await page.goto(`${appUrl}?region=us-east-2&snapshot=web-1-backup`, { waitUntil: 'commit' })
      await page.waitForFunction(() => window.__shownAt !== undefined, null, { timeout: 30_000 })
      const timing = await page.evaluate(() => {
        const entries = performance.getEntriesByType('resource')
        const firstAws = entries.find((e) => e.name.includes(':4610') || e.name.includes('/aws/lightsail/'))
        return { dataMs: window.__shownAt, shellMs: firstAws ? firstAws.startTime : NaN }
      })
      const assets = requests.filter((r) => /\/assets\/.*\.(js|css)$/.test(new URL(r.url).pathname)).map((r) => new URL(r.url).pathname.split('/').pop())
      const before = requests.length
      await page.getByRole('button', { name: 'Refresh' }).click()
      await page.waitForFunction(() => !document.querySelector('button[aria-busy="true"]'), null, { timeout: 10_000 })
      const refresh = requests.slice(before)
      loads.push({ ...timing, requests: requests.slice(0, before), assets, refresh })
      await context.close()
    }
  } finally {
    await browser.close()
  }
  return loads
}

try {
  console.log(`bench: building the app and the bare minimum…`)
  const { minimal, appAll } = await buildAll()

  const emulatorUrl = `http://127.0.0.1:${EMULATOR_PORT}`
  mkdirSync('bench/out', { recursive: true })
  const config = JSON.parse(readFileSync('public/config.json', 'utf8'))
  writeFileSync('bench/out/config.json', JSON.stringify({ ...config, cognito: { ...config.cognito, endpoint: emulatorUrl } }))
  await start(process.execPath, ['--import', 'tsx', 'emulator/main.ts', '--port', String(EMULATOR_PORT), '--latency', String(LATENCY)], { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }, /emulator ready/)
  await start(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--port', String(APP_PORT), '--strictPort'], { EMULATOR_URL: emulatorUrl, SNAPSHOT_LENS_CONFIG: 'bench/out/config.json' }, /Local:/)

  const floor = await floorMs(emulatorUrl)
  const loads = await measureLoads(`http://127.0.0.1:${APP_PORT}/`)

  const deepLinkAssets = [...new Set(loads[0].assets)]
  const initial = deepLinkAssets.reduce((sum, f) => add(sum, sizes(readFileSync(join('dist/assets', f)))), ZERO)
  const dataMs = median(loads.map((l) => l.dataMs))
  const shellMs = median(loads.map((l) => l.shellMs))
  const budgetMs = 1.3 * floor + shellMs
  const awsRequests = (list) => list.filter((r) => r.url.includes(':4610') || r.url.includes('/aws/lightsail/'))
  const results = {
    measuredAt: new Date().toISOString(),
    runs: RUNS,
    latencyMs: LATENCY,
    bundle: {
      deepLinkAssets,
      initial,
      minimal,
      allAssets: appAll,
      overMinimumGzip: initial.gzip - minimal.gzip,
      budgetOverMinimumGzip: 15 * 1024,
      withinBudget: initial.gzip - minimal.gzip <= 15 * 1024,
    },
    timeToData: {
      medianMs: Math.round(dataMs),
      floorMs: Math.round(floor),
      shellMs: Math.round(shellMs),
      ratioToFloor: +(dataMs / floor).toFixed(2),
      awsPhaseRatioToFloor: +((dataMs - shellMs) / floor).toFixed(2),
      budgetMs: Math.round(budgetMs),
      withinBudget: dataMs <= budgetMs,
      allMs: loads.map((l) => Math.round(l.dataMs)),
    },
    requests: {
      perColdLoad: loads[0].requests.length,
      awsPerColdLoad: awsRequests(loads[0].requests).length,
      awsPerColdLoadDetail: awsRequests(loads[0].requests).map((r) => `${r.method} ${new URL(r.url).pathname}${r.url.includes(':4610') ? ' (Cognito Identity)' : ''}`),
      perRefresh: loads[0].refresh.length,
    },
  }
  mkdirSync('bench', { recursive: true })
  writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n')

  const b = results.bundle
  const t = results.timeToData
  console.log(`
Initial JS + CSS of the detail deep link (${deepLinkAssets.length} files): ${kb(b.initial.gzip)} gzip, ${kb(b.initial.brotli)} brotli (${kb(b.initial.raw)} raw)
Bare minimum (React + React Query + Lightsail and Cognito clients, one command each): ${kb(b.minimal.gzip)} gzip, ${kb(b.minimal.brotli)} brotli
  over the minimum: ${kb(b.overMinimumGzip)} gzip (budget 15 KB): ${b.withinBudget ? 'within budget' : 'OVER BUDGET'}
Time to data, median of ${RUNS} cold loads at ${LATENCY} ms latency: ${t.medianMs} ms (all: ${t.allMs.join(', ')})
  floor (GetId, GetCredentialsForIdentity, GetInstanceSnapshot from Node): ${t.floorMs} ms; page shell (navigation to the first AWS request): ${t.shellMs} ms
  ratio to floor: ${t.ratioToFloor}x overall, ${t.awsPhaseRatioToFloor}x after the shell; budget 1.3 x floor + shell = ${t.budgetMs} ms: ${t.withinBudget ? 'within budget' : 'OVER BUDGET'}
Requests per cold load: ${results.requests.perColdLoad} (${results.requests.awsPerColdLoad} to AWS: ${results.requests.awsPerColdLoadDetail.join('; ')})
Requests per refresh: ${results.requests.perRefresh}
Written to bench/results.json`)
} finally {
  for (const child of children) child.kill('SIGTERM')
}
