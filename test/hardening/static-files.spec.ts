import * as path from 'node:path';
import { createTestDatabase, TestDatabase } from '../helpers/test-db';
import { call, ensureBuilt, ROOT, ServiceProcess, tempDir } from './support/service-process';

jest.setTimeout(180_000);

/**
 * Issue 11 item 14, as production runs it (its own process, NODE_ENV=production, JSON logs to a file): a missing
 * static file answered 500 and logged "ENOENT … stat '/…/web/assets/nope.js'", the server's absolute path. In
 * process (jest) the fault hides: serve-static marks the error unexposable only when it is an `instanceof Error`
 * of Node's own realm, which jest's sandbox is not; hence a real process here.
 */
describe('missing static files in production', () => {
  let db: TestDatabase;
  let service: ServiceProcess;
  const dir = tempDir('rw-static-');

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase('sqlite');
    service = await ServiceProcess.start({ env: { DATA_DIR: db.dataDir, LOG_LEVEL: 'info' }, logFile: path.join(dir, 'service.log') });
  });

  afterAll(async () => {
    await service?.kill('SIGKILL');
    await db?.drop();
  });

  it('answers 404 with the usual error body, and names no server path in the answer or the logs', async () => {
    for (const route of ['/ui/assets/nope.js', '/ui/assets/sub/nope.css', '/ui/assets/', '/ui/assets/.hidden']) {
      const res = await call(service.url, 'GET', route);
      expect({ route, status: res.status, body: res.body }).toEqual({
        route,
        status: 404,
        body: { error: { code: 'ROUTE_NOT_FOUND', message: 'No such route' } },
      });
      expect(res.text).not.toContain(ROOT);
    }
    expect((await call(service.url, 'GET', '/ui/assets/app.css')).status).toBe(200);
    expect((await call(service.url, 'GET', '/ui/vendor/chart.umd.js')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300)); // the log lines of those requests reach the file
    const logs = service.logs();
    expect(logs).toContain('/ui/assets/nope.js'); // the request is logged (its URL path) …
    expect(logs).not.toContain(path.join(ROOT, 'web')); // … but never where the files live
    expect(logs).not.toMatch(/ENOENT|"level":50/);
  });
});
