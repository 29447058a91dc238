import { Attribute, Change } from 'ldapts';
import { FixedClock } from '../../../src/common/clock';
import { DirectorySyncRunEntity } from '../../../src/directory/directory-sync-run.entity';
import { EmployeeEntity } from '../../../src/directory/employee.entity';
import { ServiceRepository } from '../../../src/directory/service.repository';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { JobRegistry } from '../../../src/jobs/job-registry';
import { Schedules } from '../../../src/jobs/schedules';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { generatePeople, LdapSandbox, personDn, SERVICES } from '../../fixtures/ldap/directory-fixture';

/**
 * Incremental sync against the real slapd of the test run (entryCSN): after a full first run, an incremental run
 * asks only for the entries changed since (the number of entries returned is asserted), a deletion is found by
 * the full reconciliation, a stored watermark that does not belong to this server means a full read, and the
 * leaver safety limit holds on both kinds. 40 people, page size 10.
 */
const TODAY = '2026-11-27';

describe('incremental directory sync with a real OpenLDAP (entryCSN)', () => {
  let sandbox: LdapSandbox;
  let t: TestApp;
  const people = generatePeople(40, 'inc');
  const clock = new FixedClock(new Date(`${TODAY}T09:00:00Z`));

  // time passes between runs (the latest good run is the one the next continues from)
  const sync = async (mode: 'full' | 'incremental') => {
    clock.advance(60_000);
    return (await t.http().post(`/api/v1/directory/sync?wait=true&mode=${mode}`).set(auth(t.adminToken)).expect(200)).body;
  };
  const employeeByUid = (uid: string) => t.dataSource.getRepository(EmployeeEntity).findOneByOrFail({ username: uid });
  const disable = (uid: string) =>
    sandbox.admin((c) =>
      c.modify(personDn(uid, sandbox.baseDn), [
        new Change({ operation: 'add', modification: new Attribute({ type: 'objectClass', values: ['shadowAccount'] }) }),
        new Change({ operation: 'add', modification: new Attribute({ type: 'shadowExpire', values: ['1'] }) }),
      ]),
    );

  beforeAll(async () => {
    sandbox = await LdapSandbox.create(people, { 'vpn-users': [] });
    t = await startTestApp({ clock, env: sandbox.serviceEnv({ pageSize: 10 }) });
    await t.get(UnitOfWork).run(async (tx) => {
      for (const code of SERVICES) await t.get(ServiceRepository).ensure(tx, code, `Servizio ${code}`);
    });
  });

  afterAll(async () => {
    await t?.close();
    await sandbox?.destroy();
  });

  it('reads everything on the first run even when asked for changes only, and says why', async () => {
    const run = await sync('incremental');
    expect(run).toMatchObject({ status: 'ok', kind: 'full', created: 40, directoryEntries: 40, changeTracking: 'entryCSN' });
    expect(run.kindReason).toMatch(/no earlier complete run/);
    expect(run.watermark).toMatch(/^\d{14}\.\d{6}Z#/);
    const base = await sandbox.admin((c) => c.search(sandbox.baseDn, { scope: 'base', attributes: ['entryUUID'] }));
    expect(run.directoryIdentity).toBe(`${String(base.searchEntries[0].entryUUID)}|`);
  });

  it('then reads only the changes: a changed person and a new one', async () => {
    await sandbox.replace(people[5].uid, 'sn', ['Cambiato']);
    const newcomer = generatePeople(1, 'incnew')[0];
    await sandbox.addPerson(newcomer);
    const run = await sync('incremental');
    expect(run).toMatchObject({ status: 'ok', kind: 'incremental', directoryEntries: 2, created: 1, updated: 1, unchanged: 0, deactivated: 0 });
    expect(run.kindReason).toMatch(/^changes after entryCSN /);
    expect(await employeeByUid(people[5].uid)).toMatchObject({ lastName: 'Cambiato', version: 2 });
    expect(await employeeByUid(newcomer.uid)).toMatchObject({ active: true, source: 'directory' });
  });

  it('reads nothing when nothing changed, and leaves the watermark where it was', async () => {
    const before = (await t.dataSource.getRepository(DirectorySyncRunEntity).find({ order: { finishedAt: 'DESC' }, take: 1 }))[0];
    const run = await sync('incremental');
    expect(run).toMatchObject({ status: 'ok', kind: 'incremental', directoryEntries: 0, created: 0, updated: 0, unchanged: 0 });
    expect(run.watermark).toBe(before.watermark);
  });

  it('does not take a deleted person for a leaver on an incremental run; the full reconciliation does', async () => {
    const leaver = await employeeByUid(people[9].uid);
    await sandbox.deletePerson(people[9].uid);
    const inc = await sync('incremental');
    expect(inc).toMatchObject({ kind: 'incremental', directoryEntries: 0, deactivated: 0 });
    const full = await sync('full');
    expect(full).toMatchObject({ status: 'ok', kind: 'full', kindReason: 'a full run was asked for', directoryEntries: 40, deactivated: 1, unchanged: 40 });
    expect(await t.dataSource.getRepository(EmployeeEntity).findOneByOrFail({ id: leaver.id })).toMatchObject({
      active: false,
      deactivationReason: 'left_directory',
    });
  });

  it('holds the safety limit on an incremental run (3 of 40 disabled at once is above 5%) and reads them again next time', async () => {
    for (const p of people.slice(20, 23)) await disable(p.uid);
    const run = await sync('incremental');
    expect(run).toMatchObject({ status: 'refused', kind: 'incremental', directoryEntries: 3, deactivated: 3, watermark: null });
    expect(run.refusalReason).toMatch(/deactivate 3 of 40/);
    expect(await employeeByUid(people[20].uid)).toMatchObject({ active: true });
    // nothing was applied, so the next run still sees the same three changes
    expect(await sync('incremental')).toMatchObject({ status: 'refused', kind: 'incremental', directoryEntries: 3 });
  });

  it('applies the same people once they are enabled again', async () => {
    for (const p of people.slice(20, 23)) {
      await sandbox.admin((c) =>
        c.modify(personDn(p.uid, sandbox.baseDn), new Change({ operation: 'delete', modification: new Attribute({ type: 'shadowExpire', values: [] }) })),
      );
    }
    expect(await sync('incremental')).toMatchObject({ status: 'ok', kind: 'incremental', directoryEntries: 3, deactivated: 0, unchanged: 3 });
  });

  it('reads everything when the stored watermark belongs to another server', async () => {
    const ok = await sync('full');
    expect(ok).toMatchObject({ status: 'ok', kind: 'full' });
    await t.dataSource.getRepository(DirectorySyncRunEntity).update({ id: ok.id }, { directoryIdentity: '00000000-0000-0000-0000-000000000000|' });
    const run = await sync('incremental');
    expect(run).toMatchObject({ status: 'ok', kind: 'full', unchanged: run.directoryEntries });
    expect(run.kindReason).toMatch(/a different server answered/);
    // and continues incrementally from there
    expect(await sync('incremental')).toMatchObject({ kind: 'incremental', directoryEntries: 0 });
  });

  it('has two schedules: incremental and the full reconciliation, whose job reads everything', async () => {
    const all = t.get(Schedules).all();
    expect(all).toContainEqual(
      expect.objectContaining({ id: 'directory-sync-full', job: 'directory.sync', payload: { runId: null, trigger: 'schedule', mode: 'full' } }),
    );
    const handler = t.get(JobRegistry).get('directory.sync')!.handler;
    clock.advance(60_000);
    expect(await handler({ runId: null, trigger: 'schedule', mode: 'full' }, { jobId: 'sched.directory-sync-full.1', attempt: 1 })).toBe('done');
    const [latest] = (await t.http().get('/api/v1/directory/sync-runs?limit=1').set(auth(t.adminToken)).expect(200)).body.items;
    expect(latest).toMatchObject({ status: 'ok', trigger: 'schedule', kind: 'full', kindReason: 'scheduled full reconciliation' });
    clock.advance(60_000);
    expect(await handler({ runId: null, trigger: 'schedule' }, { jobId: 'sched.directory-sync.1', attempt: 1 })).toBe('done');
    const [inc] = (await t.http().get('/api/v1/directory/sync-runs?limit=1').set(auth(t.adminToken)).expect(200)).body.items;
    expect(inc).toMatchObject({ status: 'ok', trigger: 'schedule', kind: 'incremental', directoryEntries: 0 });
  });

  it('holds the safety limit on a full run too (3 of 40 deleted)', async () => {
    for (const p of people.slice(30, 33)) await sandbox.deletePerson(p.uid);
    const run = await sync('full');
    expect(run).toMatchObject({ status: 'refused', kind: 'full', directoryEntries: 37, deactivated: 3 });
    expect(run.refusalReason).toMatch(/deactivate 3 of 40/);
    expect(await employeeByUid(people[30].uid)).toMatchObject({ active: true });
  });
});
