// `npm run bench`: builds the app and prints the figures the budgets are about, and writes them to bench/results.json.
// A benchmark, not a test: it measures and judges against budgets, it does not fail on a missed budget.
//   - the JS and CSS a snapshot link loads, against the bare minimum built the same way;
//   - time to data, cold (new profile) and warm (reload, identity id cached), with Cognito reached through the
//     same-origin relay and directly (CORS, with its preflight), against the floor of round trips from Node;
//   - requests per load and per refresh;
//   - the inventory of a generated 10,000-snapshot account: first rows, every region loaded, filter keystrokes, sorts,
//     DOM rows and heap (bench/inventory.ts);
//   - a soak: pages left open with polling and injected faults, for heap and DOM growth and any error shown.
// BENCH_RUNS (default 15) sets the loads per figure; BENCH_SOAK_SECONDS (default 600) the soak. With fewer than 15
// runs it is a smoke run: the figures go to bench/out/results.json and bench/results.json is left alone.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { chromium } from '@playwright/test'
import { chromiumLaunchOptions } from '../e2e/environment.ts'
import { assetSizes, buildAppAndMinimum } from './bundle.ts'
import { DEVELOPMENT_POOL, SIGNED_IN_POOL } from '../emulator/pools.ts'
import { measureFloors, measureListRoundTrip, measureSignedInFloor } from './floor.ts'
import { inventoryAtScale, type InventoryResult } from './inventory.ts'
import { coldLoads, refreshRequests, signedInReloads, warmReloads, type AwsMarkers, type Load } from './loads.ts'
import { adminCall, startEmulator, startPreview, stopAll } from './processes.ts'
import { soak, type SoakResult } from './soak.ts'
import { kb, mb, median, ms, percentile } from './stats.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? (RUNS < 15 ? 15 : 600))
const FULL = RUNS >= 15 && SOAK_SECONDS >= 600
const LATENCY = 50
const EMULATOR_PORT = 4610
const EMULATOR_URL = `http://127.0.0.1:${EMULATOR_PORT}`
const LINK = '?region=us-east-2&snapshot=web-1-backup'
const BUDGET_OVER_MINIMUM = 15 * 1024
const HEAP_BUDGET = 5 * 1024 * 1024
const GENERATED = 10_000
const GENERATED_EMULATOR_PORT = 4614
const INVENTORY_PORT = 4615
const INVENTORY_RUNS = RUNS >= 15 ? 3 : 1
const KEYSTROKE_BUDGET_MS = 16
const DOM_ROWS_BUDGET = 100
const INVENTORY_HEAP_BUDGET = 60 * 1024 * 1024

interface Mode {
  name: string
  port: number
  cognito: Record<string, string>
  markers: AwsMarkers
}

// Guests of the emulator's development pool for the cold and warm figures (the floor of three round trips needs no
// sign-in page), and the shipped signed-in setup for the signed-in reload.
const { auth: _shippedAuth, ...shipped } = JSON.parse(readFileSync('public/config.json', 'utf8')) as { cognito: Record<string, string>; auth?: unknown }
const MODES: Mode[] = [
  {
    name: 'Cognito through the same-origin relay',
    port: 4611,
    cognito: { region: 'us-east-2', identityPoolId: DEVELOPMENT_POOL, relayPath: '/aws/cognito-identity' },
    markers: ['/aws/cognito-identity/', '/aws/lightsail/'],
  },
  {
    name: 'Cognito directly (CORS)',
    port: 4612,
    cognito: { region: 'us-east-2', identityPoolId: DEVELOPMENT_POOL, endpoint: EMULATOR_URL },
    markers: [`:${EMULATOR_PORT}`, '/aws/lightsail/'],
  },
]
const SIGNED_IN = { port: 4613, markers: ['/aws/cognito-identity/', '/aws/lightsail/'] }

async function signInAsAlice(page: import('@playwright/test').Page): Promise<void> {
  await page.getByLabel('User name').fill('alice')
  await page.getByLabel('Password').fill('snapshot-lens')
  await page.getByRole('button', { name: 'Sign in' }).click()
}

function timing(loads: Load[], floorMs: number) {
  const dataMs = median(loads.map((l) => l.dataMs))
  const shellMs = median(loads.map((l) => l.shellMs))
  const budgetMs = 1.3 * floorMs + shellMs
  return {
    medianMs: Math.round(dataMs),
    shellMs: Math.round(shellMs),
    floorMs: Math.round(floorMs),
    budgetMs: Math.round(budgetMs),
    withinBudget: dataMs <= budgetMs,
    distanceMs: Math.round(dataMs - budgetMs),
    awsPhaseRatioToFloor: +((dataMs - shellMs) / floorMs).toFixed(2),
    allMs: loads.map((l) => Math.round(l.dataMs)),
  }
}

async function main() {
  console.log(`bench: ${RUNS} loads per figure, ${SOAK_SECONDS} s soak${FULL ? '' : ' (a smoke run: results go to bench/out/)'}; building…`)
  const { minimal, appAll } = await buildAppAndMinimum()
  mkdirSync('bench/out', { recursive: true })
  // The signed-in figure's preview is a page the emulator's sign-in must be allowed to return to.
  await startEmulator(EMULATOR_PORT, ['--latency', String(LATENCY), '--redirect-origin', `http://127.0.0.1:${SIGNED_IN.port}`])
  for (const mode of MODES) {
    const file = `bench/out/config-${mode.port}.json`
    writeFileSync(file, JSON.stringify({ ...shipped, cognito: mode.cognito, pollSeconds: 1 }))
    await startPreview(mode.port, EMULATOR_URL, file)
  }
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
  await startPreview(SIGNED_IN.port, EMULATOR_URL, signedInConfig)
  const generatedUrl = `http://127.0.0.1:${GENERATED_EMULATOR_PORT}`
  await startEmulator(GENERATED_EMULATOR_PORT, ['--generate', String(GENERATED), '--latency', String(LATENCY)])
  await startPreview(INVENTORY_PORT, generatedUrl, `bench/out/config-${MODES[0]!.port}.json`)
  const listRoundTripMs = await measureListRoundTrip(generatedUrl, DEVELOPMENT_POOL, 'us-east-1', Math.max(RUNS, 5))
  const floors = await measureFloors(EMULATOR_URL, DEVELOPMENT_POOL, Math.max(RUNS, 5))
  const signedInFloorMs = await measureSignedInFloor(EMULATOR_URL, SIGNED_IN_POOL, Math.max(RUNS, 5))

  const browser = await chromium.launch(chromiumLaunchOptions())
  const chromiumVersion = browser.version()
  const modes = []
  let firstLoad: Load | undefined
  let refresh: string[]
  let soaked: SoakResult
  const inventoryRuns: InventoryResult[] = []
  let signedInResult: ReturnType<typeof timing> & { awsRequests: string[]; assets: string[] }
  try {
    await adminCall(EMULATOR_URL, 'reset', {})
    await adminCall(EMULATOR_URL, 'latency', { ms: LATENCY })
    // The modes take turns, load by load, so a machine that slows down or speeds up during the run weighs on both alike.
    const cold: Load[][] = MODES.map(() => [])
    const warm: Load[][] = MODES.map(() => [])
    for (let i = 0; i < RUNS; i++) {
      for (const [m, mode] of MODES.entries()) {
        const link = `http://127.0.0.1:${mode.port}/${LINK}`
        cold[m]!.push(...(await coldLoads(browser, link, 1, mode.markers)))
        warm[m]!.push(...(await warmReloads(browser, link, 1, mode.markers)))
      }
    }
    for (const [m, mode] of MODES.entries()) {
      const calls = async () => (await adminCall(EMULATOR_URL, 'counters')).calls as Record<string, number>
      const before = (await calls()).Preflight ?? 0
      await coldLoads(browser, `http://127.0.0.1:${mode.port}/${LINK}`, 1, mode.markers)
      const preflights = ((await calls()).Preflight ?? 0) - before
      firstLoad ??= cold[m]![0]
      const aws = (load: Load) => load.requests.filter((r) => mode.markers.some((marker) => r.url.includes(marker)))
      modes.push({
        mode: mode.name,
        cold: { ...timing(cold[m]!, floors.coldMs), awsRequests: aws(cold[m]![0]!).map((r) => `${r.method} ${new URL(r.url).pathname}`), preflightsPerLoad: preflights },
        warm: { ...timing(warm[m]!, floors.warmMs), awsRequests: aws(warm[m]![0]!).map((r) => `${r.method} ${new URL(r.url).pathname}`) },
      })
    }
    const signedIn = await signedInReloads(browser, `http://127.0.0.1:${SIGNED_IN.port}/${LINK}`, RUNS, SIGNED_IN.markers, signInAsAlice)
    signedInResult = {
      ...timing(signedIn, signedInFloorMs),
      awsRequests: signedIn[0]!.requests.filter((r) => SIGNED_IN.markers.some((m) => r.url.includes(m))).map((r) => `${r.method} ${new URL(r.url).pathname}`),
      assets: [...new Set(signedIn[0]!.assets)],
    }
    for (let i = 0; i < INVENTORY_RUNS; i++) inventoryRuns.push(await inventoryAtScale(browser, `http://127.0.0.1:${INVENTORY_PORT}/`, { snapshots: GENERATED }))
    refresh = await refreshRequests(browser, `http://127.0.0.1:${MODES[0]!.port}/${LINK}`)
    await adminCall(EMULATOR_URL, 'latency', { ms: 0 })
    soaked = await soak(browser, `http://127.0.0.1:${MODES[0]!.port}/`, EMULATOR_URL, SOAK_SECONDS)
  } finally {
    await browser.close()
  }

  const deepLinkAssets = [...new Set(firstLoad!.assets)]
  const initial = assetSizes(deepLinkAssets)
  const wholeLoadAssets = [...new Set(firstLoad!.allAssets)]
  const wholeLoad = assetSizes(wholeLoadAssets)
  const med = (pick: (r: InventoryResult) => number) => Math.round(median(inventoryRuns.map(pick)))
  const toIdle = inventoryRuns.flatMap((r) => r.keystrokes.toIdleMs)
  const fastToIdle = inventoryRuns.flatMap((r) => r.keystrokes.fastToIdleMs)
  const toPaint = inventoryRuns.flatMap((r) => r.keystrokes.toPaintMs)
  const toList = inventoryRuns.flatMap((r) => r.keystrokes.toListMs)
  const spread = (list: number[]) => ({ p50: +percentile(list, 50).toFixed(1), p95: +percentile(list, 95).toFixed(1), max: +Math.max(...list).toFixed(1), count: list.length })
  const sortTimes = inventoryRuns.flatMap((r) => r.sorts.map((s) => s.toListMs))
  const inventory = {
    snapshots: GENERATED,
    regions: inventoryRuns[0]!.regions,
    runs: INVENTORY_RUNS,
    listRoundTripMs: Math.round(listRoundTripMs),
    firstRowsBudgetMs: Math.round(1.3 * listRoundTripMs),
    firstRowsAfterCredentialsMs: med((r) => r.firstRowsAfterCredentialsMs),
    firstRowsAtMs: med((r) => r.firstRowsAtMs),
    allRegionsAtMs: med((r) => r.allRegionsAtMs),
    lightsailRequests: inventoryRuns[0]!.lightsailRequests,
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
  const results = {
    measuredAt: new Date().toISOString(),
    machine: { node: process.version, cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', chromium: chromiumVersion },
    runs: RUNS,
    latencyMs: LATENCY,
    bundle: {
      deepLinkAssets,
      initial,
      wholeLoadAssets,
      wholeLoad,
      minimal,
      allAssets: appAll,
      overMinimumGzip: initial.gzip - minimal.gzip,
      budgetOverMinimumGzip: BUDGET_OVER_MINIMUM,
      withinBudget: initial.gzip - minimal.gzip <= BUDGET_OVER_MINIMUM,
    },
    floors: { coldMs: Math.round(floors.coldMs), warmMs: Math.round(floors.warmMs), signedInWarmMs: Math.round(signedInFloorMs) },
    timeToData: modes,
    signedInWarmReload: { ...signedInResult!, initial: assetSizes(signedInResult!.assets) },
    requests: {
      perColdLoad: firstLoad!.requests.length,
      perRefresh: refresh.length,
      refresh,
    },
    inventory,
    soak: { ...soaked!, heapBudgetBytes: HEAP_BUDGET },
  }
  const out = FULL ? 'bench/results.json' : 'bench/out/results.json'
  writeFileSync(out, JSON.stringify(results, null, 2) + '\n')

  const b = results.bundle
  const lines = [
    '',
    `Machine: Node ${results.machine.node}, ${results.machine.cores} cores, Chromium ${results.machine.chromium}; emulator at ${LATENCY} ms per round trip`,
    `Initial JS + CSS of the detail deep link, before the Status card shows (${deepLinkAssets.length} files): ${kb(b.initial.gzip)} gzip, ${kb(b.initial.brotli)} brotli (${kb(b.initial.raw)} raw)`,
    `  with the chunks requested as it shows (the other cards; ${wholeLoadAssets.length} files): ${kb(b.wholeLoad.gzip)} gzip`,
    `Bare minimum (React + React Query + Lightsail and Cognito clients, one command each): ${kb(b.minimal.gzip)} gzip, ${kb(b.minimal.brotli)} brotli`,
    `  over the minimum: ${kb(b.overMinimumGzip)} gzip (budget 15 KB): ${b.withinBudget ? 'within budget' : `OVER BUDGET by ${kb(b.overMinimumGzip - BUDGET_OVER_MINIMUM)}`}`,
    `Floors from Node: cold ${ms(floors.coldMs)} (3 round trips), warm ${ms(floors.warmMs)} (2 round trips)`,
  ]
  for (const m of modes) {
    for (const [kind, t] of [['cold', m.cold], ['warm', m.warm]] as const) {
      lines.push(
        `Time to data, ${kind}, ${m.mode}: median ${ms(t.medianMs)} of ${RUNS} (shell ${ms(t.shellMs)}, floor ${ms(t.floorMs)}); budget 1.3 x floor + shell = ${ms(t.budgetMs)}: ${t.withinBudget ? 'within budget' : `OVER BUDGET by ${ms(t.distanceMs)}`}`,
        `  AWS requests: ${t.awsRequests.join('; ')}${kind === 'cold' ? `; CORS preflights per load: ${m.cold.preflightsPerLoad}` : ''}`,
      )
    }
  }
  const si = results.signedInWarmReload
  lines.push(
    `Time to data, signed-in warm reload (tokens in storage, identity id cached): median ${ms(si.medianMs)} of ${RUNS} (shell ${ms(si.shellMs)}, floor ${ms(si.floorMs)}); budget ${ms(si.budgetMs)}: ${si.withinBudget ? 'within budget' : `OVER BUDGET by ${ms(si.distanceMs)}`}`,
    `  AWS requests: ${si.awsRequests.join('; ')}; JS + CSS before data: ${si.assets.length} files, ${kb(si.initial.gzip)} gzip (${si.assets.some((a) => a.startsWith('oidc-')) ? 'with' : 'without'} the sign-in library)`,
  )
  lines.push(`Requests per cold load: ${results.requests.perColdLoad}; per refresh: ${results.requests.perRefresh} (${refresh.join('; ')})`)
  const inv = results.inventory
  const verdict = (ok: boolean, distance: string) => (ok ? 'within budget' : `OVER BUDGET by ${distance}`)
  lines.push(
    `Inventory of a generated account (${inv.snapshots} snapshots in ${inv.regions} regions, ${inv.lightsailRequests} Lightsail requests), ${inv.runs} load${inv.runs === 1 ? '' : 's'}:`,
    `  first rows ${ms(inv.firstRowsAfterCredentialsMs)} after the credentials (${ms(inv.firstRowsAtMs)} after navigation); budget one round trip of a first page from Node x 1.3 = ${ms(inv.firstRowsBudgetMs)}: ${verdict(inv.firstRowsAfterCredentialsMs <= inv.firstRowsBudgetMs, ms(inv.firstRowsAfterCredentialsMs - inv.firstRowsBudgetMs))}`,
    `  every region loaded ${ms(inv.allRegionsAtMs)} after navigation`,
    ...([['typed steadily', inv.keystrokeWork], ['typed fast (a key every 80 ms)', inv.fastKeystrokeWork]] as const).map(
      ([how, k]) =>
        `  filter keystroke, ${how}: key to the end of its work (input delay, handlers, render) p50 ${k.p50} ms, p95 ${k.p95} ms, max ${k.max} ms of ${k.count} (budget p95 under ${KEYSTROKE_BUDGET_MS} ms): ${verdict(k.p95 < KEYSTROKE_BUDGET_MS, `${(k.p95 - KEYSTROKE_BUDGET_MS).toFixed(1)} ms`)}`,
    ),
    `  filter keystroke to the next frame (adds the wait for the display): p50 ${inv.keystrokeToNextFrame.p50} ms, p95 ${inv.keystrokeToNextFrame.p95} ms; to the list following: p50 ${inv.keystrokeToList.p50} ms, p95 ${inv.keystrokeToList.p95} ms`,
    `  sort click to the sorted list: p50 ${inv.sortToList.p50} ms, p95 ${inv.sortToList.p95} ms`,
    `  DOM rows in the grid: ${inv.domRows.top} at the top, ${inv.domRows.middle} half-way (budget under ${DOM_ROWS_BUDGET}): ${verdict(Math.max(inv.domRows.top, inv.domRows.middle) < DOM_ROWS_BUDGET, String(Math.max(inv.domRows.top, inv.domRows.middle) - DOM_ROWS_BUDGET + 1))}`,
    `  JS heap once loaded: ${mb(inv.heapBytes)} (budget under 60 MB): ${verdict(inv.heapBytes < INVENTORY_HEAP_BUDGET, mb(inv.heapBytes - INVENTORY_HEAP_BUDGET))}`,
  )
  const s = results.soak
  lines.push(`Soak: ${s.seconds} s, ${s.lightsailCalls} Lightsail calls, ${s.faultsInjected} failed by injected faults (rate ${s.faultRate})`)
  for (const [name, p] of Object.entries(s.pages)) {
    lines.push(
      `  ${name}: heap ${mb(p.heapStartBytes)} → ${mb(p.heapEndBytes)} (${p.heapGrowthBytes >= 0 ? '+' : ''}${mb(p.heapGrowthBytes)}; budget under 5 MB: ${p.heapGrowthBytes < HEAP_BUDGET ? 'within' : 'OVER'}), DOM nodes ${p.domNodesStart} → ${p.domNodesEnd}, listeners ${p.listenersStart} → ${p.listenersEnd}, error panels shown: ${p.errorPanelsShown}, stale notices: ${p.staleNoticesShown}`,
    )
  }
  lines.push(`Written to ${out}`)
  console.log(lines.join('\n'))
}

main()
  .catch((error: unknown) => {
    console.error('bench failed:', error)
    process.exitCode = 1
  })
  .finally(stopAll)
