// Pure mapping from the SDK's snapshot to what the cards after Status show. Loaded with them.
import type { AddOn, Disk, InstanceSnapshot } from '../../../aws/snapshots.ts'

export function totalSizeGb(snapshot: InstanceSnapshot): number {
  return (snapshot.sizeInGb ?? 0) + (snapshot.fromAttachedDisks ?? []).reduce((sum, d) => sum + (d.sizeInGb ?? 0), 0)
}

export type AddOnView =
  | { kind: 'auto-snapshot'; status?: string; snapshotTimeOfDay?: string; nextSnapshotTimeOfDay?: string }
  | { kind: 'stop-on-idle'; status?: string; threshold?: string; duration?: string }
  | { kind: 'unknown'; name: string; status?: string; fields: [string, string][] }

export function addOnView(addOn: AddOn): AddOnView {
  if (addOn.name === 'AutoSnapshot') {
    return { kind: 'auto-snapshot', status: addOn.status, snapshotTimeOfDay: addOn.snapshotTimeOfDay, nextSnapshotTimeOfDay: addOn.nextSnapshotTimeOfDay }
  }
  if (addOn.name === 'StopInstanceOnIdle') {
    return { kind: 'stop-on-idle', status: addOn.status, threshold: addOn.threshold, duration: addOn.duration }
  }
  const fields = Object.entries(addOn)
    .filter(([key, value]) => key !== 'name' && key !== 'status' && value !== undefined && value !== null)
    .map(([key, value]) => [key, String(value)] as [string, string])
  return { kind: 'unknown', name: addOn.name ?? 'Unnamed add-on', status: addOn.status, fields }
}

export function diskRole(disk: Disk): string {
  if (disk.isSystemDisk === undefined) return 'Disk'
  return disk.isSystemDisk ? 'System disk' : 'Data disk'
}

export function yesNo(value: boolean | undefined): string {
  return value === undefined ? 'Not reported' : value ? 'Yes' : 'No'
}
