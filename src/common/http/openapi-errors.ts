import type { OpenAPIObject } from '@nestjs/swagger';
import { ERROR_CATALOG, ErrorCode, GATE_REFUSAL_MESSAGES, statusOf } from '../errors/error-catalog';
import { ERROR_CODES_EXTENSION } from './api-errors';

/** A route as the access rules see it: is it open without credentials? */
export interface RouteAccess {
  method: string;
  path: string;
  public: boolean;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;
const WITH_BODY = new Set(['post', 'put', 'patch']);

/** Codes every operation may answer: the catch-all and a storage that refuses. */
const EVERY_ROUTE: ErrorCode[] = ['INTERNAL_ERROR', 'DATABASE_UNAVAILABLE'];
/** A route with parameters or a body: the global validation pipe. */
const WITH_INPUT: ErrorCode[] = ['VALIDATION_FAILED'];
/** A route that reads a body: the body parser. */
const BODY: ErrorCode[] = ['MALFORMED_JSON', 'PAYLOAD_TOO_LARGE'];
/** A route behind the auth guard (bearer token or session cookie). */
const AUTHENTICATED: ErrorCode[] = ['UNAUTHENTICATED', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'TOKEN_REVOKED', 'FORBIDDEN'];
/** A state-changing route behind the guard: a cookie session must send the CSRF header. */
const AUTHENTICATED_CHANGE: ErrorCode[] = ['CSRF_HEADER_MISSING'];

export const ERROR_BODY_SCHEMA = 'ErrorBody';

/** Express path `/a/:id` → OpenAPI `/a/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** The codes an operation may answer: its declared ones (`@ApiErrors`) and the generic ones of its kind of route. */
export function operationCodes(method: string, operation: Record<string, unknown>, isPublic: boolean, path = ''): ErrorCode[] {
  const declared = (operation[ERROR_CODES_EXTENSION] as ErrorCode[] | undefined) ?? [];
  const hasInput = path.includes('{') || (Array.isArray(operation.parameters) && operation.parameters.length > 0) || operation.requestBody !== undefined;
  const codes = new Set<ErrorCode>([...declared, ...EVERY_ROUTE]);
  if (hasInput) WITH_INPUT.forEach((c) => codes.add(c));
  if (WITH_BODY.has(method)) BODY.forEach((c) => codes.add(c));
  if (!isPublic) AUTHENTICATED.forEach((c) => codes.add(c));
  if (!isPublic && method !== 'get' && method !== 'head') AUTHENTICATED_CHANGE.forEach((c) => codes.add(c));
  for (const code of codes)
    if (!(code in ERROR_CATALOG)) throw new Error(`${method.toUpperCase()} operation declares ${code}, which is not in the error catalog`);
  return [...codes].sort();
}

function describe(code: ErrorCode): string {
  const line = `- \`${code}\`: ${ERROR_CATALOG[code].message}`;
  if (code !== 'GATE_REFUSED') return line;
  const reasons = Object.entries(GATE_REFUSAL_MESSAGES).map(([reason, message]) => `\`${reason}\` (${message})`);
  return `${line}. \`details.refusals\` lists one or more of: ${reasons.join(', ')}`;
}

/**
 * Adds to every operation of the document the error responses it may answer, from the same lists the code
 * throws (the catalog): one response per status, the error body with the codes as an enum, and each code's
 * message in the description; `x-error-codes` lists them all. Runs once, when the document is built.
 */
export function addErrorResponses(document: OpenAPIObject, routes: RouteAccess[]): OpenAPIObject {
  const publicRoutes = new Set(routes.filter((r) => r.public).map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`));
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas[ERROR_BODY_SCHEMA] = {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', description: 'a closed SNAKE_CASE code (the catalog: src/common/errors/error-catalog.ts)' },
          message: { type: 'string', description: 'for people; clients act on the code' },
          details: { type: 'object', additionalProperties: true },
        },
      },
    },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Record<string, unknown> | undefined>)[method];
      if (!operation) continue;
      const codes = operationCodes(method, operation, publicRoutes.has(`${method} ${path}`), path);
      operation[ERROR_CODES_EXTENSION] = codes;
      const byStatus = new Map<number, ErrorCode[]>();
      for (const code of codes) byStatus.set(statusOf(code), [...(byStatus.get(statusOf(code)) ?? []), code]);
      const responses = (operation.responses ??= {}) as Record<string, { description?: string; content?: object } | undefined>;
      for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
        const schema = {
          allOf: [
            { $ref: `#/components/schemas/${ERROR_BODY_SCHEMA}` },
            { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string', enum: list } } } } },
          ],
        };
        const existing = responses[String(status)];
        const description = list.map(describe).join('\n');
        responses[String(status)] = {
          ...existing,
          description: existing?.description ? `${existing.description}\n${description}` : description,
          content: { ...(existing?.content ?? {}), 'application/json': { schema } },
        };
      }
    }
  }
  return document;
}
