import { standaloneLink } from '../lib/url.ts'

// Framed by a page that is not one of config.json's embed.allowedOrigins: said plainly, with what to do. Nothing is
// asked of AWS and nothing is posted to the framing page.
export function EmbedRefusal({ blockedOrigin }: { blockedOrigin: string | undefined }) {
  return (
    <main className="page">
      <section className="panel panel-error" role="alert" aria-labelledby="refusal-title">
        <h1 id="refusal-title">Snapshot Lens cannot be shown inside this page</h1>
        <p>
          {blockedOrigin ? (
            <>
              It is inside a page from <code>{blockedOrigin}</code>, which is not among the portals this Snapshot Lens
              allows.
            </>
          ) : (
            <>The pages around it could not all be identified, so they are not known to be portals this Snapshot Lens allows.</>
          )}{' '}
          Nothing was loaded from AWS.
        </p>
        <p>
          To embed it here, an administrator adds this page's origin to <code>embed.allowedOrigins</code> in Snapshot Lens's{' '}
          <code>config.json</code>.
        </p>
        <p>
          <a href={standaloneLink()} target="_blank" rel="noopener noreferrer">
            Open Snapshot Lens in its own tab
          </a>
        </p>
      </section>
    </main>
  )
}
