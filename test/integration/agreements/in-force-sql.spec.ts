import { AgreementEntity, toSnapshot } from '../../../src/agreements/agreement.entity';
import { AgreementHistory, isInForce, wasInForce } from '../../../src/agreements/domain/in-force';
import { agreementInForceSql, agreementWasInForceSql, employeesWithAgreementInForceSql } from '../../../src/agreements/domain/in-force.sql';
import { createAgreementInForce, createEmployee, createService } from '../../factories';
import { ids, MigratedDatabase, openMigratedDatabase } from '../../helpers/migrated-db';

const history = (a: AgreementEntity): AgreementHistory => ({ ...toSnapshot(a), suspendedAt: a.suspendedAt, endedOn: a.endedOn });

/** Reference points: a day and the instant that follows it (midnight in Rome), and a day read "now" at 10:00 UTC. */
const POINTS = [
  { date: '2026-03-10', cutoff: '2026-03-10T23:00:00.000Z' },
  { date: '2026-03-10', cutoff: '2026-03-10T10:00:00.000Z' },
  { date: '2026-03-09', cutoff: '2026-03-09T23:00:00.000Z' },
  { date: '2026-03-11', cutoff: '2026-03-11T23:00:00.000Z' },
  { date: '2025-12-31', cutoff: '2025-12-31T23:00:00.000Z' },
];

const unsigned = { employeeSignedAt: null, managerSignedAt: null, documentSha256: null };

/** One agreement per case, around 10 March 2026; every one of them is in force on some point above, or none. */
const CASES: Record<string, Partial<AgreementEntity>> = {
  active: {},
  draft: { state: 'draft', ...unsigned },
  'awaiting confirmation': { state: 'awaiting_confirmation', managerSignedAt: null },
  'signed, starts tomorrow': { state: 'signed', startDate: '2026-03-11' },
  'signed, started today (before the sweep)': { state: 'signed', startDate: '2026-03-10' },
  'ends today': { endDate: '2026-03-10' },
  'ended yesterday, not swept yet': { endDate: '2026-03-09' },
  'expired yesterday': { state: 'expired', endDate: '2026-03-09', endedOn: '2026-03-10' },
  'expired later (was in force then)': { state: 'expired', endDate: '2026-06-30', endedOn: '2026-07-01' },
  'withdrawal takes effect today': { withdrawalEffectiveDate: '2026-03-10' },
  'withdrawal takes effect tomorrow': { withdrawalEffectiveDate: '2026-03-11' },
  'withdrawn with effect today': { state: 'withdrawn', withdrawalEffectiveDate: '2026-03-10', endedOn: '2026-03-10' },
  'withdrawn with effect tomorrow (immediate record)': { state: 'withdrawn', withdrawalEffectiveDate: '2026-03-11', endedOn: '2026-03-11' },
  'suspended since before': { state: 'suspended', suspendedAt: '2026-03-01T09:00:00.000Z' },
  'suspended at 12:00 today': { state: 'suspended', suspendedAt: '2026-03-10T12:00:00.000Z' },
  'suspended later': { state: 'suspended', suspendedAt: '2026-04-01T09:00:00.000Z' },
  'countersigned at 00:30 on 11 March in Rome': { managerSignedAt: '2026-03-10T23:30:00.000Z', startDate: '2026-03-01' },
  'countersigned at 11:00 UTC today': { managerSignedAt: '2026-03-10T11:00:00.000Z', startDate: '2026-03-01' },
  'no document hash': { documentSha256: null },
  'starts next year': { state: 'signed', startDate: '2027-01-01' },
};

/**
 * The agreements' two "in force" rules and their SQL twins (domain/in-force.sql.ts) answer the same on the same
 * rows, on a real database: `isInForce` (as the agreement stands now: the list filter, `inForceToday`) and
 * `wasInForce` (a past day as it stood at an instant: the indicators). They differ on purpose — a withdrawn or
 * expired agreement is in force on no day for the first, on the days of its period for the second.
 */
describe('in force: the SQL twins answer what the TypeScript rules answer', () => {
  let db: MigratedDatabase;
  const rows = new Map<string, AgreementEntity>();

  beforeAll(async () => {
    db = await openMigratedDatabase();
    const serviceId = (await createService(db.ds)).id;
    for (const [name, overrides] of Object.entries(CASES)) {
      const employee = await createEmployee(db.ds, { serviceId });
      const { startDate, endDate, ...rest } = overrides;
      const row = await createAgreementInForce(db.ds, employee, {
        startDate: startDate ?? '2026-01-01',
        endDate: endDate ?? null,
        today: '2026-03-10',
        overrides: rest,
      });
      rows.set(name, row);
    }
  });
  afterAll(() => db.close());

  const expected = (rule: (a: AgreementEntity) => boolean) => ids([...rows.values()].filter(rule).map((a) => ({ id: a.id })));

  it.each(POINTS)('isInForce on $date', async ({ date }) => {
    const got = ids(await db.query(`SELECT a.id AS id FROM agreements a WHERE ${agreementInForceSql('a', 'date')}`, { date }));
    expect(got).toEqual(expected((a) => isInForce(toSnapshot(a), date)));
  });

  it.each(POINTS)('wasInForce on $date as of $cutoff', async ({ date, cutoff }) => {
    const got = ids(await db.query(`SELECT a.id AS id FROM agreements a WHERE ${agreementWasInForceSql('a', 'date', 'cutoff')}`, { date, cutoff }));
    expect(got).toEqual(expected((a) => wasInForce(history(a), date, cutoff)));
    const employees = ids(await db.query(employeesWithAgreementInForceSql('date', 'cutoff'), { date, cutoff }), 'employee_id');
    expect(employees).toEqual(ids([...rows.values()].filter((a) => wasInForce(history(a), date, cutoff)).map((a) => ({ id: a.employeeId }))));
  });

  it('the two rules differ on purpose: a past day as it stood then, against the state as it is now', () => {
    // Read "now", they part only on rows that carry a fact from after now (a state or an instant the clock has not reached).
    const now = { date: '2026-03-10', cutoff: '2026-03-10T10:00:00.000Z' };
    const differ = [...rows.entries()].filter(([, a]) => isInForce(toSnapshot(a), now.date) !== wasInForce(history(a), now.date, now.cutoff)).map(([n]) => n);
    expect(differ.sort()).toEqual(
      [
        'countersigned at 00:30 on 11 March in Rome',
        'countersigned at 11:00 UTC today',
        'expired later (was in force then)',
        'suspended at 12:00 today',
        'suspended later',
        'withdrawn with effect tomorrow (immediate record)',
      ].sort(),
    );
    // A past day: an agreement that has ended since was in force then, and is in force on no day now.
    const pastDay = { date: '2026-03-09', cutoff: '2026-03-09T23:00:00.000Z' };
    expect(wasInForce(history(rows.get('expired yesterday')!), pastDay.date, pastDay.cutoff)).toBe(true);
    expect(isInForce(toSnapshot(rows.get('expired yesterday')!), pastDay.date)).toBe(false);
  });
});
