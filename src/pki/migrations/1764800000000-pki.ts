import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from '../../database/migrations/columns';

export class Pki1764800000000 implements MigrationInterface {
  name = 'Pki1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'pki_ca',
        columns: [
          col.id(),
          col.text('certificate_pem'),
          col.text('chain_pem', { isNullable: true }),
          col.text('encrypted_key_pem'),
          col.string('fingerprint_sha256', 64),
          col.string('subject', 500),
          col.timestamp('not_after'),
          col.string('source', 10),
          col.timestamp('created_at'),
          col.timestamp('updated_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'pki_crl',
        columns: [
          col.id(),
          col.bigint('crl_number'),
          col.bigint('revision'),
          col.bigint('built_revision'),
          col.string('ca_fingerprint', 64, { isNullable: true }),
          col.timestamp('this_update', { isNullable: true }),
          col.timestamp('next_update', { isNullable: true }),
          col.int('entries'),
          col.text('der_base64', { isNullable: true }),
          col.timestamp('built_at', { isNullable: true }),
        ],
      }),
    );
    // The singleton row exists from the start, so allocating CRL numbers is always an UPDATE under a lock.
    await q.query(`INSERT INTO pki_crl (id, crl_number, revision, built_revision, entries) VALUES ('active', 0, 0, -1, 0)`);
    await q.createTable(
      new Table({
        name: 'certificates',
        columns: [
          col.id(),
          col.string('serial', 40, { isUnique: true }),
          col.string('kind', 10),
          col.string('subject_cn', 200),
          col.string('asset_tag', 64, { isNullable: true }),
          col.ref('station_asset_id', { isNullable: true }),
          col.ref('employee_id', { isNullable: true }),
          col.ref('vpn_account_id', { isNullable: true }),
          col.string('key_origin', 10),
          col.string('issuer_fingerprint', 64),
          col.timestamp('not_before'),
          col.timestamp('not_after'),
          col.string('status', 10),
          col.timestamp('revoked_at', { isNullable: true }),
          col.string('revocation_reason', 30, { isNullable: true }),
          col.string('superseded_by', 40, { isNullable: true }),
          col.text('pem'),
          col.string('fingerprint_sha256', 64, { isUnique: true }),
          col.timestamp('created_at'),
          col.string('created_by', 200),
          col.timestamp('updated_at'),
        ],
        indices: [
          new TableIndex({ columnNames: ['status', 'not_after'] }),
          new TableIndex({ columnNames: ['station_asset_id'] }),
          new TableIndex({ columnNames: ['employee_id'] }),
          new TableIndex({ columnNames: ['vpn_account_id'] }),
          new TableIndex({ columnNames: ['created_at', 'id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('certificates');
    await q.dropTable('pki_crl');
    await q.dropTable('pki_ca');
  }
}
