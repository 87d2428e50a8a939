// What each kind of failure means to an operations engineer, and what to do next. Plain words; the service's own
// message and request id are shown beside this, never instead of it. Failures of Cognito Identity (the sign-in
// service that hands out AWS credentials) are named as its own, not Lightsail's.
import { deniedRole, type AppError } from '../aws/errors.ts'
import { CALL_TIMEOUT_MS } from '../aws/timeouts.ts'

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
  /** An instance snapshot unless said otherwise. */
  kind?: 'instance' | 'disk'
}

const SECONDS = CALL_TIMEOUT_MS / 1000

/** Failures any AWS service can have, worded for the service that had them. */
function generic(kind: AppError['kind'], service: string, detail: string): ErrorCopy | undefined {
  switch (kind) {
    case 'service':
      return {
        title: `${service} is having trouble`,
        explanation: `${detail}The service answered with an internal error, even after retrying.`,
        nextStep: 'Try again in a moment. If it persists, check the AWS Health Dashboard.',
        retry: true,
      }
    case 'throttled':
      return {
        title: `Too many requests: ${service} is slowing us down`,
        explanation: `${detail}This account made more requests than the service allows for now, and the automatic retries ran out.`,
        nextStep: 'Wait a few seconds, then try again. Other tools using this account may be busy too.',
        retry: true,
      }
    case 'network':
      return {
        title: `${service} could not be reached`,
        explanation: `${detail}The request did not get an answer: the network, the relay in front of this app, or the service is down.`,
        nextStep: 'Check your connection and try again. If you run this app yourself, check that its relay (or the emulator) is running.',
        retry: true,
      }
    case 'timeout':
      return {
        title: `${service} did not answer in time`,
        explanation: `${detail}Snapshot Lens waited ${SECONDS} seconds, retries included, without an answer.`,
        nextStep: 'Try again. If it keeps happening, the network or the relay in front of this app may be stalling.',
        retry: true,
      }
    case 'relay':
      return {
        title: `The web server in front of Snapshot Lens did not pass the request on to ${service}`,
        explanation: `${detail}The relay on this site refused the request or is not set up at the path config.json names.`,
        nextStep: 'Tell whoever runs this Snapshot Lens: the relay paths in config.json and the web server must agree (see the README, "The relay").',
        retry: false,
      }
    case 'malformed':
      return {
        title: `${service} sent an answer Snapshot Lens cannot use`,
        explanation: `${detail}The answer was incomplete or not in the format the API promises; a proxy may have changed it.`,
        nextStep: 'Try again. If it persists, report the message and request id below.',
        retry: true,
      }
    default:
      return undefined
  }
}

const COGNITO = 'The sign-in service'
const COGNITO_DETAIL = 'Amazon Cognito hands this page its temporary AWS credentials. '

function cognitoCopy(kind: AppError['kind']): ErrorCopy {
  const copy = generic(kind, COGNITO, COGNITO_DETAIL)
  if (copy) return copy
  if (kind === 'credentials') {
    return {
      title: 'The sign-in service refused to hand out credentials',
      explanation: `${COGNITO_DETAIL}It refused: the identity pool may be wrong, or it does not accept this kind of identity.`,
      nextStep: 'Try again. If it persists, check cognito.identityPoolId and cognito.region in config.json.',
      retry: true,
    }
  }
  return {
    title: 'Something unexpected went wrong while getting credentials',
    explanation: `${COGNITO_DETAIL}The request failed in a way Snapshot Lens does not recognise.`,
    nextStep: 'Try again; if it persists, report the message and request id below.',
    retry: true,
  }
}

export function errorCopy(error: Pick<AppError, 'kind' | 'source'> & { message?: string }, context: ErrorContext): ErrorCopy {
  const { region, name, action } = context
  if (error.source === 'cognito') return cognitoCopy(error.kind)
  const copy = generic(error.kind, 'Lightsail', '')
  if (copy) return copy
  switch (error.kind) {
    case 'not-found':
      return {
        title: `No snapshot named ${name} in ${region}`,
        explanation: `Lightsail has no ${context.kind === 'disk' ? 'disk' : 'instance'} snapshot by that name in this region. Names are case-sensitive, and each region keeps its own snapshots.`,
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
    case 'access-denied': {
      // IAM names the role in its message: "…assumed-role/<role>/CognitoIdentityCredentials is not authorized…".
      const role = deniedRole(error.message)
      return {
        title: `Access denied in ${region}`,
        explanation: `Your role${role ? `, ${role},` : ''} is not allowed to perform lightsail:${action} here.`,
        nextStep: `Ask your AWS administrator to allow lightsail:${action} (read-only) for ${role ? `the role ${role}` : 'the role your identity pool gives you'}, in ${region}.`,
        retry: false,
      }
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
    case 'credentials':
      return {
        title: 'Lightsail refused the credentials',
        explanation: 'The temporary credentials from Cognito were not accepted: they may have been revoked, or this computer\'s clock may be far off.',
        nextStep: 'Try again. If it persists, check cognito.identityPoolId and cognito.region in config.json, and the clock of this computer.',
        retry: true,
      }
    default:
      return {
        title: 'Something unexpected went wrong',
        explanation: 'The request failed in a way Snapshot Lens does not recognise.',
        nextStep: 'Try again; if it persists, report the message and request id below.',
        retry: true,
      }
  }
}
