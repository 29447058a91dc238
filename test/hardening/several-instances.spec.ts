import { Queue } from 'bullmq';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatePeople, LdapSandbox } from '../fixtures/ldap/directory-fixture';
import { createTestDatabase, TestDatabase, testDbKind } from '../helpers/test-db';
import { canonicalSerial, listedSerials, openssl } from '../integration/pki/pki-test-tools';
import { RawDb } from './support/database';
import { Onboardable, seedOnboardable, withDatabase } from '../fixtures/onboardable';
import { RedisServer } from './support/redis-server';
import { call, CallResult, ensureBuilt, must, note, randomToken, ServiceProcess, sleep, tempDir, tokenFor } from './support/service-process';

jest.setTimeout(180_000);

/** Every other second (BullMQ and the service's cron validation take six-field patterns, seconds first). */
const SYNC_CRON = '*/2 * * * * *';
const TICK_MS = 2000;
const PEOPLE = 12;
const HANDOVER_EMPLOYEES = 4;
const LAPTOPS = 10;
const HEADSETS = 4;

const onPostgres = testDbKind() === 'postgres';
if (!onPostgres) {
  process.stderr.write('[several-instances] skipped: two service processes need one shared PostgreSQL (TEST_DB=postgres); SQLite is one process per file\n');
}
const describeOnPostgres = onPostgres ? describe : describe.skip;

/** The CRL as a gateway fetches it (DER, no credentials), signature checked and read by the real openssl. */
async function crlOf(base: string, dir: string, caFile: string): Promise<{ number: bigint; serials: Set<string> }> {
  const res = await fetch(`${base}/pki/crl.der`, { signal: AbortSignal.timeout(30_000) });
  if (res.status !== 200) throw new Error(`GET ${base}/pki/crl.der: ${res.status}`);
  const file = path.join(dir, `crl-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.der`);
  fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const num = await openssl(['crl', '-inform', 'DER', '-in', file, '-noout', '-crlnumber']);
  const m = /crlNumber=(?:0x)?([0-9A-Fa-f]+)/.exec(num.stdout);
  if (num.code !== 0 || !m) throw new Error(`openssl crl -crlnumber: ${num.code} ${num.stdout} ${num.stderr}`);
  const verified = await openssl(['crl', '-inform', 'DER', '-in', file, '-CAfile', caFile, '-noout']);
  if (verified.code !== 0 || !/verify OK/i.test(verified.stdout + verified.stderr))
    throw new Error(`openssl does not verify the CRL of ${base}: ${verified.stderr}`);
  const text = await openssl(['crl', '-inform', 'DER', '-in', file, '-noout', '-text']);
  const serials = new Set(listedSerials(text.stdout));
  return { number: BigInt(`0x${m[1]}`), serials };
}

function shuffled<T>(items: T[], seed: number): T[] {
  let s = seed;
  const random = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Two service processes on one PostgreSQL and one Redis, as a municipality scales out behind a load balancer:
 * each has its own data folder (only the PKI mirror lives there) and they share the database, the queue and
 * the directory. Recurring work fires once per tick, racing handovers never give an asset twice, and the CRL
 * Number only grows whichever instance publishes or serves it.
 */
describeOnPostgres('several instances on one PostgreSQL and one Redis', () => {
  let db: TestDatabase;
  let raw: RawDb;
  let ldap: LdapSandbox;
  let ownRedis: RedisServer | null = null;
  let redisUrl: string;
  let a: ServiceProcess;
  let b: ServiceProcess;
  let users: Onboardable[];
  let tech: string;
  let hotline: string;
  const admin = randomToken();
  const dir = tempDir('rw-several-');
  const prefix = `si${Date.now().toString(36)}`;
  const started = Date.now();

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase('postgres');
    ldap = await LdapSandbox.create(generatePeople(3, `s${Date.now().toString(36).slice(-4)}`), { 'vpn-users': [] });
    if (process.env.TEST_REDIS_URL) redisUrl = process.env.TEST_REDIS_URL;
    else {
      ownRedis = await RedisServer.start(dir);
      redisUrl = ownRedis.url;
    }
    const shared = { ...db.env, ...ldap.serviceEnv({ schedule: SYNC_CRON }), BOOTSTRAP_ADMIN_TOKEN: admin, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix };
    const dataA = path.join(dir, 'data-a');
    const dataB = path.join(dir, 'data-b');
    fs.mkdirSync(dataA);
    fs.mkdirSync(dataB);
    // migrations and the people run once, before either instance; then both start at the same moment (first
    // start of the CA, the bootstrap admin token and the schedules race each other)
    users = await withDatabase({ DATA_DIR: dataA, ...shared }, (ds) =>
      seedOnboardable(
        ds,
        prefix,
        Array.from({ length: PEOPLE }, (_, i) => `${prefix}u${i}`),
      ),
    );
    const starts = await Promise.allSettled([
      ServiceProcess.start({ env: { DATA_DIR: dataA, ...shared }, logFile: path.join(dir, 'a.log') }),
      ServiceProcess.start({ env: { DATA_DIR: dataB, ...shared }, logFile: path.join(dir, 'b.log') }),
    ]);
    // both or neither: a survivor is stopped by afterAll, never left running
    [a, b] = starts.map((s) => (s.status === 'fulfilled' ? s.value : (undefined as unknown as ServiceProcess)));
    const failed = starts.flatMap((s) => (s.status === 'rejected' ? [(s.reason as Error).message] : []));
    if (failed.length) throw new Error(`an instance did not start next to the other:\n${failed.join('\n')}`);
    // tokens are rows in the shared database: made on one instance, honoured by the other
    tech = await tokenFor(a.url, admin, 'technician', 'Tecnico Uno');
    hotline = await tokenFor(b.url, admin, 'hotline', 'Hotline Uno');
    raw = await RawDb.open(db);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await raw?.close();
    await ownRedis?.kill();
    await ldap?.destroy().catch(() => undefined);
    await db?.drop();
    note('several-instances', { seconds: Math.round((Date.now() - started) / 1000) });
  });

  it('fires each tick of a schedule once, not once per instance', async () => {
    // both processes run workers and applied the schedules: a second firing would have somewhere to happen
    for (const s of [a, b]) expect(s.logs()).toMatch(/job workers started/);
    // started together with the same BOOTSTRAP_ADMIN_TOKEN: one admin token, and neither start failed over it
    expect(await raw.count("SELECT COUNT(*) AS n FROM api_tokens WHERE name = 'bootstrap-admin'")).toBe(1);

    const finishedRuns = () => raw.count("SELECT COUNT(*) AS n FROM directory_sync_runs WHERE trigger = 'schedule' AND finished_at IS NOT NULL");
    const deadline = Date.now() + 30_000;
    while ((await finishedRuns()) < 5 && Date.now() < deadline) await sleep(250);
    await sleep(1200); // a duplicate of the last tick, if there were one, has landed by now

    const queue = new Queue('work', { connection: { url: redisUrl }, prefix });
    try {
      const schedulers = await queue.getJobSchedulers(0, -1);
      const ids = schedulers.map((s) => s.key);
      expect(ids.filter((id) => id === 'directory-sync')).toEqual(['directory-sync']);
      expect(new Set(ids).size).toBe(ids.length);

      // the runs first, then the jobs: every run finished before this read belongs to a job finished before the next
      const rowsReadAt = Date.now();
      const rows = await raw.query<{ id: string; status: string; requested_at: string; finished_at: string | null }>(
        "SELECT id, status, requested_at, finished_at FROM directory_sync_runs WHERE trigger = 'schedule' ORDER BY requested_at",
      );
      // active too: a job whose run just finished may not be marked completed yet
      const jobs = (await queue.getJobs(['completed', 'failed', 'active'], 0, -1)).filter((j) => j?.name === 'directory.sync');
      const done = jobs.filter((j) => j.finishedOn);
      const ticks = jobs.map((j) => {
        const m = /^repeat:directory-sync:(\d+)$/.exec(String(j.id));
        if (!m) throw new Error(`a directory.sync job not made by the scheduler: ${j.id}`);
        return Number(m[1]);
      });
      expect(done.length).toBeGreaterThanOrEqual(5);
      expect(jobs.filter((j) => j.failedReason).map((j) => j.failedReason)).toEqual([]);
      // a second execution of a tick would meet the running slot ('skipped') or record a second run
      expect(done.map((j) => j.returnvalue)).toEqual(done.map(() => 'done'));
      const sorted = [...ticks].sort((x, y) => x - y);
      const gaps = sorted.slice(1).map((t, i) => t - sorted[i]);
      expect(gaps.filter((g) => g < TICK_MS || g % TICK_MS !== 0)).toEqual([]);

      // one run per job, made while that job was being processed (by whichever instance took it), and no run
      // outside a job: a firing of its own by one instance would be a run no job accounts for, or a second one
      const windows = jobs.map((j) => ({ id: String(j.id), from: j.processedOn as number, to: j.finishedOn ?? Number.POSITIVE_INFINITY }));
      const within = (at: number) => windows.filter((w) => at >= w.from && at <= w.to);
      const finished = rows.filter((r) => r.finished_at !== null);
      expect(finished.length).toBeGreaterThanOrEqual(5);
      expect(finished.filter((r) => within(Date.parse(r.requested_at)).length !== 1).map((r) => `${r.id} ${r.requested_at}`)).toEqual([]);
      const runsOf = (w: (typeof windows)[number]) => rows.filter((r) => Date.parse(r.requested_at) >= w.from && Date.parse(r.requested_at) <= w.to).length;
      expect(windows.filter((w) => w.to < rowsReadAt && runsOf(w) !== 1).map((w) => `${w.id}: ${runsOf(w)} runs`)).toEqual([]);
      expect(rows.filter((r) => r.status !== 'ok' && r.status !== 'running').map((r) => r.status)).toEqual([]);

      const doneIn = (s: ServiceProcess) => (s.logs().match(/directory sync done/g) ?? []).length;
      note('several-instances', { scheduledTicks: sorted.length, runsByA: doneIn(a), runsByB: doneIn(b) });
    } finally {
      await queue.close();
    }
  });

  it('settles racing handovers on both instances: no asset given twice, every loser a clean 409, the chain intact', async () => {
    const laptopModel = await must(a.url, 'POST', '/api/v1/models', {
      token: tech,
      body: { kind: 'laptop', manufacturer: 'Lenovo', model: `ThinkPad Race ${prefix}`, specs: {} },
    });
    const headsetModel = await must(b.url, 'POST', '/api/v1/models', {
      token: tech,
      body: { kind: 'headset', manufacturer: 'Jabra', model: `Evolve Race ${prefix}`, specs: {} },
    });
    // asset tags are allocated by both instances at once
    const specs = [...Array.from({ length: LAPTOPS }, () => laptopModel.id), ...Array.from({ length: HEADSETS }, () => headsetModel.id)];
    const created = await Promise.all(
      specs.map((modelId, i) =>
        call(i % 2 ? b.url : a.url, 'POST', '/api/v1/assets', { token: tech, body: { modelId, serial: `SI${prefix.toUpperCase()}${i}` } }),
      ),
    );
    expect(created.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.text.slice(0, 200)}`)).toEqual([]);
    const assets = created.map((r) => r.body as { id: string; assetTag: string });
    expect(new Set(assets.map((x) => x.assetTag)).size).toBe(assets.length);
    const assetIds = assets.map((x) => x.id);

    // kits: every asset alone, and overlapping pairs listed in both orders (lock order under contention)
    const kits: string[][] = [...assetIds.map((id) => [id]), ...assetIds.slice(1).map((id, i) => (i % 2 ? [assetIds[i], id] : [id, assetIds[i]]))];
    // two clients per employee, one starting on each instance, alternating instance at every request
    const employees = users.slice(0, HANDOVER_EMPLOYEES).map((u) => u.employeeId);
    const answers: { employeeId: string; kit: string[]; instance: string; r: CallResult }[] = [];
    const eventsBefore = await raw.count('SELECT COUNT(*) AS n FROM audit_events');

    // a stampede first: every client asks for the same two laptops at the same moment, half of them on each instance
    const stampedeKit = [assetIds[0], assetIds[1]];
    const stampede = await Promise.all(
      employees.flatMap((employeeId) =>
        [a, b].map(async (s) => ({
          employeeId,
          kit: stampedeKit,
          instance: s === a ? 'a' : 'b',
          r: await call(s.url, 'POST', '/api/v1/handovers', { token: tech, body: { employeeId, assetIds: stampedeKit } }),
        })),
      ),
    );
    answers.push(...stampede);
    expect(stampede.map((x) => x.r.status).sort()).toEqual([201, ...stampede.slice(1).map(() => 409)]);

    await Promise.all(
      employees.flatMap((employeeId, e) =>
        [0, 1].map(async (side) => {
          let k = side;
          for (const kit of shuffled(kits, 17 + 2 * e + side)) {
            const s = k++ % 2 ? b : a;
            const r = await call(s.url, 'POST', '/api/v1/handovers', { token: tech, body: { employeeId, assetIds: kit } });
            answers.push({ employeeId, kit, instance: s === a ? 'a' : 'b', r });
          }
        }),
      ),
    );

    const statuses: Record<number, number> = {};
    for (const x of answers) statuses[x.r.status] = (statuses[x.r.status] ?? 0) + 1;
    expect(answers.filter((x) => x.r.status !== 201 && x.r.status !== 409).map((x) => `${x.instance} ${x.r.status} ${x.r.text.slice(0, 300)}`)).toEqual([]);
    expect(answers.filter((x) => x.r.status === 409 && x.r.body?.error?.code !== 'ASSET_NOT_AVAILABLE').map((x) => x.r.text.slice(0, 300))).toEqual([]);

    const won = answers.filter((x) => x.r.status === 201);
    const wonAssets = won.flatMap((x) => (x.r.body.items as { assetId: string }[]).map((i) => i.assetId));
    expect(wonAssets.length).toBe(new Set(wonAssets).size); // no asset in two successful answers
    expect([...wonAssets].sort()).toEqual([...assetIds].sort()); // and every asset went to someone
    for (const x of won) expect(x.r.body).toMatchObject({ employeeId: x.employeeId, itemsCount: x.kit.length, status: 'open' });

    // the database agrees: one handover item per asset, each asset held by the employee of its one handover
    const placeholders = assetIds.map(() => '?').join(', ');
    const items = await raw.query<{ asset_id: string; n: string | number }>(
      `SELECT asset_id, COUNT(*) AS n FROM handover_items WHERE asset_id IN (${placeholders}) GROUP BY asset_id`,
      assetIds,
    );
    expect(items.filter((i) => Number(i.n) !== 1)).toEqual([]);
    expect(items.length).toBe(assetIds.length);
    const held = await raw.query<{
      id: string;
      state: string;
      holder_employee_id: string;
      employee_id: string;
      handover_id: string;
      current_handover_id: string;
    }>(
      `SELECT a.id, a.state, a.holder_employee_id, h.employee_id, h.id AS handover_id, a.current_handover_id
         FROM assets a JOIN handover_items i ON i.asset_id = a.id JOIN handovers h ON h.id = i.handover_id WHERE a.id IN (${placeholders})`,
      assetIds,
    );
    expect(held.filter((h) => h.state !== 'assigned' || h.holder_employee_id !== h.employee_id || h.current_handover_id !== h.handover_id)).toEqual([]);
    const handoverIds = won.map((x) => x.r.body.id as string);
    expect(await raw.count(`SELECT COUNT(*) AS n FROM handovers WHERE employee_id IN (${employees.map(() => '?').join(', ')})`, employees)).toBe(won.length);
    const createdEvents = await raw.query<{ entity_id: string }>("SELECT entity_id FROM audit_events WHERE action = 'handover.created'");
    expect(
      createdEvents
        .map((e) => e.entity_id)
        .filter((id) => handoverIds.includes(id))
        .sort(),
    ).toEqual([...handoverIds].sort());
    expect(await raw.count('SELECT COUNT(*) AS n FROM audit_events')).toBeGreaterThanOrEqual(eventsBefore + won.length);

    for (const s of [a, b]) {
      const verify = await must<{ ok: boolean; events: number }>(s.url, 'GET', '/api/v1/audit/verify', { token: admin });
      expect(verify).toMatchObject({ ok: true });
    }
    note('several-instances', { handoverRequests: answers.length, handoverStatuses: statuses, handoversWon: won.length });
  });

  it('never lets the CRL Number go backwards, whichever instance revokes or serves', async () => {
    const [caA, caB] = await Promise.all([call(a.url, 'GET', '/pki/ca.pem'), call(b.url, 'GET', '/pki/ca.pem')]);
    expect(caA.status).toBe(200);
    expect(caB.text).toBe(caA.text); // both instances started at once on an empty PKI and share one CA
    const caFile = path.join(dir, 'ca.pem');
    fs.writeFileSync(caFile, caA.text);

    const onboarded = await must<{ items: { serial: string }[] }>(a.url, 'POST', '/api/v1/vpn/accounts/bulk-onboard', {
      token: hotline,
      body: { activate: false, items: users.map((u) => ({ employeeId: u.employeeId, profile: 'dipendenti', stationAssetId: u.laptopId, csrPem: u.csrPem })) },
    });
    const serials = onboarded.items.map((i) => canonicalSerial(i.serial));
    expect(serials).toHaveLength(PEOPLE);

    const seen: { at: string; number: bigint }[] = [];
    const fetchBoth = async (order: ServiceProcess[]) => {
      const out = [];
      for (const s of order) {
        const crl = await crlOf(s.url, dir, caFile);
        seen.push({ at: s === a ? 'a' : 'b', number: crl.number });
        out.push(crl);
      }
      return out;
    };
    let [last] = await fetchBoth([a, b]);

    // one by one, alternating: the revoking instance and the other one both serve a newer CRL listing it at once
    const sequential = serials.slice(0, 6);
    for (const [i, serial] of sequential.entries()) {
      const [via, other] = i % 2 ? [b, a] : [a, b];
      await must(via.url, 'POST', `/api/v1/certificates/${serial}/revoke`, { token: hotline, body: { reason: 'keyCompromise' } });
      const [first, second] = await fetchBoth(i % 4 < 2 ? [other, via] : [via, other]);
      expect(first.number).toBeGreaterThan(last.number);
      expect(second.number).toBeGreaterThanOrEqual(first.number);
      for (const crl of [first, second]) expect(sequential.slice(0, i + 1).filter((s) => !crl.serials.has(s))).toEqual([]);
      last = second;
    }

    // at once: revocations split over both instances while a reader keeps fetching from both
    let revoking = true;
    const reader = (async () => {
      let k = 0;
      while (revoking) await fetchBoth(k++ % 2 ? [b, a] : [a, b]);
    })();
    const concurrent = serials.slice(6);
    const results = await Promise.all(
      concurrent.map((serial, i) =>
        call(i % 2 ? b.url : a.url, 'POST', `/api/v1/certificates/${serial}/revoke`, { token: hotline, body: { reason: 'cessationOfOperation' } }),
      ),
    ).finally(() => (revoking = false));
    await reader;
    expect(results.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.text.slice(0, 300)}`)).toEqual([]);

    const [finalA, finalB] = await fetchBoth([a, b]);
    expect(finalA.number).toBeGreaterThan(last.number);
    expect(finalB.number).toBe(finalA.number);
    // in the order they were fetched, over both instances, the numbers never decrease
    const decreases = seen.slice(1).flatMap((x, i) => (x.number < seen[i].number ? [`${seen[i].at}:${seen[i].number} → ${x.at}:${x.number}`] : []));
    expect(decreases).toEqual([]);

    const revokedInDb = (await raw.query<{ serial: string }>("SELECT serial FROM certificates WHERE status IN ('revoked', 'on_hold')")).map((r) =>
      canonicalSerial(r.serial),
    );
    expect([...revokedInDb].sort()).toEqual([...serials].sort());
    for (const crl of [finalA, finalB]) expect([...crl.serials].sort()).toEqual([...revokedInDb].sort());
    expect(BigInt(await raw.count('SELECT crl_number AS n FROM pki_crl'))).toBe(finalA.number);

    for (const s of [a, b]) expect(await must<{ ok: boolean }>(s.url, 'GET', '/api/v1/audit/verify', { token: admin })).toMatchObject({ ok: true });
    note('several-instances', { crlFetches: seen.length, crlNumberFirst: String(seen[0].number), crlNumberLast: String(finalA.number) });
  });
});
