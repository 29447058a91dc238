import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { col } from '../../database/migrations/columns';

/** Training records (issue 14): courses and who took part. */
export class Training1766000000000 implements MigrationInterface {
  name = 'Training1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'training_courses',
        columns: [
          col.id(),
          col.string('title', 300),
          col.string('kind', 30),
          col.date('course_date'),
          col.int('hours_hundredths'),
          col.string('provider', 200),
          col.int('cost_cents'),
          // NULL for ordinary courses (both databases allow many NULLs under a unique index)
          col.string('system_key', 60, { isNullable: true, isUnique: true }),
          col.timestamp('created_at'),
          col.string('created_by', 200),
        ],
        indices: [new TableIndex({ columnNames: ['kind', 'course_date'] }), new TableIndex({ columnNames: ['course_date'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'training_participants',
        columns: [
          { ...col.ref('course_id'), isPrimary: true },
          { ...col.ref('employee_id'), isPrimary: true },
          col.bool('attended'),
          col.timestamp('created_at'),
          col.string('created_by', 200),
        ],
        indices: [new TableIndex({ columnNames: ['employee_id'] })],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['course_id'], referencedTableName: 'training_courses', referencedColumnNames: ['id'] }),
          new TableForeignKey({ columnNames: ['employee_id'], referencedTableName: 'employees', referencedColumnNames: ['id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('training_participants');
    await q.dropTable('training_courses');
  }
}
