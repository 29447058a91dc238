/**
 * Domain errors carry a stable SNAKE_CASE code; the HTTP status is decided in one place
 * (`http-error.filter.ts`) from the error's kind, so jobs and the CLI can reuse the same rules.
 */
export type ErrorKind = 'validation' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rule' | 'rate_limited' | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export interface FieldProblem {
  field: string;
  messages: string[];
}

export class ValidationFailed extends DomainError {
  constructor(fields: FieldProblem[], message = 'The request is not valid', code = 'VALIDATION_FAILED') {
    super('validation', code, message, { fields });
  }
}

export class NotFound extends DomainError {
  constructor(entity: string, id: string | number) {
    // 'vpn account' → VPN_ACCOUNT_NOT_FOUND: a code is SNAKE_CASE whatever the entity's display name
    super('not_found', `${entity.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_NOT_FOUND`, `${entity} ${id} does not exist`, { entity, id });
  }
}

export class Conflict extends DomainError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super('conflict', code, message, details);
  }
}

export class RuleViolation extends DomainError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super('rule', code, message, details);
  }
}

export class Unauthenticated extends DomainError {
  constructor(code = 'UNAUTHENTICATED', message = 'A valid bearer token is required') {
    super('unauthenticated', code, message);
  }
}

export class Forbidden extends DomainError {
  constructor(code = 'FORBIDDEN', message = 'Your role does not allow this action', details?: Record<string, unknown>) {
    super('forbidden', code, message, details);
  }
}

export class Unavailable extends DomainError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super('unavailable', code, message, details);
  }
}

/** Too many attempts (login throttling); the filter adds `Retry-After`. */
export class TooManyRequests extends DomainError {
  constructor(code: string, message: string, readonly retryAfterSeconds: number) {
    super('rate_limited', code, message, { retryAfterSeconds });
  }
}
