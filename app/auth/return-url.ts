// Where the browser goes after signing in: back to the link it was on, and never anywhere but this app's origin, whatever
// the state parameter carried.

/** A same-origin path and query to return to; anything else falls back to the app's own page. */
export function safeReturn(home: URL, value: unknown): string {
  // eslint-disable-next-line no-control-regex
  if (typeof value !== 'string' || /[\\\u0000-\u001f]/.test(value)) return home.pathname
  try {
    const url = new URL(value, home)
    return url.origin === home.origin ? `${url.pathname}${url.search}` : home.pathname
  } catch {
    return home.pathname
  }
}
