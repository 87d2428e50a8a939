// Signing in through the emulator's real sign-in page, as a person would.
import { expect, type Page } from '@playwright/test'

export const PASSWORD = 'snapshot-lens'

/** On the sign-in page the app sent the browser to: fill it in and submit. */
export async function signInAs(page: Page, username: string, password = PASSWORD): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await page.getByLabel('User name').fill(username)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

export const STORAGE_STATE = 'e2e/.auth/alice.json'
