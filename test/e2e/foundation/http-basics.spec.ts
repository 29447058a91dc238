import { auth, startTestApp, TestApp } from '../../helpers/test-app';

describe('HTTP basics: health, docs, errors, headers, limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { BODY_LIMIT: '10kb' } });
  });
  afterAll(() => t.close());

  it('reports database and queue in /health without credentials', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: { status: 'up', kind: t.db.kind },
      queue: { status: 'up', kind: 'in-process' },
    });
  });

  it('serves the OpenAPI UI and document without credentials', async () => {
    const ui = await t.http().get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger-ui');
    const doc = await t.http().get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/health', '/api/v1/tokens', '/api/v1/audit/verify', '/api/v1/jobs/failed']));
    expect(doc.body.components.securitySchemes.bearer).toBeDefined();
  });

  it('sets security headers and echoes a safe request id, or makes one', async () => {
    const res = await t.http().get('/health').set('x-request-id', 'abc12345-request').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-request-id']).toBe('abc12345-request');
    const other = await t.http().get('/health').set('x-request-id', 'bad id\twith junk').expect(200);
    expect(other.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with the error shape', async () => {
    const res = await t.http().get('/api/v1/nothing-here').expect(404);
    expect(res.body).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: 'No such route' } });
  });

  it('answers a missing static file with 404 and the error shape, naming no server path', async () => {
    for (const path of ['/ui/assets/nope.js', '/ui/assets/deeper/nope.css', '/ui/assets/']) {
      const res = await t.http().get(path).expect(404);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.body).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: 'No such route' } });
      expect(res.text).not.toContain(process.cwd());
    }
    // the files that exist are still served
    await t.http().get('/ui/assets/api.js').expect(200);
  });

  it('refuses malformed JSON with a stable code and no parser internals', async () => {
    const res = await t.http().post('/api/v1/tokens').set(auth(t.adminToken)).set('content-type', 'application/json').send('{"name": ').expect(400);
    expect(res.body.error.code).toBe('MALFORMED_JSON');
    expect(JSON.stringify(res.body)).not.toMatch(/position|at JSON/);
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await t
      .http()
      .post('/api/v1/tokens')
      .set(auth(t.adminToken))
      .send({ name: 'x'.repeat(20_000), role: 'rtd' })
      .expect(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('lists every failing field of a body in one 400', async () => {
    const res = await t.http().post('/api/v1/tokens').set(auth(t.adminToken)).send({ role: 'overlord', colour: 'red' }).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const fields = res.body.error.details.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['colour', 'name', 'role']);
  });

  it('refuses a malformed id in a path before any lookup', async () => {
    const res = await t.http().delete('/api/v1/tokens/not-a-uuid').set(auth(t.adminToken)).expect(400);
    expect(res.body.error.code).toBe('INVALID_ID');
  });

  it('exposes Prometheus metrics to admins only', async () => {
    await t.http().get('/metrics').expect(401);
    const res = await t.http().get('/metrics').set(auth(t.adminToken)).expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toContain('rw_http_request_duration_seconds_bucket');
    expect(res.text).toMatch(/rw_queue_jobs\{state="waiting",driver="in-process"\} \d+/);
    expect(res.text).toMatch(/rw_outbox_pending \d+/);
  });
});
