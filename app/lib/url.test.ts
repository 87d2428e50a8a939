import { describe, expect, it } from 'vitest'
import { inventoryPart, parseView, viewToSearch } from './url.ts'

describe('the URL contract', () => {
  it('reads the detail view, theme and embed', () => {
    expect(parseView('?region=us-east-2&snapshot=web-1-backup&theme=dark&embed=1')).toEqual({
      region: 'us-east-2',
      snapshot: 'web-1-backup',
      theme: 'dark',
      embed: true,
      problems: [],
    })
  })

  it('reads the inventory\'s filters, sort and grouping', () => {
    expect(parseView('?q=web&state=pending&origin=manual&instance=web-1&tag=env%3Dprod&olderThan=90&sort=-created&group=instance')).toEqual({
      q: 'web',
      state: 'pending',
      origin: 'manual',
      instance: 'web-1',
      tag: 'env=prod',
      olderThan: 90,
      sort: { key: 'created', descending: true },
      group: 'instance',
      embed: false,
      problems: [],
    })
  })

  it('treats empty values as absent and trims spaces', () => {
    const view = parseView('?region=&snapshot=%20web-1%20')
    expect(view.region).toBeUndefined()
    expect(view.snapshot).toBe('web-1')
  })

  it('names what it does not understand, without failing', () => {
    const view = parseView('?snapshot=a1&theme=purple&foo=1&foo=2&olderThan=soon&sort=price&origin=robot&group=region&kind=volume')
    expect(view.theme).toBeUndefined()
    expect(view.olderThan).toBeUndefined()
    expect(view.problems).toEqual([
      'The parameter kind "volume" is not instance or disk; it was ignored.',
      'The parameter origin "robot" is not auto or manual; it was ignored.',
      'The parameter olderThan "soon" is not a number of days from 1 to 9999; it was ignored.',
      'The parameter sort "price" is not one of name, kind, state, instance, created, size, cost, origin, region, tags (with - in front for descending); it was ignored.',
      'The parameter group "region" is not instance; it was ignored.',
      'theme "purple" is not light or dark; following the system theme.',
      'The parameter "foo" is not one Snapshot Lens knows; it was ignored.',
    ])
  })

  it('writes a stable query string that reads back the same', () => {
    const search = viewToSearch({ snapshot: 'web 1&2', region: 'eu-west-1', theme: 'light' })
    expect(search).toBe('?region=eu-west-1&snapshot=web+1%262&theme=light')
    expect(parseView(search)).toMatchObject({ region: 'eu-west-1', snapshot: 'web 1&2', theme: 'light' })
    expect(viewToSearch({})).toBe('')
    const inventory = { q: 'a b', tag: 'env=prod', olderThan: 30, sort: { key: 'size' as const, descending: false }, group: 'instance' as const }
    expect(viewToSearch(inventory)).toBe('?q=a+b&tag=env%3Dprod&olderThan=30&sort=size&group=instance')
    expect(inventoryPart(parseView(viewToSearch({ ...inventory, snapshot: 'x', theme: 'dark' })))).toEqual({ ...inventory, kind: undefined, state: undefined, origin: undefined, instance: undefined, region: undefined, view: undefined, orphaned: undefined, kept: undefined, keep: undefined })
  })})

describe('the clean-up view in the URL', () => {
  it('reads and writes its rules, and names what it does not understand', () => {
    const view = parseView('?view=cleanup&orphaned=1&kept=1&keep=0&olderThan=90')
    expect(view).toMatchObject({ view: 'cleanup', orphaned: true, kept: true, keep: 0, olderThan: 90 })
    expect(viewToSearch(view)).toBe('?olderThan=90&view=cleanup&orphaned=1&kept=1&keep=0')
    expect(parseView('?view=trash&orphaned=yes&keep=-1').problems).toEqual([
      'The parameter view "trash" is not cleanup; it was ignored.',
      'The parameter orphaned "yes" is not 1; it was ignored.',
      'The parameter keep "-1" is not a number of snapshots from 0 to 999; it was ignored.',
    ])
  })
})
