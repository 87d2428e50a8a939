// Signs in once as alice through the real sign-in page; every other spec starts from the stored session (tokens in
// localStorage, as the app keeps them), as a teammate who signed in yesterday would.
import { test as setup, expect } from '@playwright/test'
import { signInAs, STORAGE_STATE } from './sign-in.ts'

setup('sign in as alice', async ({ page }) => {
  await page.goto('./?region=us-east-2&snapshot=web-1-backup')
  await signInAs(page, 'alice')
  await expect(page.getByTestId('status-state')).toHaveText('available')
  await expect(page.getByText('Signed in as')).toContainText('Alice Adams')
  await page.context().storageState({ path: STORAGE_STATE })
})
