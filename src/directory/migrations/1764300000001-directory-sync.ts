import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { col } from '../../database/migrations/columns';

export class DirectorySync1764300000001 implements MigrationInterface {
  name = 'DirectorySync1764300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('employees', new TableColumn(col.string('directory_dn', 500, { isNullable: true })));
    // The sync loads directory employees by source; lists sort by these columns with the id as tie-breaker.
    await q.createIndex('employees', new TableIndex({ name: 'idx_employees_source_active', columnNames: ['source', 'active'] }));
    await q.createIndex('employees', new TableIndex({ name: 'idx_employees_name_id', columnNames: ['last_name', 'first_name', 'id'] }));
    await q.createIndex('employees', new TableIndex({ name: 'idx_employees_created_id', columnNames: ['created_at', 'id'] }));
    await q.createIndex('employees', new TableIndex({ name: 'idx_employees_updated_id', columnNames: ['updated_at', 'id'] }));
    await q.createTable(
      new Table({
        name: 'directory_sync_runs',
        columns: [
          col.id(),
          col.string('status', 10),
          col.string('trigger', 10),
          col.string('requested_by', 200),
          col.timestamp('requested_at'),
          col.timestamp('started_at', { isNullable: true }),
          col.timestamp('finished_at', { isNullable: true }),
          col.int('created', { default: 0 }),
          col.int('updated', { default: 0 }),
          col.int('deactivated', { default: 0 }),
          col.int('reactivated', { default: 0 }),
          col.int('unchanged', { default: 0 }),
          col.int('skipped', { default: 0 }),
          col.int('directory_entries', { default: 0 }),
          col.text('errors'),
          col.int('error_count', { default: 0 }),
          col.int('duration_ms', { isNullable: true }),
          col.text('refusal_reason', { isNullable: true }),
          col.text('failure', { isNullable: true }),
          col.int('running_slot', { isNullable: true, isUnique: true }),
        ],
        indices: [new TableIndex({ columnNames: ['requested_at', 'id'] }), new TableIndex({ columnNames: ['status', 'finished_at'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('directory_sync_runs');
    await q.dropIndex('employees', 'idx_employees_updated_id');
    await q.dropIndex('employees', 'idx_employees_created_id');
    await q.dropIndex('employees', 'idx_employees_name_id');
    await q.dropIndex('employees', 'idx_employees_source_active');
    await q.dropColumn('employees', 'directory_dn');
  }
}
