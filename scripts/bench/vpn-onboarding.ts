#!/usr/bin/env node
/**
 * Bulk onboarding of 700 VPN users end to end (SPEC §5: "well under a minute on this 2-core machine"): for each
 * user the provisioning gate, a station certificate from a CSR made beforehand, the OpenVPN profile and the
 * directory VPN group (a real slapd). Everything measured goes through HTTP against the real application (same
 * bootstrap as production) and ends when the directory group holds every user.
 *
 * Two paths, side by side in one run, each on its own 700 users:
 *  - bulk: POST /api/v1/vpn/accounts/bulk-onboard, batches of 100 with activate=true and includeProfiles=true
 *    (certificates prepared in parallel, one unit of work per batch);
 *  - hot-line: the one-by-one path, 4 operators at once: create, approve, certificates (CSR),
 *    installed {activate: true}, GET openvpn-profile — 5 requests a user.
 * Both finish when the outbox has delivered every VPN-group job and slapd lists the user in cn=vpn-users: the bulk
 * path records one 'vpn.group-add-many' job per batch (one LDAP modify for the batch), the hot-line one
 * 'vpn.group-add' per activation (jobs running at once share one modify).
 *
 * Prepared beforehand and not measured: 1,400 people in slapd, the same employees in the database (eligible,
 * with an agreement in force), a laptop assigned to each (inserted as assigned: this measures onboarding, not
 * handovers), and RSA-2048 CSRs with CN = username (keys drawn from a pool of 25: the service's work does not
 * depend on whether two CSRs share a key, and 1,400 key generations would only measure key generation).
 *
 *   npm run build && node dist/scripts/bench/vpn-onboarding.js [--users 700] [--batch 100] [--operators 4] [--bulk-only]
 *   DATABASE_URL=postgres://…/throwaway to measure on PostgreSQL (the bench writes thousands of rows).
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'ldapts';
import { DataSource } from 'typeorm';
import { TokenService } from '../../src/auth/token.service';
import { createApp } from '../../src/bootstrap';
import { SYSTEM_ACTOR } from '../../src/common/auth/roles';
import { loadConfig } from '../../src/config/app-config';
import { generatePeople, personDn, toLdif } from '../../test/fixtures/ldap/directory-fixture';
import { Onboardable, seedOnboardable } from '../../test/fixtures/onboardable';
import { machine } from './pki-bench-common';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const services = require(path.resolve('scripts/test/services.js')) as {
  startSlapd(dir: string): Promise<{ url: string; suffix: string; adminDn: string; adminPassword: string; stop(): void }>;
};

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const USERS = arg('users', 700);
const BATCH = arg('batch', 100);
const OPERATORS = arg('operators', 4);
/** `--bulk-only`: measure the bulk path alone (profiling it without the one-by-one minute). */
const BULK_ONLY = process.argv.includes('--bulk-only');

/** Seeded by test/fixtures/onboardable.ts (not measured); every bench user has a directory entry. */
type User = Onboardable & { dn: string };

async function call(url: string, token: string, method: string, route: string, body?: unknown): Promise<{ status: number; text: string; json: () => any }> {
  const res = await fetch(`${url}${route}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}

async function must(url: string, token: string, method: string, route: string, body?: unknown): Promise<any> {
  const r = await call(url, token, method, route, body);
  if (r.status >= 300) throw new Error(`${method} ${route}: ${r.status} ${r.text.slice(0, 400)}`);
  return r.text.startsWith('{') || r.text.startsWith('[') ? r.json() : r.text;
}

async function groupMembers(ldap: { url: string; adminDn: string; adminPassword: string }, groupDn: string): Promise<Set<string>> {
  const client = new Client({ url: ldap.url });
  try {
    await client.bind(ldap.adminDn, ldap.adminPassword);
    const r = await client.search(groupDn, { scope: 'base', attributes: ['member'] });
    const m = r.searchEntries[0]?.member ?? [];
    return new Set((Array.isArray(m) ? m : [m]).map(String));
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

async function untilAllMembers(ldap: Parameters<typeof groupMembers>[0], groupDn: string, users: User[], timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const members = await groupMembers(ldap, groupDn);
    if (users.every((u) => members.has(u.dn))) return;
    if (Date.now() > deadline) throw new Error(`only ${users.filter((u) => members.has(u.dn)).length} of ${users.length} users in the VPN group`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-bench-vpn-'));
  const ldap = await services.startSlapd(tmp);
  const baseDn = `ou=bench,${ldap.suffix}`;
  const bulkPeople = generatePeople(USERS, 'vb');
  const desk = generatePeople(USERS, 'vh');
  const ldif = path.join(tmp, 'bench.ldif');
  fs.writeFileSync(ldif, toLdif(baseDn, [...bulkPeople, ...desk], { 'vpn-users': [] }));
  execFileSync('ldapadd', ['-x', '-H', ldap.url, '-D', ldap.adminDn, '-w', ldap.adminPassword, '-f', ldif], { stdio: 'pipe' });
  const groupDn = `cn=vpn-users,ou=groups,${baseDn}`;

  const dataDir = path.join(tmp, 'data');
  fs.mkdirSync(dataDir);
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    DATA_DIR: dataDir,
    CA_PASSPHRASE: 'bench-ca-passphrase-not-secret',
    LDAP_URL: ldap.url,
    LDAP_BIND_DN: ldap.adminDn,
    LDAP_BIND_PASSWORD: ldap.adminPassword,
    LDAP_BASE_DN: baseDn,
    LDAP_ALLOW_PLAIN_BIND: 'true',
    OUTBOX_POLL_MS: '100',
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '20',
  });
  const app = await createApp(config, { quiet: true });
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const tokens = app.get(TokenService);
  const hotline = (await tokens.create(SYSTEM_ACTOR, { name: 'Bench Hot-line', role: 'hotline' })).token;
  const ds = app.get(DataSource);

  try {
    process.stderr.write(`preparing ${2 * USERS} users (slapd entries, employees, agreements, laptops, CSRs)…\n`);
    const prepStarted = performance.now();
    const seed = async (people: ReturnType<typeof generatePeople>, prefix: string): Promise<User[]> =>
      (
        await seedOnboardable(
          ds,
          prefix,
          people.map((p) => p.uid),
          (uid) => personDn(uid, baseDn),
          { createdBy: 'bench', keyPool: 25 },
        )
      ).map((u) => ({ ...u, dn: u.dn as string }));
    const bulkUsers = await seed(bulkPeople, 'vb');
    const deskUsers = await seed(desk, 'vh');
    process.stderr.write(`prepared in ${((performance.now() - prepStarted) / 1000).toFixed(1)} s\n`);

    // ---- bulk path ----
    const bulkStarted = performance.now();
    let profiles = 0;
    for (let i = 0; i < bulkUsers.length; i += BATCH) {
      const batch = bulkUsers.slice(i, i + BATCH);
      const r = await must(url, hotline, 'POST', '/api/v1/vpn/accounts/bulk-onboard', {
        activate: true,
        includeProfiles: true,
        items: batch.map((u) => ({ employeeId: u.employeeId, profile: 'dipendenti', stationAssetId: u.laptopId, csrPem: u.csrPem })),
      });
      profiles += (r.items as { openvpnProfile?: string }[]).filter((x) => x.openvpnProfile?.includes('<cert>')).length;
      process.stderr.write(`batch ${i / BATCH + 1}: ${((performance.now() - bulkStarted) / 1000).toFixed(2)} s\n`);
    }
    const bulkHttp = performance.now() - bulkStarted;
    await untilAllMembers(ldap, groupDn, bulkUsers);
    const bulkTotal = performance.now() - bulkStarted;

    // ---- hot-line path ----
    if (BULK_ONLY) deskUsers.length = 0;
    const deskStarted = performance.now();
    let next = 0;
    let deskProfiles = 0;
    const operator = async () => {
      for (;;) {
        const u = deskUsers[next++];
        if (!u) return;
        const account = await must(url, hotline, 'POST', '/api/v1/vpn/accounts', { employeeId: u.employeeId, profile: 'dipendenti' });
        await must(url, hotline, 'POST', `/api/v1/vpn/accounts/${account.id}/approve`);
        await must(url, hotline, 'POST', `/api/v1/vpn/accounts/${account.id}/certificates`, { csrPem: u.csrPem, stationAssetId: u.laptopId });
        await must(url, hotline, 'POST', `/api/v1/vpn/accounts/${account.id}/installed`, { activate: true });
        const ovpn = await call(url, hotline, 'GET', `/api/v1/vpn/accounts/${account.id}/openvpn-profile`);
        if (ovpn.status === 200 && ovpn.text.includes('<cert>')) deskProfiles += 1;
      }
    };
    await Promise.all(Array.from({ length: OPERATORS }, operator));
    const deskHttp = performance.now() - deskStarted;
    await untilAllMembers(ldap, groupDn, deskUsers);
    const deskTotal = performance.now() - deskStarted;

    // ---- checks ----
    const load = await must(url, hotline, 'GET', '/api/v1/vpn/gateways/load');
    const certs: { pem: string }[] = await ds.query(`SELECT pem FROM certificates WHERE kind = 'station' ORDER BY serial LIMIT 3`);
    const caFile = path.join(tmp, 'ca.pem');
    fs.writeFileSync(caFile, await must(url, hotline, 'GET', '/pki/ca.pem'));
    for (const [i, c] of certs.entries()) {
      const f = path.join(tmp, `c${i}.pem`);
      fs.writeFileSync(f, c.pem);
      execFileSync('openssl', ['verify', '-purpose', 'sslclient', '-CAfile', caFile, f], { stdio: 'pipe' });
    }
    const members = await groupMembers(ldap, groupDn);
    const audit = await ds.query(`SELECT COUNT(*) AS n FROM audit_events WHERE action LIKE 'vpn.account.%'`);

    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const rate = (ms: number) => `${(USERS / (ms / 1000)).toFixed(0)} users/s`;
    console.log(`Machine: ${machine()}`);
    console.log(`Database: ${config.database.kind}; kernel ${os.release()}; ${new Date().toISOString()}`);
    console.log(`| path | users | HTTP done | directory group complete (end to end) | throughput |`);
    console.log(`|---|---:|---:|---:|---:|`);
    console.log(`| bulk-onboard, batches of ${BATCH} | ${USERS} | ${s(bulkHttp)} | ${s(bulkTotal)} | ${rate(bulkTotal)} |`);
    console.log(`| hot-line, ${OPERATORS} operators, 5 requests a user | ${USERS} | ${s(deskHttp)} | ${s(deskTotal)} | ${rate(deskTotal)} |`);
    console.log(
      `profiles with certificate: bulk ${profiles}/${USERS}, hot-line ${deskProfiles}/${USERS}; VPN group members: ${members.size - 1}; vpn audit events: ${Number(audit[0].n)}; openssl verify -purpose sslclient: ${certs.length} OK`,
    );
    console.log(
      `gateway load: ${load.gateways.map((g: { name: string; accounts: { active: number }; expectedPeakSessions: number; capacity: number }) => `${g.name} ${g.accounts.active} active, ${g.expectedPeakSessions}/${g.capacity}`).join('; ')}`,
    );
  } finally {
    await app.close();
    ldap.stop();
    if (!process.env.BENCH_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
