import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from '../../database/migrations/columns';

/**
 * Generated station keys as the user received them (PKCS#12 under the one-time password, never the password),
 * so later .ovpn downloads carry the key protected. Certificates issued before have no package: their key was
 * only in the one-time answer, and their profile download says so (VPN_PROFILE_KEY_NOT_STORED).
 */
export class StationKeyPackages1765230000000 implements MigrationInterface {
  name = 'StationKeyPackages1765230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'station_key_packages',
        columns: [
          { ...col.string('serial', 40), isPrimary: true },
          col.text('pkcs12_base64', { isNullable: true }),
          col.text('encrypted_key_pem'),
          col.timestamp('created_at'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('station_key_packages');
  }
}
