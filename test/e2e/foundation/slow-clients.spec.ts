import * as net from 'node:net';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

interface RawResult {
  /** everything the server sent */
  text: string;
  /** ms from connecting to the first byte of the answer (null: none) */
  answeredAfter: number | null;
  /** ms from connecting to the server closing the connection (null: still open at the end) */
  closedAfter: number | null;
}

/**
 * Sends `head` and then only `partialBody` on a raw socket, never the rest, and watches for `watchMs`: what the
 * server answers and when it closes. Ends (and destroys the socket) as soon as the server closes.
 */
function halfSend(url: string, head: string, partialBody: string, watchMs: number): Promise<RawResult> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const started = Date.now();
    const result: RawResult = { text: '', answeredAfter: null, closedAfter: null };
    const socket = net.connect(Number(port), hostname, () => socket.write(head + partialBody));
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(done, watchMs);
    socket.on('data', (chunk) => {
      result.answeredAfter ??= Date.now() - started;
      result.text += chunk.toString('utf8');
    });
    socket.on('end', () => {
      result.closedAfter = Date.now() - started;
      done();
    });
    socket.on('close', () => {
      result.closedAfter ??= Date.now() - started;
      done();
    });
    socket.on('error', () => undefined);
  });
}

const status = (r: RawResult) => Number(/^HTTP\/1\.1 (\d{3})/.exec(r.text)?.[1] ?? 0);
const jsonBody = (r: RawResult) => JSON.parse(r.text.slice(r.text.indexOf('\r\n\r\n') + 4)) as { error: { code: string } };

function importHead(path: string, contentLength: number, extra = ''): string {
  return `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\nContent-Length: ${contentLength}\r\n${extra}\r\n`;
}

const TWENTY_MB = 20 * 1024 * 1024;
const A_LITTLE = 'employee_number,first_name,last_name,service_code\n' + 'M1,A,B,SD\n'.repeat(100);

/**
 * Issue 11 item 13: an import body (up to IMPORT_BODY_LIMIT) is read only for a caller with a valid credential,
 * and a client that sends its request slowly is cut off after HTTP_HEADERS_TIMEOUT_MS / HTTP_REQUEST_TIMEOUT_MS
 * instead of Node's minutes.
 */
describe('slow and anonymous clients', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2500' } });
  });
  afterAll(() => t.close());

  it.each(['/api/v1/employees/import', '/api/v1/activities/import?dryRun=true', '/api/v1/assets/import?lotId=3f0b1c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'])(
    'answers an anonymous 20 MB upload to %s with 401 before the body is sent, and closes the connection',
    async (path) => {
      const r = await halfSend(t.url, importHead(path, TWENTY_MB), A_LITTLE, 5000);
      expect(status(r)).toBe(401);
      expect(jsonBody(r).error.code).toBe('UNAUTHENTICATED');
      expect(r.answeredAfter).not.toBeNull();
      expect(r.answeredAfter!).toBeLessThan(1000); // not after a headers/request timeout: at once
      expect(r.text).toMatch(/\r\nConnection: close\r\n/i);
      expect(r.closedAfter).not.toBeNull();
    },
  );

  it('answers a 20 MB upload with a revoked or made-up token with 401 before the body is sent', async () => {
    const r = await halfSend(t.url, importHead('/api/v1/employees/import', TWENTY_MB, `Authorization: Bearer rwt_${'x'.repeat(43)}\r\n`), A_LITTLE, 5000);
    expect(status(r)).toBe(401);
    expect(jsonBody(r).error.code).toBe('TOKEN_INVALID');
    expect(r.answeredAfter!).toBeLessThan(1000);
  });

  it('still reads the body of an authenticated import (and the guard still checks the role)', async () => {
    const hr = await t.tokenFor('hr');
    const ok = await t
      .http()
      .post('/api/v1/employees/import?dryRun=true')
      .set(auth(hr))
      .set('Content-Type', 'text/csv')
      .send('employee_number,first_name,last_name,service_code\n')
      .expect(200);
    expect(ok.body).toMatchObject({ dryRun: true, total: 0 });
    const tech = await t.tokenFor('technician');
    await t.http().post('/api/v1/employees/import?dryRun=true').set(auth(tech)).set('Content-Type', 'text/csv').send('employee_number\n').expect(403);
  });

  it('closes a connection whose headers are not complete after HTTP_HEADERS_TIMEOUT_MS', async () => {
    const r = await halfSend(t.url, 'GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ', '', 10_000);
    expect(r.closedAfter).not.toBeNull();
    expect(r.closedAfter!).toBeGreaterThanOrEqual(900);
    expect(r.closedAfter!).toBeLessThan(4000);
    expect(status(r)).toBe(408);
  });

  it('closes an authenticated upload whose body stops coming after HTTP_REQUEST_TIMEOUT_MS', async () => {
    const hr = await t.tokenFor('hr');
    const r = await halfSend(t.url, importHead('/api/v1/employees/import?dryRun=true', 100_000, `Authorization: Bearer ${hr}\r\n`), A_LITTLE, 12_000);
    expect(r.closedAfter).not.toBeNull();
    expect(r.closedAfter!).toBeGreaterThanOrEqual(2000);
    expect(r.closedAfter!).toBeLessThan(7000);
  });

  it('sets the timeouts on the server the tests and production both listen with', () => {
    // defaults (20 s / 120 s / 5 s) and their validation: src/config/app-config.spec.ts
    const server = t.app.getHttpServer() as { headersTimeout: number; requestTimeout: number; keepAliveTimeout: number };
    expect(server).toMatchObject({ headersTimeout: 1000, requestTimeout: 2500, keepAliveTimeout: 5000 });
  });
});
