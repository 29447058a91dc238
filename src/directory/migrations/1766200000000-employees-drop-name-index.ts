import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

const NAME_INDEX = ['last_name', 'first_name'];

/**
 * The first index on (last_name, first_name) is a prefix of idx_employees_name_id (last_name, first_name, id), which
 * serves every query it served: it only cost each write (a first sync of 12,500 people maintains ten indexes).
 */
export class EmployeesDropNameIndex1766200000000 implements MigrationInterface {
  name = 'EmployeesDropNameIndex1766200000000';

  async up(q: QueryRunner): Promise<void> {
    const table = await q.getTable('employees');
    // by its columns (PostgreSQL lists them in its own order): the index was created without a name of ours
    const redundant = table?.indices.find((i) => [...i.columnNames].sort().join(',') === [...NAME_INDEX].sort().join(','));
    if (table && redundant) await q.dropIndex(table, redundant);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createIndex('employees', new TableIndex({ columnNames: NAME_INDEX }));
  }
}
