/**
 * The kinds of error and the HTTP status each one answers with (the filter maps nothing else). The first eight
 * are the kinds domain code throws; the last five only the HTTP layer produces (body parser, routing, the
 * catch-all), listed so that every code the API can answer is in one catalog.
 */
export const STATUS_BY_KIND = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule: 422,
  rate_limited: 429,
  unavailable: 503,
  method_not_allowed: 405,
  not_acceptable: 406,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
} as const;

export type ErrorKind = keyof typeof STATUS_BY_KIND;

/**
 * One closed error code: its kind (hence its HTTP status), the English default message of the catalog, and the
 * Italian text the pages show (`it`, required: a code without it does not compile). `it` is a template read by
 * `renderItalian` (italian-message.ts): `{key}` is filled from the error's `details` (`{a|b}`: the first key
 * present), and every placeholder sits inside an optional segment `[...]` that is left out when a value is
 * missing, so the sentence reads well either way: `Il dipendente[ {id}] non esiste`.
 */
export interface ErrorSpec {
  readonly kind: ErrorKind;
  readonly message: string;
  readonly it: string;
}

export type ErrorList = Readonly<Record<string, ErrorSpec>>;

/**
 * Declares a feature's error codes (`src/<feature>/<feature>.errors.ts`). The `const` type parameter keeps each
 * code's kind as a literal, so `DomainError` constructors accept only codes of their own kind.
 */
export function defineErrors<const T extends Record<string, ErrorSpec>>(errors: T): T {
  return errors;
}

/** The codes of a list whose kind is K. */
export type CodesOfKind<L extends ErrorList, K extends ErrorKind> = { [C in keyof L]: L[C]['kind'] extends K ? C : never }[keyof L] & string;
