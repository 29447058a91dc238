import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '../../database/migrations/columns';

/**
 * `certificates.hold_owner`: who placed the current hold (`manual`: the hot-line through the certificates API;
 * `vpn-account`: a VPN account's suspension), so a hold the account lifecycle placed can be lifted only by resuming
 * the account. Existing holds count as manual here; the VPN feature's migration that follows marks the ones its
 * suspensions placed (only it knows its accounts).
 */
export class CertificateHoldOwner1765263000000 implements MigrationInterface {
  name = 'CertificateHoldOwner1765263000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('certificates', new TableColumn(col.string('hold_owner', 20, { isNullable: true })));
    await q.query(`UPDATE certificates SET hold_owner = 'manual' WHERE status = 'on_hold'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('certificates', 'hold_owner');
  }
}
