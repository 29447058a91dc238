import { execFile } from 'node:child_process';
import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The gateway's shell scripts (gateway/*.sh), run for real by /bin/sh with the real curl and openssl against a tiny
 * HTTP server on 127.0.0.1 that plays the service: what connect-check.sh decides for each answer (and for no
 * answer), when it trusts the signed allow-list, what the refreshers replace and when they alert.
 */

const REPO = path.resolve(__dirname, '../../..');
const script = (name: string) => path.join(REPO, 'gateway', name);
const GATEWAY_ID = 'gw-0001';
const TOKEN = 'rwg_test-token.not-secret';
// what OpenVPN puts in tls_serial_hex_0: colons, the raw bytes (here with a leading zero byte)
const SERIAL_ENV = '0a:1b:2c:3d:4e:5f:60:71:82:93:a4:b5:c6:d7:e8:f9';
const SERIAL = 'a1b2c3d4e5f60718293a4b5c6d7e8f9';
const DIRECTIVES = ['ifconfig-push 10.8.0.7 255.255.252.0', 'push "route 10.10.0.0 255.255.0.0"', 'push "dhcp-option DNS 10.10.1.10"'];

interface Result {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function runScript(name: string, args: string[], env: Record<string, string>): Promise<Result> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(script(name), args, { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr), ms: Date.now() - started });
    });
  });
}

function openssl(args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('openssl', args, { cwd, timeout: 30_000 }, (err, _stdout, stderr) =>
      err ? reject(new Error(`openssl ${args.join(' ')}: ${String(stderr)}`)) : resolve(),
    );
  });
}

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;
interface Seen {
  method?: string;
  url?: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

const iso = (ms: number) => new Date(ms).toISOString();
/** YYYYMMDDHHMMSSZ for openssl ca -crl_lastupdate / -crl_nextupdate */
const asn1Time = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/** An allow-list as the contract writes it, signed (ECDSA P-256, SHA-256) over every byte before the signature line. */
function allowList(
  key: KeyObject,
  opts: { gateway?: string; expiresInMs?: number; entries?: [string, string[]][]; tamper?: (body: string) => string } = {},
): string {
  const now = Date.now();
  const entries = opts.entries ?? [[SERIAL, DIRECTIVES]];
  let body =
    `# remote-work allow-list v1\ngateway ${opts.gateway ?? GATEWAY_ID}\nissued ${iso(now)}\nexpires ${iso(now + (opts.expiresInMs ?? 240 * 60_000))}\n` +
    entries.map(([serial, lines]) => `allow ${serial} ${Buffer.from(lines.join('\n')).toString('base64')}\n`).join('');
  const signature = sign('sha256', Buffer.from(body), key).toString('base64');
  if (opts.tamper) body = opts.tamper(body);
  return `${body}signature ${signature}\n`;
}

describe('gateway scripts (real sh, curl, openssl) against a stand-in service on 127.0.0.1', () => {
  let dir: string;
  let rw: string;
  let server: http.Server;
  let handler: Handler;
  let seen: Seen[] = [];
  let port: number;
  let deadPort: number;
  const signing = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const conf = (extra: Record<string, string> = {}, url = `http://127.0.0.1:${port}`) =>
    fs.writeFileSync(
      path.join(rw, 'gateway.conf'),
      Object.entries({ SERVICE_URL: url, GATEWAY_ID, TOKEN_FILE: 'token', CHECK_TIMEOUT: '2', ...extra })
        .map(([k, v]) => `${k}=${v}\n`)
        .join('') + '# a comment\n',
    );
  const env = () => ({ RW_GATEWAY_CONF: path.join(rw, 'gateway.conf'), tls_serial_hex_0: SERIAL_ENV });
  const listFile = () => path.join(rw, 'allow-list.txt');

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(process.env.TEST_TMP ?? os.tmpdir(), `rw-gw-scripts-${process.pid}-`));
    rw = path.join(dir, 'remote-work');
    fs.mkdirSync(rw);
    fs.writeFileSync(path.join(rw, 'token'), `${TOKEN}\n`, { mode: 0o600 });
    fs.writeFileSync(path.join(dir, 'allow-list.pub.pem'), signing.publicKey.export({ type: 'spki', format: 'pem' }));
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body });
        handler(req, body, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
    deadPort = await freePort();
    conf();
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    seen = [];
    conf();
    fs.rmSync(listFile(), { force: true });
  });

  const answer =
    (status: number, text: string, delayMs = 0): Handler =>
    (_req, _body, res) =>
      setTimeout(() => {
        if (!res.destroyed) res.writeHead(status, { 'Content-Type': 'text/plain' }).end(text);
      }, delayMs);

  describe('connect-check.sh (OpenVPN client-connect)', () => {
    const check = async () => {
      const out = path.join(dir, `directives-${Math.random().toString(36).slice(2)}`);
      fs.writeFileSync(out, '');
      const r = await runScript('connect-check.sh', [out], env());
      // never the serial (in any of its forms) in what OpenVPN logs
      for (const s of [SERIAL, SERIAL_ENV, SERIAL_ENV.replace(/:/g, '')]) expect(r.stdout + r.stderr).not.toContain(s);
      return { ...r, directives: fs.readFileSync(out, 'utf8') };
    };

    it('ALLOW: writes the directives for OpenVPN and exits 0; the request carries the token, text/plain and the serial', async () => {
      handler = answer(200, `ALLOW\n${DIRECTIVES.join('\n')}\n`);
      const r = await check();
      expect(r.code).toBe(0);
      expect(r.directives).toBe(`${DIRECTIVES.join('\n')}\n`);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ method: 'POST', url: `/api/v1/vpn/gateways/${GATEWAY_ID}/connect-check` });
      expect(seen[0].headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, accept: 'text/plain', 'content-type': 'application/json' });
      expect(JSON.parse(seen[0].body)).toEqual({ serial: SERIAL });
    });

    it('DENY: logs "remote-work: refused <CODE>" and exits 1 with no directives, whatever the HTTP status', async () => {
      handler = answer(200, 'DENY ACCOUNT_SUSPENDED\n');
      let r = await check();
      expect(r).toMatchObject({ code: 1, directives: '' });
      expect(r.stderr).toMatch(/^remote-work: refused ACCOUNT_SUSPENDED$/m);
      handler = answer(403, 'DENY WRONG_GATEWAY\n');
      r = await check();
      expect(r).toMatchObject({ code: 1, directives: '' });
      expect(r.stderr).toMatch(/^remote-work: refused WRONG_GATEWAY$/m);
    });

    it('5xx, no service, or no answer within CHECK_TIMEOUT: the signed, current allow-list decides', async () => {
      fs.writeFileSync(listFile(), allowList(signing.privateKey));
      handler = answer(503, 'Service Unavailable');
      let r = await check();
      expect(r.code).toBe(0);
      expect(r.directives).toBe(`${DIRECTIVES.join('\n')}\n`);
      expect(r.stderr).toMatch(/allowed from the signed allow-list \(service error: HTTP 503\)/);

      conf({}, `http://127.0.0.1:${deadPort}`);
      r = await check();
      expect(r.code).toBe(0);
      expect(r.directives).toBe(`${DIRECTIVES.join('\n')}\n`);
      expect(r.stderr).toMatch(/allowed from the signed allow-list \(service unreachable/);

      conf();
      handler = answer(200, `ALLOW\n${DIRECTIVES[0]}\n`, 6000);
      r = await check();
      expect(r.code).toBe(0);
      expect(r.directives).toBe(`${DIRECTIVES.join('\n')}\n`); // the list's, not the late answer's
      expect(r.ms).toBeLessThan(4500);
    });

    it('fallback fails closed: not listed, expired, tampered, another gateway, another key, no list', async () => {
      handler = answer(500, 'boom');
      const cases: [string, string | null, RegExp][] = [
        ['not listed', allowList(signing.privateKey, { entries: [['abcdef', DIRECTIVES]] }), /refused OFFLINE_NOT_LISTED/],
        ['expired', allowList(signing.privateKey, { expiresInMs: -1000 }), /refused OFFLINE_LIST_EXPIRED/],
        ['tampered', allowList(signing.privateKey, { tamper: (b) => b.replace('expires 2', 'expires 3') }), /refused OFFLINE_LIST_UNUSABLE/],
        [
          'entry added after signing',
          allowList(signing.privateKey, {
            entries: [['abcdef', DIRECTIVES]],
            tamper: (b) => `${b}allow ${SERIAL} ${Buffer.from(DIRECTIVES[0]).toString('base64')}\n`,
          }),
          /refused OFFLINE_LIST_UNUSABLE/,
        ],
        ['another gateway', allowList(signing.privateKey, { gateway: 'gw-0002' }), /refused OFFLINE_LIST_UNUSABLE/],
        ['another key', allowList(other.privateKey), /refused OFFLINE_LIST_UNUSABLE/],
        ['no list', null, /refused OFFLINE_LIST_UNUSABLE/],
      ];
      for (const [name, list, expected] of cases) {
        if (list === null) fs.rmSync(listFile(), { force: true });
        else fs.writeFileSync(listFile(), list);
        const r = await check();
        expect({ name, code: r.code, directives: r.directives }).toEqual({ name, code: 1, directives: '' });
        expect(r.stderr).toMatch(expected);
      }
    });

    it('an answer that is not a decision (401, 403, 404, 400) refuses, even with a valid allow-list', async () => {
      fs.writeFileSync(listFile(), allowList(signing.privateKey));
      for (const [status, code] of [
        [401, 'GATEWAY_NOT_AUTHENTICATED'],
        [403, 'GATEWAY_FORBIDDEN'],
        [404, 'GATEWAY_UNKNOWN'],
        [400, 'SERVICE_REFUSED'],
      ] as const) {
        handler = answer(status, JSON.stringify({ error: { code: 'X' } }));
        const r = await check();
        expect({ status, code: r.code, directives: r.directives }).toEqual({ status, code: 1, directives: '' });
        expect(r.stderr).toMatch(new RegExp(`^remote-work: refused ${code}\\b`, 'm'));
      }
    });

    it('refuses without a token file and without a certificate serial', async () => {
      handler = answer(200, `ALLOW\n${DIRECTIVES.join('\n')}\n`);
      conf({ TOKEN_FILE: 'missing-token' });
      let r = await check();
      expect(r).toMatchObject({ code: 1, directives: '' });
      expect(r.stderr).toMatch(/refused GATEWAY_TOKEN_MISSING/);
      conf();
      const out = path.join(dir, 'directives-no-serial');
      r = { ...(await runScript('connect-check.sh', [out], { RW_GATEWAY_CONF: path.join(rw, 'gateway.conf') })), directives: '' };
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/refused NO_CERTIFICATE_SERIAL/);
      expect(seen).toHaveLength(0);
    });
  });

  describe('allow-list-refresh.sh', () => {
    it('replaces the list only with a verified, current list of this gateway; keeps the old one otherwise', async () => {
      const good = allowList(signing.privateKey);
      handler = (req, _body, res) => {
        expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end(good);
      };
      let r = await runScript('allow-list-refresh.sh', [], env());
      expect(r.code).toBe(0);
      expect(seen[0].url).toBe(`/api/v1/vpn/gateways/${GATEWAY_ID}/allow-list`);
      expect(fs.readFileSync(listFile(), 'utf8')).toBe(good);
      expect(fs.statSync(listFile()).mode & 0o777).toBe(0o600);

      for (const [name, make] of [
        [
          'tampered',
          () =>
            answer(
              200,
              allowList(signing.privateKey, {
                tamper: (b) => b.replace(/^(allow \S+) \S+$/m, `$1 ${Buffer.from('ifconfig-push 10.8.0.8 255.255.252.0').toString('base64')}`),
              }),
            ),
        ],
        ['expired', () => answer(200, allowList(signing.privateKey, { expiresInMs: -60_000 }))],
        ['another key', () => answer(200, allowList(other.privateKey))],
        ['5xx', () => answer(502, 'bad gateway')],
        ['401', () => answer(401, '{}')],
      ] as const) {
        handler = make();
        r = await runScript('allow-list-refresh.sh', [], env());
        expect({ name, code: r.code }).toEqual({ name, code: 1 });
        expect(r.stderr).toMatch(/the previous list is kept/);
        expect(fs.readFileSync(listFile(), 'utf8')).toBe(good);
      }
      conf({}, `http://127.0.0.1:${deadPort}`);
      r = await runScript('allow-list-refresh.sh', [], env());
      expect(r.code).toBe(1);
      expect(fs.readFileSync(listFile(), 'utf8')).toBe(good);
      expect(fs.readdirSync(rw).filter((f) => f.startsWith('.allow-list'))).toEqual([]); // no temporary file left
    });
  });

  describe('crl-refresh.sh', () => {
    let ca: string;
    let foreign: string;
    const crls = new Map<string, string>();

    /** A CA made by openssl (EC key) and CRLs from `openssl ca -gencrl` with chosen dates and revoked serials. */
    async function makeCa(name: string): Promise<string> {
      const d = path.join(dir, name);
      fs.mkdirSync(d);
      fs.writeFileSync(path.join(d, 'index.txt'), '');
      fs.writeFileSync(path.join(d, 'crlnumber'), '01\n');
      fs.writeFileSync(
        path.join(d, 'ca.cnf'),
        `[ca]\ndefault_ca = d\n[d]\ndatabase = ${d}/index.txt\ncrlnumber = ${d}/crlnumber\nprivate_key = ${d}/ca.key\ncertificate = ${d}/ca.pem\ndefault_md = sha256\ndefault_crl_days = 7\n`,
      );
      await openssl(['ecparam', '-genkey', '-name', 'prime256v1', '-noout', '-out', 'ca.key'], d);
      await openssl(['req', '-new', '-x509', '-key', 'ca.key', '-out', 'ca.pem', '-days', '30', '-subj', `/CN=${name}`], d);
      return d;
    }
    async function gencrl(caDir: string, opts: { revoked?: string[]; lastUpdate?: number; nextUpdate?: number } = {}): Promise<string> {
      const expiry = asn1Time(Date.now() + 86_400_000 * 30).slice(2);
      const revokedAt = asn1Time(Date.now() - 60_000).slice(2);
      fs.writeFileSync(
        path.join(caDir, 'index.txt'),
        (opts.revoked ?? []).map((s) => `R\t${expiry}\t${revokedAt}\t${s.toUpperCase()}\tunknown\t/CN=x\n`).join(''),
      );
      const out = path.join(caDir, `crl-${Math.random().toString(36).slice(2)}.pem`);
      const args = ['ca', '-config', 'ca.cnf', '-gencrl', '-out', out];
      if (opts.lastUpdate) args.push('-crl_lastupdate', asn1Time(opts.lastUpdate));
      if (opts.nextUpdate) args.push('-crl_nextupdate', asn1Time(opts.nextUpdate));
      await openssl(args, caDir);
      return fs.readFileSync(out, 'utf8');
    }
    const crlFile = () => path.join(dir, 'crl.pem');
    const etagFile = () => path.join(rw, 'crl.etag');
    /** serves crls.get('current') with ETag "crl-<n>" and answers 304 to If-None-Match of it */
    const serveCrl = (): Handler => (req, _body, res) => {
      const pem = crls.get('current') ?? '';
      const etag = `"crl-${crls.get('number') ?? '0'}"`;
      if (req.url !== '/pki/crl.pem') return void res.writeHead(404).end();
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { ETag: etag }).end();
      res.writeHead(200, { 'Content-Type': 'application/x-pem-file', ETag: etag }).end(pem);
    };
    const refresh = () => runScript('crl-refresh.sh', [], { RW_GATEWAY_CONF: path.join(rw, 'gateway.conf') });

    beforeAll(async () => {
      ca = await makeCa('ca');
      foreign = await makeCa('foreign');
    });
    beforeEach(() => {
      fs.copyFileSync(path.join(ca, 'ca.pem'), path.join(dir, 'ca.pem'));
      conf({ CRL_MAX_AGE_SECONDS: '3600' });
      handler = serveCrl();
    });

    it('200 replaces the file atomically and keeps the ETag; 304 keeps it untouched; a revocation arrives on the next run', async () => {
      fs.rmSync(crlFile(), { force: true });
      fs.rmSync(etagFile(), { force: true });
      crls.set('current', await gencrl(ca));
      crls.set('number', '1');
      let r = await refresh();
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(fs.readFileSync(crlFile(), 'utf8')).toBe(crls.get('current'));
      expect(fs.readFileSync(etagFile(), 'utf8').trim()).toBe('crl-1');
      expect(seen[0].headers['if-none-match']).toBeUndefined();

      const inode = fs.statSync(crlFile()).ino;
      r = await refresh();
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(seen[1].headers['if-none-match']).toBe('"crl-1"');
      expect(fs.statSync(crlFile()).ino).toBe(inode); // 304: not rewritten

      crls.set('current', await gencrl(ca, { revoked: ['5ca1ab1e'] }));
      crls.set('number', '2');
      r = await refresh();
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(fs.readFileSync(crlFile(), 'utf8')).toBe(crls.get('current'));
      expect(fs.statSync(crlFile()).ino).not.toBe(inode); // a new file renamed over the old one
      expect(fs.readFileSync(etagFile(), 'utf8').trim()).toBe('crl-2');
      expect(fs.readdirSync(dir).filter((f) => f.startsWith('.crl'))).toEqual([]);
    });

    it('keeps the CRL on disk when the download is garbage, signed by another CA, older, or an error', async () => {
      const kept = await gencrl(ca, { revoked: ['0bad'] });
      fs.writeFileSync(crlFile(), kept);
      fs.rmSync(etagFile(), { force: true });
      const older = await gencrl(ca);
      const newer = await gencrl(ca);
      for (const [name, h, reason] of [
        ['garbage', answer(200, '<html>proxy login</html>'), /does not parse/],
        ['pem of something else', answer(200, fs.readFileSync(path.join(ca, 'ca.pem'), 'utf8')), /does not parse/],
        ['another CA', answer(200, await gencrl(foreign)), /not signed by/],
        ['500', answer(500, 'oops'), /HTTP 500/],
      ] as const) {
        handler = h;
        const r = await refresh();
        expect({ name, code: r.code }).toEqual({ name, code: 1 });
        expect(r.stderr).toMatch(reason);
        expect(fs.readFileSync(crlFile(), 'utf8')).toBe(kept);
      }
      // rollback: a CRL with a lower number than the one on disk
      fs.writeFileSync(crlFile(), newer);
      handler = answer(200, older);
      const r = await refresh();
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/older than the one on disk/);
      expect(fs.readFileSync(crlFile(), 'utf8')).toBe(newer);
    });

    it('alerts (exit 2) when the CRL on disk is past its nextUpdate or older than CRL_MAX_AGE_SECONDS', async () => {
      conf({ CRL_MAX_AGE_SECONDS: '3600' }, `http://127.0.0.1:${deadPort}`);
      fs.rmSync(etagFile(), { force: true });
      fs.writeFileSync(crlFile(), await gencrl(ca, { lastUpdate: Date.now() - 3 * 86_400_000, nextUpdate: Date.now() - 86_400_000 }));
      let r = await refresh();
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/ALERT: .*crl\.pem is past its nextUpdate/);

      fs.writeFileSync(crlFile(), await gencrl(ca, { lastUpdate: Date.now() - 2 * 3600_000, nextUpdate: Date.now() + 5 * 86_400_000 }));
      r = await refresh();
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/ALERT: .*more than 3600 s ago/);

      // fresh CRL, service down: a failure (1), not an alert
      fs.writeFileSync(crlFile(), await gencrl(ca));
      r = await refresh();
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/ALERT/);

      // service back with a fresh CRL: the stale one is replaced and the alert stops
      conf({ CRL_MAX_AGE_SECONDS: '3600' });
      fs.writeFileSync(crlFile(), await gencrl(ca, { lastUpdate: Date.now() - 2 * 3600_000, nextUpdate: Date.now() + 5 * 86_400_000 }));
      crls.set('current', await gencrl(ca));
      crls.set('number', '99');
      r = await refresh();
      expect(r).toMatchObject({ code: 0, stderr: '' });
    });
  });

  it('the scripts are POSIX sh (sh -n) and executable', async () => {
    for (const name of ['connect-check.sh', 'allow-list-refresh.sh', 'crl-refresh.sh']) {
      expect(fs.statSync(script(name)).mode & 0o111).toBe(0o111);
      const r = await new Promise<number>((resolve) => execFile('sh', ['-n', script(name)], (err) => resolve(err ? 1 : 0)));
      expect({ name, r }).toEqual({ name, r: 0 });
      expect(fs.readFileSync(script(name), 'utf8')).toMatch(/^#!\/bin\/sh\n/);
    }
  });
});
