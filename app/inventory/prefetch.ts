// Loaded by the boot code for an inventory link, beside the page's own chunk: the home region's first request leaves as
// soon as the credentials are in, before the inventory's code has even arrived.
import type { QueryClient } from '@tanstack/react-query'
import type { AwsSession } from '../aws/session.ts'
import { inventoryQueries, leadRegion } from './queries.ts'

export function prefetchLeadRegion(client: QueryClient, aws: AwsSession, offered: readonly string[], home: string): void {
  const lead = leadRegion(offered, home)
  if (lead) void client.prefetchQuery(inventoryQueries.region(aws, lead))
}
