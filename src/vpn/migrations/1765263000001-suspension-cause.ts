import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '../../database/migrations/columns';

/**
 * Why a VPN account is suspended (`suspension_cause`: operator, agreement or offboarding; with
 * `suspension_agreement_id` for an agreement's suspension), so resuming an agreement resumes only the accounts its
 * suspension stopped. Existing suspensions: offboarding's by their reason text, the others the hot-line's. The holds
 * those suspensions placed on certificates (the account's current certificate, on hold) become the account's:
 * only resuming the account lifts them (after the PKI's hold_owner migration, 1765263000000).
 */
export class VpnSuspensionCause1765263000001 implements MigrationInterface {
  name = 'VpnSuspensionCause1765263000001';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('vpn_accounts', [
      new TableColumn(col.string('suspension_cause', 20, { isNullable: true })),
      new TableColumn(col.ref('suspension_agreement_id', { isNullable: true })),
    ]);
    await q.query(
      `UPDATE vpn_accounts SET suspension_cause = CASE WHEN suspension_reason LIKE 'offboarding:%' THEN 'offboarding' ELSE 'operator' END
        WHERE state = 'suspended'`,
    );
    await q.query(
      `UPDATE certificates SET hold_owner = 'vpn-account'
        WHERE status = 'on_hold'
          AND serial IN (SELECT current_serial FROM vpn_accounts WHERE state = 'suspended' AND current_serial IS NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE certificates SET hold_owner = 'manual' WHERE hold_owner = 'vpn-account'`);
    await q.dropColumns('vpn_accounts', ['suspension_cause', 'suspension_agreement_id']);
  }
}
