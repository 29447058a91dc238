import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isImportProblem, italianImportProblem } from '../csv/import-errors';
import { DomainError, FieldProblem, TooManyRequests, ValidationFailed } from '../errors/domain-error';
import type { ErrorCode } from '../errors/error-catalog';
import { ErrorKind, STATUS_BY_KIND } from '../errors/error-spec';
import { renderItalian } from '../errors/italian-message';

/** Every code this filter answers by itself is a catalog code (so it has its Italian text). */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** Errors raised by Express middleware (body parser) carry a `type` and a `status`. */
interface MiddlewareError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: string;
}

/** SQLite result codes of a storage that cannot be written or read (not of a bad statement or a constraint). */
const SQLITE_UNAVAILABLE = /^SQLITE_(IOERR|READONLY|FULL|CANTOPEN|BUSY|NOTADB|CORRUPT)/;
/** PostgreSQL SQLSTATE: 08 connection exceptions, 53 insufficient resources, 57P01-57P03 shutdown / cannot connect now, 25006 read-only transaction. */
const POSTGRES_UNAVAILABLE = /^(08[0-9A-Z]{3}|53[0-9A-Z]{3}|57P0[1-3]|25006)$/;

export function isDatabaseUnavailable(exception: unknown): boolean {
  if (!exception || typeof exception !== 'object') return false;
  const e = exception as { code?: unknown; driverError?: { code?: unknown } };
  const code = typeof e.code === 'string' ? e.code : typeof e.driverError?.code === 'string' ? e.driverError.code : null;
  if (!code) return false;
  return SQLITE_UNAVAILABLE.test(code) || ((exception as Error).name === 'QueryFailedError' && POSTGRES_UNAVAILABLE.test(code));
}

export type ErrorLanguage = 'en' | 'it';

/**
 * The language of the error message: Italian when the request's Accept-Language puts Italian first (the pages
 * send `it`), English otherwise (the API's default; clients and tests that send nothing keep English).
 */
export function errorLanguage(acceptLanguage: string | string[] | undefined): ErrorLanguage {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranges[0] && /^it(-|$)/.test(ranges[0].tag) ? 'it' : 'en';
}

export function toErrorResponse(
  exception: unknown,
  requestId: string,
  language: ErrorLanguage = 'en',
): { status: number; body: ErrorBody; unexpected: boolean } {
  const answer = englishErrorResponse(exception, requestId);
  if (language === 'it') answer.body = italianBody(answer.body, exception);
  return answer;
}

/** The same error for the pages: the catalog's Italian text, field problems and import lines in Italian too. */
function italianBody(body: ErrorBody, exception: unknown): ErrorBody {
  const { code, details } = body.error;
  const error: ErrorBody['error'] = { code, message: renderItalian(code, details) };
  if (details) {
    const localized: Record<string, unknown> = { ...details };
    if (Array.isArray(details.fields)) {
      const fallback = code === 'VALIDATION_FAILED' ? 'il valore non è valido' : error.message;
      localized.fields =
        exception instanceof ValidationFailed && exception.italianFields
          ? exception.italianFields
          : (details.fields as FieldProblem[]).map((f) => ({ ...f, messages: [fallback] }));
    }
    if (Array.isArray(details.errors)) {
      localized.errors = (details.errors as unknown[]).map((e) => {
        if (!isImportProblem(e)) return e;
        const key = 'message' in e || !('reason' in e) ? 'message' : 'reason';
        return { ...e, [key]: italianImportProblem(e) };
      });
    }
    error.details = localized;
  }
  return { error };
}

function englishErrorResponse(exception: unknown, requestId: string): { status: number; body: ErrorBody; unexpected: boolean } {
  if (exception instanceof DomainError) {
    const body: ErrorBody = { error: { code: exception.code, message: exception.message } };
    if (exception.details) body.error.details = exception.details;
    return { status: STATUS_BY_KIND[exception.kind as ErrorKind], body, unexpected: false };
  }
  const mw = exception as MiddlewareError;
  if (mw && typeof mw === 'object' && typeof mw.type === 'string' && (mw.status ?? mw.statusCode)) {
    const status = (mw.status ?? mw.statusCode) as number;
    const code =
      mw.type === 'entity.parse.failed'
        ? 'MALFORMED_JSON'
        : mw.type === 'entity.too.large'
          ? 'PAYLOAD_TOO_LARGE'
          : mw.type === 'charset.unsupported' || mw.type === 'encoding.unsupported'
            ? 'UNSUPPORTED_MEDIA_TYPE'
            : (CODE_BY_STATUS[status] ?? 'BAD_REQUEST');
    const message =
      code === 'MALFORMED_JSON'
        ? 'The request body is not valid JSON'
        : code === 'PAYLOAD_TOO_LARGE'
          ? 'The request body is too large'
          : 'The request could not be read';
    return { status, body: { error: { code, message } }, unexpected: false };
  }
  // http-errors raised by Express middleware (static files: 403 for traversal, 404 for a missing file).
  const httpStatus = mw && typeof mw === 'object' ? (mw.status ?? mw.statusCode) : undefined;
  if (typeof httpStatus === 'number' && httpStatus >= 400 && httpStatus < 500 && mw.expose) {
    const code = httpStatus === 404 ? 'NOT_FOUND' : (CODE_BY_STATUS[httpStatus] ?? 'BAD_REQUEST');
    return { status: httpStatus, body: { error: { code, message: httpStatus === 404 ? 'Not found' : 'The request was refused' } }, unexpected: false };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 400) {
      // Nest turns body-parser's SyntaxError (bad JSON) and Express's URIError (bad %-encoding) into a 400.
      const json = /JSON/.test(exception.message);
      return {
        status,
        body: {
          error: {
            code: json ? 'MALFORMED_JSON' : 'MALFORMED_REQUEST',
            message: json ? 'The request body is not valid JSON' : 'The request could not be parsed',
          },
        },
        unexpected: false,
      };
    }
    if (status < 500) {
      const code = CODE_BY_STATUS[status] ?? 'BAD_REQUEST';
      const message = status === 404 ? 'No such route' : exception.message;
      return { status, body: { error: { code, message } }, unexpected: false };
    }
  }
  if (isDatabaseUnavailable(exception)) {
    // Not our bug but the storage refusing (disk read-only or full, I/O error, PostgreSQL down or read-only): a
    // retryable 503 with its own code, still logged with the correlation id; the unit of work rolled back.
    return {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      body: {
        error: {
          code: 'DATABASE_UNAVAILABLE',
          message: 'The database cannot be used right now; nothing was changed. Try again later',
          details: { correlationId: requestId },
        },
      },
      unexpected: true,
    };
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: {
      error: {
        code: 'INTERNAL_ERROR',
        message: 'Something went wrong on our side; quote the correlation id when reporting it',
        details: { correlationId: requestId },
      },
    },
    unexpected: true,
  };
}

function isPageRequest(request: Request): boolean {
  return request.method === 'GET' && !/^\/(api|pki|health|metrics)(\/|$)/.test(request.path) && request.accepts(['json', 'html']) === 'html';
}

const FORBIDDEN_PAGE =
  '<!doctype html><html lang="it"><head><meta charset="utf-8"><title>Accesso non consentito</title>' +
  '<link rel="stylesheet" href="/ui/assets/app.css"></head><body><main class="page"><h1>Accesso non consentito</h1>' +
  '<p>Il tuo ruolo non consente di aprire questa pagina.</p><p><a href="/ui">Torna alla pagina iniziale</a> · ' +
  '<a href="/ui/login">Accedi con un altro utente</a></p></main></body></html>';

/** The one place errors become HTTP (SPEC §4 shape). Unknown errors: 500, a correlation id, no stack. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const requestId = String(request.id ?? request.headers['x-request-id'] ?? 'unknown');
    const { status, body, unexpected } = toErrorResponse(exception, requestId, errorLanguage(request.headers['accept-language']));
    if (unexpected) {
      const err = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error({ err, requestId, method: request.method, path: request.path }, 'unexpected error');
    }
    if (response.headersSent) return;
    if ((status === 401 || status === 403) && isPageRequest(request)) {
      // A person in a browser: send them to the login page (or say plainly they may not see this page).
      if (status === 401) {
        response.redirect(302, `/ui/login?next=${encodeURIComponent(request.originalUrl)}`);
      } else {
        response.status(403).type('html').send(FORBIDDEN_PAGE);
      }
      return;
    }
    if (exception instanceof TooManyRequests) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    // the message depends on Accept-Language: a cache must not hand the Italian answer to an English client
    response.vary('Accept-Language');
    response.status(status).json(body);
  }
}
