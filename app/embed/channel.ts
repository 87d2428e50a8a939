// The frame's side of the embedding protocol: one listener for the portal's messages (checked in protocol.ts), and
// posts to the parent window at the portal's exact origin, never "*". Loaded only when the page is framed by an
// allowed portal.
import { navigate, parseView, standaloneLink } from '../lib/url.ts'
import { checkMessage, envelope, THEME_TOKENS, type IgnoredReason, type Incoming, type OutgoingPayloads, type TokenRequestReason, type ViewReport } from './protocol.ts'

/** How often the diagnostics panel's counts are brought up to date, at most. */
const COUNTS_EVERY_MS = 100

export interface Counts {
  accepted: number
  ignored: Record<IgnoredReason, number>
  /** The last ignored message's reason and detail, for the diagnostics panel. */
  lastIgnored?: string
  sent: number
}

export class EmbedChannel {
  private readonly counts: Counts = { accepted: 0, ignored: { origin: 0, source: 0, envelope: 0, version: 0, type: 0, payload: 0 }, sent: 0 }
  private readonly countListeners = new Set<() => void>()
  private readonly tokenListeners = new Set<(idToken: string) => void>()
  private themed: string[] = []
  private snapshotOfCounts: Counts = structuredClone(this.counts)
  private countsDue: ReturnType<typeof setTimeout> | undefined

  constructor(
    readonly parentOrigin: string,
    private readonly allowedOrigins: readonly string[],
    private readonly parent: Window = window.parent,
  ) {
    window.addEventListener('message', this.onMessage)
  }

  dispose(): void {
    window.removeEventListener('message', this.onMessage)
    clearTimeout(this.countsDue)
  }

  post<T extends keyof OutgoingPayloads>(type: T, payload: OutgoingPayloads[T]): void {
    this.parent.postMessage(envelope(type, payload), this.parentOrigin)
    this.counts.sent += 1
    this.changed()
  }

  /** Every token the portal hands over, asked for or not. */
  onToken(listener: (idToken: string) => void): () => void {
    this.tokenListeners.add(listener)
    return () => this.tokenListeners.delete(listener)
  }

  /** Asks the portal for an ID token; resolves with the next one it hands over, rejects after `timeoutMs`. */
  requestToken(reason: TokenRequestReason, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stop()
        reject(new Error(`The portal did not hand over a sign-in token within ${Math.round(timeoutMs / 1000)} s.`))
      }, timeoutMs)
      const stop = this.onToken((token) => {
        clearTimeout(timer)
        stop()
        resolve(token)
      })
      this.post('token-request', { reason })
    })
  }

  readonly currentCounts = (): Counts => this.snapshotOfCounts

  readonly subscribeCounts = (listener: () => void): (() => void) => {
    this.countListeners.add(listener)
    return () => this.countListeners.delete(listener)
  }

  /**
   * The counts changed: their readers (the diagnostics panel) hear of it at most every COUNTS_EVERY_MS, so a portal
   * that floods the frame with messages does not make it redraw once per message.
   */
  private changed(): void {
    if (this.countsDue !== undefined) return
    this.countsDue = setTimeout(() => {
      this.countsDue = undefined
      this.snapshotOfCounts = structuredClone(this.counts)
      for (const listener of this.countListeners) listener()
    }, COUNTS_EVERY_MS)
  }

  private readonly onMessage = (event: MessageEvent): void => {
    const checked = checkMessage(event, {
      parent: this.parent,
      allowedOrigins: this.allowedOrigins,
      supports: (property, value) => CSS.supports(property, value),
    })
    if (!checked.ok) {
      this.counts.ignored[checked.reason] += 1
      this.counts.lastIgnored = `${checked.reason}: ${checked.detail}`
      this.changed()
      return
    }
    this.counts.accepted += 1
    this.changed()
    this.handle(checked.message)
  }

  private handle(message: Incoming): void {
    switch (message.type) {
      case 'token':
        for (const listener of [...this.tokenListeners]) listener(message.idToken)
        return
      case 'navigate': {
        // The portal keeps its own history: its steering replaces the frame's entry rather than adding one.
        const now = parseView(window.location.search)
        navigate({ ...message.view, theme: now.theme, embed: now.embed }, { replace: true })
        return
      }
      case 'theme': {
        const root = document.documentElement
        for (const name of this.themed) root.style.removeProperty(name)
        this.themed = []
        for (const [name, value] of Object.entries(message.tokens)) {
          if (!Object.hasOwn(THEME_TOKENS, name)) continue
          root.style.setProperty(name, value)
          this.themed.push(name)
        }
        const now = parseView(window.location.search)
        navigate({ ...now, theme: message.mode === 'system' ? undefined : message.mode }, { replace: true })
        return
      }
    }
  }
}

/** The standalone link to what this frame shows: the same view without `embed`. */
export function viewReport(): ViewReport {
  const view = parseView(window.location.search)
  const url = standaloneLink()
  return { ...(view.region ? { region: view.region } : {}), ...(view.snapshot ? { snapshot: view.snapshot } : {}), url }
}
