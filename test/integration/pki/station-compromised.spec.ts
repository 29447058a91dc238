import { randomUUID } from 'node:crypto';
import { AuditEventEntity } from '../../../src/audit/audit-event.entity';
import { SYSTEM_ACTOR } from '../../../src/common/auth/roles';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { JobQueue } from '../../../src/jobs/job-queue';
import { Outbox } from '../../../src/jobs/outbox/outbox.service';
import { OutboxRelay } from '../../../src/jobs/outbox/outbox.relay';
import { CertificateEntity } from '../../../src/pki/certificate.entity';
import { CrlService } from '../../../src/pki/crl.service';
import { RevocationService } from '../../../src/pki/revocation.service';
import { startTestApp, TestApp } from '../../helpers/test-app';
import { canonicalSerial, fetchPublic, issueStation, listedSerials, openssl, tempDir, write } from './pki-test-tools';

// real openssl / OpenVPN processes and RSA key generation on a 2-core machine shared with other suites
jest.setTimeout(120_000);

async function settle(t: TestApp): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((await t.get(OutboxRelay).pendingCount()) > 0) {
    if (Date.now() > deadline) throw new Error('outbox did not drain');
    await new Promise((r) => setTimeout(r, 50));
  }
  await t.get(JobQueue).drain(20_000);
}

/**
 * Inventory records `pki.station-compromised` through the outbox when a laptop is lost or stolen: every
 * certificate bound to it is revoked as keyCompromise and the CRL republished at once; running it again
 * changes nothing.
 */
describe('pki.station-compromised: a lost laptop loses its certificates at once', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await startTestApp();
    dir = tempDir();
  });
  afterAll(() => t.close());

  it('revokes the valid and held certificates of that laptop (keyCompromise), leaves others alone, and is idempotent', async () => {
    const lost = randomUUID();
    const other = randomUUID();
    const a1 = await issueStation(t, { username: 'mrossi', assetTag: 'PO-100', stationAssetId: lost, generateKey: true });
    const a2 = await issueStation(t, { username: 'mrossi', assetTag: 'PO-100', stationAssetId: lost, generateKey: true });
    const b1 = await issueStation(t, { username: 'lneri', assetTag: 'PO-200', stationAssetId: other, generateKey: true });
    await t.get(UnitOfWork).run((tx) => t.get(RevocationService).revoke(tx, a2.serial, 'certificateHold', SYSTEM_ACTOR));
    await settle(t);
    const before = (await t.get(CrlService).current()).crlNumber;

    const reportedAt = new Date().toISOString();
    await t
      .get(UnitOfWork)
      .run((tx) => t.get(Outbox).record(tx, 'pki.station-compromised', { assetId: lost, reportedAt }, { jobId: `pki-compromised-${lost}-r1` }));
    await settle(t);

    const rows = await t.dataSource.getRepository(CertificateEntity).find({ where: { stationAssetId: lost } });
    expect(rows.map((r) => [r.status, r.revocationReason])).toEqual([
      ['revoked', 'keyCompromise'],
      ['revoked', 'keyCompromise'],
    ]);
    expect((await t.dataSource.getRepository(CertificateEntity).findOneByOrFail({ serial: b1.serial })).status).toBe('valid');

    const { caFile, crlFile } = await fetchPublic(t, dir);
    const crlText = (await openssl(['crl', '-in', crlFile, '-noout', '-text'])).stdout.toLowerCase();
    const listed = listedSerials(crlText);
    for (const s of [a1.serial, a2.serial]) expect(listed).toContain(canonicalSerial(s));
    expect(listed).not.toContain(canonicalSerial(b1.serial));
    expect(crlText).not.toContain('certificate hold');
    const refused = await openssl(['verify', '-crl_check', '-CAfile', caFile, '-CRLfile', crlFile, write(dir, 'a1.pem', a1.certificatePem)]);
    expect(refused.stdout + refused.stderr).toMatch(/error 23/);
    const after = (await t.get(CrlService).current()).crlNumber;
    expect(after).toBeGreaterThan(before);

    // a second report (another report id, or a retry) finds nothing left to revoke and changes nothing
    await expect(t.get(RevocationService).stationCompromised(lost, reportedAt)).resolves.toBe('skipped');
    await t
      .get(UnitOfWork)
      .run((tx) => t.get(Outbox).record(tx, 'pki.station-compromised', { assetId: lost, reportedAt }, { jobId: `pki-compromised-${lost}-r2` }));
    await settle(t);
    expect((await t.get(CrlService).current()).crlNumber).toBe(after);
    const events = await t.dataSource.getRepository(AuditEventEntity).find({ where: { action: 'certificate.revoked' } });
    expect(events.map((e) => e.entityId).sort()).toEqual([a1.serial, a2.serial].sort());
    expect(events.every((e) => JSON.parse(e.summary).reason === 'keyCompromise')).toBe(true);
  });
});
