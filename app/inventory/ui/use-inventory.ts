// Every region's snapshots: per region one query for its instance snapshots and one for its disk snapshots, in
// parallel, combined into rows and each region's state.
// Regions start from the built-in list (narrowed by config.json) so the first rows come one round trip after the
// credentials; GetRegions, asked alongside, only takes away regions Lightsail does not offer.
// The home region (config.defaultRegion) has a head start: alone, its request is signed and sent at once and its answer
// is read and painted without eighteen others competing for the page's one thread (and, over HTTP/1.1, for six
// connections). The others, and every region's disk snapshots, start once its first page has been painted, or after
// HEAD_START_MS if it is slow.
import { useQueries, useQuery, type QueryObserverResult } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { AppError } from '../../aws/errors.ts'
import { inventoryRegions } from '../../lib/regions.ts'
import type { SnapshotKind } from '../../lib/url.ts'
import { useSession } from '../../session.tsx'
import type { Row } from '../model.ts'
import { inventoryQueries, leadRegion } from '../queries.ts'

/** One kind of snapshot a region did not hand over. */
export interface KindFailure {
  kind: SnapshotKind
  error: AppError
}

export type RegionState =
  | { region: string; status: 'loading'; rows: number }
  | { region: string; status: 'done'; rows: number }
  /** `failures`: the instance snapshots' first when both failed. */
  | { region: string; status: 'failed'; rows: number; failures: KindFailure[]; retry: () => void; retrying: boolean }

const KINDS: SnapshotKind[] = ['instance', 'disk']

const HEAD_START_MS = 1000

export interface Inventory {
  rows: Row[]
  regions: RegionState[]
  answered: number
  loading: boolean
  /** The home region has shown its first page, or has failed. */
  leadAnswered: boolean
}

/**
 * `region`: one region (a link's); otherwise the regions config.json names, or every Lightsail region, where the opt-in
 * ones are asked only once GetRegions lists them (app/lib/regions.ts).
 */
export function useInventory(region: string | undefined, configured: readonly string[], askIn: string): Inventory {
  const session = useSession()
  const [released, setReleased] = useState(false)
  // Asked once the home region has had its head start: its answer only matters to the other regions.
  const listed = useQuery({ ...inventoryQueries.regions(session, askIn), enabled: released })
  const regions = useMemo(() => (region ? [region] : inventoryRegions(configured, listed.data)), [region, configured, listed.data])
  const lead = leadRegion(regions, askIn)
  // A stable combine: React Query re-runs it only when a region's result changes, so 10,000 rows are gathered once per
  // page that arrives, not on every render.
  const combine = useCallback(
    (results: QueryObserverResult<Row[][], AppError>[]): Inventory => {
      const rows: Row[] = []
      const states: RegionState[] = regions.map((region, r) => {
        const mine = KINDS.map((kind, k) => ({ kind, result: results[r * KINDS.length + k]! }))
        let count = 0
        for (const { result } of mine) {
          for (const page of result.data ?? []) {
            for (const row of page) rows.push(row)
            count += page.length
          }
        }
        const failed = mine.filter(({ result }) => result.isError)
        if (failed.length > 0) {
          return {
            region,
            status: 'failed',
            rows: count,
            failures: failed.map(({ kind, result }) => ({ kind, error: result.error! })),
            retry: () => failed.forEach(({ result }) => void result.refetch()),
            retrying: failed.some(({ result }) => result.isFetching),
          }
        }
        if (mine.some(({ result }) => result.isPending || result.isFetching)) return { region, status: 'loading', rows: count }
        return { region, status: 'done', rows: count }
      })
      const leadResult = results[regions.indexOf(lead ?? '') * KINDS.length]
      return {
        rows,
        regions: states,
        answered: states.filter((s) => s.status === 'done').length,
        loading: states.some((s) => s.status === 'loading'),
        leadAnswered: leadResult !== undefined && (leadResult.isError || (leadResult.data?.length ?? 0) > 0 || leadResult.isSuccess),
      }
    },
    [regions, lead],
  )
  const inventory = useQueries({
    queries: regions.flatMap((region) => [
      { ...inventoryQueries.region(session, region), enabled: released || region === lead },
      { ...inventoryQueries.diskRegion(session, region), enabled: released },
    ]),
    combine,
  })
  const { leadAnswered } = inventory
  useEffect(() => {
    if (released) return
    // After the frame that paints the home region's rows, or once the head start is over.
    let channel: MessageChannel | undefined
    const release = () => setReleased(true)
    const frame = leadAnswered
      ? requestAnimationFrame(() => {
          channel = new MessageChannel()
          channel.port1.onmessage = release
          channel.port2.postMessage(null)
        })
      : undefined
    const timer = leadAnswered ? undefined : window.setTimeout(release, HEAD_START_MS)
    return () => {
      if (frame !== undefined) cancelAnimationFrame(frame)
      channel?.port1.close()
      if (timer !== undefined) window.clearTimeout(timer)
    }
  }, [released, leadAnswered])
  return inventory
}
