import { defineErrors } from './error-spec';

/** The error codes of the shared kernel (HTTP plumbing, authentication, CSV import) and the HTTP layer: kind (hence HTTP status) and English default message. */
export const COMMON_ERRORS = defineErrors({
  ALREADY_SIGNED: { kind: 'conflict', message: 'The {party} has already signed this document' },
  BAD_REQUEST: { kind: 'validation', message: 'The request could not be read' },
  CONFLICT: { kind: 'conflict', message: 'The request conflicts with the current state' },
  CSRF_HEADER_MISSING: { kind: 'forbidden', message: 'Requests authenticated by the session cookie must send the x-requested-with header' },
  CSV_BODY_REQUIRED: { kind: 'validation', message: 'A CSV body is required' },
  CSV_LINE_TOO_LONG: { kind: 'validation', message: 'A line of the file is longer than an import reads' },
  CSV_MALFORMED: { kind: 'validation', message: 'The CSV cannot be read' },
  CSV_RECORD_TOO_LONG: { kind: 'validation', message: 'A record of the file is longer than an import reads' },
  CSV_TOO_MANY_COLUMNS: { kind: 'validation', message: 'The file has more columns than an import reads' },
  DATABASE_UNAVAILABLE: { kind: 'unavailable', message: 'The database cannot be used right now; nothing was changed. Try again later' },
  EMPTY_FILE: { kind: 'validation', message: 'The CSV file is empty or missing' },
  FORBIDDEN: { kind: 'forbidden', message: 'Your role does not allow this action' },
  IMPORT_BODY_REQUIRED: {
    kind: 'validation',
    message: 'Send the activity map as the request body with content type text/tab-separated-values, text/csv or text/plain',
  },
  IMPORT_REJECTED: { kind: 'rule', message: '{invalidRows} of {dataRows} rows are not valid: nothing was imported' },
  INTERNAL_ERROR: { kind: 'internal', message: 'Something went wrong on our side; quote the correlation id when reporting it' },
  INVALID_CURSOR: { kind: 'validation', message: 'The cursor is not valid' },
  INVALID_ID: { kind: 'validation', message: '{field} is not a valid id' },
  MALFORMED_JSON: { kind: 'validation', message: 'The request body is not valid JSON' },
  MALFORMED_REQUEST: { kind: 'validation', message: 'The request could not be parsed' },
  METHOD_NOT_ALLOWED: { kind: 'method_not_allowed', message: 'The method is not allowed on this route' },
  NOT_ACCEPTABLE: { kind: 'not_acceptable', message: 'No representation the client accepts' },
  NOT_FOUND: { kind: 'not_found', message: 'Not found' },
  PAYLOAD_TOO_LARGE: { kind: 'payload_too_large', message: 'The request body is too large' },
  ROUTE_NOT_FOUND: { kind: 'not_found', message: 'No such route' },
  SERVICE_UNAVAILABLE: { kind: 'unavailable', message: 'The service is unavailable; try again later' },
  TOO_MANY_ATTEMPTS: { kind: 'rate_limited', message: 'Too many failed attempts; try again later' },
  TOO_MANY_REQUESTS: { kind: 'rate_limited', message: 'Too many requests; try again later' },
  TOO_MANY_ROWS: { kind: 'validation', message: 'The CSV has too many rows' },
  UNAUTHENTICATED: { kind: 'unauthenticated', message: 'A valid bearer token is required' },
  UNPROCESSABLE: { kind: 'rule', message: 'The request cannot be processed' },
  UNSUPPORTED_MEDIA_TYPE: { kind: 'unsupported_media_type', message: 'The request body has a content type or encoding this route does not read' },
  VALIDATION_FAILED: { kind: 'validation', message: 'The request is not valid' },
});

export type CommonErrorCode = keyof typeof COMMON_ERRORS;
