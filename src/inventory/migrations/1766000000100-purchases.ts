import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from '../../database/migrations/columns';

/**
 * Purchases of any kind besides device lots (issue 14): the investment indicators sum them by year and category,
 * so the index leads with the date (a year is one range) and carries the category and the amount.
 */
export class Purchases1766000000100 implements MigrationInterface {
  name = 'Purchases1766000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'purchases',
        columns: [
          col.id(),
          col.date('purchase_date'),
          col.string('supplier', 200),
          col.text('description'),
          col.string('category', 40),
          col.int('amount_cents'),
          col.string('reference', 100, { isNullable: true }),
          col.timestamp('created_at'),
          col.string('created_by', 200),
          col.int('version', { default: 1 }),
        ],
        indices: [new TableIndex({ name: 'IDX_purchases_date', columnNames: ['purchase_date', 'category', 'amount_cents', 'id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('purchases');
  }
}
