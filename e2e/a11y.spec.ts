import AxeBuilder from '@axe-core/playwright'
import { expect, test } from './fixtures.ts'

const views = [
  { name: 'available detail', url: './?region=us-east-2&snapshot=web-1-backup', ready: 'status-state' },
  { name: 'pending detail', url: './?region=us-east-2&snapshot=db-primary-stuck', ready: 'status-state' },
  { name: 'failed detail', url: './?region=us-east-2&snapshot=api-2-failed', ready: 'status-state' },
  { name: 'not-found panel', url: './?region=us-east-2&snapshot=no-such-snapshot', ready: 'alert' },
  { name: 'access-denied panel', url: './?region=eu-north-1&snapshot=web-1', ready: 'alert' },
  { name: 'invalid link', url: './?region=us-east-2&snapshot=-bad', ready: 'alert' },
  { name: 'inventory of one region', url: './?region=us-east-2', ready: 'grid' },
  { name: 'inventory of every region, grouped, one refusing', url: './?group=instance', ready: 'grid' },
]

for (const theme of ['light', 'dark'] as const) {
  for (const view of views) {
    test(`axe finds no violations: ${view.name}, ${theme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme })
      await page.goto(view.url)
      if (view.ready === 'status-state') await expect(page.getByTestId('status-state')).toBeVisible()
      else await expect(page.getByRole(view.ready as 'alert' | 'grid').first()).toBeVisible()
      // A bad link's panel loads lazily behind a plain alert: axe reads the page once its heading is there.
      if (view.ready === 'alert') await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze()
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
    })
  }
}

for (const width of [360, 1440, 2560]) {
  for (const theme of ['light', 'dark'] as const) {
    test(`reads at ${width} px in the ${theme} theme, without sideways scrolling`, async ({ page }, testInfo) => {
      await page.setViewportSize({ width, height: 900 })
      await page.goto(`./?region=us-east-2&snapshot=web-1-backup&theme=${theme}`)
      await expect(page.getByTestId('status-state')).toHaveText('available')
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
      const path = testInfo.outputPath(`detail-${width}-${theme}.png`)
      await page.screenshot({ path, fullPage: true })
      await testInfo.attach(`detail at ${width} px, ${theme}`, { path, contentType: 'image/png' })
    })
  }
}
