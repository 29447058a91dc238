import { Queue } from 'bullmq';
import * as path from 'node:path';
import { generatePeople, LdapSandbox, personDn } from '../fixtures/ldap/directory-fixture';
import { createTestDatabase, TestDatabase } from '../helpers/test-db';
import { checkConsistency } from './support/consistency';
import { RawDb } from './support/database';
import { Onboardable, seedOnboardable, withDatabase } from '../fixtures/onboardable';
import { RedisServer } from './support/redis-server';
import { call, ensureBuilt, must, note, randomToken, ServiceProcess, sleep, tempDir, tokenFor } from './support/service-process';

jest.setTimeout(240_000);

const USERS = 45;

/**
 * Redis killed and restarted in the middle of onboarding with REDIS_URL set: the hot-line keeps working (the
 * work waits in the outbox, /health says degraded), and once Redis is back every user reaches the directory VPN
 * group; no step is recorded twice, no job ends failed, the books balance.
 */
describe('Redis killed and restarted during onboarding', () => {
  let db: TestDatabase;
  let raw: RawDb;
  let ldap: LdapSandbox;
  let redis: RedisServer;
  let service: ServiceProcess;
  let users: Onboardable[];
  const admin = randomToken();
  let hotline: string;
  const dir = tempDir('rw-redis-fault-');
  const prefix = `f${Date.now().toString(36)}`;

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
    const people = generatePeople(USERS, 'rf');
    ldap = await LdapSandbox.create(people, { 'vpn-users': [] });
    redis = await RedisServer.start(dir);
    const env = { DATA_DIR: db.dataDir, ...db.env, ...ldap.serviceEnv(), BOOTSTRAP_ADMIN_TOKEN: admin, REDIS_URL: redis.url, QUEUE_PREFIX: prefix };
    users = await withDatabase(env, (ds) =>
      seedOnboardable(
        ds,
        prefix,
        people.map((p) => p.uid),
        (uid) => personDn(uid, ldap.baseDn),
      ),
    );
    service = await ServiceProcess.start({ env, logFile: path.join(dir, 'service.log') });
    hotline = await tokenFor(service.url, admin, 'hotline');
    raw = await RawDb.open(db);
  });

  afterAll(async () => {
    await service?.stop();
    await redis?.kill();
    await raw?.close();
    await ldap?.destroy().catch(() => undefined);
    await db?.drop();
  });

  const onboard = async (u: Onboardable) => {
    const account = await must(service.url, 'POST', '/api/v1/vpn/accounts', { token: hotline, body: { employeeId: u.employeeId, profile: 'dipendenti' } });
    await must(service.url, 'POST', `/api/v1/vpn/accounts/${account.id}/approve`, { token: hotline, body: {} });
    await must(service.url, 'POST', `/api/v1/vpn/accounts/${account.id}/certificates`, {
      token: hotline,
      body: { csrPem: u.csrPem, stationAssetId: u.laptopId },
    });
    await must(service.url, 'POST', `/api/v1/vpn/accounts/${account.id}/installed`, { token: hotline, body: { activate: true } });
  };

  it('keeps the hot-line working while Redis is down, and delivers every directory change once it is back', async () => {
    const thirds = [users.slice(0, 15), users.slice(15, 30), users.slice(30)];
    for (const u of thirds[0]) await onboard(u);

    await redis.kill('SIGKILL');
    const health = await call(service.url, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'degraded', queue: { status: 'down' }, database: { status: 'up' } });
    const outageStarted = Date.now();
    for (const u of thirds[1]) await onboard(u); // every request still succeeds: the work waits in the outbox
    const waiting = await raw.count("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'");
    expect(waiting).toBeGreaterThan(0);
    await sleep(Math.max(0, 3000 - (Date.now() - outageStarted)));

    await redis.restart();
    for (const u of thirds[2]) await onboard(u);

    const deadline = Date.now() + 120_000;
    let members: string[] = [];
    while (Date.now() < deadline) {
      members = await ldap.groupMembers('vpn-users');
      if (users.every((u) => members.includes(u.dn as string))) break;
      await sleep(300);
    }
    expect(users.filter((u) => !members.includes(u.dn as string)).map((u) => u.username)).toEqual([]);
    expect((await call(service.url, 'GET', '/health')).body.status).toBe('ok');

    // once in effect: each account step recorded once, one group-add job per activation, none failed
    const twice = await raw.query(
      "SELECT entity_id, action, COUNT(*) AS n FROM audit_events WHERE action LIKE 'vpn.account.%' GROUP BY entity_id, action HAVING COUNT(*) > 1",
    );
    expect(twice).toEqual([]);
    const queue = new Queue('work', { connection: { host: '127.0.0.1', port: redis.port }, prefix });
    try {
      const completed = (await queue.getJobs(['completed'], 0, 10_000)).filter((j) => j?.name === 'vpn.group-add');
      expect(new Set(completed.map((j) => j.id)).size).toBe(completed.length);
      expect(completed.length).toBe(USERS);
      expect(await queue.getFailedCount()).toBe(0);
    } finally {
      await queue.close();
    }
    const report = await checkConsistency(service.url, admin, raw, dir);
    expect(report.problems).toEqual([]);
    note('faults-redis', { users: USERS, outboxWaitingDuringOutage: waiting, certificates: report.certificates });
  });
});
