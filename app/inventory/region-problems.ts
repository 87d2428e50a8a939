// A region that did not answer, said in a few words beside its name: the other regions' rows stay on screen.
import { deniedRole, type AppError } from '../aws/errors.ts'

/** `actions`: the reads that were refused, for an access denied to name. */
export function regionProblem(error: AppError, actions: readonly string[] = ['GetInstanceSnapshots']): { text: string; retry: boolean } {
  if (error.source === 'cognito') return { text: 'the sign-in service did not hand out credentials', retry: true }
  switch (error.kind) {
    case 'access-denied': {
      const role = deniedRole(error.message)
      return {
        text: `access denied: ${role ? `the role ${role}` : 'your role'} may not call ${actions.map((a) => `lightsail:${a}`).join(' or ')} here; ask an administrator to allow it in this region`,
        retry: true,
      }
    }
    case 'account-setup':
      return { text: 'your Lightsail account is still being set up', retry: true }
    case 'region-setup':
      return { text: 'Lightsail is still being set up in this region', retry: true }
    case 'timeout':
      return { text: 'no answer in time', retry: true }
    case 'network':
      return { text: 'could not be reached', retry: true }
    case 'throttled':
      return { text: 'too many requests for now', retry: true }
    case 'service':
      return { text: 'Lightsail is having trouble here', retry: true }
    case 'relay':
      return { text: 'the relay in front of Snapshot Lens did not pass the request on', retry: false }
    default:
      return { text: error.message, retry: true }
  }
}
