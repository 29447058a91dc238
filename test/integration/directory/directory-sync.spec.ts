import * as net from 'node:net';
import { FixedClock } from '../../../src/common/clock';
import { DirectorySyncService } from '../../../src/directory/directory-sync.service';
import { EmployeeEntity } from '../../../src/directory/employee.entity';
import { ServiceRepository } from '../../../src/directory/service.repository';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { JobRegistry } from '../../../src/jobs/job-registry';
import { OutboxEntity } from '../../../src/jobs/outbox/outbox.entity';
import { Schedules } from '../../../src/jobs/schedules';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { FixturePerson, generatePeople, LdapSandbox, SERVICES } from '../../fixtures/ldap/directory-fixture';

/**
 * Directory sync against the real slapd of the test run, in a sub-tree of this file's own: 60 people in three
 * services (departmentNumber), one disabled person (shadowExpire in the past), a VPN group, a page size of 20
 * so that the sync pages through four pages.
 */
const TODAY = '2026-11-27';
const PAGE_SIZE = 20;

describe('directory sync with a real OpenLDAP', () => {
  let sandbox: LdapSandbox;
  let t: TestApp;
  const people = generatePeople(60);
  const disabled: FixturePerson = { ...generatePeople(1, 'dis')[0], departmentNumber: 'PA', shadowExpire: 1 };
  const clock = new FixedClock(new Date(`${TODAY}T09:00:00Z`));

  const sync = async (token = t.adminToken) => (await t.http().post('/api/v1/directory/sync?wait=true').set(auth(token)).expect(200)).body;
  const employeeByUid = (uid: string) => t.dataSource.getRepository(EmployeeEntity).findOneByOrFail({ username: uid });

  beforeAll(async () => {
    sandbox = await LdapSandbox.create([...people, disabled], { 'vpn-users': [] });
    t = await startTestApp({ clock, env: sandbox.serviceEnv({ pageSize: PAGE_SIZE }) });
    const uow = t.get(UnitOfWork);
    const services = t.get(ServiceRepository);
    await uow.run(async (tx) => {
      for (const code of SERVICES) await services.ensure(tx, code, `Servizio ${code}`);
    });
  });

  afterAll(async () => {
    await t?.close();
    await sandbox?.destroy();
  });

  it('creates every person on the first sync, paging through more entries than one page', async () => {
    const run = await sync();
    expect(run).toMatchObject({ status: 'ok', trigger: 'manual', directoryEntries: 61, created: 61, updated: 0, deactivated: 0, skipped: 0, errorCount: 0 });
    expect(run.directoryEntries).toBeGreaterThan(PAGE_SIZE * 3);
    const all = await t.dataSource.getRepository(EmployeeEntity).find();
    expect(all).toHaveLength(61);
    expect(new Set(all.map((e) => e.source))).toEqual(new Set(['directory']));

    const p7 = await employeeByUid(people[7].uid);
    expect(p7.externalId).toBe(await sandbox.entryUuid(people[7].uid));
    expect(p7).toMatchObject({ employeeNumber: people[7].employeeNumber, lastName: people[7].sn, email: people[7].mail, active: true });
    expect(p7.directoryDn).toBe(`uid=${people[7].uid},ou=people,${sandbox.baseDn}`);
    expect((await employeeByUid(people[3].uid)).isManager).toBe(true);

    const byService = await t.http().get('/api/v1/employees?serviceCode=SD&limit=500').set(auth(t.adminToken)).expect(200);
    expect(byService.body.items).toHaveLength(20);
  });

  it('keeps the disabled person inactive', async () => {
    const e = await employeeByUid(disabled.uid);
    expect(e).toMatchObject({ active: false, deactivationReason: 'disabled_in_directory' });
  });

  it('is idempotent: a second sync creates and updates nothing and writes no employee', async () => {
    const before = await t.dataSource.getRepository(EmployeeEntity).find({ order: { id: 'ASC' } });
    clock.advance(60_000);
    const run = await sync();
    expect(run).toMatchObject({ status: 'ok', created: 0, updated: 0, deactivated: 0, reactivated: 0, unchanged: 61, skipped: 0 });
    const after = await t.dataSource.getRepository(EmployeeEntity).find({ order: { id: 'ASC' } });
    expect(after.map((e) => [e.version, e.updatedAt])).toEqual(before.map((e) => [e.version, e.updatedAt]));
  });

  it('updates what changed in the directory', async () => {
    await sandbox.replace(people[8].uid, 'sn', ['Sposata']);
    await sandbox.replace(people[8].uid, 'departmentNumber', ['CP']);
    const run = await sync();
    expect(run).toMatchObject({ created: 0, updated: 1, unchanged: 60 });
    const e = await employeeByUid(people[8].uid);
    expect(e).toMatchObject({ lastName: 'Sposata', version: 2 });
    expect((await t.get(ServiceRepository).findById(e.serviceId))?.code).toBe('CP');
  });

  it('deactivates a leaver and records its offboarding through the outbox', async () => {
    const leaver = await employeeByUid(people[5].uid);
    await sandbox.deletePerson(people[5].uid);
    const run = await sync();
    expect(run).toMatchObject({ status: 'ok', deactivated: 1, created: 0, updated: 0 });
    const after = await t.dataSource.getRepository(EmployeeEntity).findOneByOrFail({ id: leaver.id });
    expect(after).toMatchObject({ active: false, deactivationReason: 'left_directory', deactivatedAt: clock.nowIso() });
    const job = await t.dataSource.getRepository(OutboxEntity).findOneByOrFail({ jobId: `offboarding-${leaver.id}-left_directory-${TODAY}` });
    expect(job.jobName).toBe('offboarding.start');
    expect(JSON.parse(job.payload)).toEqual({ employeeId: leaver.id, trigger: 'left_directory', agreementId: null, effectiveDate: TODAY });
    // The next run finds nothing more to do for them.
    expect(await sync()).toMatchObject({ deactivated: 0, unchanged: 60 });
  });

  it('skips a person with an unknown service code and says so, without touching anyone else', async () => {
    const odd: FixturePerson = { ...generatePeople(1, 'odd')[0], departmentNumber: 'ZZ' };
    await sandbox.addPerson(odd);
    const run = await sync();
    expect(run).toMatchObject({ status: 'ok', created: 0, skipped: 1, errorCount: 1 });
    expect(run.errors[0]).toMatchObject({ field: 'serviceCode', reason: 'unknown service code ZZ' });
    await sandbox.deletePerson(odd.uid);
  });

  it('runs through the job queue and keeps every run readable (admin and rtd)', async () => {
    const queued = await t.http().post('/api/v1/directory/sync').set(auth(t.adminToken)).expect(202);
    expect(queued.body).toMatchObject({ status: 'queued', trigger: 'manual' });
    let run = queued.body;
    for (let i = 0; i < 100 && (run.status === 'queued' || run.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = (await t.http().get(`/api/v1/directory/sync-runs/${queued.body.id}`).set(auth(t.adminToken)).expect(200)).body;
    }
    expect(run).toMatchObject({ status: 'ok', unchanged: 60, created: 0 });
    const rtd = await t.tokenFor('rtd');
    const list = await t.http().get('/api/v1/directory/sync-runs?limit=50').set(auth(rtd)).expect(200);
    expect(list.body.items.length).toBeGreaterThanOrEqual(7);
    expect(list.body.nextCursor).toBeNull();
    expect(list.body.items.map((r: { id: string }) => r.id)).toContain(queued.body.id);
    // the same runs, newest first, two at a time through nextCursor
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/directory/sync-runs?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = (await t.http().get(url).set(auth(rtd)).expect(200)).body as { items: { id: string }[]; nextCursor: string | null };
      paged.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(list.body.items.map((r: { id: string }) => r.id));
    await t
      .http()
      .get('/api/v1/directory/sync-runs')
      .set(auth(await t.tokenFor('hotline')))
      .expect(403);
    await t
      .http()
      .post('/api/v1/directory/sync')
      .set(auth(await t.tokenFor('hr')))
      .expect(403);
    const metrics = await t.http().get('/metrics').set(auth(t.adminToken)).expect(200);
    expect(metrics.text).toMatch(/rw_directory_last_sync_timestamp_seconds\{status="ok"\} \d+/);
  });

  it('runs one sync at a time, and the daily schedule and its job are declared', async () => {
    const service = t.get(DirectorySyncService);
    const actor = { id: 'test', name: 'test', role: 'system' as const };
    const results = await Promise.allSettled([service.runNow(actor), service.runNow(actor)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'SYNC_IN_PROGRESS' });

    // incremental every 15 minutes, the full reconciliation (finds deletions) at night
    expect(t.get(Schedules).all()).toContainEqual({
      id: 'directory-sync',
      cron: '*/15 * * * *',
      job: 'directory.sync',
      payload: { runId: null, trigger: 'schedule' },
    });
    expect(t.get(Schedules).all()).toContainEqual({
      id: 'directory-sync-full',
      cron: '30 2 * * *',
      job: 'directory.sync',
      payload: { runId: null, trigger: 'schedule', mode: 'full' },
    });
    const handler = t.get(JobRegistry).get('directory.sync')!.handler;
    expect(await handler({ runId: null, trigger: 'schedule' }, { jobId: 'sched.directory-sync.1', attempt: 1 })).toBe('done');
    const [latest] = (await t.http().get('/api/v1/directory/sync-runs?limit=50').set(auth(t.adminToken)).expect(200)).body.items.filter(
      (r: { trigger: string }) => r.trigger === 'schedule',
    );
    expect(latest).toMatchObject({ status: 'ok', trigger: 'schedule', requestedBy: 'system' });
  });

  it('refuses to change anything when the filter matches nobody, and says why', async () => {
    const other = await startTestApp({
      clock,
      database: t.db,
      env: { ...sandbox.serviceEnv({ pageSize: PAGE_SIZE, userFilter: '(&(objectClass=inetOrgPerson)(uid=nobody-has-this))' }), RUN_WORKERS: 'false' },
    });
    try {
      const activeBefore = await other.dataSource.getRepository(EmployeeEntity).countBy({ active: true });
      const run = await other.get(DirectorySyncService).runNow({ id: 'test', name: 'test', role: 'system' });
      expect(run.status).toBe('refused');
      expect(run.refusalReason).toMatch(/returned no one/);
      expect(await other.dataSource.getRepository(EmployeeEntity).countBy({ active: true })).toBe(activeBefore);
    } finally {
      await other.close();
    }
  });

  it('refuses a run whose new people were read with it: none of them is created (PostgreSQL writes them while reading)', async () => {
    const newcomers = generatePeople(3, 'new');
    for (const p of newcomers) await sandbox.addPerson(p);
    // the directory now answers with the newcomers and 5 of the 60 it had: 55 leavers, far above the 5 % limit
    const uids = [...newcomers, ...people.slice(10, 15)].map((p) => `(uid=${p.uid})`).join('');
    const other = await startTestApp({
      clock,
      database: t.db,
      env: { ...sandbox.serviceEnv({ pageSize: 2, userFilter: `(&(objectClass=inetOrgPerson)(|${uids}))` }), RUN_WORKERS: 'false' },
    });
    try {
      const activeBefore = await other.dataSource.getRepository(EmployeeEntity).countBy({ active: true });
      const run = await other.get(DirectorySyncService).runNow({ id: 'test', name: 'test', role: 'system' }, 'manual', 'full');
      expect(run).toMatchObject({ status: 'refused', directoryEntries: 8, created: 3 });
      expect(run.refusalReason).toMatch(/would deactivate 5\d of/);
      expect(await other.dataSource.getRepository(EmployeeEntity).countBy({ active: true })).toBe(activeBefore);
      for (const p of newcomers) expect(await other.dataSource.getRepository(EmployeeEntity).countBy({ username: p.uid })).toBe(0);
    } finally {
      await other.close();
      for (const p of newcomers) await sandbox.deletePerson(p.uid);
    }
  });

  it('writes nothing of a read the directory cuts off half-way, and says how far it got', async () => {
    const newcomers = generatePeople(25, 'cut');
    for (const p of newcomers) await sandbox.addPerson(p);
    // a TCP hop to slapd that drops the connection when the sync asks for its second page (its third search:
    // the base entry, page one, page two); pages of 20, so the first page (20 new people) is read and planned
    const hop = await cuttingProxy(new URL(sandbox.env.url), 3);
    const other = await startTestApp({
      clock,
      database: t.db,
      env: {
        ...sandbox.serviceEnv({ pageSize: PAGE_SIZE, userFilter: '(&(objectClass=inetOrgPerson)(uid=cut*))' }),
        LDAP_URL: hop.url,
        RUN_WORKERS: 'false',
      },
    });
    try {
      const run = await other.get(DirectorySyncService).runNow({ id: 'test', name: 'test', role: 'system' }, 'manual', 'full');
      expect(hop.cut).toBe(true);
      expect(run).toMatchObject({ status: 'failed', directoryEntries: PAGE_SIZE, created: 0 });
      for (const p of newcomers) expect(await other.dataSource.getRepository(EmployeeEntity).countBy({ username: p.uid })).toBe(0);
    } finally {
      await other.close();
      await hop.close();
      for (const p of newcomers) await sandbox.deletePerson(p.uid);
    }
  });

  it('holds one database connection while it runs: on PostgreSQL the employees are read inside its own transaction', async () => {
    const newcomers = generatePeople(5, 'pool');
    for (const p of newcomers) await sandbox.addPerson(p);
    const other = await startTestApp({
      clock,
      database: t.db,
      env: { ...sandbox.serviceEnv({ pageSize: PAGE_SIZE }), DATABASE_POOL_SIZE: '2', RUN_WORKERS: 'false' },
    });
    // one of the two connections taken for the whole run (SQLite has one shared connection: nothing to take there)
    const busy = other.dataSource.createQueryRunner();
    await busy.connect();
    try {
      // a run that waited for a second connection while holding the other would never end: the timeout says so
      const run = await other.get(DirectorySyncService).runNow({ id: 'test', name: 'test', role: 'system' }, 'manual', 'full');
      expect(run).toMatchObject({ status: 'ok', created: 5, deactivated: 0 });
      for (const p of newcomers) expect(await other.dataSource.getRepository(EmployeeEntity).countBy({ username: p.uid, active: true })).toBe(1);
    } finally {
      await busy.release();
      await other.close();
    }
  }, 30_000);

  it('refuses when the base was emptied: nothing changes, the run says why', async () => {
    const activeBefore = await t.dataSource.getRepository(EmployeeEntity).countBy({ active: true });
    const outboxBefore = await t.dataSource.getRepository(OutboxEntity).countBy({ jobName: 'offboarding.start' });
    await sandbox.emptyPeople();
    const run = await sync();
    expect(run).toMatchObject({ status: 'refused', directoryEntries: 0, deactivated: activeBefore });
    expect(run.refusalReason).toMatch(/returned no one/);
    expect(await t.dataSource.getRepository(EmployeeEntity).countBy({ active: true })).toBe(activeBefore);
    expect(await t.dataSource.getRepository(OutboxEntity).countBy({ jobName: 'offboarding.start' })).toBe(outboxBefore);
    const stored = await t.http().get(`/api/v1/directory/sync-runs/${run.id}`).set(auth(t.adminToken)).expect(200);
    expect(stored.body).toMatchObject({ status: 'refused', refusalReason: run.refusalReason });
  });
});

/**
 * A TCP hop to the directory that forwards both ways and drops both connections when the client sends its
 * `cutAt`-th search request (LDAP messages framed by their BER length; 0x63 is a SearchRequest).
 */
async function cuttingProxy(target: URL, cutAt: number): Promise<{ url: string; cut: boolean; close: () => Promise<void> }> {
  const state = { cut: false };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    let searches = 0;
    let pending = Buffer.alloc(0);
    client.on('data', (data) => {
      pending = Buffer.concat([pending, data]);
      for (;;) {
        const frame = ldapFrame(pending);
        if (!frame) break;
        const message = pending.subarray(0, frame.length);
        pending = pending.subarray(frame.length);
        if (message[frame.opOffset] === 0x63 && ++searches >= cutAt) {
          state.cut = true;
          client.destroy();
          upstream.destroy();
          return;
        }
        upstream.write(message);
      }
    });
    upstream.on('data', (data) => client.write(data));
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ]) {
      a.on('error', () => b.destroy());
      a.on('close', () => b.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `ldap://127.0.0.1:${port}`,
    get cut() {
      return state.cut;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** One whole LDAPMessage at the start of `buf`: its length and where its protocol-operation tag is; null if incomplete. */
function ldapFrame(buf: Buffer): { length: number; opOffset: number } | null {
  const lengthAt = (at: number): { value: number; next: number } | null => {
    if (buf.length <= at) return null;
    const first = buf[at];
    if (first < 0x80) return { value: first, next: at + 1 };
    const bytes = first & 0x7f;
    if (buf.length < at + 1 + bytes) return null;
    let value = 0;
    for (let i = 0; i < bytes; i++) value = value * 256 + buf[at + 1 + i];
    return { value, next: at + 1 + bytes };
  };
  const outer = lengthAt(1); // after the SEQUENCE tag
  if (!outer || buf.length < outer.next + outer.value) return null;
  const id = lengthAt(outer.next + 1); // after the messageID INTEGER tag
  if (!id) return null;
  return { length: outer.next + outer.value, opOffset: id.next + id.value };
}
