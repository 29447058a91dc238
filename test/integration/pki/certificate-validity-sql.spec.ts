import { randomUUID } from 'node:crypto';
import { CertificateEntity } from '../../../src/pki/certificate.entity';
import { CertificateValidityFacts, expiresBy, wasValid } from '../../../src/pki/domain/certificate-validity';
import { validCertificatesSql } from '../../../src/pki/domain/certificate-validity.sql';
import { MigratedDatabase, openMigratedDatabase } from '../../helpers/migrated-db';

const CASES: Record<string, CertificateValidityFacts> = {
  'valid, ends within 30 days': { createdAt: '2021-01-15T10:00:00.000Z', notAfter: '2022-01-15T10:00:00.000Z', revokedAt: null },
  'valid, ends later': { createdAt: '2021-03-15T10:00:00.000Z', notAfter: '2022-03-15T10:00:00.000Z', revokedAt: null },
  'revoked afterwards': { createdAt: '2021-01-10T10:00:00.000Z', notAfter: '2022-01-10T10:00:00.000Z', revokedAt: '2022-01-05T10:00:00.000Z' },
  'revoked exactly then': { createdAt: '2021-01-10T10:00:00.000Z', notAfter: '2022-01-10T10:00:00.000Z', revokedAt: '2021-12-31T23:00:00.000Z' },
  'revoked before': { createdAt: '2021-01-10T10:00:00.000Z', notAfter: '2022-01-10T10:00:00.000Z', revokedAt: '2021-06-05T10:00:00.000Z' },
  'expired before': { createdAt: '2020-12-01T10:00:00.000Z', notAfter: '2021-12-01T10:00:00.000Z', revokedAt: null },
  'ends exactly then': { createdAt: '2020-12-31T23:00:00.000Z', notAfter: '2021-12-31T23:00:00.000Z', revokedAt: null },
  'issued after': { createdAt: '2022-01-02T10:00:00.000Z', notAfter: '2023-01-02T10:00:00.000Z', revokedAt: null },
};

const POINTS = [
  { at: '2021-12-31T23:00:00.000Z', until: '2022-01-30T23:00:00.000Z' },
  { at: '2021-06-05T10:00:00.000Z', until: '2021-07-05T10:00:00.000Z' },
  { at: '2022-01-10T10:00:00.000Z', until: '2022-02-09T10:00:00.000Z' },
];

/** The PKI's published SQL (domain/certificate-validity.sql.ts) answers what `wasValid`/`expiresBy` answer, on a real database. */
describe('certificate validity: the SQL twin answers what the TypeScript rule answers', () => {
  let db: MigratedDatabase;

  beforeAll(async () => {
    db = await openMigratedDatabase();
    for (const c of Object.values(CASES)) {
      const id = randomUUID();
      // not_after is unique per case, so it names the case in the answer.
      await db.ds.getRepository(CertificateEntity).insert({
        id,
        serial: randomUUID().replace(/-/g, '').slice(0, 20),
        kind: 'station',
        subjectCn: 'x',
        assetTag: null,
        stationAssetId: null,
        employeeId: null,
        vpnAccountId: null,
        keyOrigin: 'csr',
        issuerFingerprint: 'f'.repeat(64),
        notBefore: c.createdAt,
        notAfter: c.notAfter,
        status: c.revokedAt ? 'revoked' : 'valid',
        revokedAt: c.revokedAt,
        revocationReason: c.revokedAt ? 'superseded' : null,
        holdOwner: null,
        supersededBy: null,
        pem: 'x',
        fingerprintSha256: randomUUID().replace(/-/g, '').padEnd(64, '0'),
        createdAt: c.createdAt,
        createdBy: 't',
        updatedAt: c.createdAt,
      });
    }
  });
  afterAll(() => db.close());

  it.each(POINTS)('wasValid and expiresBy at $at', async ({ at, until }) => {
    const rows = await db.query(`SELECT c.not_after AS not_after FROM (${validCertificatesSql('at')}) c`, { at });
    const valid = Object.entries(CASES).filter(([, c]) => wasValid(c, at));
    expect(rows.map((r) => String(r.not_after)).sort()).toEqual(valid.map(([, c]) => c.notAfter).sort());
    const expiring = await db.query(`SELECT COUNT(*) AS n FROM (${validCertificatesSql('at')}) c WHERE c.not_after <= :until`, { at, until });
    expect(Number(expiring[0].n)).toBe(Object.values(CASES).filter((c) => expiresBy(c, at, until)).length);
  });
});
