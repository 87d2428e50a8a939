// `npm run screenshots`: the README's pictures, made afresh rather than edited. It builds the app, starts the emulator
// (its pending snapshot kept pending) and `vite preview` on ports of its own, signs in as alice through the emulator's
// sign-in page, and writes a pending snapshot's page and the inventory, light and dark, wide and 360 px wide, to
// docs/images/. Needs Chromium, as the end-to-end tests do.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { startEmulator, startPreview, stopAll } from '../bench/processes.ts'
import { chromiumLaunchOptions } from '../e2e/environment.ts'
import { PASSWORD } from '../e2e/sign-in.ts'

const EMULATOR_PORT = 4585
const APP_PORT = 4586
const EMULATOR = `http://127.0.0.1:${EMULATOR_PORT}`
const APP = `http://127.0.0.1:${APP_PORT}/`
const OUT = 'docs/images'

/** Every picture, by the name the docs use. */
const SHOTS = [
  { name: 'snapshot-pending', path: '?region=us-east-2&snapshot=web-1-upgrade-2026', ready: (page: Page) => page.getByTestId('expectation').waitFor() },
  { name: 'inventory', path: '?region=us-east-2', ready: (page: Page) => page.getByRole('figure').last().waitFor() },
] as const
const VARIANTS = [
  { suffix: '', width: 1440, height: 1000, scheme: 'light' },
  { suffix: '-dark', width: 1440, height: 1000, scheme: 'dark' },
  { suffix: '-360', width: 360, height: 800, scheme: 'light' },
  { suffix: '-360-dark', width: 360, height: 800, scheme: 'dark' },
] as const

async function main() {
  if (process.argv.includes('--no-build') === false) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' })
  const shipped = JSON.parse(readFileSync('public/config.json', 'utf8')) as Record<string, unknown>
  const config = join(mkdtempSync(join(tmpdir(), 'snapshot-lens-shots-')), 'config.json')
  writeFileSync(config, JSON.stringify({ ...shipped, auth: { authority: `${EMULATOR}/oidc`, clientId: 'snapshot-lens' }, pollSeconds: 30 }))
  await startEmulator(EMULATOR_PORT, ['--pending-seconds', '86400', '--redirect-origin', APP])
  await startPreview(APP_PORT, EMULATOR, config)
  mkdirSync(OUT, { recursive: true })
  const browser = await chromium.launch(chromiumLaunchOptions())
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
    const page = await context.newPage()
    await page.goto(`${APP}${SHOTS[0].path}`)
    // The emulator's own sign-in page, as a person fills it in.
    await page.getByLabel('User name').fill('alice')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await SHOTS[0].ready(page)
    for (const shot of SHOTS) {
      for (const variant of VARIANTS) {
        await page.setViewportSize({ width: variant.width, height: variant.height })
        await page.emulateMedia({ colorScheme: variant.scheme })
        await page.goto(`${APP}${shot.path}`)
        await shot.ready(page)
        // The times shown ("3 minutes ago") tick: the picture is taken once the page has settled.
        await page.evaluate(() => document.fonts.ready)
        const file = `${OUT}/${shot.name}${variant.suffix}.png`
        await page.screenshot({ path: file })
        console.log(`screenshots: ${file}`)
      }
    }
  } finally {
    await browser.close()
    stopAll()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  stopAll()
  process.exit(1)
})
