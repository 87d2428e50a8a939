// What snapshots cost, and what piles up, on a generated account (2,000 snapshots, e2e/config.generated.json): the
// figures the page shows are held against sums the test makes itself from the emulator's data, through the SDK.
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  GetDiskSnapshotsCommand,
  GetInstancesCommand,
  GetInstanceSnapshotsCommand,
  LightsailClient,
  type DiskSnapshot,
  type InstanceSnapshot,
} from '@aws-sdk/client-lightsail'
import { E2E_GENERATED_APP_URL, E2E_GENERATED_EMULATOR_URL } from './environment.ts'
import { expect, test } from './fixtures.ts'

const REGION = 'us-east-1'
const app = (query: string) => `${E2E_GENERATED_APP_URL}${query}`
const client = () =>
  new LightsailClient({ region: REGION, endpoint: E2E_GENERATED_EMULATOR_URL, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } })

async function everything() {
  const lightsail = client()
  const instanceSnapshots: InstanceSnapshot[] = []
  const diskSnapshots: DiskSnapshot[] = []
  const instances = new Set<string>()
  for (let token: string | undefined, i = 0; i === 0 || (token && i < 100); i++) {
    const page = await lightsail.send(new GetInstanceSnapshotsCommand({ pageToken: token }))
    instanceSnapshots.push(...page.instanceSnapshots!)
    token = page.nextPageToken
  }
  for (let token: string | undefined, i = 0; i === 0 || (token && i < 100); i++) {
    const page = await lightsail.send(new GetDiskSnapshotsCommand({ pageToken: token }))
    diskSnapshots.push(...page.diskSnapshots!)
    token = page.nextPageToken
  }
  for (let token: string | undefined, i = 0; i === 0 || (token && i < 100); i++) {
    const page = await lightsail.send(new GetInstancesCommand({ pageToken: token }))
    for (const instance of page.instances!) instances.add(instance.name!)
    token = page.nextPageToken
  }
  return { instanceSnapshots, diskSnapshots, instances }
}

const size = (s: InstanceSnapshot) => (s.sizeInGb ?? 0) + (s.fromAttachedDisks ?? []).reduce((n, d) => n + (d.sizeInGb ?? 0), 0)
const dollars = (n: number) => `$${(Math.round(n * 100) / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`

test.use({ storageState: { cookies: [], origins: [] } })

test('the monthly cost: the summary and the column are the sizes at $0.05 per GB-month, an upper bound said once', async ({ page }) => {
  const { instanceSnapshots, diskSnapshots } = await everything()
  const gb = instanceSnapshots.reduce((n, s) => n + size(s), 0) + diskSnapshots.reduce((n, s) => n + (s.sizeInGb ?? 0), 0)
  await page.goto(app(`?region=${REGION}`))
  await expect(page.locator('.summary')).toContainText(`${instanceSnapshots.length + diskSnapshots.length} snapshots`)
  await expect(page.getByTestId('total-cost')).toHaveText(`at most ${dollars(gb * 0.05)} a month`)
  await expect(page.getByText("$0.05 per GB-month, Lightsail's published price")).toBeVisible()
  // The costliest first: the first row costs what the largest snapshot costs.
  await page.getByLabel('Sort by').selectOption('-cost')
  const largest = Math.max(...instanceSnapshots.map(size), ...diskSnapshots.map((s) => s.sizeInGb ?? 0))
  await expect(page.getByRole('grid').getByRole('row').nth(1).locator('.cell-cost')).toHaveText(`≤ ${dollars(largest * 0.05)}`)
  // Per source instance, a bar is a link to that instance's snapshots.
  const bar = page.getByRole('figure').filter({ hasText: 'At most, per month, per source instance' }).getByRole('link').first()
  await bar.click()
  await expect(page).toHaveURL(/[?&]instance=/)
})

test('the clean-up view: candidates by rule, why, their cost, the saving; a teammate’s link shows the same', async ({ page, browser }) => {
  const { instanceSnapshots, instances } = await everything()
  // orphaned=1 alone: instance snapshots whose instance is gone, not pending, not tagged keep.
  const expected = instanceSnapshots.filter((s) => !instances.has(s.fromInstanceName!) && s.state !== 'pending' && !(s.tags ?? []).some((t) => t.key === 'keep'))
  const protectedCount = instanceSnapshots.filter((s) => !instances.has(s.fromInstanceName!) && s.state !== 'pending' && (s.tags ?? []).some((t) => t.key === 'keep')).length
  const saving = expected.reduce((n, s) => n + size(s), 0) * 0.05
  expect(expected.length).toBeGreaterThan(10)

  await page.goto(app(`?region=${REGION}`))
  await page.getByRole('link', { name: /^Clean-up candidates/ }).click()
  await expect(page).toHaveURL(/view=cleanup/)
  const summary = page.locator('.cleanup-summary')
  await expect(summary).toContainText(`${expected.length} candidates · a clean-up would save at most ${dollars(saving)} a month`)
  await expect(summary).toContainText(`${protectedCount} protected by the tag keep`)
  const first = page.getByRole('grid').getByRole('row').nth(1)
  await expect(first.locator('.cell-why')).toHaveText(/ no longer exists$/)

  // A second rule, and the list follows; a teammate's link reproduces it.
  await page.getByLabel('Manual snapshots beyond the newest … of each source').fill('3')
  await expect(page).toHaveURL(/keep=3/)
  const text = await summary.textContent()
  const teammate = await browser.newContext()
  try {
    const other = await teammate.newPage()
    await other.goto(page.url())
    await expect(other.locator('.cleanup-summary')).toHaveText(text!)
  } finally {
    await teammate.close()
  }
})

test('the script, downloaded and run against a stand-in aws, deletes exactly the candidates, each name as it is', async ({ page }) => {
  const { instanceSnapshots, instances } = await everything()
  const expected = instanceSnapshots
    .filter((s) => !instances.has(s.fromInstanceName!) && s.state !== 'pending' && !(s.tags ?? []).some((t) => t.key === 'keep'))
    .map((s) => s.name!)
    .sort()
  await page.goto(app(`?region=${REGION}&view=cleanup&orphaned=1`))
  await expect(page.locator('.cleanup-summary')).toContainText(`${expected.length} candidates`)
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the script' }).click()])
  const dir = mkdtempSync(join(tmpdir(), 'snapshot-lens-script-'))
  const script = join(dir, download.suggestedFilename())
  await download.saveAs(script)
  expect(download.suggestedFilename()).toMatch(/^snapshot-cleanup-\d{4}-\d{2}-\d{2}\.sh$/)
  const text = readFileSync(script, 'utf8')
  expect(text).toContain('set -euo pipefail')
  expect(text).toContain('orphaned=1: snapshots of instances that no longer exist')
  execFileSync('bash', ['-n', script])
  const log = join(dir, 'aws.log')
  writeFileSync(join(dir, 'aws'), `#!/usr/bin/env node\nrequire('fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)) + '\\n')\n`)
  chmodSync(join(dir, 'aws'), 0o755)
  execFileSync('bash', [script], { env: { PATH: `${dir}:${process.env.PATH}` } })
  const calls = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[])
  expect(calls.every((c) => c[0] === 'lightsail' && c[1] === 'delete-instance-snapshot' && c[2] === `--region=${REGION}`)).toBe(true)
  expect(calls.map((c) => c[3]!.replace('--instance-snapshot-name=', '')).sort()).toEqual(expected)
})
