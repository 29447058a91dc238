import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CountersignatureTrail1765240000000 } from '../../../src/agreements/migrations/1765240000000-countersignature-trail';
import { loadConfig } from '../../../src/config/app-config';
import { dataSourceOptions, runMigrations } from '../../../src/database/data-source';
import { migrations } from '../../../src/database/migrations';
import { createEmployee, createService } from '../../factories';
import { createTestDatabase, TestDatabase } from '../../helpers/test-db';

const STAMP = '2026-01-10T09:00:00.000Z';

function sql(d: DataSource, text: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
  const [query, values] = d.driver.escapeQueryWithParameters(text, params, {});
  return d.query(query, values);
}

/**
 * The two-person rule's migration on a database that already has agreements (whichever database the runner
 * selected): agreements signed by both stay in force; a draft countersigned under the old rule (anyone could
 * record it) keeps the signature only as one awaiting confirmation; `state` takes `awaiting_confirmation`
 * (PostgreSQL had varchar(12)); and the way back down.
 */
describe('migration: the countersignature trail', () => {
  let db: TestDatabase;
  let ds: DataSource | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await db.drop();
  });

  it('keeps signed agreements, turns an old-rule countersignature on a draft into one awaiting confirmation, and goes back down', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: db.dataDir, CA_PASSPHRASE: 'test-ca-passphrase-not-secret', ...db.env });
    ds = new DataSource({ ...dataSourceOptions(config), migrations: migrations.filter((m) => m !== CountersignatureTrail1765240000000) });
    await ds.initialize();
    await runMigrations(ds);
    const serviceId = (await createService(ds)).id;
    const boss = (await createEmployee(ds, { serviceId, isManager: true })).id;
    const insert = async (state: string, employeeSigned: boolean, managerSigned: boolean): Promise<string> => {
      const id = randomUUID();
      const employeeId = (await createEmployee(ds!, { serviceId })).id;
      await sql(
        ds!,
        `INSERT INTO agreements (id, employee_id, state, start_date, remote_days_per_week, places, contact_band, non_operability_band, right_to_disconnect,
           tools_provided, objectives, results_monitoring, employee_signed_at, employee_signer_id, manager_signed_at, manager_signer_id, document_sha256,
           created_by, created_at, updated_at, version)
         VALUES (:id, :employeeId, :state, '2026-01-01', 2, '[]', '09:30-12:30', '20:00-07:30', 'x', '[]', 'x', 'x', :es, :esId, :ms, :msId, :sha, 't', :at, :at, 2)`,
        {
          id,
          employeeId,
          state,
          es: employeeSigned ? STAMP : null,
          esId: employeeSigned ? employeeId : null,
          ms: managerSigned ? STAMP : null,
          msId: managerSigned ? boss : null,
          sha: employeeSigned || managerSigned ? 'ab'.repeat(32) : null,
          at: STAMP,
        },
      );
      return id;
    };
    const active = await insert('active', true, true);
    const countersignedDraft = await insert('draft', false, true);
    const employeeOnly = await insert('draft', true, false);
    await ds.destroy();

    ds = new DataSource({ ...dataSourceOptions(config), migrations });
    await ds.initialize();
    expect(await runMigrations(ds)).toContain('CountersignatureTrail1765240000000');
    const row = async (id: string) =>
      (
        await sql(
          ds!,
          `SELECT state, manager_signed_at, manager_signer_id, manager_signature_recorded_at, manager_signature_confirmed_by FROM agreements WHERE id = :id`,
          { id },
        )
      )[0];
    expect(await row(active)).toMatchObject({ state: 'active', manager_signed_at: STAMP, manager_signer_id: boss, manager_signature_recorded_at: STAMP });
    expect(await row(countersignedDraft)).toMatchObject({
      state: 'draft',
      manager_signed_at: null,
      manager_signer_id: boss,
      manager_signature_recorded_at: STAMP,
      manager_signature_confirmed_by: null,
    });
    expect(await row(employeeOnly)).toMatchObject({ state: 'draft', manager_signed_at: null, manager_signature_recorded_at: null });
    // The new state fits the column on both databases.
    await sql(ds, `UPDATE agreements SET state = 'awaiting_confirmation' WHERE id = :id`, { id: countersignedDraft });
    expect(await row(countersignedDraft)).toMatchObject({ state: 'awaiting_confirmation' });

    const runner = ds.createQueryRunner();
    try {
      await new CountersignatureTrail1765240000000().down(runner);
      const table = (await runner.getTable('agreements'))!;
      expect(table.findColumnByName('manager_signature_recorded_at')).toBeUndefined();
    } finally {
      await runner.release();
    }
    // Down: an unconfirmed countersignature did not count, and its agreement is a draft again.
    expect((await sql(ds, `SELECT state, manager_signer_id FROM agreements WHERE id = :id`, { id: countersignedDraft }))[0]).toMatchObject({
      state: 'draft',
      manager_signer_id: null,
    });
    expect((await sql(ds, `SELECT state, manager_signed_at FROM agreements WHERE id = :id`, { id: active }))[0]).toMatchObject({
      state: 'active',
      manager_signed_at: STAMP,
    });
  });
});
