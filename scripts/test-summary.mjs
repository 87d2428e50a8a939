// Prints one closing line for the whole suite, `tests: N passed, N failed`, from the runners' JSON reports.
import { readFileSync } from 'node:fs'

function read(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
}

let passed = 0
let failed = 0
const vitest = read('reports/vitest.json')
if (vitest) {
  passed += vitest.numPassedTests
  failed += vitest.numFailedTests
}
const playwright = read('reports/playwright.json')
if (playwright) {
  passed += playwright.stats.expected + playwright.stats.flaky
  failed += playwright.stats.unexpected
}
if (!vitest || !playwright) {
  console.error(`missing report: ${!vitest ? 'reports/vitest.json ' : ''}${!playwright ? 'reports/playwright.json' : ''}`)
  failed += 1
}
console.log(`tests: ${passed} passed, ${failed} failed`)
process.exitCode = failed > 0 ? 1 : 0
