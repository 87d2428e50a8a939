import { existsSync } from 'node:fs'
import { defineConfig, devices } from '@playwright/test'
import { E2E_APP_URL, E2E_ATTACKER_URL, E2E_GENERATED_APP_URL, E2E_GENERATED_EMULATOR_URL, E2E_EMULATOR_PORT, E2E_EMULATOR_URL, E2E_FOREIGN_PORTAL_URL, E2E_NGINX_URL, E2E_PORTAL_URL, E2E_REDIRECT_PAGES, chromiumLaunchOptions } from './e2e/environment.ts'
import { STORAGE_STATE } from './e2e/sign-in.ts'

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // One emulator serves the suite and each test resets it, so tests run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    baseURL: E2E_APP_URL,
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/, use: { ...devices['Desktop Chrome'], launchOptions: chromiumLaunchOptions() } },
    {
      name: 'chromium',
      dependencies: ['setup'],
      use: { ...devices['Desktop Chrome'], launchOptions: chromiumLaunchOptions(), storageState: STORAGE_STATE },
    },
  ],
  webServer: [
    {
      // Sign-in returns to the pages the suite serves the app on, and no other (E2E_REDIRECT_PAGES).
      command: `node --import tsx emulator/main.ts --port ${E2E_EMULATOR_PORT} ${E2E_REDIRECT_PAGES.map((page) => `--redirect-origin ${page}`).join(' ')}`,
      url: `${E2E_EMULATOR_URL}/_emulator/health`,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
    {
      command: `node node_modules/vite/bin/vite.js preview --port ${new URL(E2E_APP_URL).port} --strictPort`,
      url: E2E_APP_URL,
      reuseExistingServer: false,
      env: { EMULATOR_URL: E2E_EMULATOR_URL, SNAPSHOT_LENS_CONFIG: 'e2e/config.e2e.json' },
    },
    // Portals that embed the app (e2e/hosts): each may frame the other, for messages from a window that is not the parent.
    ...([
      [E2E_PORTAL_URL, E2E_FOREIGN_PORTAL_URL],
      [E2E_FOREIGN_PORTAL_URL, E2E_PORTAL_URL],
    ] as const).map(([url, other]) => ({
      command: `node --import tsx scripts/demo-portal.ts --port ${new URL(url).port} --app ${E2E_APP_URL} --authority ${E2E_EMULATOR_URL}/oidc --pages e2e/hosts --frame ${new URL(other).origin} --frame ${new URL(E2E_NGINX_URL).origin}`,
      url: `${url}host.html`,
      reuseExistingServer: false,
    })),
    // An attacker's page on a loopback port of its own, which tries to take a signed-in user's tokens (attacks.spec.ts).
    {
      command: `node --import tsx scripts/demo-portal.ts --port ${new URL(E2E_ATTACKER_URL).port} --app ${E2E_APP_URL} --authority ${E2E_EMULATOR_URL}/oidc --pages e2e/hosts --home thief.html`,
      url: `${E2E_ATTACKER_URL}thief.js`,
      reuseExistingServer: false,
    },
    // A generated account, and the app on it as a guest of the emulator's development pool (cleanup.spec.ts).
    {
      command: `node --import tsx emulator/main.ts --port ${new URL(E2E_GENERATED_EMULATOR_URL).port} --generate 2000`,
      url: `${E2E_GENERATED_EMULATOR_URL}/_emulator/health`,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
    {
      command: `node node_modules/vite/bin/vite.js preview --port ${new URL(E2E_GENERATED_APP_URL).port} --strictPort`,
      url: E2E_GENERATED_APP_URL,
      reuseExistingServer: false,
      env: { EMULATOR_URL: E2E_GENERATED_EMULATOR_URL, SNAPSHOT_LENS_CONFIG: 'e2e/config.generated.json' },
    },
    // The production route: the built app served by Debian's nginx with the generated configuration (deploy/nginx).
    {
      command: `node --import tsx scripts/serve-nginx.ts --port ${new URL(E2E_NGINX_URL).port} --base ${new URL(E2E_NGINX_URL).pathname} --upstream ${E2E_EMULATOR_URL} --config e2e/config.e2e.json`,
      url: E2E_NGINX_URL,
      reuseExistingServer: false,
    },
  ],
})

if (!existsSync('dist/index.html')) {
  throw new Error('The end-to-end tests run against the built app: run `npm run build` first (npm test does).')
}
