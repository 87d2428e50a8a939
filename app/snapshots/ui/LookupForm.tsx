import { useState, type FormEvent } from 'react'
import { nameProblem, NAME_RULE } from '../../lib/names.ts'
import { regionLabel } from '../../lib/regions.ts'
import { navigate, type ViewState } from '../../lib/url.ts'

/** Region and name, checked against Lightsail's rule before any request is made. */
export function LookupForm({ view, regions }: { view: ViewState & { region: string }; regions: string[] }) {
  const [name, setName] = useState(view.snapshot ?? '')
  const [region, setRegion] = useState(view.region)
  const [problem, setProblem] = useState<string>()
  // Follow the URL (back, forward, links) without remounting, so keyboard focus stays where the user left it.
  const urlKey = `${view.region}/${view.snapshot ?? ''}`
  const [syncedKey, setSyncedKey] = useState(urlKey)
  if (syncedKey !== urlKey) {
    setSyncedKey(urlKey)
    setName(view.snapshot ?? '')
    setRegion(view.region)
    setProblem(undefined)
  }
  const options = regions.includes(region) ? regions : [region, ...regions]

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    const found = nameProblem(trimmed)
    setProblem(found)
    if (!found) navigate({ ...view, region, snapshot: trimmed })
  }

  return (
    <form className="lookup" onSubmit={submit} noValidate aria-label="Look up a snapshot">
      <div className="field">
        <label htmlFor="lookup-region">Region</label>
        <select id="lookup-region" value={region} onChange={(e) => setRegion(e.target.value)}>
          {options.map((r) => (
            <option key={r} value={r}>
              {regionLabel(r)}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-grow">
        <label htmlFor="lookup-name">Snapshot name</label>
        <input
          id="lookup-name"
          name="snapshot"
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'lookup-problem' : 'lookup-rule'}
          placeholder="web-1-backup"
        />
        {problem ? (
          <p id="lookup-problem" className="field-problem" role="alert">
            {problem}
          </p>
        ) : (
          <p id="lookup-rule" className="field-hint">
            {NAME_RULE}
          </p>
        )}
      </div>
      <button type="submit" className="button button-primary">
        Look up
      </button>
    </form>
  )
}
