// The specs' shared fixtures: an emulator handle that resets the emulator before each test.
import { test as base, expect } from '@playwright/test'
import { E2E_EMULATOR_URL } from './environment.ts'

export interface EmulatorHandle {
  url: string
  admin(path: string, body?: unknown, method?: string): Promise<Record<string, unknown>>
  calls(key: string): Promise<number>
}

export const test = base.extend<{ emulator: EmulatorHandle }>({
  emulator: [
    async ({ request }, use) => {
      const admin = async (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') => {
        const response = await request.fetch(`${E2E_EMULATOR_URL}/_emulator/${path}`, { method, data: body })
        expect(response.ok(), `emulator admin ${method} ${path}`).toBe(true)
        return (await response.json()) as Record<string, unknown>
      }
      await admin('reset', {})
      await use({
        url: E2E_EMULATOR_URL,
        admin,
        calls: async (key) => ((await admin('counters')).calls as Record<string, number>)[key] ?? 0,
      })
    },
    { auto: true },
  ],
})

export { expect }
