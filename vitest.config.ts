import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['app/**/*.test.{ts,tsx}', 'emulator/**/*.test.ts', 'scripts/**/*.test.ts', 'deploy/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // The contract tests start emulators on loopback ports of their own; two files at a time suit two cores.
    maxWorkers: 2,
    // Node 20 is what this machine has; the SDK's notice about Node 22 is noted in the README, not repeated per run.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
})
