import { describe, expect, it } from 'vitest'
import { addOnView, diskRole, totalSizeGb, yesNo } from './model.ts'

describe('card model', () => {
  it('adds the instance and its disks for the total size', () => {
    expect(totalSizeGb({ sizeInGb: 80, fromAttachedDisks: [{ sizeInGb: 256 }, { sizeInGb: 32 }, {}] })).toBe(368)
    expect(totalSizeGb({})).toBe(0)
  })

  it('recognises both add-on kinds and keeps unknown ones raw', () => {
    expect(addOnView({ name: 'AutoSnapshot', status: 'Enabled', snapshotTimeOfDay: '06:00' })).toMatchObject({ kind: 'auto-snapshot', snapshotTimeOfDay: '06:00' })
    expect(addOnView({ name: 'StopInstanceOnIdle', threshold: '5', duration: '30' })).toMatchObject({ kind: 'stop-on-idle', threshold: '5', duration: '30' })
    expect(addOnView({ name: 'FutureAddOn', status: 'Enabled', threshold: '9' })).toEqual({ kind: 'unknown', name: 'FutureAddOn', status: 'Enabled', fields: [['threshold', '9']] })
  })

  it('names disk roles and booleans in words', () => {
    expect(diskRole({ isSystemDisk: true })).toBe('System disk')
    expect(diskRole({ isSystemDisk: false })).toBe('Data disk')
    expect(diskRole({})).toBe('Disk')
    expect([yesNo(true), yesNo(false), yesNo(undefined)]).toEqual(['Yes', 'No', 'Not reported'])
  })
})
