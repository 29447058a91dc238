import { auth, startTestApp, TestApp } from '../../helpers/test-app';

function cookieOf(res: { headers: Record<string, unknown> }): string {
  const set = res.headers['set-cookie'] as string[] | undefined;
  if (!set?.length) throw new Error('no Set-Cookie header');
  return set[0];
}

describe('browser sessions: HttpOnly cookie, CSRF header, pages behind login', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('opens a session from a token without putting that token in the cookie', async () => {
    const apiToken = await t.tokenFor('technician', 'tech-web');
    const res = await t.http().post('/api/v1/auth/session').send({ token: apiToken }).expect(200);
    expect(res.body).toMatchObject({ name: 'tech-web', role: 'technician' });
    const cookie = cookieOf(res);
    expect(cookie).toMatch(/^rw_session=rwt_/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(apiToken);
  });

  it('accepts the cookie for reads, and for writes only with the CSRF header', async () => {
    const admin = await t.http().post('/api/v1/auth/session').send({ token: t.adminToken }).expect(200);
    const cookie = cookieOf(admin).split(';')[0];
    await t.http().get('/api/v1/auth/me').set('Cookie', cookie).expect(200);
    const refused = await t.http().post('/api/v1/tokens').set('Cookie', cookie).send({ name: 'x', role: 'rtd' }).expect(403);
    expect(refused.body.error.code).toBe('CSRF_HEADER_MISSING');
    expect((await t.http().get('/api/v1/tokens').set(auth(t.adminToken)).expect(200)).body.some((x: { name: string }) => x.name === 'x')).toBe(false);
    await t.http().post('/api/v1/tokens').set('Cookie', cookie).set('x-rw-csrf', '1').send({ name: 'x', role: 'rtd' }).expect(201);
  });

  it('closes the session on logout: the session token is revoked and the cookie cleared', async () => {
    const res = await t.http().post('/api/v1/auth/session').send({ token: t.adminToken }).expect(200);
    const cookie = cookieOf(res).split(';')[0];
    const out = await t.http().post('/api/v1/auth/logout').set('Cookie', cookie).set('x-rw-csrf', '1').expect(200);
    expect(cookieOf(out)).toMatch(/rw_session=;.*Max-Age=0/);
    expect((await t.http().get('/api/v1/auth/me').set('Cookie', cookie).expect(401)).body.error.code).toBe('TOKEN_REVOKED');
    // the API token used to open it still works
    await t.http().get('/api/v1/auth/me').set(auth(t.adminToken)).expect(200);
  });

  it('refuses a session for a bad token', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/session')
      .send({ token: 'rwt_' + 'x'.repeat(43) })
      .expect(401);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('sends a browser without a session to the login page, and serves the login page and assets publicly', async () => {
    const page = await t.http().get('/ui').set('Accept', 'text/html').expect(302);
    expect(page.headers.location).toBe('/ui/login?next=%2Fui');
    const login = await t.http().get('/ui/login').set('Accept', 'text/html').expect(200);
    expect(login.text).toContain('<html lang="it">');
    expect(login.text).not.toMatch(/https?:\/\//); // no external resources
    await t.http().get('/ui/assets/app.css').expect(200).expect('content-type', /css/);
    await t
      .http()
      .get('/ui/assets/api.js')
      .expect(200)
      .expect('content-type', /javascript/);
    const chart = await t.http().get('/ui/vendor/chart.umd.js').expect(200);
    expect(chart.text.length).toBeGreaterThan(100_000);
    await t
      .http()
      .get('/ui/assets/..%2F..%2Fpackage.json')
      .expect((r) => expect([400, 403, 404]).toContain(r.status));
    await t.http().get('/ui/assets/missing.js').expect(404);
    const methods = await t.http().get('/api/v1/auth/methods').expect(200);
    expect(methods.body).toEqual({ directory: false, municipality: 'Comune' });
  });

  it('serves the home page to a signed-in user and 403 in plain words to a role without the page', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/session')
      .send({ token: await t.tokenFor('hr') })
      .expect(200);
    const cookie = cookieOf(res).split(';')[0];
    const home = await t.http().get('/ui').set('Cookie', cookie).set('Accept', 'text/html').expect(200);
    expect(home.text).toContain('Benvenuto');
  });
});
