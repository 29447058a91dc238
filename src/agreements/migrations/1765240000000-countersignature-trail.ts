import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '../../database/migrations/columns';

const COLUMNS = [
  col.string('employee_signature_recorded_by', 200, { isNullable: true }),
  col.timestamp('manager_signature_recorded_at', { isNullable: true }),
  col.string('manager_signature_recorded_by', 200, { isNullable: true }),
  col.string('manager_signature_reference', 200, { isNullable: true }),
  col.string('manager_signature_confirmed_by', 200, { isNullable: true }),
];

/**
 * The two-person rule's trail on agreements (domain/countersignature.policy.ts), and room in `state` for
 * `awaiting_confirmation` (SQLite does not enforce varchar lengths; PostgreSQL widens the column in place).
 * Agreements already signed by both stay as they are. A draft whose counterpart signature was recorded under
 * the old rule (by anyone) is not binding yet: that signature becomes one awaiting confirmation, so no draft
 * reaches the gate on a single account's word after the upgrade.
 * Timestamp after every earlier migration (176521…: auth's session parent).
 */
export class CountersignatureTrail1765240000000 implements MigrationInterface {
  name = 'CountersignatureTrail1765240000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') await q.query('ALTER TABLE agreements ALTER COLUMN state TYPE varchar(24)');
    await q.addColumns(
      'agreements',
      COLUMNS.map((c) => new TableColumn(c)),
    );
    await q.query(`UPDATE agreements SET manager_signature_recorded_at = manager_signed_at WHERE manager_signed_at IS NOT NULL`);
    await q.query(`UPDATE agreements SET manager_signed_at = NULL WHERE state = 'draft' AND manager_signed_at IS NOT NULL`);
    await q.query(
      `UPDATE agreements SET state = 'awaiting_confirmation' WHERE state = 'draft' AND employee_signed_at IS NOT NULL AND manager_signature_recorded_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // An unconfirmed counterpart signature did not count: it is dropped, and its agreement is a draft again.
    await q.query(`UPDATE agreements SET state = 'draft' WHERE state = 'awaiting_confirmation'`);
    await q.query(`UPDATE agreements SET manager_signer_id = NULL WHERE manager_signed_at IS NULL`);
    for (const c of [...COLUMNS].reverse()) await q.dropColumn('agreements', c.name);
    if (q.connection.options.type === 'postgres') await q.query('ALTER TABLE agreements ALTER COLUMN state TYPE varchar(12)');
  }
}
