import { useState, type FormEvent } from 'react'
import { nameProblem, NAME_RULE } from '../../lib/names.ts'
import { regionLabel } from '../../lib/regions.ts'
import { navigate, type ViewState } from '../../lib/url.ts'

/**
 * A compact search in the header: region and name, checked against Lightsail's rule before any request is made. The
 * rule is said when a name breaks it, so on a phone the snapshot, not the form, is the first thing under the header.
 */
export function LookupForm({ view, region: start, regions }: { view: ViewState; region: string; regions: string[] }) {
  const [name, setName] = useState(view.snapshot ?? '')
  const [region, setRegion] = useState(start)
  const [problem, setProblem] = useState<string>()
  // Follow the URL (back, forward, links) without remounting, so keyboard focus stays where the user left it.
  const urlKey = `${start}/${view.snapshot ?? ''}`
  const [syncedKey, setSyncedKey] = useState(urlKey)
  if (syncedKey !== urlKey) {
    setSyncedKey(urlKey)
    setName(view.snapshot ?? '')
    setRegion(start)
    setProblem(undefined)
  }
  const options = regions.includes(region) ? regions : [region, ...regions]

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    const found = nameProblem(trimmed)
    setProblem(found)
    if (!found) navigate({ region, snapshot: trimmed, theme: view.theme, embed: view.embed })
  }

  return (
    <form className="lookup" onSubmit={submit} noValidate role="search" aria-label="Look up a snapshot">
      <label htmlFor="lookup-region" className="visually-hidden">
        Region
      </label>
      <select id="lookup-region" value={region} onChange={(e) => setRegion(e.target.value)}>
        {options.map((r) => (
          <option key={r} value={r}>
            {regionLabel(r)}
          </option>
        ))}
      </select>
      <label htmlFor="lookup-name" className="visually-hidden">
        Snapshot name
      </label>
      <input
        id="lookup-name"
        name="snapshot"
        value={name}
        onChange={(e) => setName(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? 'lookup-problem' : undefined}
        placeholder="Snapshot name"
        title={NAME_RULE}
      />
      <button type="submit" className="button button-primary">
        Look up
      </button>
      {problem ? (
        <p id="lookup-problem" className="field-problem" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  )
}
