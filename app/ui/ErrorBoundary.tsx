import { Component, type ReactNode } from 'react'

/** Keeps one broken part from blanking the page: it says what failed and the rest keeps working. */
export class ErrorBoundary extends Component<{ label: string; children: ReactNode }, { error?: Error }> {
  state: { error?: Error } = {}

  static getDerivedStateFromError(error: Error) {
    return { error }
  }

  render() {
    if (!this.state.error) return this.props.children
    return (
      <section className="panel panel-error" role="alert">
        <h2>{this.props.label} could not be shown</h2>
        <p>Something in this part of the page failed: {this.state.error.message}</p>
        <button type="button" className="button" onClick={() => this.setState({ error: undefined })}>
          Try again
        </button>
      </section>
    )
  }
}
