import { listRouteRules } from '../../src/common/auth/route-rules';
import { GATEWAY_ROLE, ROLES, SYSTEM_ACTOR, TokenRole } from '../../src/common/auth/roles';
import { TokenService } from '../../src/auth/token.service';
import { Attribute, Change } from 'ldapts';
import { generatePeople, LdapSandbox, personDn } from '../fixtures/ldap/directory-fixture';
import { auth, startTestApp, TestApp } from '../helpers/test-app';
import { RESPONSE_SHAPES, SPECIAL_CATEGORY_PROPERTIES } from './support/response-shapes';
import { note, sleep } from './support/service-process';

jest.setTimeout(180_000);

type NonAdmin = Exclude<TokenRole, 'admin'>;
const PUBLIC = 'public' as const;

/**
 * THE POLICY, written by hand from SPEC §1 (who does what) and §3 (every route has an explicit rule; /health and
 * /pki/* public), not read from the decorators: route → the roles that may call it. `admin` may call everything.
 * Reasons for the less obvious lines:
 *  - technicians and the hot-line read agreements and provisioning status: both must "check the agreement" (the gate);
 *  - the RTD sees aggregates, capacity, certificate/CRL health and lot/stock figures (investment indicators), the
 *    directory-sync history (in counts: support/response-shapes.ts) and the audit verification; never a per-person
 *    record: employees, their eligibility or gate status, agreements, certificates, assets (they name their holder),
 *    handovers or VPN accounts (SPEC §1: "aggregates only");
 *  - withdrawing an agreement is HR's (SPEC §1): the notice it applies (90 days for a disabled worker) shows in its
 *    answers, and that is special-category data (GDPR art. 9);
 *  - the hot-line reads assets and models (the laptop a certificate is bound to) but changes no inventory;
 *  - only admins run the agreement sweep, the directory sync, tokens, jobs, metrics, gateways and the audit log;
 *  - a gateway's credential (role `gateway`, a machine) reaches its connect-time check, its allow-list and its
 *    bundle, for its own gateway only (403 GATEWAY_NOT_OWN for another id), and the public routes: nothing written
 *    for people (`@AnyRole()`: who am I, navigation, logout, the pages) lets it in. The technicians make and rotate
 *    gateway credentials and read what a gateway reads.
 * A route that is not in this table fails the test: new routes need a line here.
 */
/**
 * The self-service routes' (/api/v1/me) own refusal of a session that acts for no employee (admin, an API token of
 * role employee without an `employee:<id>` subject): the guard let it through, the route found no "me".
 */
const OWN_RECORDS_REFUSAL = 'NOT_AN_EMPLOYEE';

const POLICY: Record<string, readonly NonAdmin[] | typeof PUBLIC> = {
  'GET /': PUBLIC,
  'GET /health': PUBLIC,
  'GET /pki/ca.pem': PUBLIC,
  'GET /pki/crl.pem': PUBLIC,
  'GET /pki/crl.der': PUBLIC,
  'POST /pki/ocsp': PUBLIC,
  'GET /pki/ocsp/:request': PUBLIC,
  'GET /ui/login': PUBLIC,
  'POST /api/v1/auth/login': PUBLIC,
  'POST /api/v1/auth/session': PUBLIC,
  'GET /api/v1/auth/methods': PUBLIC,

  'GET /api/v1/auth/me': ['technician', 'hotline', 'hr', 'manager', 'rtd', 'employee'],
  'GET /api/v1/ui/navigation': ['technician', 'hotline', 'hr', 'manager', 'rtd', 'employee'],
  'POST /api/v1/auth/logout': ['technician', 'hotline', 'hr', 'manager', 'rtd', 'employee'],
  'GET /ui': ['technician', 'hotline', 'hr', 'manager', 'rtd', 'employee'],
  'GET /api/v1/tokens': [],
  'POST /api/v1/tokens': [],
  'DELETE /api/v1/tokens/:id': [],
  'GET /metrics': [],
  'GET /api/v1/jobs/failed': [],
  'POST /api/v1/jobs/failed/:id/retry': [],
  'GET /api/v1/jobs/stats': [],
  'GET /api/v1/audit/events': [],
  'GET /api/v1/audit/verify': ['rtd'],

  // people and the directory
  'POST /api/v1/employees': ['hr'],
  'POST /api/v1/employees/import': ['hr'],
  'PATCH /api/v1/employees/:id': ['hr'],
  'GET /api/v1/employees': ['hr', 'manager', 'technician', 'hotline'],
  'GET /api/v1/employees/:id': ['hr', 'manager', 'technician', 'hotline'],
  'POST /api/v1/services': ['hr'],
  'GET /api/v1/services': ['hr', 'manager', 'technician', 'hotline', 'rtd'],
  'POST /api/v1/directory/sync': [],
  'GET /api/v1/directory/sync-runs': ['rtd'],
  'GET /api/v1/directory/sync-runs/:id': ['rtd'],

  // activities and eligibility
  'POST /api/v1/activities/import': ['hr'],
  'POST /api/v1/activities/transversal/import': ['hr'],
  'GET /api/v1/activities': ['hr', 'manager', 'rtd'],
  'GET /api/v1/activities/summary': ['hr', 'manager', 'rtd'],
  'PUT /api/v1/employees/:id/activities': ['hr', 'manager'],
  'GET /api/v1/employees/:id/eligibility': ['hr', 'manager', 'technician', 'hotline'],

  // agreements and the gate
  'POST /api/v1/agreements': ['hr', 'manager'],
  'PATCH /api/v1/agreements/:id': ['hr', 'manager'],
  'POST /api/v1/agreements/:id/sign': ['hr', 'manager'],
  // the second person of the two-person rule: the countersigner's own login, or an admin; never HR
  'POST /api/v1/agreements/:id/countersignature/confirm': ['manager'],
  'POST /api/v1/agreements/:id/countersignature/reject': ['hr', 'manager'],
  'POST /api/v1/agreements/:id/withdraw': ['hr'],
  'POST /api/v1/agreements/:id/suspend': ['hr', 'manager'],
  'POST /api/v1/agreements/:id/resume': ['hr', 'manager'],
  'POST /api/v1/agreements/:id/safety-notice': ['hr', 'manager'],
  'GET /api/v1/agreements': ['hr', 'manager', 'technician', 'hotline'],
  'GET /api/v1/agreements/:id': ['hr', 'manager', 'technician', 'hotline'],
  'POST /api/v1/agreements/sweep': [],
  'GET /api/v1/agreements/safety-notices-due': ['hr', 'manager'],
  'GET /api/v1/agreements/:id/document.pdf': ['hr', 'manager'],
  'POST /api/v1/agreements/:id/signed-document': ['hr'],
  'GET /api/v1/agreements/:id/signed-document': ['hr', 'manager'],
  'GET /api/v1/employees/:id/provisioning-status': ['hr', 'manager', 'technician', 'hotline'],
  'GET /api/v1/offboarding/cases': ['hr', 'technician', 'hotline'],
  'GET /api/v1/offboarding/cases/:id': ['hr', 'technician', 'hotline'],

  // inventory
  'POST /api/v1/models': ['technician'],
  'GET /api/v1/models': ['technician', 'hotline', 'rtd'],
  'POST /api/v1/lots': ['technician'],
  'GET /api/v1/lots': ['technician', 'rtd'],
  'GET /api/v1/lots/:id': ['technician', 'rtd'],
  'POST /api/v1/lots/:id/receive/validate': ['technician'],
  'POST /api/v1/assets': ['technician'],
  'POST /api/v1/assets/import': ['technician'],
  'GET /api/v1/assets': ['technician', 'hotline'],
  'GET /api/v1/assets/:id': ['technician', 'hotline'],
  'POST /api/v1/assets/:id/report': ['technician'],
  'POST /api/v1/handovers': ['technician'],
  'GET /api/v1/handovers': ['technician'],
  'GET /api/v1/handovers/check': ['technician'],
  'GET /api/v1/handovers/:id': ['technician'],
  'GET /api/v1/handovers/:id/receipt.pdf': ['technician'],
  'POST /api/v1/handovers/:id/sign': ['technician'],
  'POST /api/v1/handovers/:id/return': ['technician'],
  'GET /api/v1/handovers/:id/returns/:returnId/receipt.pdf': ['technician'],
  'GET /api/v1/return-tasks': ['technician'],
  'GET /api/v1/inventory/stock': ['technician', 'rtd'],
  'GET /api/v1/inventory/planning': ['technician', 'rtd'],
  'GET /api/v1/inventory/warranties': ['technician', 'rtd'],
  'POST /api/v1/purchases': ['technician'],
  'GET /api/v1/purchases': ['technician', 'rtd'],
  'GET /api/v1/purchases/summary': ['technician', 'rtd'],
  'GET /api/v1/purchases/:id': ['technician', 'rtd'],
  // training records (issue 14): HR data; the RTD reads courses without names and the yearly aggregates
  'POST /api/v1/training/courses': ['hr'],
  'GET /api/v1/training/courses': ['hr', 'rtd'],
  'GET /api/v1/training/courses/:id': ['hr', 'rtd'],
  'POST /api/v1/training/courses/:id/participants': ['hr'],
  'DELETE /api/v1/training/courses/:id/participants/:employeeId': ['hr'],
  'POST /api/v1/training/hotline-onboarding': ['hotline'],
  'GET /api/v1/training/summary': ['hr', 'rtd'],
  'POST /api/v1/employees/:id/declared-equipment': ['technician', 'hr'],
  'GET /api/v1/employees/:id/declared-equipment': ['technician', 'hr'],
  'POST /api/v1/employees/:id/declared-equipment/:declarationId/withdraw': ['technician', 'hr'],
  'POST /api/v1/labels/qr-codes': ['technician'],

  // PKI and VPN
  'GET /api/v1/certificates': ['hotline', 'technician'],
  'GET /api/v1/certificates/:serial': ['hotline', 'technician'],
  'POST /api/v1/certificates/:serial/revoke': ['hotline'],
  'POST /api/v1/certificates/:serial/release-hold': ['hotline'],
  'GET /api/v1/pki/status': ['hotline', 'rtd'],
  'POST /api/v1/vpn/accounts': ['hotline'],
  'POST /api/v1/vpn/accounts/bulk-onboard': ['hotline'],
  'GET /api/v1/vpn/accounts': ['hotline'],
  'GET /api/v1/vpn/accounts/:id': ['hotline'],
  'POST /api/v1/vpn/accounts/:id/approve': ['hotline'],
  'POST /api/v1/vpn/accounts/:id/certificates': ['hotline'],
  'GET /api/v1/vpn/accounts/:id/openvpn-profile': ['hotline'],
  'POST /api/v1/vpn/accounts/:id/installed': ['hotline'],
  'POST /api/v1/vpn/accounts/:id/activate': ['hotline'],
  'POST /api/v1/vpn/accounts/:id/suspend': ['hotline'],
  'POST /api/v1/vpn/accounts/:id/resume': ['hotline'],
  'POST /api/v1/vpn/accounts/:id/renew': ['hotline'],
  'POST /api/v1/vpn/accounts/:id/revoke': ['hotline'],
  'GET /api/v1/vpn/profiles': ['hotline', 'rtd'],
  'GET /api/v1/vpn/gateways': ['hotline', 'rtd'],
  'GET /api/v1/vpn/gateways/load': ['hotline', 'rtd'],
  'GET /api/v1/vpn/gateways/:id': ['hotline', 'rtd'],
  'GET /api/v1/vpn/gateways/signing-key.pem': PUBLIC,
  'POST /api/v1/vpn/gateways/:id/credential': ['technician'],
  'DELETE /api/v1/vpn/gateways/:id/credential': ['technician'],
  'POST /api/v1/vpn/gateways/:id/connect-check': ['gateway'],
  'GET /api/v1/vpn/gateways/:id/allow-list': ['gateway', 'technician'],
  'GET /api/v1/vpn/gateways/:id/bundle': ['gateway', 'technician'],
  'POST /api/v1/vpn/gateways': [],
  'PATCH /api/v1/vpn/gateways/:id': [],
  'GET /api/v1/operator/vpn-account-actions': ['hotline'],

  // POLA indicators and the dashboard: the RTD
  'GET /api/v1/kpi/pola': ['rtd'],
  'GET /api/v1/kpi/pola.csv': ['rtd'],
  'GET /api/v1/kpi/pola.pdf': ['rtd'],
  'GET /api/v1/kpi/pola.xlsx': ['rtd'],
  'GET /api/v1/kpi/series': ['rtd'],
  // POLA inputs (issue 14): the RTD declares what the service cannot measure; HR imports monthly attendance totals
  'GET /api/v1/kpi/declared': ['rtd'],
  'PUT /api/v1/kpi/declared/:year/:indicator': ['rtd'],
  'DELETE /api/v1/kpi/declared/:year/:indicator': ['rtd'],
  'POST /api/v1/kpi/attendance/import': ['hr'],
  'GET /api/v1/kpi/attendance': ['hr', 'rtd'],
  'GET /dashboard': ['rtd'],

  // operator pages: each desk its own
  'GET /ui/technician': ['technician'],
  'GET /ui/technician/lots': ['technician'],
  'GET /ui/technician/receive': ['technician'],
  'GET /ui/technician/labels': ['technician'],
  'GET /ui/technician/assets': ['technician'],
  'GET /ui/technician/employee': ['technician'],
  'GET /ui/technician/handover': ['technician'],
  'GET /ui/technician/return': ['technician'],
  'GET /ui/technician/report': ['technician'],
  'GET /ui/technician/stock': ['technician'],
  'GET /ui/technician/tasks': ['technician'],
  'GET /ui/hotline': ['hotline'],
  'GET /ui/hr': ['hr'],
  'GET /ui/manager': ['manager'],
  // the manager's own view: scope from the session's subject (their employee record), never from the URL
  'GET /api/v1/manager/team': ['manager'],
  'GET /api/v1/manager/countersignatures': ['manager'],
  'GET /api/v1/manager/vpn-requests': ['manager'],
  'POST /api/v1/vpn/accounts/:id/manager-approval': ['manager'],
  'GET /ui/me': ['employee'],
  'GET /api/v1/me': ['employee'],
  'GET /api/v1/me/receipts/:handoverId': ['employee'],
  'GET /api/v1/me/agreements/:agreementId/document': ['employee'],
  'GET /api/v1/me/vpn/openvpn-profile': ['employee'],
  'POST /api/v1/me/devices/:assetId/report': ['employee'],
  'GET /ui/hotline/account': ['hotline'],
  'GET /ui/hotline/certificates': ['hotline'],
};

const EXAMPLE_PARAMS: Record<string, string> = { serial: '7a3f0c1d2e4b5a69', request: 'MEIwQDA-MDwwOjAJBgUrDgMCGgUABBQ', returnId: '', declarationId: '' };
const OTHER_ID = '3f0b1c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
/** `:id` is `id` (a gateway's own id for its credential), anything else an example. */
const concrete = (path: string, id = OTHER_ID) => path.replace(/:([A-Za-z]+)/g, (_, name: string) => (name === 'id' ? id : EXAMPLE_PARAMS[name] || OTHER_ID));
/** Every role a token can carry: the people's, and a gateway's credential. */
const TOKEN_ROLES: readonly TokenRole[] = [...ROLES, GATEWAY_ROLE];

describe('role × route matrix (one hand-written policy table)', () => {
  let t: TestApp;
  let routes: { method: string; path: string; key: string }[];
  const tokens = {} as Record<TokenRole, string>;
  /** The gateway whose credential the matrix uses: its own id goes into `:id` for that credential. */
  let ownGateway: string;

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ROLES) tokens[role] = role === 'admin' ? t.adminToken : await t.tokenFor(role, `matrix-${role}`);
    ownGateway = (await t.http().get('/api/v1/vpn/gateways').set(auth(t.adminToken)).expect(200)).body[0].id;
    tokens.gateway = (await t.http().post(`/api/v1/vpn/gateways/${ownGateway}/credential`).set(auth(t.adminToken)).expect(201)).body.token;
    routes = listRouteRules(t.app).map((r) => ({ method: r.method, path: r.path, key: `${r.method} ${r.path}` }));
  });
  afterAll(() => t.close());

  const send = (method: string, path: string, token?: string, id?: string) => {
    const agent = t.http();
    const verbs = agent as unknown as Record<string, (p: string) => import('supertest').Test>;
    const req = verbs[method.toLowerCase()](concrete(path, id)).set('Accept', 'application/json');
    if (token) req.set(auth(token));
    return ['POST', 'PUT', 'PATCH'].includes(method) ? req.send({}) : req;
  };

  it('has a line in the policy table for every route the application registers, and no stale line', () => {
    const keys = routes.map((r) => r.key);
    expect(keys.filter((k) => !(k in POLICY))).toEqual([]);
    expect(Object.keys(POLICY).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('documents for every role the response type the shape table gives, special-category data in HR types only', async () => {
    type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; allOf?: Schema[]; oneOf?: Schema[] };
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { 'x-response-by-role'?: Record<string, string> }>>;
      components: { schemas: Record<string, Schema> };
    };
    const documented: Record<string, Record<string, string>> = {};
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (op['x-response-by-role']) documented[`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`] = op['x-response-by-role'];
      }
    }
    expect(Object.keys(documented).sort()).toEqual(Object.keys(RESPONSE_SHAPES).sort());
    /** Every property name reachable from a schema, through $ref, items, allOf and oneOf. */
    const properties = (schema: Schema | undefined, seen = new Set<string>()): string[] => {
      if (!schema) return [];
      if (schema.$ref) {
        const name = schema.$ref.split('/').pop() as string;
        if (seen.has(name)) return [];
        seen.add(name);
        return properties(doc.components.schemas[name], seen);
      }
      return [
        ...Object.entries(schema.properties ?? {}).flatMap(([key, value]) => [key, ...properties(value, seen)]),
        ...properties(schema.items, seen),
        ...[...(schema.allOf ?? []), ...(schema.oneOf ?? [])].flatMap((s) => properties(s, seen)),
      ];
    };
    const wrong: string[] = [];
    for (const [key, shapes] of Object.entries(RESPONSE_SHAPES)) {
      const rule = POLICY[key];
      for (const role of ROLES) {
        const allowed = rule !== undefined && (rule === PUBLIC || role === 'admin' || rule.includes(role));
        const expected = shapes[role];
        if (!allowed) {
          if (expected) wrong.push(`${role} ${key}: has a shape but may not call the route`);
          continue;
        }
        const got = documented[key]?.[role] ?? documented[key]?.['*'];
        if (got !== expected) wrong.push(`${role} ${key}: documented ${got}, the table says ${expected}`);
        if (!doc.components.schemas[expected ?? '']) wrong.push(`${role} ${key}: no schema ${expected}`);
        const special = properties({ $ref: `#/components/schemas/${expected}` }).filter((p) => SPECIAL_CATEGORY_PROPERTIES.includes(p));
        if (role !== 'admin' && role !== 'hr' && special.length) wrong.push(`${role} ${key}: ${expected} carries ${special.join(', ')}`);
      }
    }
    expect(wrong).toEqual([]);
    // and the HR types do carry what HR needs
    expect(properties({ $ref: '#/components/schemas/EmployeeHrDto' })).toContain('disabledWorker');
    expect(properties({ $ref: '#/components/schemas/AgreementHrDto' })).toEqual(expect.arrayContaining(['withdrawal', 'basis', 'noticeDays']));
  });

  it('lets every role through exactly where the table says, and answers 403 FORBIDDEN everywhere else', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const rule = POLICY[route.key];
      if (rule === undefined) continue;
      for (const role of TOKEN_ROLES) {
        const allowed = rule === PUBLIC || role === 'admin' || rule.includes(role);
        const res = await send(route.method, route.path, tokens[role], role === GATEWAY_ROLE ? ownGateway : undefined);
        checked += 1;
        if (allowed && (res.status === 401 || (res.status === 403 && res.body?.error?.code !== OWN_RECORDS_REFUSAL)))
          wrong.push(`${role} ${route.key}: expected allowed, got ${res.status} ${res.body?.error?.code}`);
        if (!allowed && (res.status !== 403 || res.body?.error?.code !== 'FORBIDDEN'))
          wrong.push(`${role} ${route.key}: expected 403 FORBIDDEN, got ${res.status} ${res.body?.error?.code}`);
        if (res.status >= 500) wrong.push(`${role} ${route.key}: ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
    note('security-matrix', { routes: routes.length, requests: checked });
  });

  it("keeps a gateway's credential to its own gateway: every route it may call answers 403 GATEWAY_NOT_OWN for another gateway", async () => {
    const gatewayRoutes = routes.filter((r) => {
      const rule = POLICY[r.key];
      return rule !== PUBLIC && rule?.includes(GATEWAY_ROLE) && r.path.includes(':id');
    });
    expect(gatewayRoutes.map((r) => r.key)).toEqual(
      expect.arrayContaining(['POST /api/v1/vpn/gateways/:id/connect-check', 'GET /api/v1/vpn/gateways/:id/allow-list']),
    );
    const wrong: string[] = [];
    for (const route of gatewayRoutes) {
      const res = await send(route.method, route.path, tokens.gateway, OTHER_ID);
      if (res.status !== 403 || res.body?.error?.code !== 'GATEWAY_NOT_OWN') wrong.push(`${route.key}: ${res.status} ${res.body?.error?.code}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 401 without a token on every route that is not public, and lets the public ones through', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const res = await send(route.method, route.path);
      const isPublic = POLICY[route.key] === PUBLIC;
      if (isPublic && (res.status === 401 || res.status === 403)) wrong.push(`${route.key}: public but ${res.status}`);
      if (!isPublic && res.status !== 401) wrong.push(`${route.key}: ${res.status} without a token`);
    }
    // the documentation is public by design (SPEC §4)
    expect((await t.http().get('/api/docs-json')).status).toBe(200);
    expect(wrong).toEqual([]);
  });

  it('refuses a revoked token, its sessions and an expired token on every route that is not public', async () => {
    const revoked = await t.http().post('/api/v1/tokens').set(auth(t.adminToken)).send({ name: 'to-revoke', role: 'admin' }).expect(201);
    // a browser session opened from it, and one exchanged from that: both end with it (issue 11 item 1)
    const sessionOf = (res: { headers: Record<string, unknown> }) => /^rw_session=([^;]+)/.exec((res.headers['set-cookie'] as string[])[0])![1];
    const session = sessionOf(await t.http().post('/api/v1/auth/session').send({ token: revoked.body.token }).expect(200));
    const exchanged = sessionOf(await t.http().post('/api/v1/auth/session').send({ token: session }).expect(200));
    await t.http().delete(`/api/v1/tokens/${revoked.body.details.id}`).set(auth(t.adminToken)).expect(200);
    const expiring = await t
      .get(TokenService)
      .create(SYSTEM_ACTOR, { name: 'short-lived', role: 'admin', expiresAt: new Date(Date.now() + 1500).toISOString() });
    await t.http().get('/api/v1/auth/me').set(auth(expiring.token)).expect(200);
    await sleep(1600);
    const wrong: string[] = [];
    for (const route of routes.filter((r) => POLICY[r.key] !== PUBLIC)) {
      for (const [token, code] of [
        [revoked.body.token as string, 'TOKEN_REVOKED'],
        [session, 'TOKEN_REVOKED'],
        [exchanged, 'TOKEN_REVOKED'],
        [expiring.token, 'TOKEN_EXPIRED'],
      ]) {
        const res = await send(route.method, route.path, token);
        if (res.status !== 401 || res.body?.error?.code !== code) wrong.push(`${route.key}: ${res.status} ${res.body?.error?.code} instead of 401 ${code}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('directory login is rate-limited', () => {
  let t: TestApp;
  let sandbox: LdapSandbox;
  const [person] = generatePeople(1, 'rl');

  beforeAll(async () => {
    sandbox = await LdapSandbox.create([person], { 'rw-hotline': [] });
    await sandbox.admin((c) =>
      c.modify(
        sandbox.groupDn('rw-hotline'),
        new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: [personDn(person, sandbox.baseDn)] }) }),
      ),
    );
    t = await startTestApp({ env: sandbox.serviceEnv() });
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.destroy();
  });

  it('refuses the 11th failed attempt in a row with 429 and Retry-After, even with the right password', async () => {
    await t.http().post('/api/v1/auth/login').send({ username: person.uid, password: person.password }).expect(200);
    for (let i = 0; i < 10; i++) {
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: person.uid, password: `wrong-${i}` });
      expect(res.status).toBe(401);
    }
    const limited = await t.http().post('/api/v1/auth/login').send({ username: person.uid, password: person.password });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});
