// Lightsail's rule for resource names, checked before any request so a typo costs no round trip.
export const NAME_RULE =
  'A snapshot name starts and ends with a letter or a number, and in between has only letters, numbers, underscores (_) and hyphens (-).'

const NAME_PATTERN = /^\w[\w-]*\w$/
export const MAX_NAME_LENGTH = 255

/** Undefined when the name is valid; otherwise what is wrong with it, in words. The rule is the same for any Lightsail
 * resource: `what` names it (a snapshot, an instance, a disk). */
export function nameProblem(name: string, what = 'snapshot'): string | undefined {
  const a = what === 'instance' ? 'an' : 'a'
  const rule = NAME_RULE.replace('A snapshot', `${a === 'an' ? 'An' : 'A'} ${what}`)
  if (name.trim() === '') return `Enter ${a} ${what} name.`
  if (name.length > MAX_NAME_LENGTH) return `The name is ${name.length} characters long; at most ${MAX_NAME_LENGTH} are allowed.`
  if (name.length < 2) return `"${name}" is too short: ${rule}`
  if (!NAME_PATTERN.test(name)) {
    const bad = [...new Set([...name].filter((c) => !/[\w-]/.test(c)))]
    if (bad.length > 0) {
      const shown = bad.map((c) => (c === ' ' ? 'space' : `"${c}"`)).join(', ')
      return `"${name}" contains ${shown}, which ${bad.length === 1 ? 'is' : 'are'} not allowed. ${rule}`
    }
    return `"${name}" starts or ends with a hyphen. ${rule}`
  }
  return undefined
}
