// The demo portal's own sign-in (authorization code with PKCE against the same OpenID provider, as the `ops-portal`
// client), and two <snapshot-lens> elements that get the portal user's ID token through getToken.
const config = await (await fetch('/portal-config.json')).json()
const discovery = await (await fetch(`${config.authority}/.well-known/openid-configuration`)).json()
const redirectUri = `${location.origin}/`
const store = sessionStorage

const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)))
const claims = (idToken) => JSON.parse(atob(idToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))

async function signIn() {
  const verifier = random()
  const state = random()
  store.setItem('portal.pkce', JSON.stringify({ verifier, state }))
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)))
  const url = new URL(discovery.authorization_endpoint)
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri,
    scope: 'openid profile email',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString()
  location.assign(url.href)
}

async function tokenRequest(form) {
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: config.clientId, ...form }),
  })
  if (!response.ok) throw new Error(`the provider answered ${response.status}`)
  const tokens = await response.json()
  const saved = { idToken: tokens.id_token, refreshToken: tokens.refresh_token ?? JSON.parse(store.getItem('portal.tokens') ?? '{}').refreshToken }
  store.setItem('portal.tokens', JSON.stringify(saved))
  return saved
}

async function completeSignIn() {
  const params = new URLSearchParams(location.search)
  const pkce = JSON.parse(store.getItem('portal.pkce') ?? 'null')
  history.replaceState(null, '', '/')
  store.removeItem('portal.pkce')
  if (!pkce || params.get('state') !== pkce.state || !params.get('code')) throw new Error('the sign-in answer does not match the request')
  await tokenRequest({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri, code_verifier: pkce.verifier })
}

/**
 * The portal user's ID token, renewed with the refresh token when asked to or when it is about to expire. Refresh
 * tokens rotate (each is spent by its use, and a spent one used again ends the sign-in), so the page's frames, which
 * ask at the same moment, share one renewal.
 */
let renewing
async function getToken(reason) {
  const saved = JSON.parse(store.getItem('portal.tokens') ?? 'null')
  if (!saved) throw new Error('nobody is signed in to the portal')
  const left = claims(saved.idToken).exp * 1000 - Date.now()
  if (reason === 'missing' && left > 5 * 60_000) return saved.idToken
  renewing ??= tokenRequest({ grant_type: 'refresh_token', refresh_token: saved.refreshToken }).finally(() => (renewing = undefined))
  return (await renewing).idToken
}

function log(text) {
  const item = document.createElement('li')
  item.textContent = `${new Date().toLocaleTimeString()} ${text}`
  document.getElementById('log').prepend(item)
}

if (new URLSearchParams(location.search).has('code')) {
  await completeSignIn().catch((error) => log(`sign-in failed: ${error.message}`))
}
const saved = JSON.parse(store.getItem('portal.tokens') ?? 'null')
document.getElementById('user').textContent = saved ? `Signed in as ${claims(saved.idToken).name ?? claims(saved.idToken).sub}` : 'Not signed in'
document.getElementById('sign-in').hidden = Boolean(saved)
document.getElementById('sign-out').hidden = !saved
document.getElementById('signed-out-note').hidden = Boolean(saved)
document.getElementById('sign-in').addEventListener('click', () => void signIn())
document.getElementById('sign-out').addEventListener('click', () => {
  store.removeItem('portal.tokens')
  location.assign('/')
})

// Snapshot Lens's snippet, from the app's own origin.
await new Promise((resolve, reject) => {
  const script = document.createElement('script')
  script.src = new URL('embed.js', config.app).href
  script.onload = resolve
  script.onerror = () => reject(new Error('embed.js did not load'))
  document.head.append(script)
})

function lens(host, attributes) {
  const element = document.createElement('snapshot-lens')
  element.setAttribute('src', config.app)
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value)
  element.getToken = getToken
  element.addEventListener('view', (event) => log(`${attributes.title}: now showing ${event.detail.url}`))
  element.addEventListener('error', (event) => log(`${attributes.title}: ${event.detail.kind}: ${event.detail.message}`))
  document.getElementById(host).append(element)
  return element
}

const one = lens('one', { region: 'us-east-2', snapshot: 'web-1-backup', title: 'Snapshot Lens: one snapshot' })
const inventory = lens('inventory', { title: 'Snapshot Lens: inventory' })
inventory.addEventListener('ready', () => inventory.navigate({ state: 'pending' }), { once: true })

for (const button of document.querySelectorAll('[data-navigate]')) {
  button.addEventListener('click', () => one.navigate(JSON.parse(button.dataset.navigate)))
}
const BRAND = { '--sl-accent': '#7b2cbf', '--sl-focus': '#9d4edd', '--sl-radius': '0', '--sl-font': 'Georgia, serif' }
for (const button of document.querySelectorAll('[data-theme]')) {
  button.addEventListener('click', () => {
    const mode = button.dataset.theme
    for (const element of [one, inventory]) element.setTheme(mode === 'brand' ? 'system' : mode, mode === 'brand' ? BRAND : undefined)
  })
}
