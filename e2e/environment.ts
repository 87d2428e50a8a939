// Where the end-to-end suite runs, and how Chromium is found: Debian's /usr/bin/chromium when present (Playwright
// cannot download its own browser everywhere), else Playwright's own, else a message that says what to install.
import { existsSync } from 'node:fs'
import { chromium, type LaunchOptions } from '@playwright/test'

export const E2E_EMULATOR_PORT = 4599
export const E2E_EMULATOR_URL = `http://127.0.0.1:${E2E_EMULATOR_PORT}`
export const E2E_APP_URL = 'http://127.0.0.1:4598/'
/** Test portals: one whose origin config.e2e.json allows to embed the app, one it does not. */
export const E2E_PORTAL_URL = 'http://127.0.0.1:4596/'
export const E2E_FOREIGN_PORTAL_URL = 'http://127.0.0.1:4595/'
/** The built app behind real nginx (deploy/nginx), under a portal-style path, relaying to the emulator. */
export const E2E_NGINX_URL = 'http://127.0.0.1:4594/lightsail/'
/** A generated account (`--generate 2000`) and the built app on it, for the cost and clean-up figures (cleanup.spec.ts). */
export const E2E_GENERATED_EMULATOR_URL = 'http://127.0.0.1:4592'
export const E2E_GENERATED_APP_URL = 'http://127.0.0.1:4591/'
/** An attacker's page (e2e/hosts/thief.html, served at its root) on a loopback port the sign-in does not know. */
export const E2E_ATTACKER_URL = 'http://127.0.0.1:4597/'
/**
 * The pages the emulator's sign-in may return to (`--redirect-origin`): the app in `vite preview` and behind nginx.
 * Neither the test portals nor the attacker's page are among them.
 */
export const E2E_REDIRECT_PAGES = [E2E_APP_URL, E2E_NGINX_URL]

const SYSTEM_CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function chromiumLaunchOptions(): LaunchOptions {
  // A closed network refuses Chromium's background connections; these flags keep it quiet and deterministic.
  const args = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu']
  if (existsSync(SYSTEM_CHROMIUM)) {
    return { executablePath: SYSTEM_CHROMIUM, args: [...args, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])] }
  }
  if (existsSync(chromium.executablePath())) return { args }
  throw new Error(
    `No Chromium found: neither ${SYSTEM_CHROMIUM} nor Playwright's own browser. Install one: ` +
      '`apt-get install -y chromium` (Debian) or `npx playwright install chromium`, or set CHROMIUM_PATH.',
  )
}
