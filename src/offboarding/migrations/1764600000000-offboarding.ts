import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { col } from '../../database/migrations/columns';

/** Offboarding cases (one per employee + trigger + agreement/date) and the result of each step on each case. */
export class Offboarding1764600000000 implements MigrationInterface {
  name = 'Offboarding1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'offboarding_cases',
        columns: [
          col.id(),
          // employeeId|trigger|agreementId-or-date: unique even when agreement_id is NULL (PostgreSQL treats NULLs
          // as distinct in a composite unique index), so a job delivered twice opens one case.
          col.string('dedupe_key', 120, { isUnique: true }),
          col.ref('employee_id'),
          col.string('trigger_kind', 20),
          col.ref('agreement_id', { isNullable: true }),
          col.date('effective_date'),
          col.string('status', 10),
          col.int('runs', { default: 0 }),
          col.timestamp('created_at'),
          col.timestamp('updated_at'),
          col.timestamp('closed_at', { isNullable: true }),
        ],
        indices: [new TableIndex({ columnNames: ['status', 'created_at'] }), new TableIndex({ columnNames: ['employee_id'] })],
        foreignKeys: [new TableForeignKey({ columnNames: ['employee_id'], referencedTableName: 'employees', referencedColumnNames: ['id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'offboarding_case_steps',
        columns: [
          col.id(),
          col.ref('case_id'),
          col.string('step_name', 80),
          col.string('status', 10),
          col.int('attempts', { default: 0 }),
          col.text('result', { isNullable: true }),
          col.string('last_error', 500, { isNullable: true }),
          col.timestamp('updated_at'),
          col.timestamp('done_at', { isNullable: true }),
        ],
        indices: [new TableIndex({ columnNames: ['case_id', 'step_name'], isUnique: true })],
        foreignKeys: [new TableForeignKey({ columnNames: ['case_id'], referencedTableName: 'offboarding_cases', referencedColumnNames: ['id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('offboarding_case_steps');
    await q.dropTable('offboarding_cases');
  }
}
