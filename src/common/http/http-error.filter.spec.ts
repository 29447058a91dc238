import { BadRequestException, NotFoundException } from '@nestjs/common';
import { Conflict, NotFound, RuleViolation, ValidationFailed } from '../errors/domain-error';
import { toErrorResponse } from './http-error.filter';

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
