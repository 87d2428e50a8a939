// What each kind of failure means to an operations engineer, and what to do next. Plain words; the service's own
// message and request id are shown beside this, never instead of it.
import type { AppErrorKind } from '../aws/errors.ts'

export interface ErrorCopy {
  title: string
  explanation: string
  nextStep: string
  /** Whether trying again can help without the user changing anything. */
  retry: boolean
}

export interface ErrorContext {
  region: string
  name: string
  action: string
}

export function errorCopy(kind: AppErrorKind, { region, name, action }: ErrorContext): ErrorCopy {
  switch (kind) {
    case 'not-found':
      return {
        title: `No snapshot named ${name} in ${region}`,
        explanation: 'Lightsail has no instance snapshot by that name in this region. Names are case-sensitive, and each region keeps its own snapshots.',
        nextStep: 'Check the spelling and the region, or pick another region below. The snapshot may also have been deleted.',
        retry: false,
      }
    case 'invalid-input':
      return {
        title: 'Lightsail refused the request as invalid',
        explanation: 'The service did not accept the snapshot name or another parameter.',
        nextStep: 'Check the name against the rule shown in the lookup form, then look it up again.',
        retry: false,
      }
    case 'access-denied':
      return {
        title: `Access denied in ${region}`,
        explanation: `Your role is not allowed to perform lightsail:${action} here.`,
        nextStep: `Ask your AWS administrator to allow lightsail:${action} (read-only) for the role your identity pool gives you, in ${region}.`,
        retry: false,
      }
    case 'unauthenticated':
      return {
        title: 'You are not signed in to Lightsail',
        explanation: 'The service could not tell who is asking.',
        nextStep: 'Reload the page to get fresh credentials; if it persists, your identity pool may need signed-in users.',
        retry: true,
      }
    case 'account-setup':
      return {
        title: 'Your Lightsail account is still being set up',
        explanation: 'New accounts take a few minutes before Lightsail answers.',
        nextStep: 'Wait a few minutes, then try again.',
        retry: true,
      }
    case 'region-setup':
      return {
        title: `Lightsail is still being set up in ${region}`,
        explanation: 'This region is not ready for your account yet.',
        nextStep: 'Try again in a few minutes, or look in another region.',
        retry: true,
      }
    case 'operation-failure':
      return {
        title: 'Lightsail could not complete the request',
        explanation: 'The operation failed on the service side.',
        nextStep: 'Try again; if it keeps failing, contact AWS Support with the request id below.',
        retry: true,
      }
    case 'service':
      return {
        title: 'Lightsail is having trouble',
        explanation: 'The service answered with an internal error, even after retrying.',
        nextStep: 'Try again in a moment. If it persists, check the AWS Health Dashboard.',
        retry: true,
      }
    case 'throttled':
      return {
        title: 'Too many requests: Lightsail is slowing us down',
        explanation: 'Your account made more requests than Lightsail allows for now, and the automatic retries ran out.',
        nextStep: 'Wait a few seconds, then try again. Other tools using this account may be busy too.',
        retry: true,
      }
    case 'network':
      return {
        title: 'Lightsail could not be reached',
        explanation: 'The request did not get an answer: the network, the relay in front of this app, or the service is down.',
        nextStep: 'Check your connection and try again. If you run this app yourself, check that its relay (or the emulator) is running.',
        retry: true,
      }
    case 'credentials':
      return {
        title: 'Could not get valid AWS credentials',
        explanation: 'Cognito Identity did not give credentials that Lightsail accepts: the identity pool may be wrong, or the credentials were refused.',
        nextStep: 'Try again. If it persists, check cognito.identityPoolId and cognito.region in config.json.',
        retry: true,
      }
    case 'unknown':
      return {
        title: 'Something unexpected went wrong',
        explanation: 'The request failed in a way Snapshot Lens does not recognise.',
        nextStep: 'Try again; if it persists, report the message and request id below.',
        retry: true,
      }
  }
}
