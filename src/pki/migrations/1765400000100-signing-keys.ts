import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from '../../database/migrations/columns';

/** Keys the service signs its own documents with, one per purpose (the VPN gateways' allow-list), encrypted like the CA key. */
export class PkiSigningKeys1765400000100 implements MigrationInterface {
  name = 'PkiSigningKeys1765400000100';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'pki_signing_keys',
        columns: [
          { ...col.string('purpose', 40), isPrimary: true },
          col.string('algorithm', 40),
          col.text('public_key_pem'),
          col.text('encrypted_key_pem'),
          col.timestamp('created_at'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('pki_signing_keys');
  }
}
