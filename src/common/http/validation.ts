import { ArgumentMetadata, HttpException, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldProblem, ValidationFailed } from '../errors/domain-error';

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) out.push({ field, messages: Object.values(error.constraints) });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

// NUL (PostgreSQL text cannot hold it) and unpaired surrogates (not text at all).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNREADABLE = { test: (s: string): boolean => s.includes('\u0000') || LONE_SURROGATE.test(s) };

/**
 * The first field holding text no database keeps as sent: PostgreSQL refuses NUL in text (a 500 on a login with
 * "user\u0000", found by the hostile-input test) and both databases would store an unpaired surrogate as U+FFFD.
 */
export function unreadableText(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return UNREADABLE.test(value) ? path : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    const found = UNREADABLE.test(k) ? `${path}.${k}` : unreadableText(v, `${path}.${k}`, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * A validator that throws instead of answering is refusing hostile input, not failing us: class-validator's
 * IsEmail runs encodeURI, which throws a URIError on an unpaired UTF-16 surrogate ("\ud800" in JSON), and that
 * was a 500. Found by the OpenAPI fuzzer (test/hardening/fuzz-openapi.spec.ts).
 */
class RefusingValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const field = unreadableText(value, metadata.data ?? metadata.type);
      if (field) throw new ValidationFailed([{ field, messages: ['contains a NUL character or an unpaired UTF-16 surrogate'] }]);
    }
    try {
      return await super.transform(value, metadata);
    } catch (err) {
      if (err instanceof DomainError || err instanceof HttpException) throw err;
      throw new ValidationFailed([
        { field: metadata.data ?? metadata.type, messages: ['contains text that cannot be read (such as an unpaired UTF-16 surrogate)'] },
      ]);
    }
  }
}

/** Bodies and queries: unknown fields refused, every failing field listed in one 400. */
export function createValidationPipe(): ValidationPipe {
  return new RefusingValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailed(flattenValidationErrors(errors)),
  });
}
