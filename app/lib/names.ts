// Lightsail's rule for resource names, checked before any request so a typo costs no round trip.
export const NAME_RULE =
  'A snapshot name starts and ends with a letter or a number, and in between has only letters, numbers, underscores (_) and hyphens (-).'

const NAME_PATTERN = /^\w[\w-]*\w$/
export const MAX_NAME_LENGTH = 255

/** Undefined when the name is valid; otherwise what is wrong with it, in words. */
export function nameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'Enter a snapshot name.'
  if (name.length > MAX_NAME_LENGTH) return `The name is ${name.length} characters long; at most ${MAX_NAME_LENGTH} are allowed.`
  if (name.length < 2) return `"${name}" is too short: ${NAME_RULE}`
  if (!NAME_PATTERN.test(name)) {
    const bad = [...new Set([...name].filter((c) => !/[\w-]/.test(c)))]
    if (bad.length > 0) {
      const shown = bad.map((c) => (c === ' ' ? 'space' : `"${c}"`)).join(', ')
      return `"${name}" contains ${shown}, which ${bad.length === 1 ? 'is' : 'are'} not allowed. ${NAME_RULE}`
    }
    return `"${name}" starts or ends with a hyphen. ${NAME_RULE}`
  }
  return undefined
}
