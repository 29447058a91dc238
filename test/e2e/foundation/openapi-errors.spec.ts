import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { listRouteRules } from '../../../src/common/auth/route-rules';
import { ERROR_CATALOG, ErrorCode, statusOf } from '../../../src/common/errors/error-catalog';
import { ERROR_CODES_EXTENSION } from '../../../src/common/http/api-errors';
import { openApiPath } from '../../../src/common/http/openapi-errors';
import { startTestApp, TestApp } from '../../helpers/test-app';

type Operation = {
  responses: Record<
    string,
    { description?: string; content?: Record<string, { schema: { allOf?: { properties?: { error: { properties: { code: { enum: string[] } } } } }[] } }> }
  >;
} & Record<string, unknown>;
type Paths = Record<string, Record<string, Operation>>;

const operationsOf = (paths: Paths) =>
  Object.entries(paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op, key: `${method} ${path}` })));
const enumAt = (op: Operation, status: number): string[] =>
  op.responses[String(status)]?.content?.['application/json']?.schema.allOf?.[1].properties?.error.properties.code.enum ?? [];

describe('the error responses of every route in the OpenAPI document', () => {
  let t: TestApp;
  let paths: Paths;
  beforeAll(async () => {
    t = await startTestApp();
    paths = (await t.http().get('/api/docs-json').expect(200)).body.paths;
  });
  afterAll(() => t.close());

  it('declares the codes of every route with @ApiErrors (read before the generic ones are added)', () => {
    const raw = SwaggerModule.createDocument(t.app, new DocumentBuilder().build()).paths as unknown as Paths;
    const undeclared = operationsOf(raw)
      .filter(({ op }) => !Array.isArray(op[ERROR_CODES_EXTENSION]))
      .map((o) => o.key);
    expect(undeclared).toEqual([]);
  });

  it('lists for every operation its error responses, by status from the code kind, with the codes as an enum', () => {
    const operations = operationsOf(paths);
    expect(operations.length).toBeGreaterThan(80);
    for (const { op, key } of operations) {
      const codes = op[ERROR_CODES_EXTENSION] as ErrorCode[];
      expect({ key, codes: codes.filter((c) => !(c in ERROR_CATALOG)) }).toEqual({ key, codes: [] });
      expect({ key, has500: codes.includes('INTERNAL_ERROR') }).toEqual({ key, has500: true });
      for (const code of codes) expect({ key, code, listed: enumAt(op, statusOf(code)).includes(code) }).toEqual({ key, code, listed: true });
      for (const status of Object.keys(op.responses).filter((s) => Number(s) >= 400)) {
        expect(op.responses[status].content?.['application/json'].schema.allOf?.[0]).toEqual({ $ref: '#/components/schemas/ErrorBody' });
      }
    }
  });

  it('gives every route that is not public the 401 and 403 of the auth guard, and a public one none of them', () => {
    const rules = listRouteRules(t.app);
    for (const { op, key, method, path } of operationsOf(paths)) {
      const rule = rules.find((r) => r.method.toLowerCase() === method && openApiPath(r.path) === path);
      expect({ key, rule: rule !== undefined }).toEqual({ key, rule: true });
      const closed = !rule!.public;
      const generic = { unauthenticated: enumAt(op, 401).includes('UNAUTHENTICATED'), forbidden: enumAt(op, 403).includes('FORBIDDEN') };
      expect({ key, closed, ...generic }).toEqual({ key, closed, unauthenticated: closed, forbidden: closed });
      if (closed) expect(enumAt(op, 401)).toEqual(expect.arrayContaining(['UNAUTHENTICATED', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'TOKEN_REVOKED']));
    }
  });

  it("names a route's own codes, and the SPEC reasons of GATE_REFUSED", () => {
    const approve = paths['/api/v1/vpn/accounts/{id}/approve'].post;
    expect(enumAt(approve, 404)).toEqual(expect.arrayContaining(['VPN_ACCOUNT_NOT_FOUND']));
    expect(enumAt(approve, 422)).toEqual(expect.arrayContaining(['GATE_REFUSED']));
    expect(approve.responses['422'].description).toMatch(/details\.refusals.*AGREEMENT_MISSING.*SAFETY_NOTICE_MISSING/s);
    expect(enumAt(paths['/api/v1/vpn/accounts/{id}/certificates'].post, 422)).toEqual(expect.arrayContaining(['CSR_KEY_TOO_WEAK', 'GATE_REFUSED']));
    expect(enumAt(paths['/api/v1/employees/{id}'].get, 404)).toEqual(['EMPLOYEE_NOT_FOUND']);
  });
});
