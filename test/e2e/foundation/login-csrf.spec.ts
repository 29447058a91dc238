import { ApiTokenEntity } from '../../../src/auth/api-token.entity';
import { AuditEventEntity } from '../../../src/audit/audit-event.entity';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

/**
 * Issue 11 item 11: login CSRF. A page on another site can make the victim's browser submit a form (urlencoded,
 * multipart, text/plain) to the login routes and so sign the victim in as the attacker. Those bodies are refused
 * before anything is looked up; a JSON body, or the pages' CSRF header, passes.
 */
describe('login routes refuse what a cross-site form can send', () => {
  let t: TestApp;
  let attackerToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    attackerToken = await t.tokenFor('hotline', 'attacker');
  });
  afterAll(() => t.close());

  /**
   * 403 CSRF_HEADER_MISSING from the login routes' guard; a text/plain body may be refused even earlier, before it
   * is read, with 401 UNAUTHENTICATED (import bodies need a credential first: src/auth/credential-before-body.ts).
   */
  const expectRefused = (res: { status: number; body: { error?: { code?: string } }; headers: Record<string, unknown> }, label: string) => {
    const refusal = { status: res.status, code: res.body.error?.code };
    expect({
      label,
      ok: [JSON.stringify({ status: 403, code: 'CSRF_HEADER_MISSING' }), JSON.stringify({ status: 401, code: 'UNAUTHENTICATED' })].includes(
        JSON.stringify(refusal),
      ),
      refusal,
    }).toEqual({
      label,
      ok: true,
      refusal,
    });
    expect(res.headers['set-cookie']).toBeUndefined();
  };

  const counts = async () => ({
    tokens: await t.dataSource.getRepository(ApiTokenEntity).count(),
    audit: await t.dataSource.getRepository(AuditEventEntity).count(),
  });

  it('refuses a form-encoded, a multipart and a text/plain POST to /auth/session with 403, opening nothing', async () => {
    const before = await counts();
    const form = await t.http().post('/api/v1/auth/session').type('form').send({ token: attackerToken });
    expect({ status: form.status, code: form.body.error?.code }).toEqual({ status: 403, code: 'CSRF_HEADER_MISSING' });
    const multipart = await t.http().post('/api/v1/auth/session').field('token', attackerToken);
    expect({ status: multipart.status, code: multipart.body.error?.code }).toEqual({ status: 403, code: 'CSRF_HEADER_MISSING' });
    const attempts: [string, () => Promise<import('supertest').Response>][] = [
      ['form', () => Promise.resolve(form)],
      ['multipart', () => Promise.resolve(multipart)],
      [
        'text/plain',
        () =>
          t
            .http()
            .post('/api/v1/auth/session')
            .set('Content-Type', 'text/plain')
            .send(JSON.stringify({ token: attackerToken })),
      ],
      [
        'text/plain; application/json',
        () =>
          t
            .http()
            .post('/api/v1/auth/session')
            .set('Content-Type', 'text/plain; application/json')
            .send(JSON.stringify({ token: attackerToken })),
      ],
      [
        'text/plain;charset=UTF-8 (a no-cors fetch with a string body)',
        () => t.http().post('/api/v1/auth/session').set('Content-Type', 'text/plain;charset=UTF-8').send(`{"token":"${attackerToken}"}`),
      ],
    ];
    for (const [label, attempt] of attempts) expectRefused(await attempt(), label);
    expect(await counts()).toEqual(before);
  });

  it('refuses a form post to /auth/login before any directory work (no directory configured here: still 403, not 409)', async () => {
    const before = await counts();
    const form = await t.http().post('/api/v1/auth/login').type('form').send({ username: 'attacker', password: 'x' });
    expect({ status: form.status, code: form.body.error?.code }).toEqual({ status: 403, code: 'CSRF_HEADER_MISSING' });
    expectRefused(await t.http().post('/api/v1/auth/login').set('Content-Type', 'text/plain').send('{"username":"attacker","password":"x"}'), 'text/plain');
    const multipart = await t.http().post('/api/v1/auth/login').field('username', 'attacker').field('password', 'x');
    expect({ status: multipart.status, code: multipart.body.error?.code }).toEqual({ status: 403, code: 'CSRF_HEADER_MISSING' });
    expect(await counts()).toEqual(before);
    // JSON goes through to the route itself
    expect((await t.http().post('/api/v1/auth/login').send({ username: 'a', password: 'b' }).expect(409)).body.error.code).toBe('DIRECTORY_NOT_CONFIGURED');
  });

  it('accepts what the pages send: JSON with the CSRF header, or JSON alone (API clients)', async () => {
    const page = await t
      .http()
      .post('/api/v1/auth/session')
      .set('x-rw-csrf', '1')
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ token: attackerToken }))
      .expect(200);
    expect(page.headers['set-cookie'][0]).toMatch(/^rw_session=rwt_/);
    await t.http().post('/api/v1/auth/session').send({ token: attackerToken }).expect(200);
    await t.http().get('/api/v1/auth/me').set(auth(attackerToken)).expect(200);
  });
});
