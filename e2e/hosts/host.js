// A portal page for the end-to-end tests, on its own origin. `?mode=element` (the default) embeds Snapshot Lens with
// embed.js as a portal would; `?mode=raw` frames it by hand (with the diagnostics panel) so a test can post anything
// to it, beside sibling frames (`&sibling=<origin>`, repeated) that are not its parent. The page records every message
// it receives and every event the element dispatches, for the test to read.
const params = new URLSearchParams(location.search)
const app = new URL(params.get('app') ?? 'http://127.0.0.1:4598/')
const host = document.getElementById('lens')
// The portal's scrollbar is always there, so the frame's width stays put while its height follows the content.
document.documentElement.style.overflowY = 'scroll'

// `below=1`: the frame starts below the fold, as in a long portal page.
if (params.get('below') === '1') host.before(Object.assign(document.createElement('div'), { className: 'spacer', textContent: 'Above the fold' }))
for (const spacer of document.querySelectorAll('.spacer')) spacer.style.height = '3000px'

window.received = []
window.addEventListener('message', (event) => window.received.push({ origin: event.origin, data: event.data }))
window.events = []

if (params.get('mode') === 'raw') {
  const url = new URL(app)
  for (const key of ['region', 'snapshot', 'theme']) if (params.has(key)) url.searchParams.set(key, params.get(key))
  url.searchParams.set('embed', '1')
  url.searchParams.set('embed-debug', '1')
  const frame = document.createElement('iframe')
  frame.title = 'Snapshot Lens'
  frame.src = url.href
  frame.style.cssText = 'display:block;width:100%;height:40rem;border:0'
  host.append(frame)
  window.sendToApp = (data) => frame.contentWindow.postMessage(data, app.origin)
  for (const origin of params.getAll('sibling')) {
    const sibling = document.createElement('iframe')
    sibling.title = `Another frame from ${origin}`
    sibling.src = new URL('/sibling.html', origin).href
    host.append(sibling)
  }
} else {
  await new Promise((resolve, reject) => {
    const script = document.createElement('script')
    script.src = new URL('embed.js', app).href
    script.onload = resolve
    script.onerror = () => reject(new Error('embed.js did not load'))
    document.head.append(script)
  })
  const element = document.createElement('snapshot-lens')
  element.setAttribute('src', app.href)
  for (const key of ['region', 'snapshot', 'theme']) if (params.has(key)) element.setAttribute(key, params.get(key))
  element.setAttribute('title', 'Snapshot Lens')
  // The test hands tokens over through `portalToken` (a function it exposes to the page), as a portal's sign-in would.
  if (params.get('token') !== 'none') element.getToken = (reason) => window.portalToken(reason)
  for (const name of ['ready', 'view', 'error']) element.addEventListener(name, (event) => window.events.push({ type: name, detail: event.detail }))
  host.append(element)
  window.lens = element
}
