import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { col } from '../../database/migrations/columns';

/** The activity map (Allegato 1) and the employee ↔ activity links that decide eligibility. */
export class Activities1764400000000 implements MigrationInterface {
  name = 'Activities1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'activities',
        columns: [
          col.id(),
          // sha256 of service code + macro-activity + activity name: a fixed-width unique key (the text itself
          // can exceed PostgreSQL's btree row limit with multibyte characters) that makes re-import idempotent.
          col.string('natural_key', 64, { isUnique: true }),
          col.ref('service_id'),
          col.string('service_code', 10),
          col.string('macro_activity', 300),
          col.string('name', 500),
          col.string('mode', 20),
          col.string('notes', 1000, { isNullable: true }),
          col.timestamp('created_at'),
          col.timestamp('updated_at'),
        ],
        indices: [new TableIndex({ columnNames: ['service_code', 'macro_activity'] }), new TableIndex({ columnNames: ['mode'] })],
        foreignKeys: [new TableForeignKey({ columnNames: ['service_id'], referencedTableName: 'services', referencedColumnNames: ['id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'employee_activities',
        columns: [{ ...col.ref('employee_id'), isPrimary: true }, { ...col.ref('activity_id'), isPrimary: true }, col.timestamp('created_at')],
        indices: [new TableIndex({ columnNames: ['activity_id'] })],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['employee_id'], referencedTableName: 'employees', referencedColumnNames: ['id'] }),
          new TableForeignKey({ columnNames: ['activity_id'], referencedTableName: 'activities', referencedColumnNames: ['id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('employee_activities');
    await q.dropTable('activities');
  }
}
