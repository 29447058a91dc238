import { ApiExtension } from '@nestjs/swagger';
import { ApiErrors, ERROR_CODES_EXTENSION } from '../http/api-errors';
import { addErrorResponses } from '../http/openapi-errors';
import { ERROR_CATALOG, ERROR_LISTS, GATE_REFUSAL_MESSAGES, statusOf } from './error-catalog';
import { STATUS_BY_KIND } from './error-spec';

describe('the error catalog', () => {
  const entries = Object.entries(ERROR_LISTS).flatMap(([list, errors]) => Object.entries(errors).map(([code, spec]) => ({ list, code, spec })));

  it('lists every code once, in one list, with a kind and a message', () => {
    const owners = new Map<string, string[]>();
    for (const { list, code } of entries) owners.set(code, [...(owners.get(code) ?? []), list]);
    expect([...owners].filter(([, lists]) => lists.length > 1)).toEqual([]);
    expect(entries.length).toBe(Object.keys(ERROR_CATALOG).length);
    for (const { code, spec } of entries) {
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(Object.keys(STATUS_BY_KIND)).toContain(spec.kind);
      expect(spec.message.trim().length).toBeGreaterThan(5);
    }
    // the codes, for a reviewer reading the test output
    expect(entries.length).toBeGreaterThan(150);
  });

  it('declares one spelling per not-found code, and the shared ones', () => {
    expect(statusOf('EMPLOYEE_NOT_FOUND')).toBe(404);
    expect(statusOf('VPN_ACCOUNT_NOT_FOUND')).toBe(404);
    expect(statusOf('GATE_REFUSED')).toBe(422);
    expect(statusOf('VALIDATION_FAILED')).toBe(400);
    expect(statusOf('UNAUTHENTICATED')).toBe(401);
    expect(statusOf('CSRF_HEADER_MISSING')).toBe(403);
    expect(statusOf('TOO_MANY_ATTEMPTS')).toBe(429);
    expect(statusOf('INTERNAL_ERROR')).toBe(500);
    expect(Object.keys(ERROR_CATALOG).filter((c) => c.endsWith('NOT_FOUND') && ERROR_CATALOG[c as keyof typeof ERROR_CATALOG].kind !== 'not_found')).toEqual(
      [],
    );
  });

  it('closes the SPEC reasons a GATE_REFUSED lists in details.refusals', () => {
    expect(Object.keys(GATE_REFUSAL_MESSAGES)).toEqual([
      'EMPLOYEE_INACTIVE',
      'EMPLOYEE_NOT_ELIGIBLE',
      'AGREEMENT_MISSING',
      'AGREEMENT_NOT_SIGNED',
      'COUNTERSIGNATURE_UNCONFIRMED',
      'AGREEMENT_NOT_IN_FORCE',
      'SAFETY_NOTICE_MISSING',
    ]);
  });
});

describe('@ApiErrors and the error responses of the document', () => {
  it('keeps the codes where @nestjs/swagger keeps ApiExtension, adding up several uses', () => {
    class Probe {
      @ApiExtension('x-probe', 1)
      @ApiErrors('VPN_ACCOUNT_NOT_FOUND')
      @ApiErrors('GATE_REFUSED', 'VPN_ACCOUNT_NOT_FOUND')
      route() {}
    }
    const probe = Object.getOwnPropertyDescriptor(Probe.prototype, 'route')?.value as object;
    const extensions = Reflect.getMetadataKeys(probe).map((k) => Reflect.getMetadata(k, probe) as Record<string, unknown>);
    expect(extensions).toContainEqual({ 'x-probe': 1, [ERROR_CODES_EXTENSION]: ['GATE_REFUSED', 'VPN_ACCOUNT_NOT_FOUND'] });
  });

  it('adds one response per status with the codes as an enum, and 401/403 to routes that are not public', () => {
    const doc = addErrorResponses(
      {
        openapi: '3.0.0',
        info: { title: 't', version: '1' },
        paths: {
          '/a/{id}': {
            post: {
              parameters: [{ name: 'id', in: 'path' }],
              responses: { 201: { description: 'ok' } },
              [ERROR_CODES_EXTENSION]: ['GATE_REFUSED', 'VPN_ACCOUNT_NOT_FOUND'],
            },
          },
          '/health': { get: { responses: { 200: { description: 'ok' } } } },
        },
      } as never,
      [
        { method: 'POST', path: '/a/:id', public: false },
        { method: 'GET', path: '/health', public: true },
      ],
    );
    const post = doc.paths['/a/{id}'].post!;
    expect(Object.keys(post.responses).sort()).toEqual(['201', '400', '401', '403', '404', '413', '422', '500', '503']);
    const enumOf = (status: string) =>
      (post.responses[status] as { content: Record<string, { schema: { allOf: { properties?: { error: { properties: { code: { enum: string[] } } } } }[] } }> })
        .content['application/json'].schema.allOf[1].properties?.error.properties.code.enum;
    expect(enumOf('404')).toEqual(['VPN_ACCOUNT_NOT_FOUND']);
    expect(enumOf('403')).toEqual(['CSRF_HEADER_MISSING', 'FORBIDDEN']);
    expect(String((post.responses['422'] as { description: string }).description)).toContain('SAFETY_NOTICE_MISSING');
    expect(Object.keys(doc.paths['/health'].get!.responses).sort()).toEqual(['200', '500', '503']);
  });
});
