import { startTestApp, TestApp } from '../../helpers/test-app';

function setCookie(res: { headers: Record<string, unknown> }): string {
  const set = res.headers['set-cookie'] as string[] | undefined;
  if (!set?.length) throw new Error('no Set-Cookie header');
  return set[0];
}

/**
 * Issue 11 item 9: on a plain-HTTP intranet address (`http://10.x.y.z:3000`) a CSP with upgrade-insecure-requests
 * sends every script and style to https, where nothing listens, and a Secure cookie is never stored. Both belong
 * only to a service served over https (PUBLIC_BASE_URL https://). The browser proof is in
 * test/browser/plain-http-intranet.spec.ts.
 */
describe('transport security follows how the service is served (PUBLIC_BASE_URL)', () => {
  describe('served over plain HTTP (no PUBLIC_BASE_URL, or http://)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { PUBLIC_BASE_URL: 'http://10.20.30.40:3000' } });
    });
    afterAll(() => t.close());

    it('sends a CSP without upgrade-insecure-requests, and no HSTS or COOP, on pages and on the API', async () => {
      for (const path of ['/ui/login', '/health', '/ui/assets/login.js']) {
        const res = await t.http().get(path).set('Accept', 'text/html').expect(200);
        const csp = String(res.headers['content-security-policy']);
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toContain('upgrade-insecure-requests');
        expect(res.headers['strict-transport-security']).toBeUndefined();
        expect(res.headers['cross-origin-opener-policy']).toBeUndefined(); // ignored from an http origin, with a console error
      }
    });

    it('sets the session cookie without Secure, so a browser on http stores it', async () => {
      const res = await t.http().post('/api/v1/auth/session').send({ token: t.adminToken }).expect(200);
      const cookie = setCookie(res);
      expect(cookie).toMatch(/^rw_session=/);
      expect(cookie).not.toMatch(/;\s*Secure/i);
    });

    it('still marks the cookie Secure for a request that arrived over https through a trusted proxy', async () => {
      const proxied = await startTestApp({ env: { TRUST_PROXY: 'true' }, database: t.db });
      try {
        const res = await proxied.http().post('/api/v1/auth/session').set('X-Forwarded-Proto', 'https').send({ token: proxied.adminToken }).expect(200);
        expect(setCookie(res)).toMatch(/;\s*Secure/i);
      } finally {
        await proxied.close();
      }
    });
  });

  describe('served over https (PUBLIC_BASE_URL https://)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { PUBLIC_BASE_URL: 'https://lavoroagile.comune.example.it' } });
    });
    afterAll(() => t.close());

    it('sends upgrade-insecure-requests, HSTS and COOP', async () => {
      const res = await t.http().get('/ui/login').set('Accept', 'text/html').expect(200);
      expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    });

    it('marks the session cookie Secure by default, and its clearing on logout too', async () => {
      const res = await t.http().post('/api/v1/auth/session').send({ token: t.adminToken }).expect(200);
      const cookie = setCookie(res);
      expect(cookie).toMatch(/;\s*Secure/i);
      const out = await t.http().post('/api/v1/auth/logout').set('Cookie', cookie.split(';')[0]).set('x-rw-csrf', '1').expect(200);
      expect(setCookie(out)).toMatch(/Max-Age=0.*Secure|Secure.*Max-Age=0/i);
    });

    it('lets SESSION_COOKIE_SECURE override the default', async () => {
      const off = await startTestApp({ env: { PUBLIC_BASE_URL: 'https://lavoroagile.comune.example.it', SESSION_COOKIE_SECURE: 'false' }, database: t.db });
      try {
        const res = await off.http().post('/api/v1/auth/session').send({ token: off.adminToken }).expect(200);
        expect(setCookie(res)).not.toMatch(/;\s*Secure/i);
      } finally {
        await off.close();
      }
    });
  });
});
