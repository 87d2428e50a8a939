// ExportSnapshot and GetExportSnapshotRecords: a snapshot exported to Amazon EC2, and the record that says how it went.
import { invalidPageToken, pageToken, requireName } from './errors.ts'
import type { Handlers } from './routes.ts'
import { exportSnapshot } from './writes.ts'

export const exportSnapshotRecordHandlers: Handlers = {
  ExportSnapshot(store, region, input) {
    return { operations: exportSnapshot(store, region, requireName(input, 'sourceSnapshotName')) }
  },

  GetExportSnapshotRecords(store, region, input) {
    const token = pageToken(input)
    const page = store.listExportSnapshotRecords(region, token)
    if (!page) throw invalidPageToken(token)
    return { exportSnapshotRecords: page.items, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) }
  },
}
