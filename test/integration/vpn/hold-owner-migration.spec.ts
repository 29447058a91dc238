import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../../src/config/app-config';
import { dataSourceOptions, runMigrations } from '../../../src/database/data-source';
import { migrations } from '../../../src/database/migrations';
import { CertificateHoldOwner1765263000000 } from '../../../src/pki/migrations/1765263000000-certificate-hold-owner';
import { VpnSuspensionCause1765263000001 } from '../../../src/vpn/migrations/1765263000001-suspension-cause';
import { createTestDatabase, TestDatabase } from '../../helpers/test-db';

const STAMP = '2020-01-01T00:00:00.000Z';

function sql(d: DataSource, text: string, params: Record<string, unknown> = {}): Promise<Record<string, string | null>[]> {
  const [query, values] = d.driver.escapeQueryWithParameters(text, params, {});
  return d.query(query, values);
}

/**
 * The hold owner and suspension cause migrations on a database that already has suspended accounts and held
 * certificates (whichever database the runner selected): the holds the accounts' suspensions placed become the
 * accounts' (only resuming lifts them), a hold placed through the certificates API stays manual, the suspensions
 * get their cause; and the way back down.
 */
describe('migration: certificate hold owner and VPN suspension cause', () => {
  let db: TestDatabase;
  let config: ReturnType<typeof loadConfig>;
  let ds: DataSource | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: db.dataDir, CA_PASSPHRASE: 'test-ca-passphrase-not-secret', ...db.env });
  });
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await db.drop();
  });

  async function certificate(d: DataSource, status: string, vpnAccountId: string | null): Promise<string> {
    const serial = randomUUID().replace(/-/g, '').slice(0, 20);
    await sql(
      d,
      `INSERT INTO certificates (id, serial, kind, subject_cn, vpn_account_id, key_origin, issuer_fingerprint, not_before, not_after, status, revoked_at, revocation_reason, pem, fingerprint_sha256, created_at, created_by, updated_at)
       VALUES (:id, :serial, 'station', 'x', :vpnAccountId, 'csr', :issuer, :stamp, '2099-01-01T00:00:00.000Z', :status, :revokedAt, :reason, 'x', :fp, :stamp, 't', :stamp)`,
      {
        id: randomUUID(),
        serial,
        vpnAccountId,
        issuer: 'f'.repeat(64),
        stamp: STAMP,
        status,
        revokedAt: status === 'valid' ? null : STAMP,
        reason: status === 'on_hold' ? 'certificateHold' : status === 'revoked' ? 'keyCompromise' : null,
        fp: randomUUID().replace(/-/g, '').padEnd(64, '0'),
      },
    );
    return serial;
  }

  async function account(d: DataSource, state: string, serial: string | null, suspensionReason: string | null): Promise<string> {
    const id = randomUUID();
    await sql(
      d,
      `INSERT INTO vpn_accounts (id, employee_id, username, profile, state, current_serial, suspended_from, suspension_reason, requested_at, created_by, created_at, updated_at, version)
       VALUES (:id, :employeeId, :username, 'dipendenti', :state, :serial, :from, :reason, :stamp, 't', :stamp, :stamp, 1)`,
      {
        id,
        employeeId: randomUUID(),
        username: `u${id.slice(0, 8)}`,
        state,
        serial,
        from: state === 'suspended' ? 'active' : null,
        reason: suspensionReason,
        stamp: STAMP,
      },
    );
    return id;
  }

  it("marks the holds of suspended accounts as theirs, keeps other holds manual, records the suspensions' causes, and goes back down", async () => {
    ds = new DataSource({
      ...dataSourceOptions(config),
      migrations: migrations.filter((m) => m !== CertificateHoldOwner1765263000000 && m !== VpnSuspensionCause1765263000001),
    });
    await ds.initialize();
    await runMigrations(ds);

    const heldSerial = await certificate(ds, 'on_hold', null);
    const hotlineSuspended = await account(ds, 'suspended', heldSerial, 'Congedo di tre mesi');
    const offboarded = await account(ds, 'suspended', null, 'offboarding: agreement_ended (2024-05-31)');
    const manualSerial = await certificate(ds, 'on_hold', null);
    const active = await account(ds, 'active', manualSerial, null);
    const validSerial = await certificate(ds, 'valid', null);
    await ds.destroy();

    ds = new DataSource({ ...dataSourceOptions(config), migrations });
    await ds.initialize();
    expect(await runMigrations(ds)).toEqual(['CertificateHoldOwner1765263000000', 'VpnSuspensionCause1765263000001']);
    const owners = new Map((await sql(ds, 'SELECT serial, hold_owner FROM certificates')).map((r) => [r.serial, r.hold_owner]));
    expect(owners.get(heldSerial)).toBe('vpn-account');
    expect(owners.get(manualSerial)).toBe('manual');
    expect(owners.get(validSerial)).toBeNull();
    const causes = new Map((await sql(ds, 'SELECT id, suspension_cause, suspension_agreement_id FROM vpn_accounts')).map((r) => [r.id, r]));
    expect(causes.get(hotlineSuspended)).toEqual({ id: hotlineSuspended, suspension_cause: 'operator', suspension_agreement_id: null });
    expect(causes.get(offboarded)).toMatchObject({ suspension_cause: 'offboarding' });
    expect(causes.get(active)).toMatchObject({ suspension_cause: null });

    await ds.undoLastMigration({ transaction: 'each' });
    await ds.undoLastMigration({ transaction: 'each' });
    const columns = async (table: string) => (await ds!.createQueryRunner().getTable(table))!.columns.map((c) => c.name);
    expect(await columns('certificates')).not.toContain('hold_owner');
    expect(await columns('vpn_accounts')).not.toContain('suspension_cause');
    expect(await columns('vpn_accounts')).not.toContain('suspension_agreement_id');
  });
});
