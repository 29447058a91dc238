#!/usr/bin/env node
/**
 * The gateways' connect-time check at 8:30 (SPEC §5): ~680 VPN accounts onboarded, then what their laptops' hooks
 * send to POST /api/v1/vpn/gateways/:id/connect-check, each on a fresh connection as curl makes it:
 *  (a) the storm as it arrives: 500 checks at random instants spread over 60 s (--spread), target p99 < 20 ms;
 *  (b) the burst: 500 checks from 50 concurrent callers (--callers), target all answered within 2 s;
 * and, in the same run, the cost of what the hook rides on: OpenVPN's own TLS handshake, a real `openvpn` client
 * against a real `openvpn` server on 127.0.0.1 (`--dev null`, TCP, RSA 2048), timed from the client's start to
 * "Initialization Sequence Completed" (--handshakes of them, one after the other).
 *
 * The service runs as in production (`node dist/src/main.js`, its own process, SQLite in a throwaway DATA_DIR, or
 * DATABASE_URL). Prepared and not measured: employees with an agreement in force and a laptop (written to the
 * database), onboarded through POST /api/v1/vpn/accounts/bulk-onboard (activate), one credential per gateway, and
 * one connection of every account before (its stable address is allocated at its first connection).
 * Every answer must be ALLOW with directives (every account is active and placed): anything else fails the run.
 *
 *   npm run build && node dist/scripts/bench/gateway-check.js [--accounts 680] [--checks 500] [--spread 60]
 *     [--callers 50] [--handshakes 20] [--installed 0]          (--spread 10 for a quick run)
 * --installed N: the first N accounts are only `installed` (not onboarded with activate, not in the warm-up): each
 * one's first check in the storm allocates its address and activates it, a write and an audit event, as the new
 * installations of the day do at 8:30.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { seedOnboardable, withDatabase } from '../../test/fixtures/onboardable';
import { sleep, startLoopbackGateway, stop, watch, Watched } from '../../test/helpers/openvpn';
import { arg, rng } from './inventory-bench-common';
import { must } from './load-http-seed';
import { Service, startService } from './load-http-service';
import { machine } from './pki-bench-common';

const ACCOUNTS = arg('accounts', 680);
const CHECKS = arg('checks', 500);
const SPREAD_S = arg('spread', 60);
const CALLERS = arg('callers', 50);
const HANDSHAKES = arg('handshakes', 20);
/** accounts left `installed` (a laptop handed over yesterday): their first check in the storm activates them */
const INSTALLED = arg('installed', 0);
const TARGET_P99_MS = 20;
const TARGET_BURST_MS = 2000;

interface Target {
  gatewayId: string;
  token: string;
  serial: string;
}

interface Sample {
  ms: number;
  /** ms since the phase started, when the check was sent */
  at?: number;
  /** the check of an account left installed (its first connection: it activates it) */
  first?: boolean;
  status: number;
  body: string;
}

/** One check as the hook makes it: a new TCP connection, `Accept: text/plain`, the serial as OpenVPN writes it. */
function connectCheck(base: URL, target: Target): Promise<Sample> {
  const padded = target.serial.length % 2 ? `0${target.serial}` : target.serial;
  const body = JSON.stringify({ serial: padded.toUpperCase().match(/../g)!.join(':') });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method: 'POST',
        path: `/api/v1/vpn/gateways/${target.gatewayId}/connect-check`,
        agent: false,
        headers: {
          Authorization: `Bearer ${target.token}`,
          Accept: 'text/plain',
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ ms: performance.now() - started, status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const wrongAnswers = (samples: Sample[]) => samples.filter((s) => s.status !== 200 || !/^ALLOW\n(.+\n)+$/.test(s.body));

/**
 * 500 checks at instants drawn uniformly over the spread (the order people arrive in): each fired at its instant, each
 * to another account (every 7th: the installed ones, the first, are spread through the storm).
 */
async function storm(base: URL, targets: Target[], next: () => number): Promise<Sample[]> {
  const at = Array.from({ length: CHECKS }, () => next() * SPREAD_S * 1000).sort((a, b) => a - b);
  const started = performance.now();
  return Promise.all(
    at.map(
      (offset, i) =>
        new Promise<Sample>((resolve, reject) => {
          setTimeout(
            () => {
              const at = performance.now() - started;
              const n = (i * 7) % targets.length;
              void connectCheck(base, targets[n]).then((x) => resolve({ ...x, at, first: n < INSTALLED }), reject);
            },
            Math.max(0, offset - (performance.now() - started)),
          );
        }),
    ),
  );
}

/** 500 checks from 50 callers at once, each caller one check after another. */
async function burst(base: URL, targets: Target[]): Promise<{ samples: Sample[]; totalMs: number }> {
  const samples: Sample[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      for (let i = next++; i < CHECKS; i = next++) samples.push(await connectCheck(base, targets[(i * 7) % targets.length]));
    }),
  );
  return { samples, totalMs: performance.now() - started };
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** A throwaway CA, a gateway and a station certificate (RSA 2048, the EKUs OpenVPN checks) and an empty CRL. */
function handshakeMaterial(dir: string): void {
  fs.writeFileSync(path.join(dir, 'server.ext'), 'extendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n');
  fs.writeFileSync(path.join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n');
  fs.writeFileSync(path.join(dir, 'index.txt'), '');
  fs.writeFileSync(path.join(dir, 'crlnumber'), '01\n');
  fs.writeFileSync(path.join(dir, 'ca.cnf'), '[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\ncrlnumber=crlnumber\ndefault_md=sha256\ndefault_crl_days=2\n');
  const subj = (cn: string) => ['-subj', `/CN=${cn}`];
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    ...subj('Bench CA'),
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  for (const who of ['server', 'client']) {
    openssl(dir, ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${who}.key`, '-out', `${who}.csr`, ...subj(`bench-${who}`)]);
    openssl(dir, [
      'x509',
      '-req',
      '-in',
      `${who}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${who}.pem`,
      '-days',
      '2',
      '-extfile',
      `${who}.ext`,
    ]);
  }
  openssl(dir, ['ca', '-config', 'ca.cnf', '-gencrl', '-keyfile', 'ca.key', '-cert', 'ca.pem', '-out', 'crl.pem']);
}

const listenings = (server: Watched) => (server.output().match(/Listening for incoming TCP connection/g) ?? []).length;

/** N real OpenVPN TLS handshakes on loopback, one after the other: ms from the client's start to the tunnel up. */
async function openvpnHandshakes(dir: string): Promise<number[]> {
  handshakeMaterial(dir);
  const { server, port } = await startLoopbackGateway(dir, path.join(dir, 'ca.pem'), path.join(dir, 'crl.pem'));
  const times: number[] = [];
  let client: Watched | null = null;
  try {
    for (let i = 0; i < HANDSHAKES; i++) {
      const listening = listenings(server);
      const started = performance.now();
      client = watch('openvpn', [
        '--tls-client',
        '--dev',
        'null',
        '--proto',
        'tcp-client',
        '--remote',
        '127.0.0.1',
        String(port),
        '--ca',
        path.join(dir, 'ca.pem'),
        '--cert',
        path.join(dir, 'client.pem'),
        '--key',
        path.join(dir, 'client.key'),
        '--remote-cert-tls',
        'server',
        '--connect-retry-max',
        '1',
        '--verb',
        '3',
      ]);
      if (!(await client.waitFor(/Initialization Sequence Completed/, 30_000))) throw new Error(`handshake ${i + 1} failed:\n${client.output()}`);
      times.push(performance.now() - started);
      await stop(client);
      client = null;
      // a point-to-point server takes the next client once it has restarted after this one (counted, not matched:
      // a regex repeating [\s\S]* per restart backtracks exponentially)
      const deadline = Date.now() + 30_000;
      while (listenings(server) <= listening) {
        if (Date.now() > deadline) throw new Error(`the OpenVPN server did not listen again:\n${server.output().slice(-2000)}`);
        await sleep(20);
      }
    }
  } finally {
    await stop(client);
    await stop(server);
  }
  return times;
}

async function prepare(s: Service): Promise<Target[]> {
  const usernames = Array.from({ length: ACCOUNTS }, (_, i) => `gc${String(i).padStart(4, '0')}`);
  const people = await withDatabase({ DATA_DIR: s.dataDir, DATABASE_URL: process.env.DATABASE_URL }, (ds) =>
    seedOnboardable(ds, 'gc', usernames, () => null, { createdBy: 'bench', keyPool: 25 }),
  );
  const hotline = (await must<{ token: string }>(s, s.admin, 'POST', '/api/v1/tokens', { name: 'bench-hotline', role: 'hotline' })).token;
  const serials: { gateway: string; serial: string }[] = [];
  // batches of 100, none mixing installed and active accounts
  for (let i = 0; i < people.length;) {
    const end = Math.min(i + 100, i < INSTALLED ? INSTALLED : people.length);
    const r = await must<{ items: { accountId: string; gateway: string; serial: string; state: string }[] }>(
      s,
      hotline,
      'POST',
      '/api/v1/vpn/accounts/bulk-onboard',
      {
        activate: i >= INSTALLED,
        items: people.slice(i, end).map((p) => ({ employeeId: p.employeeId, profile: 'dipendenti', stationAssetId: p.laptopId, csrPem: p.csrPem })),
      },
    );
    for (const x of r.items) if (x.state !== 'active') await must(s, hotline, 'POST', `/api/v1/vpn/accounts/${x.accountId}/installed`, {});
    serials.push(...r.items.map((x) => ({ gateway: x.gateway, serial: x.serial })));
    i = end;
  }
  const gateways = await must<{ id: string; name: string }[]>(s, s.admin, 'GET', '/api/v1/vpn/gateways');
  const tokens = new Map<string, { id: string; token: string }>();
  for (const g of gateways) {
    const credential = await must<{ token: string }>(s, s.admin, 'POST', `/api/v1/vpn/gateways/${g.id}/credential`);
    tokens.set(g.name, { id: g.id, token: credential.token });
  }
  return serials.map((x) => ({ gatewayId: tokens.get(x.gateway)!.id, token: tokens.get(x.gateway)!.token, serial: x.serial }));
}

async function main(): Promise<void> {
  const loadAtStart = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-bench-gateway-'));
  const s = await startService();
  try {
    process.stderr.write(`service on ${s.url} (${s.database}); onboarding ${ACCOUNTS} accounts…\n`);
    const prepStarted = performance.now();
    const targets = await prepare(s);
    process.stderr.write(`prepared in ${((performance.now() - prepStarted) / 1000).toFixed(1)} s\n`);
    const base = new URL(s.url);
    const next = rng(13);
    // Warm-up, not recorded: every account connects once (as on the days before: its address is allocated at its
    // first connection), ten at a time; and the JIT and statement caches are warm.
    let warmed = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let i = warmed++; i < targets.length; i = warmed++) if (i >= INSTALLED) await connectCheck(base, targets[i]);
      }),
    );

    process.stderr.write(`storm: ${CHECKS} checks over ${SPREAD_S} s…\n`);
    const spread = await storm(base, targets, next);
    process.stderr.write(`burst: ${CHECKS} checks from ${CALLERS} callers…\n`);
    const b = await burst(base, targets);
    process.stderr.write(`OpenVPN: ${HANDSHAKES} handshakes…\n`);
    const handshakes = await openvpnHandshakes(tmp);

    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const spreadMs = spread.map((x) => x.ms);
    const burstMs = b.samples.map((x) => x.ms);
    const handshakeP50 = percentile(handshakes, 50);
    const wrong = [...wrongAnswers(spread), ...wrongAnswers(b.samples)];
    const p99 = percentile(spreadMs, 99);
    console.log(`Machine: ${machine()} (at the end; at the start ${loadAtStart}); kernel ${os.release()}`);
    console.log(
      `Database: ${s.database}; ${new Date().toISOString()}; ${ACCOUNTS} accounts (${INSTALLED} of them installed, activated by their first check), ${new Set(targets.map((t) => t.gatewayId)).size} gateways`,
    );
    console.log(`| measured | n | p50 | p99 | max | total | p50 / OpenVPN handshake p50 | p99 / handshake p50 |`);
    console.log(`|---|---:|---:|---:|---:|---:|---:|---:|`);
    const row = (name: string, v: number[], total: string) =>
      console.log(
        `| ${name} | ${v.length} | ${ms(percentile(v, 50))} | ${ms(percentile(v, 99))} | ${ms(Math.max(...v))} | ${total} | ${((100 * percentile(v, 50)) / handshakeP50).toFixed(2)} % | ${((100 * percentile(v, 99)) / handshakeP50).toFixed(2)} % |`,
      );
    row(`connect-check, storm over ${SPREAD_S} s`, spreadMs, '–');
    row(`connect-check, burst from ${CALLERS} callers`, burstMs, ms(b.totalMs));
    row('OpenVPN TLS handshake (client start → Initialization Sequence Completed)', handshakes, ms(handshakes.reduce((a, x) => a + x, 0)));
    console.log(
      `targets: storm p99 ${ms(p99)} < ${TARGET_P99_MS} ms: ${p99 < TARGET_P99_MS ? 'met' : 'MISSED'}; burst all answered in ${ms(b.totalMs)} < ${TARGET_BURST_MS} ms: ${b.samples.length === CHECKS && b.totalMs < TARGET_BURST_MS ? 'met' : 'MISSED'}; answers not ALLOW: ${wrong.length}`,
    );
    const slowest = [...spread].sort((x, y) => y.ms - x.ms).slice(0, 8);
    console.log(
      `storm's slowest: ${slowest.map((x) => `${x.ms.toFixed(1)} ms at ${((x.at ?? 0) / 1000).toFixed(2)} s${x.first ? ' (first connection)' : ''}`).join(', ')}`,
    );
    if (s.errorLines.length) console.log(`service error logs:\n  ${s.errorLines.join('\n  ')}`);
    if (wrong.length) {
      process.stderr.write(`FAILED: ${wrong.length} answers were not ALLOW, e.g. ${JSON.stringify(wrong[0])}\n`);
      process.exitCode = 1;
    }
  } finally {
    await s.stop();
    if (!process.env.BENCH_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
