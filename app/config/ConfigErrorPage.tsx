import type { ConfigError } from './config.ts'

/** The whole page when config.json is missing or wrong: which field, what is wrong with it, and where to fix it. */
export function ConfigErrorPage({ error }: { error: ConfigError }) {
  return (
    <main className="page">
      <section className="panel panel-error" role="alert" aria-labelledby="config-error-title">
        <h1 id="config-error-title">Snapshot Lens cannot start: its configuration is wrong</h1>
        <p>
          The field <code>{error.field}</code> {error.problem}.
        </p>
        <p>
          Fix <code>config.json</code> next to this page (in the project: <code>public/config.json</code>; the README
          lists every field), then reload.
        </p>
      </section>
    </main>
  )
}
