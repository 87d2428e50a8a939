import { describe, expect, it } from 'vitest'
import { parseView, viewToSearch } from './url.ts'

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

  it('treats empty values as absent and trims spaces', () => {
    expect(parseView('?region=&snapshot=%20web-1%20')).toMatchObject({ region: undefined, snapshot: 'web-1' })
  })

  it('names what it does not understand, without failing', () => {
    const view = parseView('?snapshot=a1&theme=purple&foo=1&foo=2')
    expect(view.theme).toBeUndefined()
    expect(view.problems).toEqual([
      'theme "purple" is not light or dark; following the system theme.',
      'The parameter "foo" is not one Snapshot Lens knows; it was ignored.',
    ])
  })

  it('writes a stable query string that reads back the same', () => {
    const search = viewToSearch({ snapshot: 'web 1&2', region: 'eu-west-1', theme: 'light' })
    expect(search).toBe('?region=eu-west-1&snapshot=web+1%262&theme=light')
    expect(parseView(search)).toMatchObject({ region: 'eu-west-1', snapshot: 'web 1&2', theme: 'light' })
    expect(viewToSearch({})).toBe('')
  })
})
