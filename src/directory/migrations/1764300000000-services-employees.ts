import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { col } from '../../database/migrations/columns';

export class ServicesEmployees1764300000000 implements MigrationInterface {
  name = 'ServicesEmployees1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'services',
        columns: [
          col.id(),
          col.string('code', 10, { isUnique: true }),
          col.string('name', 200),
          col.bool('active', { default: true }),
          col.timestamp('created_at'),
          col.timestamp('updated_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'employees',
        columns: [
          col.id(),
          col.string('employee_number', 40, { isUnique: true }),
          col.string('external_id', 200, { isNullable: true, isUnique: true }),
          col.string('source', 12),
          col.string('username', 120, { isNullable: true, isUnique: true }),
          col.string('first_name', 120),
          col.string('last_name', 120),
          col.string('email', 254, { isNullable: true }),
          col.ref('service_id'),
          col.string('profile', 120, { isNullable: true }),
          col.string('category', 10, { isNullable: true }),
          col.bool('is_manager', { default: false }),
          col.bool('is_director_general', { default: false }),
          col.bool('disabled_worker', { default: false }),
          col.bool('active', { default: true }),
          col.timestamp('deactivated_at', { isNullable: true }),
          col.string('deactivation_reason', 200, { isNullable: true }),
          col.timestamp('last_synced_at', { isNullable: true }),
          col.timestamp('created_at'),
          col.timestamp('updated_at'),
          col.int('version', { default: 1 }),
        ],
        indices: [new TableIndex({ columnNames: ['service_id', 'active'] }), new TableIndex({ columnNames: ['last_name', 'first_name'] })],
        foreignKeys: [new TableForeignKey({ columnNames: ['service_id'], referencedTableName: 'services', referencedColumnNames: ['id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('employees');
    await q.dropTable('services');
  }
}
