// `npm run bench`: builds the app and its peers, measures both in one run, load for load, and prints and records
// (bench/results.json) every figure as ours ÷ the peer's, against the goals of issue 16, and how far each is from its
// floor. A benchmark, not a test: it measures and judges, it does not fail on a missed goal.
//   - the peers (bench/minimal/): the detail link's work, and the home region's inventory as a plain list, with the
//     same stack and nothing else, built by the same Vite config without our plugins, served by the same preview and
//     relay, loaded by the same browser in turns with ours (new profiles cold, one primed profile warm);
//   - the first load's gzip bytes (the JS and CSS requested before the data is in the DOM: bench/first-load.ts, as
//     the size check in `npm test` counts them), time to data cold and warm, a signed-in warm reload, the inventory's
//     first rows, and Lighthouse of both behind the same nginx;
//   - the floors: the least round trips any client needs, measured from Node (bench/floor.ts);
//   - Cognito directly (CORS, with its preflight) beside the relay, requests per load and per refresh;
//   - the inventory of a generated 10,000-snapshot account (bench/inventory.ts), also through nginx over HTTP/1.1 and
//     over TLS with HTTP/2;
//   - a soak: pages left open with polling and injected faults, for heap and DOM growth and any error shown.
// Treemaps of the three builds go to bench/out/treemap-*.html.
// BENCH_RUNS (default 15) sets the loads per figure; BENCH_SOAK_SECONDS (default 600) the soak. With fewer than 15
// runs it is a smoke run: the figures go to bench/out/results.json and bench/results.json is left alone.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { chromium, type Page } from '@playwright/test'
import { chromiumLaunchOptions } from '../e2e/environment.ts'
import { DEVELOPMENT_POOL, SIGNED_IN_POOL } from '../emulator/pools.ts'
import { assetSizes, buildAppAndPeers, PEERS } from './bundle.ts'
import { DATA_MARKS, readLimits } from './first-load.ts'
import { measureFloors, measureInventoryFloor, measureListRoundTrip, measureSignedInFloor } from './floor.ts'
import { cleanupAtScale, type CleanupResult } from './cleanup.ts'
import { inventoryAtScale, inventoryLoad, type InventoryLoad, type InventoryResult } from './inventory.ts'
import { lighthouse, printLighthouse, type LighthouseResult } from './lighthouse-report.ts'
import { coldLoads, refreshRequests, signedInPage, warmReloads, type AwsMarkers, type Load } from './loads.ts'
import { adminCall, startEmulator, startNginx, startPreview, stopAll } from './processes.ts'
import { soak, type SoakResult } from './soak.ts'
import { kb, mb, median, ms, percentile } from './stats.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? (RUNS < 15 ? 15 : 600))
const FULL = RUNS >= 15 && SOAK_SECONDS >= 600
const LATENCY = 50
const EMULATOR_PORT = 4610
const EMULATOR_URL = `http://127.0.0.1:${EMULATOR_PORT}`
const LINK = '?region=us-east-2&snapshot=web-1-backup'
const HEAP_BUDGET = 5 * 1024 * 1024
const GENERATED = 10_000
const GENERATED_EMULATOR_PORT = 4614
const GENERATED_URL = `http://127.0.0.1:${GENERATED_EMULATOR_PORT}`
const INVENTORY_PORT = 4615
const INVENTORY_RUNS = RUNS >= 15 ? 3 : 1
const NGINX_RUNS = RUNS >= 15 ? 5 : 1
const LIGHTHOUSE_RUNS = RUNS >= 15 ? 3 : 1
const KEYSTROKE_BUDGET_MS = 16
const DOM_ROWS_BUDGET = 100
const INVENTORY_HEAP_BUDGET = 60 * 1024 * 1024
// Issue 16's goals: bytes within 10 % of the peer's, every time no slower than the peer's, Lighthouse at least its.
const BYTES_GOAL = 1.1
const TIME_GOAL = 1.0

const RELAY_MARKERS: AwsMarkers = ['/aws/cognito-identity/', '/aws/lightsail/']

interface Subject {
  key: 'ours' | 'peer' | 'oursCors'
  name: string
  port: number
  markers: AwsMarkers
  outDir: string
}

// Guests of the emulator's development pool for the cold and warm figures (the floor of three round trips needs no
// sign-in page), and the shipped signed-in setup for the signed-in reload.
const { auth: _shippedAuth, ...shipped } = JSON.parse(readFileSync('public/config.json', 'utf8')) as { cognito: Record<string, string>; auth?: unknown }
const RELAY_CONFIG = 'bench/out/config-relay.json'
const DETAIL: Subject[] = [
  { key: 'ours', name: 'Snapshot Lens', port: 4611, markers: RELAY_MARKERS, outDir: 'dist' },
  { key: 'peer', name: 'the peer', port: 4616, markers: RELAY_MARKERS, outDir: PEERS.detail },
  { key: 'oursCors', name: 'Snapshot Lens, Cognito directly (CORS)', port: 4612, markers: [`:${EMULATOR_PORT}`, '/aws/lightsail/'], outDir: 'dist' },
]
const SIGNED_IN = { ours: 4613, peer: 4617 }
const PEER_INVENTORY_PORT = 4618
const LIGHTHOUSE_NGINX = { ours: 4619, peer: 4620 }
const INVENTORY_NGINX = { http1: 4624, http2: 4625 }

async function signInAsAlice(page: Page): Promise<void> {
  await page.getByLabel('User name').fill('alice')
  await page.getByLabel('Password').fill('snapshot-lens')
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** One entry of the raw loads, in the order they were made: the interleaving shows. */
interface RawLoad {
  seq: number
  figure: string
  app: string
  dataMs: number
  shellMs: number
  credentialsAtMs: number
}

const round = (v: number) => Math.round(v)
const ratio = (a: number, b: number) => +(a / b).toFixed(3)

function verdict(value: number, goal: number, higherIsBetter = false) {
  const met = higherIsBetter ? value >= goal : value <= goal
  return { goal, met, by: +(higherIsBetter ? goal - value : value - goal).toFixed(3) }
}

function describe(loads: Load[], floorMs: number) {
  const dataMs = median(loads.map((l) => l.dataMs))
  return {
    medianMs: round(dataMs),
    shellMs: round(median(loads.map((l) => l.shellMs))),
    credentialsAtMs: round(median(loads.map((l) => l.credentialsAtMs))),
    floorMs: round(floorMs),
    overFloorMs: round(dataMs - floorMs),
    ratioToFloor: ratio(dataMs, floorMs),
    allMs: loads.map((l) => round(l.dataMs)),
  }
}

function compare(ours: ReturnType<typeof describe>, peer: ReturnType<typeof describe>) {
  const r = ratio(ours.medianMs, peer.medianMs)
  return { ours, peer, ratio: r, ...verdict(r, TIME_GOAL) }
}

const awsRequests = (load: Load, markers: AwsMarkers) =>
  load.requests.filter((r) => markers.some((m) => r.url.includes(m))).map((r) => `${r.method} ${new URL(r.url).pathname}`)

async function main() {
  const started = Date.now()
  console.log(`bench: ${RUNS} loads per figure, ${SOAK_SECONDS} s soak${FULL ? '' : ' (a smoke run: results go to bench/out/)'}; building…`)
  mkdirSync('bench/out', { recursive: true })
  const { appAll } = await buildAppAndPeers()
  // The signed-in figures' previews (ours and the peer's) are pages the emulator's sign-in must be allowed to return to.
  const signInPages = Object.values(SIGNED_IN).flatMap((port) => ['--redirect-origin', `http://127.0.0.1:${port}`])
  await startEmulator(EMULATOR_PORT, ['--latency', String(LATENCY), ...signInPages])
  writeFileSync(RELAY_CONFIG, JSON.stringify({ ...shipped, cognito: { region: 'us-east-2', identityPoolId: DEVELOPMENT_POOL, relayPath: '/aws/cognito-identity' }, pollSeconds: 1 }))
  const corsConfig = 'bench/out/config-cors.json'
  writeFileSync(corsConfig, JSON.stringify({ ...shipped, cognito: { region: 'us-east-2', identityPoolId: DEVELOPMENT_POOL, endpoint: EMULATOR_URL }, pollSeconds: 1 }))
  for (const s of DETAIL) await startPreview(s.port, EMULATOR_URL, s.key === 'oursCors' ? corsConfig : RELAY_CONFIG, s.outDir)
  const signedInConfig = 'bench/out/config-signed-in.json'
  writeFileSync(
    signedInConfig,
    JSON.stringify({
      ...shipped,
      cognito: { region: 'us-east-2', identityPoolId: SIGNED_IN_POOL, relayPath: '/aws/cognito-identity' },
      auth: { authority: `${EMULATOR_URL}/oidc`, clientId: 'snapshot-lens' },
      pollSeconds: 1,
    }),
  )
  await startPreview(SIGNED_IN.ours, EMULATOR_URL, signedInConfig)
  await startPreview(SIGNED_IN.peer, EMULATOR_URL, signedInConfig, PEERS.detail)
  await startEmulator(GENERATED_EMULATOR_PORT, ['--generate', String(GENERATED), '--latency', String(LATENCY)])
  await startPreview(INVENTORY_PORT, GENERATED_URL, RELAY_CONFIG)
  await startPreview(PEER_INVENTORY_PORT, GENERATED_URL, RELAY_CONFIG, PEERS.inventory)
  await startNginx(INVENTORY_NGINX.http1, GENERATED_URL, RELAY_CONFIG)
  await startNginx(INVENTORY_NGINX.http2, GENERATED_URL, RELAY_CONFIG, { tls: true })
  await startNginx(LIGHTHOUSE_NGINX.ours, EMULATOR_URL, RELAY_CONFIG)
  await startNginx(LIGHTHOUSE_NGINX.peer, EMULATOR_URL, RELAY_CONFIG, { dist: PEERS.detail })
  const listRoundTripMs = await measureListRoundTrip(GENERATED_URL, DEVELOPMENT_POOL, 'us-east-2', Math.max(RUNS, 5))
  const floors = await measureFloors(EMULATOR_URL, DEVELOPMENT_POOL, Math.max(RUNS, 5))
  const signedInFloorMs = await measureSignedInFloor(EMULATOR_URL, SIGNED_IN_POOL, Math.max(RUNS, 5))
  const inventoryFloorMs = await measureInventoryFloor(GENERATED_URL, DEVELOPMENT_POOL, 'us-east-2', Math.max(RUNS, 5))

  const browser = await chromium.launch(chromiumLaunchOptions())
  const chromiumVersion = browser.version()
  const raw: RawLoad[] = []
  const note = (figure: string, app: string, load: Load) =>
    raw.push({ seq: raw.length + 1, figure, app, dataMs: round(load.dataMs), shellMs: round(load.shellMs), credentialsAtMs: round(load.credentialsAtMs) })
  const cold = new Map<string, Load[]>(DETAIL.map((s) => [s.key, []]))
  const warm = new Map<string, Load[]>(DETAIL.map((s) => [s.key, []]))
  const signedIn = { ours: [] as Load[], peer: [] as Load[] }
  const inventoryFirst = { ours: [] as Load[], peer: [] as Load[] }
  const overNginx = { http1: [] as InventoryLoad[], http2: [] as InventoryLoad[] }
  const lighthouseRuns = { ours: [] as LighthouseResult[], peer: [] as LighthouseResult[] }
  const inventoryRuns: InventoryResult[] = []
  const cleanupRuns: CleanupResult[] = []
  const preflights: Record<string, number> = {}
  let refresh: string[]
  let soaked: SoakResult
  try {
    await adminCall(EMULATOR_URL, 'reset', {})
    await adminCall(EMULATOR_URL, 'latency', { ms: LATENCY })
    // Turns, load by load, the first of each round alternating, so a machine that slows down or speeds up during the
    // run weighs on every subject alike.
    const turns = <T>(list: T[], i: number) => (i % 2 ? [...list].reverse() : list)
    for (let i = 0; i < RUNS; i++) {
      for (const s of turns(DETAIL, i)) {
        const [load] = await coldLoads(browser, `http://127.0.0.1:${s.port}/${LINK}`, 1, s.markers)
        cold.get(s.key)!.push(load!)
        note('cold', s.key, load!)
      }
      for (const s of turns(DETAIL, i)) {
        const [load] = await warmReloads(browser, `http://127.0.0.1:${s.port}/${LINK}`, 1, s.markers)
        warm.get(s.key)!.push(load!)
        note('warm', s.key, load!)
      }
    }
    for (const s of DETAIL) {
      const calls = async () => (await adminCall(EMULATOR_URL, 'counters')).calls as Record<string, number>
      const before = (await calls()).Preflight ?? 0
      await coldLoads(browser, `http://127.0.0.1:${s.port}/${LINK}`, 1, s.markers)
      preflights[s.key] = ((await calls()).Preflight ?? 0) - before
    }
    // Signed in as alice through the emulator's sign-in page, each app in its own profile, reloaded in turns.
    const pages = {
      ours: await signedInPage(browser, `http://127.0.0.1:${SIGNED_IN.ours}/${LINK}`, RELAY_MARKERS, signInAsAlice),
      peer: await signedInPage(browser, `http://127.0.0.1:${SIGNED_IN.peer}/${LINK}`, RELAY_MARKERS, signInAsAlice),
    }
    try {
      for (let i = 0; i < RUNS; i++) {
        for (const key of turns(['ours', 'peer'] as const, i)) {
          const load = await pages[key].reload()
          signedIn[key].push(load)
          note('signed-in warm reload', key, load)
        }
      }
    } finally {
      await pages.ours.close()
      await pages.peer.close()
    }
    // The inventory's first rows, cold, in turns: every region for ours, the home region's first page for the peer.
    for (let i = 0; i < RUNS; i++) {
      for (const key of turns(['ours', 'peer'] as const, i)) {
        const url = `http://127.0.0.1:${key === 'ours' ? INVENTORY_PORT : PEER_INVENTORY_PORT}/`
        const [load] = await coldLoads(browser, url, 1, RELAY_MARKERS, key === 'ours' ? DATA_MARKS.inventory : DATA_MARKS.peerInventory, false)
        inventoryFirst[key].push(load!)
        note('inventory first rows', key, load!)
      }
    }
    for (let i = 0; i < INVENTORY_RUNS; i++) inventoryRuns.push(await inventoryAtScale(browser, `http://127.0.0.1:${INVENTORY_PORT}/`, { snapshots: GENERATED }))
    for (let i = 0; i < INVENTORY_RUNS; i++) cleanupRuns.push(await cleanupAtScale(browser, `http://127.0.0.1:${INVENTORY_PORT}/`))
    for (let i = 0; i < NGINX_RUNS; i++) {
      for (const key of turns(['http1', 'http2'] as const, i)) {
        const url = `${key === 'http2' ? 'https' : 'http'}://127.0.0.1:${INVENTORY_NGINX[key]}/`
        overNginx[key].push(await inventoryLoad(browser, url, { snapshots: GENERATED }, key === 'http2'))
      }
    }
    refresh = await refreshRequests(browser, `http://127.0.0.1:${DETAIL[0]!.port}/${LINK}`)
    // Lighthouse throttles the network itself (simulated mobile): the emulator answers at once.
    await adminCall(EMULATOR_URL, 'latency', { ms: 0 })
    for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
      for (const key of turns(['ours', 'peer'] as const, i)) {
        lighthouseRuns[key].push(await lighthouse(`http://127.0.0.1:${LIGHTHOUSE_NGINX[key]}/${LINK}`, `bench/out/lighthouse-${key}.json`))
      }
    }
    soaked = await soak(browser, `http://127.0.0.1:${DETAIL[0]!.port}/`, EMULATOR_URL, SOAK_SECONDS)
  } finally {
    await browser.close()
  }

  // Bytes: what each loaded before its data was in the DOM, on the first cold load.
  const firstOurs = cold.get('ours')![0]!
  const firstPeer = cold.get('peer')![0]!
  const sized = (files: string[], dir: string) => ({ files, ...assetSizes(files, `${dir}/assets`) })
  const bytes = {
    detail: { ours: sized(firstOurs.assets, 'dist'), peer: sized(firstPeer.assets, PEERS.detail) },
    inventory: { ours: sized(inventoryFirst.ours[0]!.assets, 'dist'), peer: sized(inventoryFirst.peer[0]!.assets, PEERS.inventory) },
  }
  const limits = readLimits()
  const bytesFigure = (which: 'detail' | 'inventory') => {
    const { ours, peer } = bytes[which]
    const r = ratio(ours.gzip, peer.gzip)
    return { ours, peer, ratio: r, ...verdict(r, BYTES_GOAL), limitGzip: limits[which].gzipBytes, goalGzip: Math.floor(peer.gzip * BYTES_GOAL) }
  }
  const medLh = (list: LighthouseResult[]) => round(median(list.map((l) => l.scores.Performance ?? NaN)))
  const lh = { ours: medLh(lighthouseRuns.ours), peer: medLh(lighthouseRuns.peer) }
  const afterCredentials = (loads: Load[]) => round(median(loads.map((l) => l.dataMs - l.credentialsAtMs)))
  const comparison = {
    firstLoadBytes: { detail: bytesFigure('detail'), inventory: bytesFigure('inventory') },
    coldTimeToData: compare(describe(cold.get('ours')!, floors.coldMs), describe(cold.get('peer')!, floors.coldMs)),
    warmTimeToData: compare(describe(warm.get('ours')!, floors.warmMs), describe(warm.get('peer')!, floors.warmMs)),
    signedInWarmReload: compare(describe(signedIn.ours, signedInFloorMs), describe(signedIn.peer, signedInFloorMs)),
    inventoryFirstRows: {
      ...compare(describe(inventoryFirst.ours, inventoryFloorMs), describe(inventoryFirst.peer, inventoryFloorMs)),
      afterCredentialsMs: { ours: afterCredentials(inventoryFirst.ours), peer: afterCredentials(inventoryFirst.peer), floorMs: round(listRoundTripMs) },
    },
    lighthousePerformance: {
      ours: lh.ours,
      peer: lh.peer,
      runs: LIGHTHOUSE_RUNS,
      ...verdict(lh.ours, lh.peer, true),
    },
  }

  const med = (pick: (r: InventoryResult) => number) => round(median(inventoryRuns.map(pick)))
  const toIdle = inventoryRuns.flatMap((r) => r.keystrokes.toIdleMs)
  const fastToIdle = inventoryRuns.flatMap((r) => r.keystrokes.fastToIdleMs)
  const toPaint = inventoryRuns.flatMap((r) => r.keystrokes.toPaintMs)
  const toList = inventoryRuns.flatMap((r) => r.keystrokes.toListMs)
  const spread = (list: number[]) => ({ p50: +percentile(list, 50).toFixed(1), p95: +percentile(list, 95).toFixed(1), max: +Math.max(...list).toFixed(1), count: list.length })
  const sortTimes = inventoryRuns.flatMap((r) => r.sorts.map((s) => s.toListMs))
  const nginxFigure = (list: InventoryLoad[]) => ({
    firstRowsAtMs: round(median(list.map((l) => l.firstRowsAtMs))),
    allRegionsAtMs: round(median(list.map((l) => l.allRegionsAtMs))),
    protocols: [...new Set(list.flatMap((l) => l.protocols))],
    lightsailRequests: list[0]!.lightsailRequests,
    perRun: list,
  })
  const inventory = {
    snapshots: GENERATED,
    regions: inventoryRuns[0]!.regions,
    runs: INVENTORY_RUNS,
    listRoundTripMs: round(listRoundTripMs),
    firstRowsAfterCredentialsMs: med((r) => r.firstRowsAfterCredentialsMs),
    firstRowsAtMs: med((r) => r.firstRowsAtMs),
    allRegionsAtMs: med((r) => r.allRegionsAtMs),
    lightsailRequests: inventoryRuns[0]!.lightsailRequests,
    throughNginx: { runs: NGINX_RUNS, http1: nginxFigure(overNginx.http1), http2: nginxFigure(overNginx.http2) },
    keystrokeWork: { ...spread(toIdle), budgetP95Ms: KEYSTROKE_BUDGET_MS },
    fastKeystrokeWork: { ...spread(fastToIdle), budgetP95Ms: KEYSTROKE_BUDGET_MS },
    keystrokeToNextFrame: spread(toPaint),
    keystrokeToList: spread(toList),
    sortToList: spread(sortTimes),
    domRows: { top: Math.max(...inventoryRuns.map((r) => r.domRows.top)), middle: Math.max(...inventoryRuns.map((r) => r.domRows.middle)), budget: DOM_ROWS_BUDGET },
    heapBytes: Math.max(...inventoryRuns.map((r) => r.heapBytes)),
    heapBudgetBytes: INVENTORY_HEAP_BUDGET,
    perRun: inventoryRuns,
  }
  const cleanup = {
    rules: 'view=cleanup&keep=3, then keep=2 and back',
    candidates: cleanupRuns[0]!.candidates,
    firstCandidatesAtMs: round(median(cleanupRuns.map((r) => r.firstCandidatesAtMs))),
    allCandidatesAtMs: round(median(cleanupRuns.map((r) => r.allCandidatesAtMs))),
    ruleChangeToList: spread(cleanupRuns.flatMap((r) => r.ruleChangeMs)),
    perRun: cleanupRuns,
  }
  const cors = describe(cold.get('oursCors')!, floors.coldMs)
  const corsWarm = describe(warm.get('oursCors')!, floors.warmMs)
  const results = {
    measuredAt: new Date().toISOString(),
    machine: { node: process.version, cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', chromium: chromiumVersion },
    runs: RUNS,
    latencyMs: LATENCY,
    tookSeconds: 0,
    goals: { bytesRatioAtMost: BYTES_GOAL, timeRatioAtMost: TIME_GOAL, lighthouseAtLeastThePeers: true },
    comparison,
    floors: { coldMs: round(floors.coldMs), warmMs: round(floors.warmMs), signedInWarmMs: round(signedInFloorMs), inventoryFirstRowsMs: round(inventoryFloorMs), listRoundTripMs: round(listRoundTripMs) },
    bundle: {
      wholeLoadAssets: [...new Set(firstOurs.allAssets)],
      wholeLoad: assetSizes(firstOurs.allAssets),
      allAssets: appAll,
      treemaps: ['bench/out/treemap-app.html', 'bench/out/treemap-peer-detail.html', 'bench/out/treemap-peer-inventory.html'],
    },
    awsRequests: {
      ours: { cold: awsRequests(firstOurs, RELAY_MARKERS), warm: awsRequests(warm.get('ours')![0]!, RELAY_MARKERS), signedIn: awsRequests(signedIn.ours[0]!, RELAY_MARKERS) },
      peer: { cold: awsRequests(firstPeer, RELAY_MARKERS), warm: awsRequests(warm.get('peer')![0]!, RELAY_MARKERS), signedIn: awsRequests(signedIn.peer[0]!, RELAY_MARKERS) },
    },
    signedInAssets: { ours: signedIn.ours[0]!.assets, peer: signedIn.peer[0]!.assets },
    cognitoDirectly: { cold: cors, warm: corsWarm, preflightsPerColdLoad: preflights.oursCors, preflightsPerColdLoadThroughTheRelay: preflights.ours },
    requests: {
      perColdLoad: firstOurs.requests.length,
      perRefresh: refresh!.length,
      refresh: refresh!,
    },
    inventory,
    cleanup,
    lighthouse: lighthouseRuns,
    soak: { ...soaked!, heapBudgetBytes: HEAP_BUDGET },
    rawLoads: raw,
  }
  results.tookSeconds = round((Date.now() - started) / 1000)
  const out = FULL ? 'bench/results.json' : 'bench/out/results.json'
  writeFileSync(out, JSON.stringify(results, null, 2) + '\n')

  const c = results.comparison
  const goal = (v: { met: boolean; by: number }, unit: string) => (v.met ? 'met' : `MISSED by ${v.by.toFixed(unit === 'points' ? 0 : 3)}${unit === 'points' ? ' points' : ''}`)
  const bytesLine = (what: string, b: typeof c.firstLoadBytes.detail) =>
    `${what}: ours ${kb(b.ours.gzip)} gzip (${b.ours.files.length} files) ÷ the peer's ${kb(b.peer.gzip)} (${b.peer.files.length} files) = ${b.ratio.toFixed(3)}; goal <= ${BYTES_GOAL.toFixed(2)} (${kb(b.goalGzip)}): ${goal(b, '')}; committed limit ${kb(b.limitGzip)}`
  const timeLine = (what: string, t: typeof c.coldTimeToData) =>
    [
      `${what}: ours ${ms(t.ours.medianMs)} ÷ the peer's ${ms(t.peer.medianMs)} = ${t.ratio.toFixed(3)} (median of ${t.ours.allMs.length}); goal <= ${TIME_GOAL.toFixed(2)}: ${goal(t, '')}`,
      `  floor ${ms(t.ours.floorMs)}: ours ${t.ours.overFloorMs >= 0 ? '+' : ''}${t.ours.overFloorMs} ms (${t.ours.ratioToFloor} x), the peer ${t.peer.overFloorMs >= 0 ? '+' : ''}${t.peer.overFloorMs} ms (${t.peer.ratioToFloor} x); first AWS request at ${ms(t.ours.shellMs)} (ours) and ${ms(t.peer.shellMs)} (peer)`,
    ]
  const inv = results.inventory
  const lines = [
    '',
    `Machine: Node ${results.machine.node}, ${results.machine.cores} cores, Chromium ${results.machine.chromium}; emulator at ${LATENCY} ms per round trip`,
    'Ours ÷ the peer (bench/minimal: the same work with the same stack and nothing else), loads in turns:',
    bytesLine('First load, detail link (JS + CSS before the Status card)', c.firstLoadBytes.detail),
    bytesLine('First load, inventory (JS + CSS before the first rows)', c.firstLoadBytes.inventory),
    ...timeLine('Time to data, cold (new profile)', c.coldTimeToData),
    ...timeLine('Time to data, warm (reload, identity id cached)', c.warmTimeToData),
    ...timeLine('Time to data, signed-in warm reload (tokens in storage)', c.signedInWarmReload),
    ...timeLine('Inventory, first rows (cold; ours asks every region, the peer its home region)', c.inventoryFirstRows),
    `  after the credentials: ours ${ms(c.inventoryFirstRows.afterCredentialsMs.ours)}, the peer ${ms(c.inventoryFirstRows.afterCredentialsMs.peer)} (floor: one first page from Node, ${ms(c.inventoryFirstRows.afterCredentialsMs.floorMs)})`,
    `Lighthouse performance (mobile, the detail link behind the same nginx, median of ${LIGHTHOUSE_RUNS}): ours ${c.lighthousePerformance.ours}, the peer ${c.lighthousePerformance.peer}; goal at least the peer's: ${goal(c.lighthousePerformance, 'points')}`,
    ...printLighthouse(lighthouseRuns.ours.at(-1)!, 'ours').map((l) => `  ${l}`),
    ...printLighthouse(lighthouseRuns.peer.at(-1)!, 'the peer').map((l) => `  ${l}`),
    `Floors from Node: cold ${ms(floors.coldMs)} (3 round trips), warm ${ms(floors.warmMs)} (2), signed-in ${ms(signedInFloorMs)} (2), inventory first rows ${ms(inventoryFloorMs)} (3 + a first page)`,
    `AWS requests, ours: cold ${results.awsRequests.ours.cold.join('; ')}; warm ${results.awsRequests.ours.warm.join('; ')}`,
    `AWS requests, the peer: cold ${results.awsRequests.peer.cold.join('; ')}; warm ${results.awsRequests.peer.warm.join('; ')}`,
    `Signed-in reload, JS + CSS before data: ours ${results.signedInAssets.ours.length} files (${results.signedInAssets.ours.some((a) => a.startsWith('oidc')) ? 'with' : 'without'} the sign-in library), the peer ${results.signedInAssets.peer.length} files (${results.signedInAssets.peer.some((a) => a.startsWith('oidc')) ? 'with' : 'without'} it)`,
    `Ours with Cognito directly (CORS): cold ${ms(cors.medianMs)}, warm ${ms(corsWarm.medianMs)}; CORS preflights per cold load ${preflights.oursCors} (through the relay: ${preflights.ours})`,
    `Whole first load of ours with the chunks requested as the Status card shows (${results.bundle.wholeLoadAssets.length} files): ${kb(results.bundle.wholeLoad.gzip)} gzip; every JS and CSS file of the build: ${kb(appAll.gzip)}`,
    `Requests per cold load: ${results.requests.perColdLoad}; per refresh: ${results.requests.perRefresh} (${refresh!.join('; ')})`,
  ]
  const within = (ok: boolean, distance: string) => (ok ? 'within budget' : `OVER BUDGET by ${distance}`)
  const n = inv.throughNginx
  lines.push(
    `Inventory of a generated account (${inv.snapshots} snapshots in ${inv.regions} regions, ${inv.lightsailRequests} Lightsail requests), ${inv.runs} load${inv.runs === 1 ? '' : 's'} through vite preview:`,
    `  first rows ${ms(inv.firstRowsAfterCredentialsMs)} after the credentials (${ms(inv.firstRowsAtMs)} after navigation); every region loaded ${ms(inv.allRegionsAtMs)} after navigation`,
    `  through nginx (median of ${n.runs}, in turns): HTTP/1.1 first rows ${ms(n.http1.firstRowsAtMs)}, every region ${ms(n.http1.allRegionsAtMs)} (${n.http1.protocols.join(', ')}); TLS with HTTP/2 first rows ${ms(n.http2.firstRowsAtMs)}, every region ${ms(n.http2.allRegionsAtMs)} (${n.http2.protocols.join(', ')})`,
    ...([['typed steadily', inv.keystrokeWork], ['typed fast (a key every 80 ms)', inv.fastKeystrokeWork]] as const).map(
      ([how, k]) =>
        `  filter keystroke, ${how}: key to the end of its work (input delay, handlers, render) p50 ${k.p50} ms, p95 ${k.p95} ms, max ${k.max} ms of ${k.count} (budget p95 under ${KEYSTROKE_BUDGET_MS} ms): ${within(k.p95 < KEYSTROKE_BUDGET_MS, `${(k.p95 - KEYSTROKE_BUDGET_MS).toFixed(1)} ms`)}`,
    ),
    `  filter keystroke to the next frame (adds the wait for the display): p50 ${inv.keystrokeToNextFrame.p50} ms, p95 ${inv.keystrokeToNextFrame.p95} ms; to the list following: p50 ${inv.keystrokeToList.p50} ms, p95 ${inv.keystrokeToList.p95} ms`,
    `  sort click to the sorted list: p50 ${inv.sortToList.p50} ms, p95 ${inv.sortToList.p95} ms`,
    `  DOM rows in the grid: ${inv.domRows.top} at the top, ${inv.domRows.middle} half-way (budget under ${DOM_ROWS_BUDGET}): ${within(Math.max(inv.domRows.top, inv.domRows.middle) < DOM_ROWS_BUDGET, String(Math.max(inv.domRows.top, inv.domRows.middle) - DOM_ROWS_BUDGET + 1))}`,
    `  JS heap once loaded: ${mb(inv.heapBytes)} (budget under 60 MB): ${within(inv.heapBytes < INVENTORY_HEAP_BUDGET, mb(inv.heapBytes - INVENTORY_HEAP_BUDGET))}`,
  )
  const clean = results.cleanup
  lines.push(
    `Clean-up view on the same account (${clean.rules}): ${clean.candidates} candidates; first candidates ${ms(clean.firstCandidatesAtMs)} after navigation, all ${ms(clean.allCandidatesAtMs)}; a rule change to the updated list p50 ${clean.ruleChangeToList.p50} ms, p95 ${clean.ruleChangeToList.p95} ms (${clean.ruleChangeToList.count} changes)`,
  )
  const s = results.soak
  lines.push(`Soak: ${s.seconds} s, ${s.lightsailCalls} Lightsail calls, ${s.faultsInjected} failed by injected faults (rate ${s.faultRate})`)
  for (const [name, p] of Object.entries(s.pages)) {
    lines.push(
      `  ${name}: heap ${mb(p.heapStartBytes)} → ${mb(p.heapEndBytes)} (${p.heapGrowthBytes >= 0 ? '+' : ''}${mb(p.heapGrowthBytes)}; budget under 5 MB: ${p.heapGrowthBytes < HEAP_BUDGET ? 'within' : 'OVER'}), DOM nodes ${p.domNodesStart} → ${p.domNodesEnd}, listeners ${p.listenersStart} → ${p.listenersEnd}, error panels shown: ${p.errorPanelsShown}, stale notices: ${p.staleNoticesShown}`,
    )
  }
  lines.push(`Raw loads in the order made: ${out} (rawLoads); treemaps: ${results.bundle.treemaps.join(', ')}`, `Took ${results.tookSeconds} s; written to ${out}`)
  console.log(lines.join('\n'))
}

main()
  .catch((error: unknown) => {
    console.error('bench failed:', error)
    process.exitCode = 1
  })
  .finally(stopAll)
