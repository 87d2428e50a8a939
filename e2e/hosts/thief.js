// The attacker's page of the end-to-end tests, served at the root of its own port: any page on a loopback port that
// the emulator's sign-in does not know, trying to take the tokens of a user who is signed in there (issue 18). It
// makes its own PKCE pair and asks the provider for a code for the app's client, sent to itself (the default) or to
// the app's page with a state of its own (`?to=app`); back with a code, it redeems it. `?probe=refresh&token=…` tries
// a refresh token from here. What it got is in `window.outcome` (and on the page), for the test to read.
const params = new URLSearchParams(location.search)
const { authority } = await (await fetch('/portal-config.json')).json()
const self = `${location.origin}/`
const appPage = params.get('app') ?? 'http://127.0.0.1:4598/'

const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

async function tokenRequest(form) {
  try {
    const response = await fetch(`${authority}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'snapshot-lens', ...form }),
    })
    return { read: response.status, body: await response.json() }
  } catch (error) {
    // What the browser says when the answer carries no CORS header for this page's origin.
    return { blocked: String(error) }
  }
}

function done(outcome) {
  window.outcome = outcome
  document.getElementById('outcome').textContent = JSON.stringify(outcome)
}

if (params.has('code')) {
  const { verifier } = JSON.parse(sessionStorage.getItem('thief.pkce') ?? '{}')
  done({ code: true, ...(await tokenRequest({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: self, code_verifier: verifier })) })
} else if (params.get('probe') === 'refresh') {
  done(await tokenRequest({ grant_type: 'refresh_token', refresh_token: params.get('token') ?? '' }))
} else {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)))
  sessionStorage.setItem('thief.pkce', JSON.stringify({ verifier }))
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)))
  const url = new URL(`${authority}/auth`)
  url.search = new URLSearchParams({
    client_id: 'snapshot-lens',
    response_type: 'code',
    scope: 'openid profile email',
    redirect_uri: params.get('to') === 'app' ? appPage : self,
    state: 'thief-0123456789abcdef',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString()
  location.assign(url.href)
}
