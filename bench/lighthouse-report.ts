// Lighthouse 12.8.2 (the last to run on Node 20), mobile, on one URL: the scores, the metrics and the audits that cost
// points. Fetched with npx on first use (not a dependency of the app or its tests). Used by `npm run lighthouse` and by
// `npm run bench` (our app and the peer behind the same nginx).
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'] as const

export interface LighthouseResult {
  url: string
  version: string
  /** Category scores out of 100. */
  scores: Record<string, number>
  metrics: Record<string, { title: string; displayValue: string; score: number | null; numericValue?: number }>
  belowFullMarks: string[]
}

export async function lighthouse(url: string, report: string): Promise<LighthouseResult> {
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
    audits: Record<string, { title: string; score: number | null; displayValue?: string; numericValue?: number; scoreDisplayMode: string }>
  }
  const metrics: LighthouseResult['metrics'] = {}
  for (const id of METRICS) {
    const audit = result.audits[id]
    if (audit) metrics[id] = { title: audit.title, displayValue: audit.displayValue ?? '', score: audit.score, numericValue: audit.numericValue }
  }
  return {
    url,
    version: result.lighthouseVersion,
    scores: Object.fromEntries(Object.values(result.categories).map((c) => [c.title, Math.round(c.score * 100)])),
    metrics,
    belowFullMarks: Object.entries(result.audits)
      .filter(([, a]) => a.score !== null && a.score < 1 && ['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode))
      .map(([id, a]) => `${id}: ${a.title} ${a.displayValue ?? ''}`.trim()),
  }
}

export function printLighthouse(result: LighthouseResult, what: string): string[] {
  return [
    `Lighthouse ${result.version}, mobile, ${what}: ${result.url} behind nginx`,
    ...Object.entries(result.scores).map(([title, score]) => `  ${title}: ${score}`),
    ...Object.values(result.metrics).map((m) => `  ${m.title}: ${m.displayValue} (score ${m.score})`),
    ...result.belowFullMarks.map((line) => `  below full marks: ${line}`),
  ]
}
