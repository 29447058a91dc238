import type { CodeOf } from './error-catalog';
import type { ErrorKind } from './error-spec';

export type { ErrorKind } from './error-spec';

/**
 * Domain errors carry a closed SNAKE_CASE code from the catalog (`error-catalog.ts`, composed of every feature's
 * `<feature>.errors.ts`); the HTTP status is decided in one place (`http-error.filter.ts`) from the error's kind,
 * so jobs and the CLI can reuse the same rules. Each class accepts only the codes the catalog declares with its
 * kind: throwing `new Conflict('VPN_ACCOUNT_NOT_FOUND', …)` or an unlisted code does not compile.
 */
export class DomainError<K extends ErrorKind = ErrorKind> extends Error {
  constructor(
    readonly kind: K,
    readonly code: CodeOf<K>,
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

export class ValidationFailed extends DomainError<'validation'> {
  /**
   * @param italianFields the same problems in Italian (the validation pipe gives them), answered instead of
   * `fields` when the request asks for Italian; kept out of `details` so the English answer stays as it was.
   */
  constructor(
    fields: FieldProblem[],
    message = 'The request is not valid',
    code: CodeOf<'validation'> = 'VALIDATION_FAILED',
    readonly italianFields?: FieldProblem[],
  ) {
    super('validation', code, message, { fields });
  }
}

export class NotFound extends DomainError<'not_found'> {
  constructor(code: CodeOf<'not_found'>, message: string, details?: Record<string, unknown>) {
    super('not_found', code, message, details);
  }

  /** The usual shape: "<entity> <id> does not exist", details { entity, id }. */
  static entity(code: CodeOf<'not_found'>, entity: string, id: string | number): NotFound {
    return new NotFound(code, `${entity} ${id} does not exist`, { entity, id });
  }
}

export class Conflict extends DomainError<'conflict'> {
  constructor(code: CodeOf<'conflict'>, message: string, details?: Record<string, unknown>) {
    super('conflict', code, message, details);
  }
}

export class RuleViolation extends DomainError<'rule'> {
  constructor(code: CodeOf<'rule'>, message: string, details?: Record<string, unknown>) {
    super('rule', code, message, details);
  }
}

export class Unauthenticated extends DomainError<'unauthenticated'> {
  constructor(code: CodeOf<'unauthenticated'> = 'UNAUTHENTICATED', message = 'A valid bearer token is required') {
    super('unauthenticated', code, message);
  }
}

export class Forbidden extends DomainError<'forbidden'> {
  constructor(code: CodeOf<'forbidden'> = 'FORBIDDEN', message = 'Your role does not allow this action', details?: Record<string, unknown>) {
    super('forbidden', code, message, details);
  }
}

export class Unavailable extends DomainError<'unavailable'> {
  constructor(code: CodeOf<'unavailable'>, message: string, details?: Record<string, unknown>) {
    super('unavailable', code, message, details);
  }
}

/** Too many attempts (login throttling); the filter adds `Retry-After`. */
export class TooManyRequests extends DomainError<'rate_limited'> {
  constructor(
    code: CodeOf<'rate_limited'>,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', code, message, { retryAfterSeconds });
  }
}
