import * as path from 'node:path';
import { generatePeople, LdapSandbox, personDn } from '../fixtures/ldap/directory-fixture';
import { createTestDatabase, TestDatabase, testDbKind, TestDbKind } from '../helpers/test-db';
import { checkConsistency, drained } from './support/consistency';
import { RawDb } from './support/database';
import { Onboardable, seedOnboardable, withDatabase } from '../fixtures/onboardable';
import { call, ensureBuilt, must, note, randomToken, ServiceProcess, sleep, tempDir, tokenFor } from './support/service-process';

jest.setTimeout(240_000);

const USERS = 240;
const BATCH = 20;

/** Both databases when the pass runs on PostgreSQL (the embedded SQLite is the default deployment). */
const kinds: TestDbKind[] = testDbKind() === 'postgres' ? ['sqlite', 'postgres'] : ['sqlite'];

/**
 * kill -9 in the middle of bulk onboarding and revocations, then a restart: whatever was answered is there,
 * whatever was cut is all or nothing per batch, and the books balance — every certificate stored once with one
 * audit event, no serial reused, the CRL lists exactly the revoked set, the chain verifies, and the outbox jobs
 * recorded before the kill still reach the directory after the restart (nothing lost).
 */
describe.each(kinds)('kill -9 during bulk onboarding (%s)', (kind) => {
  let db: TestDatabase;
  let raw: RawDb;
  let ldap: LdapSandbox;
  let service: ServiceProcess;
  let env: Record<string, string>;
  let users: Onboardable[];
  const admin = randomToken();
  let hotline: string;
  const dir = tempDir('rw-kill9-');
  const logFile = path.join(dir, 'service.log');

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase(kind);
    const people = generatePeople(USERS, `k${kind[0]}`);
    ldap = await LdapSandbox.create(people, { 'vpn-users': [] });
    // a short job lease: on PostgreSQL the jobs a killed process was running are taken over once it expires
    env = { DATA_DIR: db.dataDir, ...db.env, ...ldap.serviceEnv(), BOOTSTRAP_ADMIN_TOKEN: admin, JOB_LEASE_MS: '5000' };
    users = await withDatabase(env, (ds) =>
      seedOnboardable(
        ds,
        `k${kind[0]}${Date.now().toString(36)}`,
        people.map((p) => p.uid),
        (uid) => personDn(uid, ldap.baseDn),
      ),
    );
    service = await ServiceProcess.start({ env, logFile });
    hotline = await tokenFor(service.url, admin, 'hotline');
    raw = await RawDb.open(db);
  });

  afterAll(async () => {
    await service?.kill('SIGKILL');
    await raw?.close();
    await ldap?.destroy().catch(() => undefined);
    await db?.drop();
  });

  const batchBody = (batch: Onboardable[]) => ({
    activate: true,
    items: batch.map((u) => ({ employeeId: u.employeeId, profile: 'dipendenti', stationAssetId: u.laptopId, csrPem: u.csrPem })),
  });
  const accountsOf = async (batch: Onboardable[]) =>
    raw.count(
      `SELECT COUNT(*) AS n FROM vpn_accounts WHERE employee_id IN (${batch.map(() => '?').join(', ')})`,
      batch.map((u) => u.employeeId),
    );

  it('keeps every batch all or nothing across kill -9 and restart, and the books balance afterwards', async () => {
    const batches: Onboardable[][] = [];
    for (let i = 0; i < users.length; i += BATCH) batches.push(users.slice(i, i + BATCH));

    // before the fault: three batches onboarded, ten certificates revoked
    for (const batch of batches.slice(0, 3)) await must(service.url, 'POST', '/api/v1/vpn/accounts/bulk-onboard', { token: hotline, body: batchBody(batch) });
    const serials = (await raw.query<{ serial: string }>("SELECT serial FROM certificates WHERE kind = 'station' ORDER BY serial")).map((r) => r.serial);
    expect(serials).toHaveLength(3 * BATCH);
    for (const serial of serials.slice(0, 10))
      await must(service.url, 'POST', `/api/v1/certificates/${serial}/revoke`, { token: hotline, body: { reason: 'keyCompromise' } });

    // the fault: two clients onboarding, one revoking; kill -9 once three more batches have been answered
    const answered = new Map<number, number>();
    const sent = new Set<number>();
    const pending = batches.slice(3).map((_, i) => i + 3);
    let killAt: Promise<unknown> | null = null;
    const onboarding = async () => {
      for (let b = pending.shift(); b !== undefined; b = pending.shift()) {
        sent.add(b);
        const r = await call(service.url, 'POST', '/api/v1/vpn/accounts/bulk-onboard', { token: hotline, body: batchBody(batches[b]) }).catch(() => null);
        if (!r) return; // connection cut by the kill
        answered.set(b, r.status);
        if ([...answered.values()].filter((s) => s === 201).length >= 3 && !killAt) killAt = service.kill('SIGKILL');
      }
    };
    const revoking = async () => {
      for (const serial of serials.slice(10, 30)) {
        const r = await call(service.url, 'POST', `/api/v1/certificates/${serial}/revoke`, { token: hotline, body: { reason: 'cessationOfOperation' } }).catch(
          () => null,
        );
        if (!r) return;
        expect(r.status).toBe(200);
      }
    };
    await Promise.all([onboarding(), onboarding(), revoking()]);
    await (killAt ?? service.kill('SIGKILL'));
    expect(service.running).toBe(false);
    const cut = [...sent].filter((i) => !answered.has(i));
    expect(cut.length).toBeGreaterThan(0); // the kill really landed in the middle
    for (const status of answered.values()) expect(status).toBe(201);

    // restart on the same data
    service = await ServiceProcess.start({ env, logFile });
    await drained(raw);

    // answered batches are all there; cut batches are whole or absent, and the absent ones go through again
    for (const [b] of answered) expect(await accountsOf(batches[b])).toBe(BATCH);
    let resubmitted = 0;
    for (const b of cut) {
      const n = await accountsOf(batches[b]);
      expect([0, BATCH]).toContain(n);
      const again = await call(service.url, 'POST', '/api/v1/vpn/accounts/bulk-onboard', { token: hotline, body: batchBody(batches[b]) });
      if (n === BATCH) {
        // committed just before the kill: a repeat is refused as a whole and writes nothing
        expect(again.status).toBe(422);
        expect(await accountsOf(batches[b])).toBe(BATCH);
      } else {
        expect(again.status).toBe(201);
        resubmitted += 1;
      }
    }
    for (const b of pending) await must(service.url, 'POST', '/api/v1/vpn/accounts/bulk-onboard', { token: hotline, body: batchBody(batches[b]) });
    expect(resubmitted + pending.length).toBeGreaterThan(0);

    // everyone onboarded exactly once, and the directory group converges (no outbox entry lost)
    expect(await raw.count("SELECT COUNT(*) AS n FROM vpn_accounts WHERE state = 'active'")).toBe(USERS);
    const deadline = Date.now() + 90_000;
    let members: string[] = [];
    while (Date.now() < deadline) {
      members = await ldap.groupMembers('vpn-users');
      if (users.every((u) => members.includes(u.dn as string))) break;
      await sleep(250);
    }
    expect(users.filter((u) => !members.includes(u.dn as string)).map((u) => u.username)).toEqual([]);

    const report = await checkConsistency(service.url, admin, raw, dir);
    expect(report.problems).toEqual([]);
    expect(report.certificates).toBe(USERS);
    expect(report.revoked).toBeGreaterThanOrEqual(10);
    expect(report.auditEvents).toBeGreaterThan(USERS);
    note(`faults-kill9-${kind}`, {
      answeredBeforeKill: answered.size,
      cutBatches: cut.length,
      cutButCommitted: cut.length - resubmitted,
      neverSent: pending.length,
      revoked: report.revoked,
      crlNumber: report.crlNumber,
    });
  });
});
