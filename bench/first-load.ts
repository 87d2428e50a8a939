// What a page's first load weighs, one definition for `npm run bench` and the size check in `npm test`
// (e2e/first-load-size.spec.ts): the JS and CSS files whose requests started before the page's data was in the DOM
// (the Status card's state, or the inventory's first row), their gzip bytes (level 9), and, from the build's module
// data, the modules that make them up.
import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { BrowserContext, Page } from '@playwright/test'
import { sizes } from './stats.ts'

/** The element (and its text, when it matters) whose arrival in the DOM means the page shows its data. */
export interface DataMark {
  selector: string
  text?: string
}

export const DATA_MARKS = {
  /** Ours and the detail peer's: the snapshot's state. */
  detail: { selector: '[data-testid="status-state"]', text: 'available' },
  /** Our inventory's first row of snapshots (row 1 is the grid's header). */
  inventory: { selector: '[role="grid"] [role="row"][aria-rowindex="2"]' },
  /** The inventory peer's first list item. */
  peerInventory: { selector: '[data-testid="inventory-row"]' },
} satisfies Record<string, DataMark>

/** Which modules each built file holds: written by every build (vite.config.ts), outside dist/. */
export const MODULES_FILE = 'reports/bundle-modules.json'

/** The first load's limits, committed beside this file: they may only go down. */
export const LIMITS_FILE = 'bench/first-load-limits.json'
export interface Limits {
  detail: { gzipBytes: number }
  inventory: { gzipBytes: number }
}
export const readLimits = (): Limits => JSON.parse(readFileSync(LIMITS_FILE, 'utf8')) as Limits

declare global {
  interface Window {
    /** When the data's element arrived in the DOM (what the first load counts up to). */
    __dataInDomAt?: number
    /** The frame after it: when the data is on screen (what time to data counts up to). */
    __shownAt?: number
  }
}

/** Marks, inside every page of the context, the data's arrival in the DOM and the frame that paints it. */
export async function markData(context: BrowserContext, mark: DataMark): Promise<void> {
  await context.addInitScript((m: DataMark) => {
    new MutationObserver((_, observer) => {
      const found = document.querySelector(m.selector)
      if (!found || (m.text !== undefined && found.textContent !== m.text)) return
      observer.disconnect()
      window.__dataInDomAt = performance.now()
      requestAnimationFrame(() => (window.__shownAt = performance.now()))
    }).observe(document, { subtree: true, childList: true, characterData: true })
  }, mark)
}

/** After `markData` and a load: the JS and CSS files requested before the data was in the DOM, and all of them. */
export async function loadedAssets(page: Page): Promise<{ beforeData: string[]; all: string[] }> {
  await page.waitForFunction(() => window.__shownAt !== undefined, null, { timeout: 30_000 })
  return page.evaluate(() => {
    // No named functions in here: the page runs this source as it is, without the bundler's helpers.
    const assets = performance.getEntriesByType('resource').filter((e) => /\/assets\/[^/]+\.(js|css)$/.test(new URL(e.name).pathname))
    const before = assets.filter((e) => e.startTime < window.__dataInDomAt!)
    return {
      beforeData: [...new Set(before.map((e) => new URL(e.name).pathname.split('/').pop()!))],
      all: [...new Set(assets.map((e) => new URL(e.name).pathname.split('/').pop()!))],
    }
  })
}

export interface Contributor {
  module: string
  /** The module's code as the bundler rendered it (before minifying), gzipped on its own: its share, roughly. */
  gzip: number
  raw: number
}

/** A module id, shortened to the path inside the package or the project. */
function moduleName(id: string): string {
  const clean = id.replace(/^\0/, '').replace(/\?.*$/, '')
  const inPackage = /node_modules\/(.*)$/.exec(clean)
  if (inPackage) return inPackage[1]!
  const inProject = /(?:^|\/)((?:app|bench)\/.*)$/.exec(clean)
  return inProject ? inProject[1]! : clean
}

/** rollup-plugin-visualizer's raw data: each module's parts, by the built file they are in. */
interface ModuleData {
  nodeParts: Record<string, { renderedLength: number; gzipLength: number }>
  nodeMetas: Record<string, { id: string; moduleParts: Record<string, string> }>
}

/**
 * The modules that make up `files` (in `dir`), biggest first, from the build's module data (`modulesFile`, written by
 * rollup-plugin-visualizer in vite.config.ts). A file the data does not cover (CSS) counts as one.
 */
export function contributors(files: string[], dir: string, modulesFile: string): Contributor[] {
  const data = JSON.parse(readFileSync(modulesFile, 'utf8')) as ModuleData
  const wanted = new Set(files)
  const found = new Map<string, Contributor>()
  const covered = new Set<string>()
  for (const meta of Object.values(data.nodeMetas)) {
    for (const [bundleFile, partUid] of Object.entries(meta.moduleParts)) {
      const file = basename(bundleFile)
      const part = data.nodeParts[partUid]
      if (!wanted.has(file) || !part) continue
      covered.add(file)
      const module = moduleName(meta.id)
      const entry = found.get(module) ?? { module, gzip: 0, raw: 0 }
      entry.gzip += part.gzipLength
      entry.raw += part.renderedLength
      found.set(module, entry)
    }
  }
  for (const file of files.filter((f) => !covered.has(f))) found.set(file, { module: `${file} (the whole file)`, ...sizes(readFileSync(join(dir, file))) })
  return [...found.values()].sort((a, b) => b.gzip - a.gzip)
}

export interface FirstLoadCheck {
  files: string[]
  gzipBytes: number
  limitBytes: number
  ok: boolean
  /** Over the limit: the biggest modules of these files, biggest first. */
  biggest: Contributor[]
  /** What to print: the figure against the limit and, over it, the biggest contributors by module. */
  report: string
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

/** The first load of `files` (in `dir`) against `limitBytes`; over it, the report names the biggest modules. */
export function checkFirstLoad(name: string, files: string[], limitBytes: number, dir: string, modulesFile: string, top = 12): FirstLoadCheck {
  const perFile = files.map((file) => ({ file, gzip: sizes(readFileSync(join(dir, file))).gzip }))
  const gzipBytes = perFile.reduce((sum, f) => sum + f.gzip, 0)
  const ok = gzipBytes <= limitBytes
  const head = `${name}'s first load: ${gzipBytes} bytes gzip (${kib(gzipBytes)}) in ${files.length} files, limit ${limitBytes} (${kib(limitBytes)}, ${LIMITS_FILE})`
  if (ok) {
    const slack = limitBytes - gzipBytes
    return { files, gzipBytes, limitBytes, ok, biggest: [], report: `${head}: within it${slack >= 1024 ? `; ${kib(slack)} under: lower the limit to ${gzipBytes}` : ''}` }
  }
  const biggest = contributors(files, dir, modulesFile).slice(0, top)
  const lines = [
    `${head}: OVER by ${gzipBytes - limitBytes} bytes (${kib(gzipBytes - limitBytes)})`,
    '  files:',
    ...perFile.map((f) => `    ${kib(f.gzip).padStart(9)}  ${f.file}`),
    `  biggest modules (each gzipped alone, before minifying; ${modulesFile}):`,
    ...biggest.map((c) => `    ${kib(c.gzip).padStart(9)}  ${c.module}`),
  ]
  return { files, gzipBytes, limitBytes, ok, biggest, report: lines.join('\n') }
}
