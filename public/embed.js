/*
 * Snapshot Lens for portals: <snapshot-lens src="https://lens.example.com/" region="us-east-2" snapshot="web-1-backup"
 * theme="dark"></snapshot-lens>, and `element.getToken = async (reason) => idToken` for single sign-on.
 * No dependencies. It speaks the embedding protocol (docs/embedding.md): it sizes the frame to the content, answers
 * token requests with getToken, re-dispatches `ready`, `view` and `error` as DOM events on the element, and offers
 * navigate({ region, snapshot, q, state, ... }) and setTheme(mode, tokens). Messages go to the app's exact origin only,
 * and only messages from its own frame, at that origin, are read.
 */
(function () {
  'use strict'
  if (typeof window === 'undefined' || !window.customElements || window.customElements.get('snapshot-lens')) return

  const PROTOCOL = 'snapshot-lens'
  const VERSION = 1
  const VIEW_ATTRIBUTES = ['region', 'snapshot']
  const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value)

  class SnapshotLens extends HTMLElement {
    static get observedAttributes() {
      return ['src', 'region', 'snapshot', 'theme', 'title']
    }

    constructor() {
      super()
      this._frame = null
      this._origin = null
      this._ready = false
      this._queue = []
      this._onMessage = this._onMessage.bind(this)
      /** Set by the portal: async (reason) => the signed-in user's ID token. */
      this.getToken = null
    }

    connectedCallback() {
      window.addEventListener('message', this._onMessage)
      if (!this._frame) this._build()
    }

    disconnectedCallback() {
      window.removeEventListener('message', this._onMessage)
    }

    attributeChangedCallback(name, before, after) {
      if (before === after || !this._frame) return
      if (name === 'src') return this._build()
      if (name === 'title') return this._frame.setAttribute('title', after || 'Snapshot Lens')
      if (name === 'theme') return this.setTheme(after || 'system')
      const params = {}
      for (const key of VIEW_ATTRIBUTES) {
        const value = this.getAttribute(key)
        if (value) params[key] = value
      }
      this.navigate(params)
    }

    /** Shows another view: parameters only (region, snapshot and the inventory's filters), never a URL. */
    navigate(params) {
      this._send('navigate', isObject(params) ? params : {})
    }

    /** mode: 'light' | 'dark' | 'system'; tokens: { '--sl-accent': '#0b5cad', ... } (docs/embedding.md). */
    setTheme(mode, tokens) {
      const payload = { mode: mode || 'system' }
      if (tokens) payload.tokens = tokens
      this._send('theme', payload)
    }

    _build() {
      const src = this.getAttribute('src')
      if (!src) return
      let url
      try {
        url = new URL(src, document.baseURI)
      } catch {
        return
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return
      for (const key of [...VIEW_ATTRIBUTES, 'theme']) {
        const value = this.getAttribute(key)
        if (value) url.searchParams.set(key, value)
      }
      url.searchParams.set('embed', '1')
      if (this._frame) this._frame.remove()
      const frame = document.createElement('iframe')
      frame.setAttribute('title', this.getAttribute('title') || 'Snapshot Lens')
      // The app checks who frames it: the referrer's origin is its fallback where ancestorOrigins is missing.
      frame.setAttribute('referrerpolicy', 'origin')
      frame.setAttribute('allow', 'clipboard-write')
      frame.style.cssText = 'display:block;width:100%;border:0;height:12rem'
      frame.src = url.href
      this._origin = url.origin
      this._ready = false
      this._frame = frame
      this.appendChild(frame)
    }

    _send(type, payload) {
      const message = { protocol: PROTOCOL, version: VERSION, type, payload }
      if (!this._ready || !this._frame || !this._frame.contentWindow) {
        this._queue.push(message)
        return
      }
      this._frame.contentWindow.postMessage(message, this._origin)
    }

    _emit(name, detail) {
      this.dispatchEvent(new CustomEvent(name, { detail }))
    }

    _onMessage(event) {
      if (!this._frame || event.source !== this._frame.contentWindow || event.origin !== this._origin) return
      const data = event.data
      if (!isObject(data) || data.protocol !== PROTOCOL || data.version !== VERSION || typeof data.type !== 'string') return
      const payload = isObject(data.payload) ? data.payload : {}
      switch (data.type) {
        case 'ready': {
          this._ready = true
          const queued = this._queue
          this._queue = []
          for (const message of queued) this._frame.contentWindow.postMessage(message, this._origin)
          this._emit('ready', payload)
          return
        }
        case 'resize': {
          const height = payload.height
          if (typeof height === 'number' && Number.isFinite(height) && height >= 0 && height <= 100000) this._frame.style.height = `${Math.ceil(height)}px`
          return
        }
        case 'view':
        case 'error':
          this._emit(data.type, payload)
          return
        case 'token-request': {
          const getToken = this.getToken
          if (typeof getToken !== 'function') return
          Promise.resolve()
            .then(() => getToken(payload.reason))
            .then((idToken) => {
              if (typeof idToken === 'string' && idToken) this._send('token', { idToken })
            })
            .catch((error) => this._emit('error', { kind: 'token', message: String((error && error.message) || error) }))
          return
        }
      }
    }
  }

  window.customElements.define('snapshot-lens', SnapshotLens)
})()
