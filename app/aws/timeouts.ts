// How long the app waits for AWS. A stalled connection must end in a message, never in "Loading" forever.

/** One HTTP attempt may take this long before the SDK gives up on it (and retries, within the call's limit). */
export const REQUEST_TIMEOUT_MS = 10_000
/** A whole call, its retries and the credentials it waits for included. Past it, the page shows a timeout panel. */
export const CALL_TIMEOUT_MS = 20_000
/** After this long without an answer, the page says it is still waiting and offers to stop. */
export const STILL_WAITING_MS = 5_000
