import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { col } from '../../database/migrations/columns';

/** The signed agreement documents as uploaded (agreement-document.entity.ts). */
export class AgreementDocuments1766120000000 implements MigrationInterface {
  name = 'AgreementDocuments1766120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'agreement_documents',
        columns: [
          col.id(),
          col.ref('agreement_id'),
          col.string('sha256', 64),
          col.int('size_bytes'),
          col.string('uploaded_by', 200),
          col.timestamp('uploaded_at'),
          col.text('content_base64'),
        ],
        indices: [new TableIndex({ columnNames: ['agreement_id', 'uploaded_at'] })],
        foreignKeys: [new TableForeignKey({ columnNames: ['agreement_id'], referencedTableName: 'agreements', referencedColumnNames: ['id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('agreement_documents');
  }
}
