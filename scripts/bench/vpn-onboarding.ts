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
 * Both finish when the outbox has delivered every 'vpn.group-add' job and slapd lists the user in cn=vpn-users.
 *
 * Prepared beforehand and not measured: 1,400 people in slapd, the same employees in the database (eligible,
 * with an agreement in force), a laptop assigned to each (inserted as assigned: this measures onboarding, not
 * handovers), and RSA-2048 CSRs with CN = username (keys drawn from a pool of 25: the service's work does not
 * depend on whether two CSRs share a key, and 1,400 key generations would only measure key generation).
 *
 *   npm run build && node dist/scripts/bench/vpn-onboarding.js [--users 700] [--batch 100] [--operators 4]
 *   DATABASE_URL=postgres://…/throwaway to measure on PostgreSQL (the bench writes thousands of rows).
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { generateKeyPair, KeyObject, randomUUID, sign } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import * as forge from 'node-forge';
import { Client } from 'ldapts';
import { DataSource } from 'typeorm';
import { ActivityEntity } from '../../src/activities/activity.entity';
import { EmployeeActivityEntity } from '../../src/activities/employee-activity.entity';
import { AgreementEntity } from '../../src/agreements/agreement.entity';
import { TokenService } from '../../src/auth/token.service';
import { createApp } from '../../src/bootstrap';
import { calendarDate } from '../../src/common/clock';
import { SYSTEM_ACTOR } from '../../src/common/auth/roles';
import { loadConfig } from '../../src/config/app-config';
import { EmployeeEntity } from '../../src/directory/employee.entity';
import { ServiceEntity } from '../../src/directory/service.entity';
import { AssetEntity } from '../../src/inventory/entities/asset.entity';
import { generatePeople, personDn, toLdif } from '../../test/fixtures/ldap/directory-fixture';
import { toPem } from '../../src/pki/x509/pem';
import { machine } from './pki-bench-common';

const generateKeyPairAsync = promisify(generateKeyPair);

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
const NOW = new Date().toISOString();

interface User {
  employeeId: string;
  username: string;
  dn: string;
  laptopId: string;
  csrPem: string;
}

async function insertChunked<T>(ds: DataSource, entity: new () => T, rows: Partial<T>[], perChunk: number): Promise<void> {
  for (let i = 0; i < rows.length; i += perChunk) {
    await ds.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + perChunk) as never).updateEntity(false).execute();
  }
}

/** Employees (eligible, agreement in force, laptop assigned) matching the slapd entries. Not measured. */
async function prepare(ds: DataSource, people: ReturnType<typeof generatePeople>, baseDn: string, modelId: string, today: string, prefix: string): Promise<User[]> {
  const service: ServiceEntity = { id: randomUUID(), code: `B${prefix.toUpperCase()}`.slice(0, 10), name: `Servizio ${prefix}`, active: true, createdAt: NOW, updatedAt: NOW } as ServiceEntity;
  await ds.getRepository(ServiceEntity).insert(service);
  const manager: Partial<EmployeeEntity> = employeeRow(`${prefix}-mgr`, service.id, null, true);
  await ds.getRepository(EmployeeEntity).insert(manager);
  const activity: Partial<ActivityEntity> = {
    id: randomUUID(),
    naturalKey: `${service.code}|bench|${prefix}`,
    serviceId: service.id,
    serviceCode: service.code,
    macroActivity: 'Servizi al cittadino',
    name: 'Istruttoria pratiche',
    mode: 'partially_remote',
    notes: null,
    createdAt: NOW,
    updatedAt: NOW,
  };
  await ds.getRepository(ActivityEntity).insert(activity);
  const users = people.map((p): User & { row: Partial<EmployeeEntity> } => {
    const row = employeeRow(p.uid, service.id, personDn(p, baseDn), false);
    return { row, employeeId: row.id!, username: p.uid, dn: personDn(p, baseDn), laptopId: randomUUID(), csrPem: '' };
  });
  await insertChunked(ds, EmployeeEntity, users.map((u) => u.row), 40);
  await insertChunked(ds, EmployeeActivityEntity, users.map((u) => ({ employeeId: u.employeeId, activityId: activity.id, createdAt: NOW })), 200);
  const start = new Date(Date.parse(`${today}T00:00:00Z`) - 60 * 86_400_000).toISOString().slice(0, 10);
  await insertChunked(
    ds,
    AgreementEntity,
    users.map((u, i) => ({
      id: randomUUID(),
      employeeId: u.employeeId,
      state: 'active' as const,
      startDate: start,
      endDate: null,
      remoteDaysPerWeek: 1 + (i % 5),
      places: '["domicilio"]',
      contactBand: '09:30-12:30',
      nonOperabilityBand: '20:00-07:30',
      rightToDisconnect: 'Diritto alla disconnessione',
      toolsProvided: '["notebook"]',
      objectives: 'Obiettivi',
      resultsMonitoring: 'Report mensile',
      safetyNoticeDeliveredOn: today,
      employeeSignedAt: NOW,
      employeeSignerId: u.employeeId,
      managerSignedAt: NOW,
      managerSignerId: manager.id!,
      documentSha256: 'ab'.repeat(32),
      suspendedAt: null,
      suspensionReason: null,
      withdrawalInitiatedBy: null,
      withdrawalNoticeDate: null,
      withdrawalEffectiveDate: null,
      withdrawalJustifiedCause: null,
      withdrawalReason: null,
      withdrawalBasis: null,
      withdrawalNoticeDays: null,
      endedOn: null,
      createdBy: 'bench',
      createdAt: NOW,
      updatedAt: NOW,
      version: 3,
    })),
    20,
  );
  await insertChunked(
    ds,
    AssetEntity,
    users.map((u, i) => ({
      id: u.laptopId,
      assetTag: `BENCH-${prefix.toUpperCase()}-${String(i).padStart(5, '0')}`,
      manufacturer: 'Lenovo',
      serial: `SN${prefix.toUpperCase()}${String(i).padStart(6, '0')}`,
      kind: 'laptop' as const,
      modelId,
      lotId: null,
      ownership: 'municipal' as const,
      location: null,
      state: 'assigned' as const,
      holderEmployeeId: u.employeeId,
      currentHandoverId: null,
      assignedAt: NOW,
      mac: null,
      simIccid: null,
      simPhoneNumber: null,
      simDataPlan: null,
      notes: null,
      createdAt: NOW,
      createdBy: 'bench',
      updatedAt: NOW,
      version: 1,
    })),
    40,
  );
  return users.map((u) => ({ employeeId: u.employeeId, username: u.username, dn: u.dn, laptopId: u.laptopId, csrPem: '' }));

  function employeeRow(uid: string, serviceId: string, dn: string | null, isManager: boolean): Partial<EmployeeEntity> {
    return {
      id: randomUUID(),
      employeeNumber: `M-${uid}`,
      externalId: null,
      source: 'manual',
      username: uid,
      firstName: 'Nome',
      lastName: `Cognome ${uid}`,
      email: `${uid}@comune.example.org`,
      serviceId,
      profile: isManager ? 'Dirigente' : 'Istruttore Amministrativo',
      category: isManager ? 'DIR' : 'C',
      isManager,
      isDirectorGeneral: false,
      disabledWorker: false,
      active: true,
      deactivatedAt: null,
      deactivationReason: null,
      lastSyncedAt: null,
      directoryDn: dn,
      createdAt: NOW,
      updatedAt: NOW,
      version: 1,
    };
  }
}

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
    OUTBOX_POLL_MS: '100',
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '20',
  });
  const app = await createApp(config, { quiet: true });
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const tokens = app.get(TokenService);
  const hotline = (await tokens.create(SYSTEM_ACTOR, { name: 'Bench Hot-line', role: 'hotline' })).token;
  const tech = (await tokens.create(SYSTEM_ACTOR, { name: 'Bench Technician', role: 'technician' })).token;
  const ds = app.get(DataSource);
  const today = calendarDate(new Date(), config.env.TIMEZONE);

  try {
    process.stderr.write(`preparing ${2 * USERS} users (slapd entries, employees, agreements, laptops, CSRs)…\n`);
    const model = await must(url, tech, 'POST', '/api/v1/models', { kind: 'laptop', manufacturer: 'Lenovo', model: 'ThinkPad Bench', specs: {} });
    const prepStarted = performance.now();
    const bulkUsers = await prepare(ds, bulkPeople, baseDn, model.id, today, 'vb');
    const deskUsers = await prepare(ds, desk, baseDn, model.id, today, 'vh');
    for (const list of [bulkUsers, deskUsers]) {
      const made = await namedCsrs(list.map((u) => u.username));
      list.forEach((u, i) => (u.csrPem = made[i]));
    }
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
    }
    const bulkHttp = performance.now() - bulkStarted;
    await untilAllMembers(ldap, groupDn, bulkUsers);
    const bulkTotal = performance.now() - bulkStarted;

    // ---- hot-line path ----
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
    console.log(`Database: ${config.database.kind}; ${new Date().toISOString()}`);
    console.log(`| path | users | HTTP done | directory group complete (end to end) | throughput |`);
    console.log(`|---|---:|---:|---:|---:|`);
    console.log(`| bulk-onboard, batches of ${BATCH} | ${USERS} | ${s(bulkHttp)} | ${s(bulkTotal)} | ${rate(bulkTotal)} |`);
    console.log(`| hot-line, ${OPERATORS} operators, 5 requests a user | ${USERS} | ${s(deskHttp)} | ${s(deskTotal)} | ${rate(deskTotal)} |`);
    console.log(`profiles with certificate: bulk ${profiles}/${USERS}, hot-line ${deskProfiles}/${USERS}; VPN group members: ${members.size - 1}; vpn audit events: ${Number(audit[0].n)}; openssl verify -purpose sslclient: ${certs.length} OK`);
    console.log(`gateway load: ${load.gateways.map((g: { name: string; accounts: { active: number }; expectedPeakSessions: number; capacity: number }) => `${g.name} ${g.accounts.active} active, ${g.expectedPeakSessions}/${g.capacity}`).join('; ')}`);
  } finally {
    await app.close();
    ldap.stop();
    if (!process.env.BENCH_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * RSA-2048 CSRs whose CN is each username (the service refuses a CSR made for someone else), written the way
 * pki-bench-common's makeCsrs writes them (forge ASN.1, native signature), keys drawn from a pool.
 */
let keyPool: Promise<{ privateKey: KeyObject; spki: Buffer }[]> | null = null;

async function namedCsrs(usernames: string[], pool = 25): Promise<string[]> {
  keyPool ??= Promise.all(
    Array.from({ length: pool }, async () => {
      const pair = await generateKeyPairAsync('rsa', { modulusLength: 2048 });
      return { privateKey: pair.privateKey, spki: pair.publicKey.export({ type: 'spki', format: 'der' }) };
    }),
  );
  const keys = await keyPool;
  const asn1 = forge.asn1;
  const U = asn1.Class.UNIVERSAL;
  return usernames.map((username, i) => {
    const key = keys[i % keys.length];
    const cri = asn1.create(U, asn1.Type.SEQUENCE, true, [
      asn1.create(U, asn1.Type.INTEGER, false, asn1.integerToDer(0).getBytes()),
      asn1.create(U, asn1.Type.SEQUENCE, true, [
        asn1.create(U, asn1.Type.SET, true, [
          asn1.create(U, asn1.Type.SEQUENCE, true, [asn1.create(U, asn1.Type.OID, false, asn1.oidToDer('2.5.4.3').getBytes()), asn1.create(U, asn1.Type.UTF8, false, username)]),
        ]),
      ]),
      asn1.fromDer(key.spki.toString('binary')),
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, []),
    ]);
    const criDer = Buffer.from(asn1.toDer(cri).getBytes(), 'binary');
    const signature = sign('sha256', criDer, key.privateKey);
    const csr = asn1.create(U, asn1.Type.SEQUENCE, true, [
      cri,
      asn1.create(U, asn1.Type.SEQUENCE, true, [asn1.create(U, asn1.Type.OID, false, asn1.oidToDer('1.2.840.113549.1.1.11').getBytes()), asn1.create(U, asn1.Type.NULL, false, '')]),
      asn1.create(U, asn1.Type.BITSTRING, false, String.fromCharCode(0) + signature.toString('binary')),
    ]);
    return toPem('CERTIFICATE REQUEST', Buffer.from(asn1.toDer(csr).getBytes(), 'binary'));
  });
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
