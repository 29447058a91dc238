import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from '../../database/migrations/columns';

/**
 * What the POLA report takes from people instead of records (issue 14): the values the RTD declares with an
 * evidence note (one per year and indicator; earlier declarations live on in the audit chain) and the HR
 * attendance system's monthly totals per service (aggregates only: no column can hold a person).
 * Days and declared numbers are `double precision`, a binary float on both databases, read back as a number.
 */
export class PolaInputs1766000000250 implements MigrationInterface {
  name = 'PolaInputs1766000000250';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'kpi_declared_values',
        columns: [
          { ...col.int('year'), isPrimary: true },
          { ...col.string('indicator', 60), isPrimary: true },
          col.string('value_kind', 10),
          { name: 'value_number', type: 'double precision', isNullable: true },
          col.bool('value_present', { isNullable: true }),
          col.string('note', 1000),
          col.timestamp('declared_at'),
          col.string('declared_by', 300),
          col.int('version'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'kpi_attendance_totals',
        columns: [
          { ...col.int('year'), isPrimary: true },
          { ...col.int('month'), isPrimary: true },
          { ...col.string('service_code', 10), isPrimary: true },
          { name: 'working_days', type: 'double precision' },
          { name: 'remote_days', type: 'double precision' },
          { name: 'absence_days', type: 'double precision' },
          col.timestamp('imported_at'),
          col.string('imported_by', 300),
        ],
        indices: [new TableIndex({ columnNames: ['service_code'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('kpi_attendance_totals');
    await q.dropTable('kpi_declared_values');
  }
}
