import { defineErrors } from '../common/errors/error-spec';

/** The error codes of the auth feature: kind (hence HTTP status) and English default message. */
export const AUTH_ERRORS = defineErrors({
  SESSION_NOT_FOR_GATEWAYS: { kind: 'forbidden', message: 'A gateway credential cannot open a browser session' },
  ROUTE_HAS_NO_RULE: { kind: 'forbidden', message: 'This route declares no access rule and is closed' },
  TOKEN_EXPIRED: { kind: 'unauthenticated', message: 'The token has expired' },
  TOKEN_INVALID: { kind: 'unauthenticated', message: 'The bearer token is not valid' },
  TOKEN_NOT_FOUND: { kind: 'not_found', message: 'token {id} does not exist' },
  TOKEN_REVOKED: { kind: 'unauthenticated', message: 'The account this token was issued to is no longer active' },
});

export type AuthErrorCode = keyof typeof AUTH_ERRORS;
