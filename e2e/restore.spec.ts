// "Use this snapshot": the section loads only when scrolled to or asked for by the link; for an instance snapshot, a
// disk snapshot and an automatic snapshot it prepares the command from the choices in the URL (a teammate's link opens
// the same one), explains an impossible choice on the field it concerns, copies exactly the command shown, and that
// command runs in the real AWS CLI against the suite's emulator. Axe finds nothing to fix.
import { execFile } from 'node:child_process'
import { dirname } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Locator, Page } from '@playwright/test'
import { realAwsCli } from '../deploy/aws/fake-aws.ts'
import { E2E_EMULATOR_URL } from './environment.ts'
import { expect, test } from './fixtures.ts'

const detail = (query: string) => `./?region=us-east-2&snapshot=web-1-backup${query}`
const section = (page: Page) => page.getByRole('region', { name: /^Use (this snapshot|the (latest )?automatic snapshot)/ })
const command = (page: Page) => section(page).getByTestId('restore-command')

/** The field is marked invalid, and its accessible description (from aria-describedby) says why. */
async function explained(field: Locator, problem: string | RegExp) {
  await expect(field).toHaveAttribute('aria-invalid', 'true')
  await expect(field).toHaveAccessibleDescription(typeof problem === 'string' ? new RegExp(problem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : problem)
}

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze()
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

/** Runs a command as pasted, in bash, with the tools' key, against the suite's emulator. */
function runInCli(text: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: `${dirname(realAwsCli())}:/usr/bin:/bin`, HOME: '/tmp', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_EC2_METADATA_DISABLED: 'true' }
  return new Promise((resolve) =>
    execFile('bash', ['-c', `${text} --endpoint-url ${E2E_EMULATOR_URL} --output json`], { env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  )
}

test('the section loads only once scrolled to: no code and no GetBundles before', async ({ page, emulator }) => {
  await page.setViewportSize({ width: 360, height: 640 })
  const chunks: string[] = []
  page.on('request', (r) => chunks.push(new URL(r.url()).pathname))
  await page.goto(detail(''))
  await expect(page.getByTestId('status-state')).toHaveText('available')
  await expect(section(page)).toBeAttached()
  await expect(section(page)).toContainText('the commands load as this card comes into view')
  expect(chunks.filter((c) => /RestoreSection/.test(c))).toEqual([])
  expect(await emulator.calls('Lightsail.GetBundles')).toBe(0)

  await section(page).scrollIntoViewIfNeeded()
  await expect(section(page).getByRole('link', { name: 'New instance from it' })).toBeVisible()
  expect(chunks.some((c) => /RestoreSection-.*\.js$/.test(c))).toBe(true)
  expect(await emulator.calls('Lightsail.GetBundles')).toBe(0)
  await section(page).getByRole('link', { name: 'New instance from it' }).click()
  await expect(page).toHaveURL(/[?&]use=new-instance(&|$)/)
  await expect(command(page)).toHaveText(/^aws lightsail create-instances-from-snapshot/)
  expect(await emulator.calls('Lightsail.GetBundles')).toBe(1)
})

test('an instance snapshot: a new instance, its choices in the URL, a bad name explained on its field, copied as shown, run by the AWS CLI', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto(detail('&use=new-instance'))
  const card = section(page)
  await expect(command(page)).toHaveText(
    'aws lightsail create-instances-from-snapshot \\\n    --instance-snapshot-name web-1-backup \\\n    --instance-names web-1-restored \\\n    --availability-zone us-east-2a \\\n    --bundle-id medium_3_0 \\\n    --region us-east-2',
  )
  await expect(card).toContainText('Needs lightsail:CreateInstancesFromSnapshot in the role you run it with')
  // Only bundles that can hold an 80 GB Linux snapshot are offered, each with its price and specs.
  const bundle = card.getByLabel('Bundle')
  const offered = await bundle.locator('option').allTextContents()
  expect(offered[0]).toBe('Medium (medium_3_0): $24/month, 2 vCPUs, 4 GB memory, 80 GB SSD, 4 TB transfer')
  expect(offered.some((o) => /small_3_0|_win_|gpu_/.test(o))).toBe(false)
  await bundle.selectOption('large_3_0')
  await card.getByLabel('Availability Zone').selectOption('us-east-2c')
  await expect(page).toHaveURL(/zone=us-east-2c/)
  await expect(page).toHaveURL(/bundle=large_3_0/)

  const name = card.getByLabel('Name of the new instance')
  await name.fill('web 2')
  await explained(name, '"web 2" contains space, which is not allowed. An instance name starts and ends with a letter or a number')
  await expect(command(page)).toHaveCount(0)
  await name.fill('web-2')
  await expect(name).not.toHaveAttribute('aria-invalid', 'true')
  await expect(page).toHaveURL(/instanceName=web-2/)
  const shown = await command(page).textContent()
  expect(shown).toContain('--instance-names web-2 \\\n    --availability-zone us-east-2c \\\n    --bundle-id large_3_0')

  await card.getByRole('button', { name: 'Copy command' }).click()
  await expect(card.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible()
  const copied = await page.evaluate(() => navigator.clipboard.readText())
  expect(copied).toBe(shown)
  const ran = await runInCli(copied)
  expect(ran.stderr).toBe('')
  expect(JSON.parse(ran.stdout).operations[0]).toMatchObject({ resourceName: 'web-2', operationType: 'CreateInstancesFromSnapshot', status: 'Started' })
  const instance = await runInCli('aws lightsail get-instance --instance-name web-2 --region us-east-2')
  expect(JSON.parse(instance.stdout).instance).toMatchObject({ bundleId: 'large_3_0', location: { availabilityZone: 'us-east-2c' } })

  // The link is the whole state: reloaded (or sent to a teammate), it opens the same command.
  await page.reload()
  await expect(command(page)).toHaveText(shown!)
  await axe(page)
})

test("a teammate's link opens the prepared copy, brought into view", async ({ page }) => {
  await page.goto(detail('&use=copy&targetRegion=eu-west-2&targetName=web-1-dr'))
  await expect(command(page)).toHaveText('aws lightsail copy-snapshot \\\n    --source-snapshot-name web-1-backup \\\n    --target-snapshot-name web-1-dr \\\n    --source-region us-east-2 \\\n    --region eu-west-2')
  await expect(command(page)).toBeInViewport()
  await expect(section(page).getByLabel('Copy to region')).toHaveValue('eu-west-2')
  await expect(section(page).getByRole('link', { name: 'Copy to another region' })).toHaveAttribute('aria-current', 'page')
})

test('impossible choices in a link are explained on their fields, and no command is shown', async ({ page }) => {
  await page.goto(detail('&use=new-instance&zone=us-west-2a&bundle=small_3_0'))
  const card = section(page)
  await explained(card.getByLabel('Availability Zone'), 'us-west-2a is not an Availability Zone of us-east-2')
  await explained(card.getByLabel('Bundle'), "small_3_0 has a 60 GB disk, smaller than the snapshot's 80 GB")
  await expect(command(page)).toHaveCount(0)
  await expect(card.getByText('The command appears once every choice above is one Lightsail accepts.')).toBeVisible()
  await axe(page)

  await page.goto(detail('&use=copy&targetRegion=us-east-2'))
  await explained(section(page).getByLabel('Copy to region'), 'The snapshot is in us-east-2 already')
  await page.goto('./?region=us-east-2&snapshot=db-primary-stuck&use=export')
  await expect(section(page).getByRole('alert')).toHaveText('db-primary-stuck is still pending: Lightsail accepts these commands once it is available.')
  await expect(command(page)).toHaveCount(0)
})

test('a disk snapshot: a new disk in its instance\'s zone, a size below the snapshot refused, an export with what it costs', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto('./?region=us-east-2&diskSnapshot=web-1-media-weekly&use=new-disk')
  const card = section(page)
  await expect(command(page)).toHaveText(
    'aws lightsail create-disk-from-snapshot \\\n    --disk-name web-1-media-restored \\\n    --disk-snapshot-name web-1-media-weekly \\\n    --availability-zone us-east-2a \\\n    --size-in-gb 256 \\\n    --region us-east-2',
  )
  const size = card.getByLabel('Size in GB')
  await size.fill('100')
  await explained(size, '100 GB is smaller than the snapshot, 256 GB: the new disk must be at least as large.')
  await expect(command(page)).toHaveCount(0)
  await axe(page)
  await size.fill('300')
  await expect(command(page)).toContainText('--size-in-gb 300')
  await expect(page).toHaveURL(/sizeInGb=300/)

  await card.getByRole('link', { name: 'Export to Amazon EC2' }).click()
  await expect(page).toHaveURL(/use=export/)
  await expect(page).not.toHaveURL(/sizeInGb/)
  await expect(command(page)).toHaveText('aws lightsail export-snapshot \\\n    --source-snapshot-name web-1-media-weekly \\\n    --region us-east-2')
  await expect(card).toContainText('EC2 charges apply')
  await expect(card).toContainText('Needs lightsail:ExportSnapshot')
  await card.getByRole('button', { name: 'Copy command' }).click()
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(await command(page).textContent())
})

test("an automatic snapshot: its \"Use\" link on the source's list, a new instance from its date, kept as a manual one", async ({ page }) => {
  await page.goto(detail(''))
  const list = page.getByRole('list', { name: 'Automatic snapshots of web-1' })
  const usable = list.getByRole('listitem').filter({ has: page.getByRole('link', { name: /^Use the automatic snapshot of/ }) })
  await expect(usable).toHaveCount(6)
  // The failed one offers nothing to use.
  await expect(list.getByRole('listitem').filter({ hasText: 'Failed' }).getByRole('link')).toHaveCount(0)
  const newest = usable.first()
  const date = (await newest.locator('strong').textContent())!
  await newest.getByRole('link', { name: `Use the automatic snapshot of ${date}` }).click()
  await expect(page).toHaveURL(new RegExp(`use=new-instance.*auto=${date}`))
  await expect(page.getByRole('heading', { name: `Use the automatic snapshot of ${date} of web-1` })).toBeVisible()
  await expect(command(page)).toHaveText(
    `aws lightsail create-instances-from-snapshot \\\n    --source-instance-name web-1 \\\n    --restore-date ${date} \\\n    --instance-names web-1-restored \\\n    --availability-zone us-east-2a \\\n    --bundle-id medium_3_0 \\\n    --region us-east-2`,
  )
  await expect(section(page).getByRole('link', { name: 'Export to Amazon EC2' })).toHaveCount(0)
  await section(page).getByRole('link', { name: 'Keep as a manual snapshot' }).click()
  await expect(command(page)).toHaveText(`aws lightsail copy-snapshot \\\n    --source-resource-name web-1 \\\n    --restore-date ${date} \\\n    --target-snapshot-name web-1-${date} \\\n    --source-region us-east-2 \\\n    --region us-east-2`)
  await axe(page)
  const ran = await runInCli((await command(page).textContent())!)
  expect(JSON.parse(ran.stdout).operations[0]).toMatchObject({ operationType: 'CopySnapshot', operationDetails: 'us-east-2:web-1' })

  await section(page).getByRole('link', { name: 'Use web-1-backup itself instead' }).click()
  await expect(page).not.toHaveURL(/auto=/)
  await expect(page.getByRole('heading', { name: 'Use this snapshot' })).toBeVisible()
})

test('a link to an automatic snapshot that failed says so, where assistive technology finds it', async ({ page }) => {
  await page.goto(detail(''))
  const failed = page.getByRole('list', { name: 'Automatic snapshots of web-1' }).getByRole('listitem').filter({ hasText: 'Failed' })
  const date = (await failed.locator('strong').textContent())!
  await page.goto(detail(`&use=new-instance&auto=${date}`))
  await expect(section(page).getByRole('alert')).toHaveText(`The automatic snapshot of web-1 from ${date} failed: there is nothing to restore from that day.`)
  await expect(command(page)).toHaveCount(0)
  await page.goto(detail('&use=keep&auto=latest'))
  await expect(command(page)).toContainText('--use-latest-restorable-auto-snapshot')
})
