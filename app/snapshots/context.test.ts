import { describe, expect, it } from 'vitest'
import type { Operation } from '../aws/context.ts'
import { expectation, failure, finishedRuns, history, RUNS_USED } from './context.ts'

const MIN = 60_000
const T0 = Date.UTC(2026, 11, 1, 9, 41)

function run(daysAgo: number, minutes: number, extra: Partial<Operation> = {}): Operation {
  const createdAt = new Date(T0 - daysAgo * 86_400_000)
  return {
    id: `op-${daysAgo}`,
    operationType: 'CreateInstanceSnapshot',
    resourceType: 'Instance',
    resourceName: 'web-1',
    operationDetails: `web-1-${daysAgo}`,
    status: 'Succeeded',
    isTerminal: true,
    createdAt,
    statusChangedAt: new Date(createdAt.getTime() + minutes * MIN),
    ...extra,
  }
}

describe('finishedRuns', () => {
  it("keeps the instance's succeeded snapshots, newest first, at most five", () => {
    const ops = [run(30, 12), run(7, 11), run(14, 16), run(21, 13), run(28, 15), run(35, 14), run(1, 99, { status: 'Failed' })]
    const runs = finishedRuns(ops)
    expect(runs).toHaveLength(RUNS_USED)
    expect(runs.map((r) => r.durationMs / MIN)).toEqual([11, 16, 13, 15, 12])
  })

  it('leaves out other operations, the snapshot being waited for, the snapshot side and unreadable times', () => {
    const ops = [
      run(7, 11),
      run(0, 3, { operationDetails: 'web-1-upgrade' }),
      run(8, 5, { resourceType: 'InstanceSnapshot' }),
      run(9, 5, { operationType: 'StopInstance' }),
      run(10, 5, { statusChangedAt: undefined }),
      run(11, -5),
    ]
    expect(finishedRuns(ops, 'web-1-upgrade')).toEqual([{ startedAt: T0 - 7 * 86_400_000, durationMs: 11 * MIN }])
  })
})

describe('expectation', () => {
  const runs = finishedRuns([run(7, 11), run(14, 16), run(21, 13), run(28, 15), run(35, 12)])

  it('expects the typical time (the median) while the snapshot is within it', () => {
    expect(expectation(T0, runs, T0 + 5 * MIN)).toEqual({ count: 5, shortestMs: 11 * MIN, longestMs: 16 * MIN, typicalMs: 13 * MIN, expectedAt: T0 + 13 * MIN, pace: 'usual' })
  })

  it('moves the expectation to the longest once late, and says overdue past it', () => {
    expect(expectation(T0, runs, T0 + 14 * MIN)).toMatchObject({ pace: 'late', expectedAt: T0 + 16 * MIN })
    expect(expectation(T0, runs, T0 + 17 * MIN)).toMatchObject({ pace: 'overdue', expectedAt: T0 + 16 * MIN })
  })

  it('takes the mean of the middle two for an even count, and gives nothing without history', () => {
    expect(expectation(T0, finishedRuns([run(1, 10), run(2, 20)]), T0)!.typicalMs).toBe(15 * MIN)
    expect(expectation(T0, [], T0)).toBeUndefined()
  })
})

describe('failure', () => {
  it("gives the newest failed creation's code, details and advice for a known code", () => {
    const ops = [
      run(3, 5, { resourceType: 'InstanceSnapshot', status: 'Failed', errorCode: 'InternalError', errorDetails: 'old' }),
      run(1, 41, { resourceType: 'InstanceSnapshot', status: 'Failed', errorCode: 'DiskIOError', errorDetails: 'disk api-2-scratch stopped' }),
    ]
    expect(failure(ops)).toMatchObject({ code: 'DiskIOError', details: 'disk api-2-scratch stopped', advice: expect.stringContaining('disk stopped responding') })
  })

  it('answers an unknown or missing code with general advice, and nothing when no creation failed', () => {
    expect(failure([run(1, 5, { status: 'Failed', errorCode: 'SomethingNew' })])).toMatchObject({ code: 'SomethingNew', advice: expect.stringContaining('AWS Support') })
    expect(failure([run(1, 5, { status: 'Failed', errorCode: '', errorDetails: '' })])).toMatchObject({ code: undefined, details: undefined })
    expect(failure([run(1, 5), run(2, 5, { operationType: 'StopInstance', status: 'Failed' })])).toBeUndefined()
  })
})

describe('history', () => {
  it('tells each operation in words, newest first, with status and times', () => {
    const entries = history([
      run(3, 13, { id: 'a', resourceType: 'InstanceSnapshot', operationDetails: 'web-1' }),
      run(1, 1, { id: 'b', operationType: 'DeleteInstanceSnapshot', operationDetails: 'web-1' }),
      run(0, 0, { id: 'c', operationType: 'CreateInstancesFromSnapshot', status: 'Started', isTerminal: false, operationDetails: 'web-2' }),
    ])
    expect(entries.map((e) => [e.id, e.what, e.status])).toEqual([
      ['c', 'Create instances from snapshot (web-2)', 'running'],
      ['b', 'Deleted', 'succeeded'],
      ['a', 'Created from instance web-1', 'succeeded'],
    ])
    expect(entries[0]!.endedAt).toBeUndefined()
    expect(entries[2]!.endedAt! - entries[2]!.startedAt!).toBe(13 * MIN)
  })

  it('tells a copy from another region from an automatic snapshot kept, as the CLI writes their details', () => {
    const copy = run(1, 5, { operationType: 'CopySnapshot' as Operation['operationType'], resourceType: 'InstanceSnapshot', operationDetails: 'us-east-2:web-1-2026-11-19' })
    expect(history([copy])[0]!.what).toBe('Copied from web-1-2026-11-19 in us-east-2')
    const kept = { ...copy, operationDetails: 'us-east-2:research-gpu' }
    expect(history([kept], true)[0]!.what).toBe('Kept from an automatic snapshot of research-gpu (us-east-2)')
  })

  it("puts a failed operation's code and details together", () => {
    expect(history([run(1, 5, { status: 'Failed', errorCode: 'DiskIOError', errorDetails: 'the disk stopped' })])[0]).toMatchObject({ status: 'failed', error: 'DiskIOError: the disk stopped' })
  })
})
