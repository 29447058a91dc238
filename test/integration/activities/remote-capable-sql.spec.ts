import { ACTIVITY_MODES, ActivityMode, isRemoteCapable } from '../../../src/activities/domain/activity-mode';
import { remoteCapableLinksSql } from '../../../src/activities/domain/activity-mode.sql';
import { createActivity, createEmployee, createService, linkActivities } from '../../factories';
import { MigratedDatabase, openMigratedDatabase } from '../../helpers/migrated-db';

/** Employees linked to activities of these modes (none: linked to nothing). */
const CASES: ActivityMode[][] = [
  [],
  ...ACTIVITY_MODES.map((m) => [m]),
  ['in_presence', 'partially_remote'],
  ['fully_remote', 'partially_remote'],
  ['outsourced', 'in_presence'],
];

/** Activities' published SQL (domain/activity-mode.sql.ts) answers what `isRemoteCapable` answers, link by link. */
describe('remote-capable links: the SQL twin answers what the TypeScript rule answers', () => {
  let db: MigratedDatabase;
  const expected: string[] = [];

  beforeAll(async () => {
    db = await openMigratedDatabase();
    const service = await createService(db.ds);
    for (const modes of CASES) {
      const e = await createEmployee(db.ds, { serviceId: service.id });
      const activities = [];
      for (const mode of modes) activities.push(await createActivity(db.ds, service, { mode }));
      await linkActivities(
        db.ds,
        e.id,
        activities.map((a) => a.id),
      );
      for (const mode of modes) if (isRemoteCapable(mode)) expected.push(e.id);
    }
  });
  afterAll(() => db.close());

  it('one row per link to a remote-capable activity', async () => {
    const rows = await db.query(remoteCapableLinksSql());
    expect(rows.map((r) => String(r.employee_id)).sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(0);
  });
});
