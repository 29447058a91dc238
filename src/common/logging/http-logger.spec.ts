import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pinoHttp from 'pino-http';
import { loadConfig } from '../../config/app-config';
import { httpLoggerOptions, loggedUrl, logFormat } from './http-logger';

describe('log format', () => {
  it('is readable at a terminal and JSON otherwise, unless LOG_FORMAT says', () => {
    expect(logFormat('auto', true)).toBe('pretty');
    expect(logFormat('auto', false)).toBe('json');
    expect(logFormat('auto', undefined)).toBe('json');
    expect(logFormat('json', true)).toBe('json');
    expect(logFormat('pretty', false)).toBe('pretty');
  });

  it('uses the pino-pretty transport only for a terminal', () => {
    const config = loadConfig({});
    expect(httpLoggerOptions(config, true).transport).toMatchObject({ target: 'pino-pretty' });
    expect(httpLoggerOptions(config, false).transport).toBeUndefined();
    expect(httpLoggerOptions(loadConfig({ LOG_FORMAT: 'pretty' }), false).transport).toMatchObject({ target: 'pino-pretty' });
  });

  it('keeps redacting secrets in both formats', () => {
    for (const tty of [true, false]) {
      const redact = httpLoggerOptions(loadConfig({}), tty).redact as { paths: string[] };
      expect(redact.paths).toEqual(expect.arrayContaining(['req.headers.authorization', 'req.headers.cookie', '*.password', '*.privateKey']));
    }
  });
});

describe('the access log of the gateways’ and OCSP routes', () => {
  const SERIAL = '5f1e2d3c4b5a69788796a5b4c3d2e1f0';
  const CN = 'maria.rossi';
  const GATEWAY = '3f0b1c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

  /** Real pino-http with the service's options, on a real HTTP server on 127.0.0.1; the lines it writes. */
  async function logLines(requests: { method: string; path: string; body?: string | Buffer; type?: string }[]): Promise<string[]> {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const logger = pinoHttp(httpLoggerOptions(loadConfig({ LOG_LEVEL: 'debug', LOG_FORMAT: 'json' }), false), sink);
    const server = createServer((req, res) => {
      logger(req, res);
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      for (const r of requests) {
        const res = await fetch(`http://127.0.0.1:${port}${r.path}`, {
          method: r.method,
          body: r.body,
          headers: { 'content-type': r.type ?? 'application/json', authorization: 'Bearer not-a-real-token-but-long-enough' },
        });
        await res.text();
      }
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    return lines;
  }

  it('carries no serial and no CN: not from the body, the query string, nor an OCSP GET path', async () => {
    // an OCSP request names the serial in its DER; the GET form puts its base64 in the path
    const ocspDer = Buffer.concat([Buffer.from('3042', 'hex'), Buffer.from(SERIAL, 'hex')]);
    const lines = await logLines([
      { method: 'POST', path: `/api/v1/vpn/gateways/${GATEWAY}/connect-check`, body: JSON.stringify({ serial: SERIAL, cn: CN }) },
      { method: 'POST', path: `/api/v1/vpn/gateways/${GATEWAY}/connect-check?serial=${SERIAL}&cn=${CN}`, body: '{}' },
      { method: 'GET', path: `/api/v1/vpn/gateways/${GATEWAY}/allow-list?serial=${SERIAL}` },
      { method: 'POST', path: '/pki/ocsp', body: ocspDer, type: 'application/ocsp-request' },
      { method: 'GET', path: `/pki/ocsp/${encodeURIComponent(ocspDer.toString('base64'))}` },
    ]);
    const requests = lines.map((l) => JSON.parse(l) as { req?: { url?: string } }).filter((l) => l.req);
    // the test is not vacuous: every request was logged, with its route
    expect(requests.map((l) => l.req!.url)).toEqual([
      `/api/v1/vpn/gateways/${GATEWAY}/connect-check`,
      `/api/v1/vpn/gateways/${GATEWAY}/connect-check`,
      `/api/v1/vpn/gateways/${GATEWAY}/allow-list`,
      '/pki/ocsp',
      '/pki/ocsp/[redacted]',
    ]);
    const text = lines.join('\n');
    for (const secret of [SERIAL, SERIAL.toUpperCase(), CN, ocspDer.toString('base64'), encodeURIComponent(ocspDer.toString('base64')), 'not-a-real-token']) {
      expect(text).not.toContain(secret);
    }
  });

  it('keeps the path of every other route', () => {
    expect(loggedUrl('/api/v1/vpn/gateways/abc/allow-list?x=1')).toBe('/api/v1/vpn/gateways/abc/allow-list');
    expect(loggedUrl('/pki/crl.pem')).toBe('/pki/crl.pem');
    expect(loggedUrl('/pki/ocsp')).toBe('/pki/ocsp');
    expect(loggedUrl('/pki/ocsp/MEIwQDA%2BMDwwOjAJBgUrDgMCGgUABBQ')).toBe('/pki/ocsp/[redacted]');
  });
});
