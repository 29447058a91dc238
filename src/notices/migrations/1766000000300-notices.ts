import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from '../../database/migrations/columns';

/** Issue 15: the e-mail notices already sent (`notices_sent`), so that none is sent twice. */
export class Notices1766000000300 implements MigrationInterface {
  name = 'Notices1766000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'notices_sent',
        columns: [
          { ...col.string('notice_id', 200), isPrimary: true },
          col.string('kind', 40),
          col.int('recipients'),
          col.string('message_id', 300, { isNullable: true }),
          col.timestamp('sent_at'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('notices_sent');
  }
}
