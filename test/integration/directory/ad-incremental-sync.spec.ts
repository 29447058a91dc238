import { Client } from 'ldapts';
import { FixedClock } from '../../../src/common/clock';
import { DirectorySyncRunEntity } from '../../../src/directory/directory-sync-run.entity';
import { EmployeeEntity } from '../../../src/directory/employee.entity';
import { ServiceRepository } from '../../../src/directory/service.repository';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { AD_SERVICES, AdSandbox, AdTestEnv, describeWithAd } from '../../helpers/samba-ad';

/**
 * Incremental sync against the real Samba AD DC of the test run: uSNChanged against the DC's highestCommittedUSN
 * (read from the root DSE on the same connection), the DC identity (dsServiceName and invocationId) kept with the
 * watermark, leavers found among the tombstones (show-deleted control) on incremental runs, a USN that went
 * backwards or another DC answering → a full read, and the safety limit (10% here) on both kinds. 30 people, page size 10.
 */
const TODAY = '2026-11-27';

describeWithAd('incremental directory sync with a real Samba AD DC (uSNChanged)', (env: AdTestEnv) => {
  let ad: AdSandbox;
  let t: TestApp;
  let people: ReturnType<AdSandbox['people']>;
  const clock = new FixedClock(new Date(`${TODAY}T09:00:00Z`));

  // time passes between runs (the latest good run is the one the next continues from)
  const sync = async (mode: 'full' | 'incremental') => {
    clock.advance(60_000);
    return (await t.http().post(`/api/v1/directory/sync?wait=true&mode=${mode}`).set(auth(t.adminToken)).expect(200)).body;
  };
  const employeeBySam = (sam: string) => t.dataSource.getRepository(EmployeeEntity).findOneByOrFail({ username: sam });
  const rootDse = async () => {
    const c = new Client({ url: env.url });
    try {
      await c.bind(env.adminDn, env.adminPassword);
      const r = await c.search('', { scope: 'base', filter: '(objectClass=*)', attributes: ['highestCommittedUSN', 'dsServiceName'] });
      return { usn: Number(r.searchEntries[0].highestCommittedUSN), dsServiceName: String(r.searchEntries[0].dsServiceName) };
    } finally {
      await c.unbind().catch(() => undefined);
    }
  };
  const lastOk = async () =>
    (await t.dataSource.getRepository(DirectorySyncRunEntity).find({ where: { status: 'ok' }, order: { finishedAt: 'DESC' }, take: 1 }))[0];

  beforeAll(async () => {
    ad = await AdSandbox.create({ presetGroups: true });
    people = ad.people(30, 'i');
    await ad.addPeople(people);
    t = await startTestApp({ clock, env: ad.serviceEnv({ pageSize: 10, maxDeactivationShare: 0.1 }) });
    await t.get(UnitOfWork).run(async (tx) => {
      for (const code of AD_SERVICES) await t.get(ServiceRepository).ensure(tx, code, `Servizio ${code}`);
    });
  });

  afterAll(async () => {
    await t?.close();
    await ad?.destroy();
  });

  it('reads everything first and keeps the USN it read before the search, with the DC it came from', async () => {
    const before = await rootDse();
    const run = await sync('incremental');
    expect(run).toMatchObject({ status: 'ok', kind: 'full', created: 30, directoryEntries: 30, changeTracking: 'usn' });
    expect(run.kindReason).toMatch(/no earlier complete run/);
    expect(Number(run.watermark)).toBeGreaterThanOrEqual(before.usn);
    const [server, invocationId] = String(run.directoryIdentity).split('|');
    expect(server).toBe(before.dsServiceName);
    expect(invocationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect((await employeeBySam(people[4].sam)).externalId).toBe(await ad.guid(people[4].sam));
  });

  it('then asks only for the changes: a changed person and a new one', async () => {
    await ad.replace(people[5].sam, 'sn', ['Cambiato']);
    const [newcomer] = ad.people(1, 'n');
    await ad.addPeople([newcomer]);
    const run = await sync('incremental');
    expect(run).toMatchObject({ status: 'ok', kind: 'incremental', directoryEntries: 2, created: 1, updated: 1, unchanged: 0 });
    expect(run.kindReason).toMatch(/^changes after USN \d+$/);
    expect(await employeeBySam(people[5].sam)).toMatchObject({ lastName: 'Cambiato' });
    expect(await employeeBySam(newcomer.sam)).toMatchObject({ active: true });
    expect(await sync('incremental')).toMatchObject({ kind: 'incremental', directoryEntries: 0, created: 0, updated: 0 });
  });

  it('finds a disabled person and a deleted one (its tombstone) on an incremental run', async () => {
    await ad.disable(people[7].sam);
    const gone = await employeeBySam(people[8].sam);
    await ad.deletePerson(people[8].sam);
    const run = await sync('incremental');
    expect(run).toMatchObject({ status: 'ok', kind: 'incremental', directoryEntries: 1, deactivated: 2 });
    expect(await employeeBySam(people[7].sam)).toMatchObject({ active: false, deactivationReason: 'disabled_in_directory' });
    expect(await t.dataSource.getRepository(EmployeeEntity).findOneByOrFail({ id: gone.id })).toMatchObject({
      active: false,
      deactivationReason: 'left_directory',
    });
    // the full reconciliation agrees: nothing left to do
    expect(await sync('full')).toMatchObject({ status: 'ok', kind: 'full', directoryEntries: 30, deactivated: 0, updated: 0, created: 0 });
  });

  it('reads everything when the DC USN went backwards (a restore from backup)', async () => {
    const last = await lastOk();
    const ahead = String((await rootDse()).usn + 1_000_000);
    await t.dataSource.getRepository(DirectorySyncRunEntity).update({ id: last.id }, { watermark: ahead });
    const run = await sync('incremental');
    expect(run).toMatchObject({ status: 'ok', kind: 'full', directoryEntries: 30 });
    expect(run.kindReason).toMatch(new RegExp(`below the last run's \\(${ahead}\\): restored from backup\\?`));
    expect(await sync('incremental')).toMatchObject({ kind: 'incremental', directoryEntries: 0 });
  });

  it('reads everything when another DC answers, or the same DC with another invocationId', async () => {
    const last = await lastOk();
    const [server, invocationId] = String(last.directoryIdentity).split('|');
    await t.dataSource
      .getRepository(DirectorySyncRunEntity)
      .update({ id: last.id }, { directoryIdentity: `${server.replace(/^CN=NTDS Settings,CN=[^,]+/, 'CN=NTDS Settings,CN=DC2')}|${invocationId}` });
    const other = await sync('incremental');
    expect(other).toMatchObject({ status: 'ok', kind: 'full', directoryEntries: 30 });
    expect(other.kindReason).toMatch(/a different server answered/);

    await t.dataSource.getRepository(DirectorySyncRunEntity).update({ id: other.id }, { directoryIdentity: `${server}|00000000-0000-0000-0000-000000000001` });
    const restored = await sync('incremental');
    expect(restored).toMatchObject({ status: 'ok', kind: 'full' });
    expect(restored.kindReason).toMatch(/invocationId changed/);
  });

  it('holds the safety limit on an incremental run and on a full one (3 of 29 deleted, above 10%)', async () => {
    for (const p of people.slice(20, 23)) await ad.deletePerson(p.sam);
    const inc = await sync('incremental');
    expect(inc).toMatchObject({ status: 'refused', kind: 'incremental', deactivated: 3, watermark: null });
    expect(inc.refusalReason).toMatch(/deactivate 3 of 29/);
    const full = await sync('full');
    expect(full).toMatchObject({ status: 'refused', kind: 'full', directoryEntries: 27, deactivated: 3 });
    expect(await employeeBySam(people[20].sam)).toMatchObject({ active: true });
  });
});
