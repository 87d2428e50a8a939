import type { Tag } from '../../../aws/snapshots.ts'

/** Tags as text, never markup: keys and values may hold anything a user typed. */
export function TagList({ tags, label }: { tags: Tag[] | undefined; label: string }) {
  if (!tags || tags.length === 0) return <p className="muted">No tags.</p>
  return (
    <table className="tags">
      <caption className="visually-hidden">{label}</caption>
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {tags.map((tag, i) => (
          <tr key={`${tag.key}-${i}`}>
            <th scope="row" className="tag-key">{tag.key}</th>
            <td className="tag-value">{tag.value === undefined || tag.value === null ? <span className="muted">(key only, no value)</span> : tag.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
