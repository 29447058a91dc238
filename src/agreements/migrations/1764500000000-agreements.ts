import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { col } from '../../database/migrations/columns';

/** Individual remote-work agreements (accordo individuale, L. 81/2017 art. 18-23). */
export class Agreements1764500000000 implements MigrationInterface {
  name = 'Agreements1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'agreements',
        columns: [
          col.id(),
          col.ref('employee_id'),
          col.string('state', 12),
          col.date('start_date'),
          col.date('end_date', { isNullable: true }),
          col.int('remote_days_per_week'),
          col.text('places'),
          col.string('contact_band', 11),
          col.string('non_operability_band', 11),
          col.text('right_to_disconnect'),
          col.text('tools_provided'),
          col.text('objectives'),
          col.text('results_monitoring'),
          col.date('safety_notice_delivered_on', { isNullable: true }),
          col.timestamp('employee_signed_at', { isNullable: true }),
          col.ref('employee_signer_id', { isNullable: true }),
          col.timestamp('manager_signed_at', { isNullable: true }),
          col.ref('manager_signer_id', { isNullable: true }),
          col.string('document_sha256', 64, { isNullable: true }),
          col.timestamp('suspended_at', { isNullable: true }),
          col.string('suspension_reason', 1000, { isNullable: true }),
          col.string('withdrawal_initiated_by', 10, { isNullable: true }),
          col.date('withdrawal_notice_date', { isNullable: true }),
          col.date('withdrawal_effective_date', { isNullable: true }),
          col.bool('withdrawal_justified_cause', { isNullable: true }),
          col.string('withdrawal_reason', 1000, { isNullable: true }),
          col.string('withdrawal_basis', 40, { isNullable: true }),
          col.int('withdrawal_notice_days', { isNullable: true }),
          col.date('ended_on', { isNullable: true }),
          col.string('created_by', 200),
          col.timestamp('created_at'),
          col.timestamp('updated_at'),
          col.int('version', { default: 1 }),
        ],
        indices: [
          new TableIndex({ columnNames: ['employee_id', 'state'] }),
          new TableIndex({ columnNames: ['state', 'start_date'] }),
          new TableIndex({ columnNames: ['state', 'end_date'] }),
          new TableIndex({ columnNames: ['state', 'withdrawal_effective_date'] }),
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['employee_id'], referencedTableName: 'employees', referencedColumnNames: ['id'] }),
          new TableForeignKey({ columnNames: ['employee_signer_id'], referencedTableName: 'employees', referencedColumnNames: ['id'] }),
          new TableForeignKey({ columnNames: ['manager_signer_id'], referencedTableName: 'employees', referencedColumnNames: ['id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('agreements');
  }
}
