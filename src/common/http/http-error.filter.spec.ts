import { BadRequestException, NotFoundException } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CATALOG } from '../errors/error-catalog';
import { Conflict, NotFound, RuleViolation, ValidationFailed } from '../errors/domain-error';
import { errorLanguage, toErrorResponse } from './http-error.filter';

describe('error mapping', () => {
  it('maps domain errors by kind, keeping code and details', () => {
    expect(toErrorResponse(NotFound.entity('ASSET_NOT_FOUND', 'asset', 'x'), 'r').status).toBe(404);
    expect(toErrorResponse(NotFound.entity('VPN_ACCOUNT_NOT_FOUND', 'vpn account', 'x'), 'r').body.error).toEqual({
      code: 'VPN_ACCOUNT_NOT_FOUND',
      message: 'vpn account x does not exist',
      details: { entity: 'vpn account', id: 'x' },
    });
    expect(toErrorResponse(new Conflict('ASSET_NOT_AVAILABLE', 'taken'), 'r')).toMatchObject({
      status: 409,
      body: { error: { code: 'ASSET_NOT_AVAILABLE', message: 'taken' } },
    });
    expect(toErrorResponse(new RuleViolation('GATE_REFUSED', 'no', { codes: ['AGREEMENT_MISSING'] }), 'r')).toMatchObject({
      status: 422,
      body: { error: { details: { codes: ['AGREEMENT_MISSING'] } } },
    });
    expect(toErrorResponse(new ValidationFailed([{ field: 'a', messages: ['bad'] }]), 'r').status).toBe(400);
  });

  it('turns an unknown error into a 500 with a correlation id and no internals', () => {
    const err = new Error('connection to 10.0.0.5 refused; password=hunter2');
    const { status, body, unexpected } = toErrorResponse(err, 'req-123');
    expect(status).toBe(500);
    expect(unexpected).toBe(true);
    expect(body.error.code).toBe('INTERNAL_ERROR');
    expect(body.error.details).toEqual({ correlationId: 'req-123' });
    expect(JSON.stringify(body)).not.toMatch(/hunter2|10\.0\.0\.5|stack/);
  });

  it('tells a storage that refuses (read-only or failing disk, PostgreSQL down) from a bug: 503 DATABASE_UNAVAILABLE', () => {
    const sqlite = Object.assign(new Error('SQLITE_IOERR: disk I/O error'), {
      name: 'QueryFailedError',
      code: 'SQLITE_IOERR',
      driverError: { code: 'SQLITE_IOERR' },
    });
    expect(toErrorResponse(sqlite, 'req-1')).toMatchObject({
      status: 503,
      unexpected: true,
      body: { error: { code: 'DATABASE_UNAVAILABLE', details: { correlationId: 'req-1' } } },
    });
    expect(toErrorResponse(Object.assign(new Error('x'), { code: 'SQLITE_READONLY' }), 'r').status).toBe(503);
    const pgReadOnly = Object.assign(new Error('cannot execute INSERT in a read-only transaction'), { name: 'QueryFailedError', code: '25006' });
    expect(toErrorResponse(pgReadOnly, 'r').status).toBe(503);
    // a constraint or a bad statement stays a 500: that is a bug to fix, not a storage to wait for
    expect(toErrorResponse(Object.assign(new Error('UNIQUE constraint failed'), { name: 'QueryFailedError', code: 'SQLITE_CONSTRAINT' }), 'r').status).toBe(
      500,
    );
    expect(toErrorResponse(Object.assign(new Error('syntax'), { name: 'QueryFailedError', code: '42601' }), 'r').status).toBe(500);
    expect(JSON.stringify(toErrorResponse(sqlite, 'r').body)).not.toMatch(/SQLITE|disk I\/O/);
  });

  it('maps framework errors to stable codes', () => {
    expect(toErrorResponse(new NotFoundException(), 'r').body.error.code).toBe('ROUTE_NOT_FOUND');
    expect(toErrorResponse(new BadRequestException('Unexpected token } in JSON at position 3'), 'r').body.error).toEqual({
      code: 'MALFORMED_JSON',
      message: 'The request body is not valid JSON',
    });
    expect(toErrorResponse({ type: 'entity.too.large', status: 413 }, 'r')).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
  });
});

describe('the language of the message', () => {
  it('answers Italian only when Accept-Language puts Italian first', () => {
    expect(errorLanguage('it')).toBe('it');
    expect(errorLanguage('it-IT,it;q=0.9,en;q=0.8')).toBe('it');
    expect(errorLanguage('en;q=0.5, it;q=0.9')).toBe('it');
    expect(errorLanguage('IT-it')).toBe('it');
    expect(errorLanguage(undefined)).toBe('en');
    expect(errorLanguage('')).toBe('en');
    expect(errorLanguage('en-US,it;q=0.9')).toBe('en');
    expect(errorLanguage('*')).toBe('en');
    expect(errorLanguage('it;q=0, en')).toBe('en');
    expect(errorLanguage('ita')).toBe('en');
  });

  it('renders the catalog text with the details, which stay as the API gives them', () => {
    const err = new RuleViolation('AGREEMENT_PERIOD_OVER', "The agreement's period ended on 2026-06-30", { endDate: '2026-06-30' });
    expect(toErrorResponse(err, 'r', 'it').body.error).toEqual({
      code: 'AGREEMENT_PERIOD_OVER',
      message: "Il periodo dell'accordo è terminato il 30/06/2026",
      details: { endDate: '2026-06-30' },
    });
    expect(toErrorResponse(err, 'r', 'en').body.error.message).toBe("The agreement's period ended on 2026-06-30");
    expect(toErrorResponse(err, 'r').body.error.message).toBe("The agreement's period ended on 2026-06-30");
  });

  it("answers the filter's own codes in Italian too, the correlation id kept", () => {
    const internal = toErrorResponse(new Error('boom'), 'req-9', 'it').body.error;
    expect(internal).toEqual({
      code: 'INTERNAL_ERROR',
      message: "Si è verificato un errore imprevisto; comunicare all'assistenza il riferimento req-9",
      details: { correlationId: 'req-9' },
    });
    expect(toErrorResponse(new NotFoundException('Cannot GET /x'), 'r', 'it').body.error).toEqual({
      code: 'ROUTE_NOT_FOUND',
      message: 'Indirizzo non trovato',
    });
    expect(toErrorResponse(new BadRequestException('Unexpected token } in JSON'), 'r', 'it').body.error.message).toBe(
      'I dati inviati non sono leggibili: il formato non è valido',
    );
  });

  it("gives field problems in Italian: the pipe's own, or the code's text for a field a service names", () => {
    const piped = new ValidationFailed([{ field: 'name', messages: ['name must be a string'] }], undefined, undefined, [
      { field: 'name', messages: ['deve essere un testo'] },
    ]);
    expect(toErrorResponse(piped, 'r', 'it').body.error).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'Alcuni dati non sono validi: controllare i campi indicati',
      details: { fields: [{ field: 'name', messages: ['deve essere un testo'] }] },
    });
    expect(toErrorResponse(piped, 'r', 'en').body.error.details).toEqual({ fields: [{ field: 'name', messages: ['name must be a string'] }] });
    const tag = new ValidationFailed([{ field: 'assetTag', messages: ['1-64 letters'] }], 'The asset tag is not valid', 'INVALID_ASSET_TAG');
    expect(toErrorResponse(tag, 'r', 'it').body.error.details).toEqual({
      fields: [{ field: 'assetTag', messages: ["L'etichetta inventariale non è valida"] }],
    });
  });

  it('says "riga N del file" for each problem of an import report', () => {
    const err = new RuleViolation('IMPORT_REJECTED', '1 of 2 rows are not valid: nothing was imported', {
      rows: 2,
      invalidRows: 1,
      errors: [
        { line: 3, column: 'service_code', code: 'UNKNOWN_SERVICE_CODE', message: 'no service has code X' },
        { line: 1, column: null, code: 'SOMETHING_NEW', reason: 'the header is odd' },
      ],
      errorCount: 2,
      truncated: false,
    });
    const body = toErrorResponse(err, 'r', 'it').body.error;
    expect(body.message).toBe('Il file contiene righe non valide (1 su 2): non è stato importato nulla');
    expect(body.details?.errors).toEqual([
      { line: 3, column: 'service_code', code: 'UNKNOWN_SERVICE_CODE', message: 'Riga 3 del file, colonna «service_code»: nessun servizio ha questo codice' },
      { line: 1, column: null, code: 'SOMETHING_NEW', reason: 'Riga 1 del file: il dato non è valido' },
    ]);
    expect((toErrorResponse(err, 'r', 'en').body.error.details?.errors as { message?: string }[])[0].message).toBe('no service has code X');
  });
});

describe('the codes the filter answers by itself', () => {
  it('are all in the catalog, so each has its Italian text', () => {
    const source = readFileSync(join(__dirname, 'http-error.filter.ts'), 'utf8');
    const codes = [...new Set([...source.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{6,})'/g)].map((m) => m[1]))];
    expect(codes).toEqual(expect.arrayContaining(['MALFORMED_JSON', 'INTERNAL_ERROR', 'DATABASE_UNAVAILABLE', 'ROUTE_NOT_FOUND', 'NOT_FOUND']));
    expect(codes.filter((c) => !(c in ERROR_CATALOG))).toEqual([]);
  });
});
