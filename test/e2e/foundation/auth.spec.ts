import { listRouteRules } from '../../../src/common/auth/route-rules';
import { ApiTokenEntity } from '../../../src/auth/api-token.entity';
import { TokenService } from '../../../src/auth/token.service';
import { SYSTEM_ACTOR } from '../../../src/common/auth/roles';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

/**
 * Routes public by design (SPEC §3): health, the PKI distribution points (and the public key that verifies the
 * gateways' allow-lists, published as the CA is), the API documentation, and login itself.
 */
const PUBLIC_BY_DESIGN = [
  /^\/health$/,
  /^\/pki\//,
  /^\/api\/v1\/vpn\/gateways\/signing-key\.pem$/,
  /^\/api\/docs/,
  /^\/api\/v1\/auth\/(login|session|methods)$/,
  // the login page itself and the root redirect; other pages and all data need a session
  /^\/ui\/login$/,
  /^\/$/,
];

describe('authentication and roles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('gives every registered route an explicit rule, and only the designed ones are public', () => {
    const rules = listRouteRules(t.app);
    expect(rules.length).toBeGreaterThan(5);
    const withoutRule = rules.filter((r) => !r.public && !r.roles);
    expect(withoutRule.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    const unexpectedPublic = rules.filter((r) => r.public && !PUBLIC_BY_DESIGN.some((p) => p.test(r.path)));
    expect(unexpectedPublic.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(rules.find((r) => r.path === '/health')?.public).toBe(true);
  });

  it('refuses a missing, malformed or unknown token with 401', async () => {
    expect((await t.http().get('/api/v1/auth/me').expect(401)).body.error.code).toBe('UNAUTHENTICATED');
    expect((await t.http().get('/api/v1/auth/me').set('Authorization', 'Basic abc').expect(401)).body.error.code).toBe('UNAUTHENTICATED');
    expect(
      (
        await t
          .http()
          .get('/api/v1/auth/me')
          .set(auth('rwt_' + 'A'.repeat(43)))
          .expect(401)
      ).body.error.code,
    ).toBe('TOKEN_INVALID');
  });

  it('shows a created token once, stores only its hash, and never lists it', async () => {
    const created = await t.http().post('/api/v1/tokens').set(auth(t.adminToken)).send({ name: 'desk-1', role: 'hotline' }).expect(201);
    const token: string = created.body.token;
    expect(token).toMatch(/^rwt_/);
    expect(created.body.details).toMatchObject({ name: 'desk-1', role: 'hotline', kind: 'api', revokedAt: null });
    const list = await t.http().get('/api/v1/tokens').set(auth(t.adminToken)).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(JSON.stringify(list.body)).not.toContain('tokenHash');
    const row = await t.dataSource.getRepository(ApiTokenEntity).findOneByOrFail({ id: created.body.details.id });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);
    const me = await t.http().get('/api/v1/auth/me').set(auth(token)).expect(200);
    expect(me.body).toMatchObject({ name: 'desk-1', role: 'hotline' });
  });

  it('refuses a role the route does not allow with 403', async () => {
    const hotline = await t.tokenFor('hotline');
    const res = await t.http().get('/api/v1/tokens').set(auth(hotline)).expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    await t
      .http()
      .get('/api/v1/audit/verify')
      .set(auth(await t.tokenFor('rtd')))
      .expect(200);
  });

  it('refuses revoked and expired tokens', async () => {
    const created = await t.http().post('/api/v1/tokens').set(auth(t.adminToken)).send({ name: 'temp', role: 'rtd' }).expect(201);
    await t.http().get('/api/v1/auth/me').set(auth(created.body.token)).expect(200);
    await t.http().delete(`/api/v1/tokens/${created.body.details.id}`).set(auth(t.adminToken)).expect(200);
    const res = await t.http().get('/api/v1/auth/me').set(auth(created.body.token)).expect(401);
    expect(res.body.error.code).toBe('TOKEN_REVOKED');

    const expiring = await t.get(TokenService).create(SYSTEM_ACTOR, { name: 'short', role: 'rtd', expiresAt: new Date(Date.now() + 300).toISOString() });
    await t.http().get('/api/v1/auth/me').set(auth(expiring.token)).expect(200);
    await new Promise((r) => setTimeout(r, 400));
    expect((await t.http().get('/api/v1/auth/me').set(auth(expiring.token)).expect(401)).body.error.code).toBe('TOKEN_EXPIRED');
  });

  it('refuses an expiry in the past', async () => {
    const res = await t.http().post('/api/v1/tokens').set(auth(t.adminToken)).send({ name: 'x', role: 'rtd', expiresAt: '2001-01-01T00:00:00Z' }).expect(400);
    expect(res.body.error.details.fields[0].field).toBe('expiresAt');
  });
});

describe('BOOTSTRAP_ADMIN_TOKEN', () => {
  it('creates an admin token with that value only while no admin exists', async () => {
    const t = await startTestApp();
    try {
      const tokens = t.get(TokenService);
      // startTestApp already made an admin: the bootstrap value must not become a second one.
      expect(await tokens.ensureBootstrapAdmin('bootstrap-value-0123456789-abcdef')).toBe(false);
      await t.http().get('/api/v1/auth/me').set(auth('bootstrap-value-0123456789-abcdef')).expect(401);
      await t.dataSource.query(`UPDATE api_tokens SET revoked_at = '${new Date().toISOString()}'`);
      expect(await tokens.ensureBootstrapAdmin('bootstrap-value-0123456789-abcdef')).toBe(true);
      const me = await t.http().get('/api/v1/auth/me').set(auth('bootstrap-value-0123456789-abcdef')).expect(200);
      expect(me.body.role).toBe('admin');
      expect(await tokens.ensureBootstrapAdmin('bootstrap-value-0123456789-abcdef')).toBe(false);
    } finally {
      await t.close();
    }
  });
});
